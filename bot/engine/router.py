"""Which handler an event goes to: a button press, a command, an answer to a question, or an order text."""

from __future__ import annotations

import re

from bot.engine import drafts, onboarding, orders, shopdesk, state, team
from bot.engine.commands import COMMANDS, near_command
from bot.engine.engine import MEMBERS, NoShop, Turn

# `/packed 1001`, `/packed@lapak_bot 1001`, and `/packed1001` typed without the space.
_COMMAND = re.compile(r"^/([A-Za-z_]+)(?:@([A-Za-z0-9_]+))?(?:\s+|(?=\d)|$)(.*)$", re.DOTALL)


def dispatch(turn: Turn) -> None:
    ev = turn.event
    if ev.callback_data is not None:
        return press(turn, ev.callback_data)
    if ev.migrated_from is not None:
        return onboarding.group_upgraded(turn, ev.migrated_from)
    if ev.bot_removed:
        return onboarding.bot_removed(turn)
    text = (ev.text or "").strip()
    if ev.edited or (ev.unread and not text):
        # An edit is read only where it made the open draft; an order confirmed from it never changes
        # unseen. The team's photos and stickers in a group are theirs; in private the seller hears why.
        if not turn.in_group and not (ev.edited and drafts.reread(turn, text)):
            turn.say("error.edited" if ev.edited else "error.unread")
        return None
    if ev.document is not None and (not text or text.lower().startswith("/import")):
        turn.need(COMMANDS["import"].roles or MEMBERS, "import")
        return shopdesk.import_document(turn, ev.document_name or "", ev.document)
    match = _COMMAND.match(text)
    if match:
        name, addressee, args = match.group(1).lower(), match.group(2), (match.group(3) or "").strip()
        if addressee and addressee.lower() != turn.engine.bot_username.lower():
            return None  # a command for another bot in the same group
        return command(turn, name, args, addressed=bool(addressee) or not turn.in_group)
    if not text:
        return None
    addressed = not turn.in_group or ev.reply_to_bot
    if turn.in_group:
        mention = f"@{turn.engine.bot_username}".lower()
        if mention in text.lower():
            text = re.sub(re.escape(mention), " ", text, flags=re.IGNORECASE).strip()
            addressed = True
    if ev.reply_to_message_id is not None and (addressed or ev.reply_to_bot):
        card = state.card_at(turn.conn, ev.chat_id, ev.reply_to_message_id)
        if card is not None:  # `alamat: Jl. Mawar 3` in reply to an order's card corrects that order
            return orders.edit(turn, card[0], card[1], text)
    if turn.chat.ask and _answers(turn, text, addressed):
        return answer(turn, text)
    if not addressed or not text:
        return None  # group talk not meant for the bot
    if turn.shop is None:
        raise NoShop(turn.in_group)
    turn.need(MEMBERS, "enter orders")
    drafts.enter(turn, text)
    return None


def _answers(turn: Turn, text: str, addressed: bool) -> bool:
    """Whether a message answers the question pending for its sender.

    Shipped's waybill and Cancel's reason are waited for half an hour (orders.ASK_FOR), and an order
    pasted instead of a reason is an order. In a group they are asked of whoever pressed, and Telegram
    opens a reply to the question for them; the team's talk ("ok", "wait, I'll ask the buyer") must never
    ship or cancel an order, even where the bot, as an admin, sees all of it. So there a reason comes
    only in a reply to the bot, and a waybill in a reply or in a message that reads as one."""
    kind = turn.chat.ask
    if kind not in ("waybill", "reason"):
        return addressed
    if orders.pending(turn) is None:
        return False
    if kind == "reason" and drafts.reads_as_order(turn, text):
        number = turn.chat.ask_data.get("number")
        turn.chat.set_ask(None)
        turn.say("cancel.not_done", number=number)
        return False
    if not turn.in_group:
        return addressed
    return turn.event.reply_to_bot or (kind == "waybill" and orders.reads_as_waybill(turn, text))


def command(turn: Turn, name: str, args: str, *, addressed: bool) -> None:
    cmd = COMMANDS.get(name)
    if cmd is None:
        # In a group, a command not addressed to us may be another bot's; a near miss of ours is a typo.
        guess = near_command(name) if turn.shop is not None or addressed else None
        if guess is not None:
            turn.say("error.did_you_mean", command=name, guess=guess)
        elif addressed:
            turn.say("error.unknown_command", command=name)
        return
    if cmd.roles is not None:
        turn.need(cmd.roles, name)
    if turn.chat.ask in ("waybill", "reason") and (name != "cancel" or args):
        turn.chat.set_ask(None)  # another command: the user has moved on from the waybill or reason asked
    cmd.handler(turn, args)


def answer(turn: Turn, text: str) -> None:
    """A reply to the question this user was last asked in this chat."""
    kind = turn.chat.ask or ""
    if kind.startswith("onboard"):
        return onboarding.answer(turn, text)
    if kind in ("waybill", "reason"):
        return orders.answer(turn, text)
    turn.need(MEMBERS, "enter orders")
    return drafts.answer(turn, text)


def press(turn: Turn, data: str) -> None:
    kind = data.split(":", 1)[0]
    if kind == "d":
        turn.need(MEMBERS, "enter orders")
        return drafts.press(turn, data)
    if kind == "o":
        return orders.press(turn, data)
    if kind == "s":
        return onboarding.press(turn, data)
    if kind == "h":
        return onboarding.shop_press(turn, data)
    if kind == "b":
        return onboarding.bind_press(turn, data)
    if kind == "t":
        return team.press(turn, data)
    turn.answer()
    return None
