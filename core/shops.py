"""Shops and their people: members with roles, invite codes, and group chats bound to a shop."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.numbers import is_currency
from sqlalchemy import bindparam, func, update
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from core.errors import Forbidden, InvalidInvite, InvalidValue, NotAMember, UnknownShop
from storage.db import Tx, connection_of
from storage.models import GroupChat, Invite, Member, Order, Product, Shop, table
from storage.sql import Statement

Role = Literal["owner", "admin", "staff"]
ROLES: tuple[Role, ...] = ("owner", "admin", "staff")
LOCALES = ("id", "vi", "en")
MANAGERS: tuple[str, ...] = ("owner", "admin")
_RANK = {"owner": 0, "admin": 1, "staff": 2}


@dataclass(frozen=True)
class ShopView:
    id: int
    name: str
    currency: str
    locale: str
    timezone: str

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def _view(shop: Shop) -> ShopView:
    assert shop.id is not None
    return ShopView(shop.id, shop.name, shop.currency, shop.locale, shop.timezone)


# The look-ups every chat event makes (who is this, which shop, what role), as plain statements
# built once and run on the DBAPI cursor (storage.sql): a row of five columns costs a fraction of
# loading an ORM object.
_S, _M, _G = table(Shop), table(Member), table(GroupChat)
_VIEW_COLUMNS = (_S.c.id, _S.c.name, _S.c.currency, _S.c.locale, _S.c.timezone)
_SHOP = Statement(core_select(*_VIEW_COLUMNS).where(_S.c.id == bindparam("shop")))
_ROLE = Statement(core_select(_M.c.role).where(_M.c.shop_id == bindparam("shop"),
                                               _M.c.user_id == bindparam("user")))
_SHOPS_OF_USER = Statement(core_select(*_VIEW_COLUMNS, _M.c.role).join(_M, _M.c.shop_id == _S.c.id)
                           .where(_M.c.user_id == bindparam("user")).order_by(_S.c.id))
_SHOP_OF_CHAT = Statement(core_select(*_VIEW_COLUMNS).join(_G, _G.c.shop_id == _S.c.id)
                          .where(_G.c.chat_id == bindparam("chat")))
_GROUPS_OF_SHOP = Statement(core_select(_G.c.chat_id).where(_G.c.shop_id == bindparam("shop"))
                            .order_by(_G.c.chat_id))


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def _check_currency(currency: str) -> str:
    code = currency.strip().upper()
    if not is_currency(code):
        raise InvalidValue("currency", currency, "is not an ISO 4217 currency code")
    return code


def _check_locale(locale: str) -> str:
    if locale not in LOCALES:
        raise InvalidValue("locale", locale, f"is not one of {', '.join(LOCALES)}")
    return locale


def _check_timezone(timezone: str) -> str:
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidValue("timezone", timezone, "is not a time zone (e.g. Asia/Jakarta)") from None
    return timezone


def _check_role(role: str) -> Role:
    if role not in ROLES:
        raise InvalidValue("role", role, f"is not one of {', '.join(ROLES)}")
    return cast(Role, role)


def _shop(s: Session, shop_id: int) -> Shop:
    shop = s.get(Shop, shop_id)
    if shop is None:
        raise UnknownShop(shop_id)
    return shop


def create_shop(s: Session, *, name: str, currency: str, locale: str, timezone: str,
                owner_user_id: int | None = None) -> ShopView:
    if not name.strip():
        raise InvalidValue("name", name, "is empty")
    shop = Shop(name=name.strip(), currency=_check_currency(currency), locale=_check_locale(locale),
                timezone=_check_timezone(timezone))
    s.add(shop)
    s.flush()
    if owner_user_id is not None:
        assert shop.id is not None
        s.add(Member(shop_id=shop.id, user_id=owner_user_id, role="owner"))
        s.flush()
    return _view(shop)


def update_shop(s: Session, shop_id: int, *, name: str | None = None, currency: str | None = None,
                locale: str | None = None, timezone: str | None = None) -> ShopView:
    shop = _shop(s, shop_id)
    if name is not None:
        if not name.strip():
            raise InvalidValue("name", name, "is empty")
        shop.name = name.strip()
    if currency is not None:
        code = _check_currency(currency)
        if code != shop.currency and _has_money(s, shop_id):
            # Stored amounts are minor units of the old currency; converting them is not a rename.
            raise InvalidValue("currency", currency, "cannot change once the shop has products or orders")
        shop.currency = code
    if locale is not None:
        shop.locale = _check_locale(locale)
    if timezone is not None:
        shop.timezone = _check_timezone(timezone)
    s.add(shop)
    s.flush()
    return _view(shop)


def _has_money(s: Session, shop_id: int) -> bool:
    for model in (Product, Order):
        if s.exec(select(model.id).where(model.shop_id == shop_id).limit(1)).first() is not None:
            return True
    return False


def get_shop(s: Session, shop_id: int) -> ShopView:
    row = _SHOP.run(s.connection(), {"shop": shop_id}).fetchone()
    if row is None:
        raise UnknownShop(shop_id)
    return ShopView(*row)


def list_shops(s: Session) -> list[ShopView]:
    return [_view(x) for x in s.exec(select(Shop).order_by(col(Shop.id)))]


def find_shop(s: Session, name_or_id: str) -> ShopView:
    """The shop with this id or (case-insensitive) name, as the CLI's --shop gives it."""
    text = name_or_id.strip()
    if text.isdigit():
        shop = s.get(Shop, int(text))
        if shop is not None:
            return _view(shop)
    found = list(s.exec(select(Shop).where(func.lower(Shop.name) == text.lower())))
    if len(found) > 1:
        raise InvalidValue("shop", name_or_id, "names several shops; give its id instead")
    if not found:
        raise UnknownShop(name_or_id)
    return _view(found[0])


