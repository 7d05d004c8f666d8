"""`/team`: who works in the shop, and removing someone who left (a press, then a second to be sure);
`/leave`: stepping out of a shop oneself, the same way.

Until they are removed, a former helper can still see and move every order from their phone."""

from __future__ import annotations

from markupsafe import Markup

from bot.engine.engine import MANAGERS, MEMBERS, Turn
from bot.engine.events import Button, Edit, Keyboard
from core import shops


def team(turn: Turn, args: str) -> None:
    shop = turn.need(MANAGERS, "manage the team")
    text, buttons = _listing(turn, shop.id)
    turn.send(text, buttons)


def leave(turn: Turn, args: str) -> None:
    """`/leave`: asks to be sure; a shop's only owner may not leave it ownerless."""
    shop = turn.need(MEMBERS, "leave")
    owners = [user for user, role in shops.members(turn.s, shop.id) if role == "owner"]
    if owners == [turn.user]:
        return turn.say("team.last_owner", shop=shop.name)
    turn.send(turn.tr("team.leave_confirm", shop=shop.name),
              [[Button(str(turn.tr("team.leave_yes")), f"t:leave:{shop.id}-{turn.user}"),
                Button(str(turn.tr("team.stay")), f"t:stay:0-{turn.user}")]])


def _leave_press(turn: Turn, what: str, whose: str) -> None:
    """The buttons of /leave are for whoever sent it: in a group, another member's press does nothing."""
    shop_id, _, user = whose.partition("-")
    if user != str(turn.user) or not shop_id.isdigit():
        return turn.answer()
    turn.answer()
    if what == "stay":
        return _edit(turn, turn.tr("team.stayed"), [])
    shop = shops.get_shop(turn.s, int(shop_id))
    if shops.role_of(turn.s, shop.id, turn.user) is None:
        return _edit(turn, turn.tr("team.left", shop=shop.name), [])  # pressed twice, or removed meanwhile
    shops.remove_member(turn.s, shop.id, turn.user, by_user=turn.user)
    _edit(turn, turn.tr("team.left", shop=shop.name), [])


def press(turn: Turn, data: str) -> None:
    """`t:rm:USER` asks to be sure, `t:ok:USER` removes, `t:back` shows the team again; `t:leave:SHOP`
    and `t:stay` answer /leave."""
    _, what, user = (data.split(":") + ["", ""])[:3]
    if what in ("leave", "stay"):
        return _leave_press(turn, what, user)
    shop = turn.need(MANAGERS, "manage the team")
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
