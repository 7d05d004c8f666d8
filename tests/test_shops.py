"""Shops, members, invites and group chats, on SQLite and PostgreSQL."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine

from core import products, shops
from core.catalog import CatalogRow
from core.errors import Forbidden, InvalidInvite, InvalidValue, NotAMember, UnknownShop
from storage.db import unit_of_work

T0 = datetime(2026, 1, 5, 3, 0, tzinfo=UTC)


def _shop(engine: Engine, name: str = "Toko Budi", owner: int | None = 1) -> shops.ShopView:
    with unit_of_work(engine) as s:
        return shops.create_shop(s, name=name, currency="IDR", locale="id", timezone="Asia/Jakarta",
                                 owner_user_id=owner)


def test_a_new_shop_has_its_currency_locale_time_zone_and_owner(engine: Engine) -> None:
    shop = _shop(engine)
    with unit_of_work(engine) as s:
        assert shops.get_shop(s, shop.id) == shop
        assert (shop.currency, shop.locale, shop.timezone) == ("IDR", "id", "Asia/Jakarta")
        assert shops.role_of(s, shop.id, 1) == "owner"
        assert shops.shops_of_user(s, 1) == [(shop, "owner")]


@pytest.mark.parametrize(("field", "value"), [("currency", "RPH"), ("locale", "fr"),
                                              ("timezone", "Asia/Atlantis"), ("name", "  ")])
def test_a_shop_with_an_unknown_setting_is_refused_by_name(engine: Engine, field: str, value: str) -> None:
    args = {"name": "Toko", "currency": "IDR", "locale": "id", "timezone": "Asia/Jakarta", field: value}
    with pytest.raises(InvalidValue) as err, unit_of_work(engine) as s:
        shops.create_shop(s, **args)
    assert err.value.field == field
    with unit_of_work(engine) as s:
        assert shops.list_shops(s) == []


def test_a_shop_can_be_renamed_and_moved_to_another_time_zone(engine: Engine) -> None:
    shop = _shop(engine)
    with unit_of_work(engine) as s:
        after = shops.update_shop(s, shop.id, name="Toko Baru", timezone="Asia/Makassar", locale="en")
    assert (after.name, after.timezone, after.locale) == ("Toko Baru", "Asia/Makassar", "en")
    assert after.currency == "IDR"


def test_the_currency_is_fixed_once_the_shop_has_products(engine: Engine) -> None:
    shop = _shop(engine)
    with unit_of_work(engine) as s:
        assert shops.update_shop(s, shop.id, currency="vnd").currency == "VND"
        products.import_products(s, shop.id, [CatalogRow(sku="A", name="A", price=1)])  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="cannot change"), unit_of_work(engine) as s:
        shops.update_shop(s, shop.id, currency="IDR")


def test_a_shop_is_found_by_id_or_by_name_in_any_case(engine: Engine) -> None:
    a, b = _shop(engine, "Toko Budi"), _shop(engine, "Kedai Sari")
    with unit_of_work(engine) as s:
        assert shops.find_shop(s, str(b.id)) == b
        assert shops.find_shop(s, "toko budi") == a
        assert shops.list_shops(s) == [a, b]
        with pytest.raises(UnknownShop):
            shops.find_shop(s, "Toko Lain")
        with pytest.raises(UnknownShop):
            shops.get_shop(s, 999)


def test_require_role_tells_strangers_from_members_without_the_right(engine: Engine) -> None:
    shop = _shop(engine)
    with unit_of_work(engine) as s:
        shops.add_member(s, shop.id, 2, "staff", by_user=1)
        assert shops.require_role(s, shop.id, 1, "see costs", ("owner", "admin")) == "owner"
        with pytest.raises(Forbidden):
            shops.require_role(s, shop.id, 2, "see costs", ("owner", "admin"))
        with pytest.raises(NotAMember):
            shops.require_role(s, shop.id, 3, "take orders")


def test_admins_add_staff_but_only_owners_make_owners(engine: Engine) -> None:
    shop = _shop(engine)
    with unit_of_work(engine) as s:
        shops.add_member(s, shop.id, 2, "admin", by_user=1)
        shops.add_member(s, shop.id, 3, "staff", by_user=2)
        with pytest.raises(Forbidden):
            shops.add_member(s, shop.id, 4, "owner", by_user=2)
        with pytest.raises(Forbidden):
            shops.add_member(s, shop.id, 4, "staff", by_user=3)
        assert shops.role_of(s, shop.id, 3) == "staff"
        assert shops.role_of(s, shop.id, 4) is None


def test_members_can_leave_but_the_last_owner_cannot(engine: Engine) -> None:
    shop = _shop(engine)
    with unit_of_work(engine) as s:
        shops.add_member(s, shop.id, 3, "staff")
        shops.remove_member(s, shop.id, 3, by_user=3)
        assert shops.role_of(s, shop.id, 3) is None
        with pytest.raises(Forbidden):
            shops.remove_member(s, shop.id, 1, by_user=1)
        with pytest.raises(NotAMember):
            shops.remove_member(s, shop.id, 3, by_user=1)


def test_an_invite_lets_one_person_join_once_with_its_role(engine: Engine) -> None:
    shop = _shop(engine)
    with unit_of_work(engine) as s:
        code = shops.create_invite(s, shop.id, "staff", by_user=1, now=T0)
    assert len(code) <= 20 and code.replace("-", "").replace("_", "").isalnum()
    with unit_of_work(engine) as s:
        assert shops.join_shop(s, code, 7, now=T0 + timedelta(hours=1)) == (shop, "staff")
    with pytest.raises(InvalidInvite) as err, unit_of_work(engine) as s:
        shops.join_shop(s, code, 8, now=T0 + timedelta(hours=2))
    assert err.value.reason == "used"


def test_an_expired_or_unknown_invite_is_refused_with_its_reason(engine: Engine) -> None:
    shop = _shop(engine)
    with unit_of_work(engine) as s:
        code = shops.create_invite(s, shop.id, "admin", by_user=1, ttl=timedelta(days=1), now=T0)
    for text, when, reason in ((code, T0 + timedelta(days=2), "expired"), ("nope", T0, "unknown")):
        with pytest.raises(InvalidInvite) as err, unit_of_work(engine) as s:
            shops.join_shop(s, text, 9, now=when)
        assert err.value.reason == reason


def test_staff_cannot_invite_and_admins_cannot_invite_owners(engine: Engine) -> None:
    shop = _shop(engine)
    with unit_of_work(engine) as s:
        shops.add_member(s, shop.id, 2, "admin")
        shops.add_member(s, shop.id, 3, "staff")
        with pytest.raises(Forbidden):
            shops.create_invite(s, shop.id, "staff", by_user=3)
        with pytest.raises(Forbidden):
            shops.create_invite(s, shop.id, "owner", by_user=2)
        with pytest.raises(NotAMember):
            shops.create_invite(s, shop.id, "staff", by_user=99)
        assert shops.create_invite(s, shop.id, "admin", by_user=2)


def test_joining_again_never_lowers_a_role(engine: Engine) -> None:
    shop = _shop(engine)
    with unit_of_work(engine) as s:
        code = shops.create_invite(s, shop.id, "staff", by_user=1)
        assert shops.join_shop(s, code, 1) == (shop, "owner")


def test_a_group_chat_serves_the_shop_it_is_bound_to(engine: Engine) -> None:
    shop, other = _shop(engine), _shop(engine, "Kedai Sari", owner=5)
    with unit_of_work(engine) as s:
        shops.bind_group(s, shop.id, -1001, by_user=1)
        shops.bind_group(s, shop.id, -1002, by_user=1)
        assert shops.shop_of_chat(s, -1001) == shop
        assert shops.groups_of_shop(s, shop.id) == [-1002, -1001]
        assert shops.groups_of_shop(s, other.id) == []
        shops.unbind_group(s, shop.id, -1001, by_user=1)
        assert shops.shop_of_chat(s, -1001) is None


def test_only_owners_and_admins_bind_groups(engine: Engine) -> None:
    shop = _shop(engine)
    with unit_of_work(engine) as s:
        shops.add_member(s, shop.id, 3, "staff")
        with pytest.raises(Forbidden):
            shops.bind_group(s, shop.id, -1001, by_user=3)
        with pytest.raises(NotAMember):
            shops.bind_group(s, shop.id, -1001, by_user=99)


def test_a_group_cannot_be_taken_over_by_another_shops_owner(engine: Engine) -> None:
    shop, other = _shop(engine), _shop(engine, "Kedai Sari", owner=5)
    with unit_of_work(engine) as s:
        shops.bind_group(s, shop.id, -1001, by_user=1)
        with pytest.raises(NotAMember):
            shops.bind_group(s, other.id, -1001, by_user=5)
        shops.unbind_group(s, other.id, -1001, by_user=5)  # not its group: nothing happens
        assert shops.shop_of_chat(s, -1001) == shop
