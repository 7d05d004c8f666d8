"""`/team`: owners and admins see who works in the shop and remove someone who left, so a former helper
can no longer see or move orders."""

from __future__ import annotations

import pytest
from engine_harness import ADMIN, GROUP, OWNER, STAFF, Message, Phone, clock, make_shop
from sqlalchemy.engine import Engine as Database

from bot.engine import Engine
from bot.engine.events import Action, Incoming
from bot.i18n import Translator
from core import shops
from storage.db import unit_of_work

LOCALES = ["id", "vi", "en"]


@pytest.fixture
def phone(engine: Database) -> Phone:
    return Phone(Engine(engine, now=clock))


def team_of(engine: Database, shop: int) -> list[tuple[int, str]]:
    with unit_of_work(engine) as s:
        return [(user, str(role)) for user, role in shops.members(s, shop)]


def stale_press(phone: Phone, user: int, message: Message, data: str) -> list[Action]:
    """A press of a button the message no longer shows (another phone's old copy, or a forged one)."""
    return phone.perform(phone.engine.handle(Incoming(
        chat_id=message.chat_id, chat_type="private", user_id=user, update_id=9700,
        message_id=message.message_id, callback_id="old", callback_data=data)))


@pytest.mark.parametrize("locale", LOCALES)
def test_the_owner_sees_the_team_and_removes_a_staff_member_after_saying_yes(
        engine: Database, phone: Phone, locale: str) -> None:
    t = Translator(locale)
    shop = make_shop(engine, locale)
    for who in (ADMIN, STAFF):
        phone.say(who, "/help")  # they have written to the bot: their names are known

    phone.say(OWNER, "/team")
    listing = phone.last(OWNER)
    assert listing.text.splitlines()[:4] == [
        str(t("team.title", shop="Toko Rina")),
        str(t("team.you", name="Rina", role=t("role.owner"))),
        str(t("team.line", name="Adi", role=t("role.admin"))),
        str(t("team.line", name="Sari", role=t("role.staff")))]
    assert [b.label for row in listing.buttons for b in row] == [
        str(t("team.remove", name="Adi")), str(t("team.remove", name="Sari"))]

    phone.press(OWNER, listing, str(t("team.remove", name="Sari")))
    assert listing.text == str(t("team.confirm", name="Sari", role=t("role.staff"), shop="Toko Rina"))
    assert team_of(engine, shop) == [(OWNER, "owner"), (ADMIN, "admin"), (STAFF, "staff")]  # not yet
    phone.press(OWNER, listing, str(t("team.yes")))

    assert team_of(engine, shop) == [(OWNER, "owner"), (ADMIN, "admin")]
    assert listing.text.startswith(str(t("team.removed", name="Sari", shop="Toko Rina")))
    assert "Sari" not in listing.text.split("\n\n", 1)[1]
    assert phone.texts(phone.say(STAFF, "/packed 1001", chat=GROUP)) == str(t("error.not_member"))


def test_back_keeps_everyone_and_a_second_phone_s_stale_button_removes_nothing(
        engine: Database, phone: Phone) -> None:
    t = Translator("en")
    shop = make_shop(engine, "en")
    phone.say(OWNER, "/team")
    listing = phone.last(OWNER)
    staff_button = next(b for row in listing.buttons for b in row if b.data.endswith(f":{STAFF}"))

    phone.press(OWNER, listing, staff_button)
    phone.press(OWNER, listing, str(t("team.back")))
    assert listing.text.startswith(str(t("team.title", shop="Toko Rina")))
    assert len(team_of(engine, shop)) == 3

    phone.say(ADMIN, "/team")  # the admin removes Sari; the owner's old card still offers it
    theirs = phone.last(ADMIN)
    phone.press(ADMIN, theirs, staff_button)
    phone.press(ADMIN, theirs, str(t("team.yes")))
    again = stale_press(phone, OWNER, listing, f"t:ok:{STAFF}")

    assert str(t("team.gone")) in phone.texts(again)
    assert team_of(engine, shop) == [(OWNER, "owner"), (ADMIN, "admin")]


def test_an_admin_may_remove_staff_but_not_the_owner(engine: Database, phone: Phone) -> None:
    t = Translator("id")
    shop = make_shop(engine, "id")
    phone.say(ADMIN, "/team")
    listing = phone.last(ADMIN)

    assert [b.data for row in listing.buttons for b in row] == [f"t:rm:{STAFF}"]
    refused = phone.texts(stale_press(phone, ADMIN, listing, f"t:ok:{OWNER}"))  # a forged press

    assert refused == str(t("error.forbidden", role=t("role.admin")))
    assert (OWNER, "owner") in team_of(engine, shop)


def test_staff_cannot_open_the_team(engine: Database, phone: Phone) -> None:
    t = Translator("vi")
    make_shop(engine, "vi")
    assert phone.texts(phone.say(STAFF, "/team")) == str(t("error.forbidden", role=t("role.staff")))