def role_of(s: Tx, shop_id: int, user_id: int) -> Role | None:
    row = _ROLE.run(connection_of(s), {"shop": shop_id, "user": user_id}).fetchone()
    return cast(Role, row[0]) if row else None


def shops_of_user(s: Session, user_id: int) -> list[tuple[ShopView, Role]]:
    rows = _SHOPS_OF_USER.run(s.connection(), {"user": user_id}).fetchall()
    return [(ShopView(*row[:5]), cast(Role, row[5])) for row in rows]


def require_role(s: Session, shop_id: int, user_id: int, action: str,
                 roles: tuple[str, ...] = ROLES) -> Role:
    """The user's role in the shop, if it is one of `roles`; NotAMember or Forbidden otherwise."""
    role = role_of(s, shop_id, user_id)
    if role is None:
        raise NotAMember(user_id)
    if role not in roles:
        raise Forbidden(action, role)
    return role


def _may_grant(s: Session, shop_id: int, by_user: int | None, role: str, action: str) -> None:
    """Owners grant anything; admins grant admin and staff; staff grant nothing. None is the system."""
    if by_user is None:
        return
    mine = require_role(s, shop_id, by_user, action, MANAGERS)
    if not may_manage(mine, role):
        raise Forbidden(action, mine)


def add_member(s: Session, shop_id: int, user_id: int, role: str, *, by_user: int | None = None) -> None:
    """Add a member, or change an existing member's role."""
    role = _check_role(role)
    _shop(s, shop_id)
    _may_grant(s, shop_id, by_user, role, f"make someone {role}")
    member = s.get(Member, (shop_id, user_id))
    if member is None:
        member = Member(shop_id=shop_id, user_id=user_id, role=role, added_by=by_user)
    else:
        if member.role == "owner" and role != "owner":
            _keep_an_owner(s, shop_id)
        member.role = role
    s.add(member)
    s.flush()


def remove_member(s: Session, shop_id: int, user_id: int, *, by_user: int | None = None) -> None:
    member = s.get(Member, (shop_id, user_id))
    if member is None:
        raise NotAMember(user_id)
    if by_user != user_id:  # anyone may leave; removing others needs a role at least as high
        _may_grant(s, shop_id, by_user, member.role, "remove this member")
    if member.role == "owner":
        _keep_an_owner(s, shop_id)
    s.delete(member)
    s.flush()


def members(s: Session, shop_id: int) -> list[tuple[int, Role]]:
    """The shop's people, owners first, each rank in the order they joined."""
    rows = s.exec(select(Member.user_id, Member.role).where(Member.shop_id == shop_id)
                  .order_by(col(Member.added_at), col(Member.user_id))).all()
    return sorted(((user, cast(Role, role)) for user, role in rows), key=lambda m: _RANK[m[1]])


def may_manage(mine: str, theirs: str) -> bool:
    """Whether a member in role `mine` may grant role `theirs`, or remove someone who has it: owners
    anyone, admins admins and staff."""
    return mine in MANAGERS and _RANK[theirs] >= _RANK[mine]


