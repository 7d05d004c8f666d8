"""`/team`: who works in the shop, and removing someone who left (a press, then a second to be sure).

Until they are removed, a former helper can still see and move every order from their phone."""

from __future__ import annotations

from markupsafe import Markup

from bot.engine.engine import MANAGERS, Turn
from bot.engine.events import Button, Edit, Keyboard
from core import shops


def team(turn: Turn, args: str) -> None:
    shop = turn.need(MANAGERS, "manage the team")
    text, buttons = _listing(turn, shop.id)
    turn.send(text, buttons)


def press(turn: Turn, data: str) -> None:
    """`t:rm:USER` asks to be sure, `t:ok:USER` removes, `t:back` shows the team again."""
    shop = turn.need(MANAGERS, "manage the team")
    _, what, user = (data.split(":") + ["", ""])[:3]
    people = dict(shops.members(turn.s, shop.id))
    who = int(user) if user.isdigit() else None
    if what in ("rm", "ok") and who not in people:
        turn.answer(turn.tr("team.gone"))  # removed meanwhile, from another phone
        return _show(turn, shop.id)
    if what == "rm" and who is not None:
        turn.answer()
        text = turn.tr("team.confirm", name=_names(turn, {who})[who], shop=shop.name,
                       role=turn.tr(f"role.{people[who]}"))
        return _edit(turn, text, [[Button(str(turn.tr("team.yes")), f"t:ok:{who}"),
                                   Button(str(turn.tr("team.back")), "t:back")]])
    if what == "ok" and who is not None:
        name = _names(turn, {who})[who]
        shops.remove_member(turn.s, shop.id, who, by_user=turn.user)
        turn.answer()
        return _show(turn, shop.id, turn.tr("team.removed", name=name, shop=shop.name))
    turn.answer()
    return _show(turn, shop.id)


def _names(turn: Turn, users: set[int]) -> dict[int, str]:
    known = turn.engine.names(turn.conn, users)
    return {u: known.get(u) or f"ID {u}" for u in users}


def _listing(turn: Turn, shop_id: int) -> tuple[Markup, Keyboard]:
    people = shops.members(turn.s, shop_id)
    names = _names(turn, {user for user, _ in people})
    lines = [turn.tr("team.you" if user == turn.user else "team.line", name=names[user],
                     role=turn.tr(f"role.{role}")) for user, role in people]
    removable = [user for user, role in people
                 if user != turn.user and turn.role and shops.may_manage(turn.role, role)]
    buttons = [[Button(str(turn.tr("team.remove", name=names[user])), f"t:rm:{user}")] for user in removable]
    shop = turn.shop.name if turn.shop else ""
    hint = turn.tr("team.hint" if removable else "team.hint_add")
    return Markup("\n").join([turn.tr("team.title", shop=shop), *lines, Markup(""), hint]), buttons


def _show(turn: Turn, shop_id: int, note: Markup | None = None) -> None:
    text, buttons = _listing(turn, shop_id)
    _edit(turn, Markup("\n\n").join([note, text]) if note else text, buttons)


def _edit(turn: Turn, text: Markup, buttons: Keyboard) -> None:
    if turn.event.message_id is not None:
        turn.actions.append(Edit(turn.event.chat_id, turn.event.message_id, str(text), buttons))
    else:
        turn.send(text, buttons)