def _keep_an_owner(s: Session, shop_id: int) -> None:
    owners = s.exec(select(func.count()).select_from(Member)
                    .where(Member.shop_id == shop_id, Member.role == "owner")).one()
    if owners <= 1:
        raise Forbidden("leave the shop without an owner", "owner")


def create_invite(s: Session, shop_id: int, role: str, *, by_user: int | None,
                  ttl: timedelta = timedelta(days=7), now: datetime | None = None) -> str:
    """A single-use code (url-safe, 16 characters) that lets one person join with `role`."""
    role = _check_role(role)
    _shop(s, shop_id)
    _may_grant(s, shop_id, by_user, role, "invite people")
    at = _now(now)
    code = secrets.token_urlsafe(12)
    s.add(Invite(code=code, shop_id=shop_id, role=role, created_by=by_user, created_at=at,
                 expires_at=at + ttl))
    s.flush()
    return code


def join_shop(s: Session, code: str, user_id: int, *, now: datetime | None = None) -> tuple[ShopView, Role]:
    """Use an invite code; a member who joins again keeps the higher of the two roles."""
    at = _now(now)
    invite = s.get(Invite, code.strip(), with_for_update=True)
    if invite is None:
        raise InvalidInvite("unknown")
    if invite.used_at is not None:
        raise InvalidInvite("used")
    if invite.expires_at <= at:
        raise InvalidInvite("expired")
    # The conditional UPDATE makes the code single-use even when two people press it at once.
    used = s.execute(update(Invite).where(col(Invite.code) == invite.code, col(Invite.used_at).is_(None))
                     .values(used_by=user_id, used_at=at))
    if used.rowcount != 1:  # type: ignore[attr-defined]
        raise InvalidInvite("used")
    member = s.get(Member, (invite.shop_id, user_id))
    if member is None:
        s.add(Member(shop_id=invite.shop_id, user_id=user_id, role=invite.role, added_by=invite.created_by))
        role = invite.role
    else:
        role = min(member.role, invite.role, key=_RANK.__getitem__)
        member.role = role
        s.add(member)
    s.flush()
    return get_shop(s, invite.shop_id), cast(Role, role)


def bind_group(s: Session, shop_id: int, chat_id: int, *, by_user: int | None) -> None:
    """Bind a group chat to the shop (a chat serves one shop; binding again moves it)."""
    _shop(s, shop_id)
    if by_user is not None:
        require_role(s, shop_id, by_user, "bind a group", MANAGERS)
    group = s.get(GroupChat, chat_id)
    if group is not None and group.shop_id != shop_id and by_user is not None:
        # Moving a group away from another shop needs a manager of that shop too.
        require_role(s, group.shop_id, by_user, "bind a group", MANAGERS)
    if group is None:
        group = GroupChat(chat_id=chat_id, shop_id=shop_id, bound_by=by_user)
    group.shop_id, group.bound_by, group.bound_at = shop_id, by_user, datetime.now(UTC)
    s.add(group)
    s.flush()


def unbind_group(s: Session, shop_id: int, chat_id: int, *, by_user: int | None) -> None:
    if by_user is not None:
        require_role(s, shop_id, by_user, "unbind a group", MANAGERS)
    group = s.get(GroupChat, chat_id)
    if group is not None and group.shop_id == shop_id:
        s.delete(group)
        s.flush()


def move_group(s: Session, old_chat_id: int, new_chat_id: int) -> bool:
    """Telegram upgraded a group to a supergroup, which has a new id: the binding follows it. Only
    Telegram reports this (no member can), so nobody's role is checked. False when the old id was not
    bound, or the new one already is (a second report of the same upgrade). Telegram's two reports come
    from two chats at once: the old row is locked, so the second waits for the first and finds it moved."""
    old = s.get(GroupChat, old_chat_id, with_for_update=True)
    if old is None or s.get(GroupChat, new_chat_id) is not None:
        return False
    s.add(GroupChat(chat_id=new_chat_id, shop_id=old.shop_id, bound_by=old.bound_by, bound_at=old.bound_at))
    s.delete(old)
    s.flush()
    return True


def shop_of_chat(s: Session, chat_id: int) -> ShopView | None:
    row = _SHOP_OF_CHAT.run(s.connection(), {"chat": chat_id}).fetchone()
    return ShopView(*row) if row else None


def groups_of_shop(s: Session, shop_id: int) -> list[int]:
    return [row[0] for row in _GROUPS_OF_SHOP.run(s.connection(), {"shop": shop_id}).fetchall()]
