"""The local console: a third adapter that plays the engine in a terminal (buttons become numbers)."""

from __future__ import annotations

import html
import os
import re
import select
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from bot.engine import Engine, state
from bot.engine.events import Action, Answer, Button, Edit, Incoming, Keyboard, Send, SendDocument
from core import shops
from storage.db import unit_of_work

GROUP_CHAT_ID = -1000000000001
PEOPLE = {"owner": (1, "Owner"), "admin": (4, "Admin"), "staff": (2, "Staff"), "stranger": (3, "Stranger")}
HELP = """Console commands: a number presses that button of the last card · /import PATH.csv imports a file
  > TEXT replies to the bot's last card (in a group, how a draft is corrected; anywhere, an order's)
  :as owner|admin|staff|stranger  change who you are · :group / :private  change chat · :quit"""
# What the console says when a group line went unread: Telegram's groups are the team's own chat.
UNREAD = ("(in a group the bot reads only /commands, @mentions and replies to it: start the line with > to"
          " reply to its last card)")

_TAG = re.compile(r"</?(b|strong|i|em|u|s|code|pre|a)( [^>]*)?>")


@dataclass
class Console:
    engine: Engine
    who: str = "owner"
    group: bool = False
    out: TextIO = field(default=sys.stdout)
    color: bool = False
    language: str | None = field(default_factory=lambda: os.environ.get("LANG"))  # a hint, like Telegram's
    # Message and callback ids go on from where an earlier console session on the same database stopped:
    # they start at the clock (µs), as Telegram's never repeat. Restarting at 1 made a press look like one
    # already applied (`console-1`), which the engine then ignored, and a new card reuse an old card's id.
    _next_id: int = field(default_factory=lambda: time.time_ns() // 1000)
    _buttons: dict[int, list[tuple[int, Button]]] = field(default_factory=dict)  # chat → numbered buttons
    # A question Telegram opens a reply to (ForceReply): the next line typed in that chat replies to it.
    _reply_to: dict[int, int] = field(default_factory=dict)
    # chat → the bot's last card there (a message with buttons), else its last message: what `>` replies to
    _last_card: dict[int, int] = field(default_factory=dict)
    _last_sent: dict[int, int] = field(default_factory=dict)

    @property
    def user(self) -> tuple[int, str]:
        return PEOPLE[self.who]

    @property
    def chat_id(self) -> int:
        return GROUP_CHAT_ID if self.group else self.user[0]

    def prompt(self) -> str:
        where = "group" if self.group else "private"
        return f"[{self.who} · {where}] > "

    def prepare(self) -> None:
        """Console conveniences: a staff member or admin joins the first shop, the group binds to it."""
        with unit_of_work(self.engine.db) as s:
            existing = shops.list_shops(s)
            if not existing:
                return
            shop = existing[0]
            if self.who in ("staff", "admin") and shops.role_of(s, shop.id, self.user[0]) is None:
                shops.add_member(s, shop.id, self.user[0], self.who)
                self._note(f"({self.user[1]} joined {shop.name} as {self.who} for this console session)")
            if self.group and shops.shop_of_chat(s, GROUP_CHAT_ID) is None:
                shops.bind_group(s, shop.id, GROUP_CHAT_ID, by_user=None)
                self._note(f"(the console group is bound to {shop.name}: orders confirmed from now on are"
                           " posted here as cards; /order NUMBER shows an earlier one)")
            open_draft = state.load(s.connection(), self.chat_id, self.user[0], group=self.group)[0].draft
        if open_draft is not None and not self._buttons.get(self.chat_id):
            # an order left half-entered by an earlier console session: its card again, so a number
            # presses its buttons rather than being read as a quantity
            self._note("(an order is still being entered here; its card again)")
            self.feed("/order")

    def feed(self, line: str) -> bool:
        """Handle one typed line; False when the user wants to leave."""
        text = line.strip()
        if not text:
            return True
        if text.startswith(":"):
            return self._meta(text[1:].split())
        user_id, name = self.user
        base: dict[str, object] = dict(chat_id=self.chat_id, chat_type="group" if self.group else "private",
                                       user_id=user_id, user_name=name, language_code=self.language)
        numbered = self._buttons.get(self.chat_id, [])
        if text.isdigit() and 1 <= int(text) <= len(numbered):
            message_id, button = numbered[int(text) - 1]
            event = Incoming(**base, message_id=message_id, callback_id=f"console-{self._new_id()}",  # type: ignore[arg-type]
                             callback_data=button.data)
        else:
            question = self._reply_to.pop(self.chat_id, None)
            if text.startswith(">"):  # a reply to the bot's last card, as Telegram's reply button makes
                last = self._last_card.get(self.chat_id, self._last_sent.get(self.chat_id))
                text, question = text[1:].strip(), last if last is not None else question
            if question is not None:
                base.update(reply_to_message_id=question, reply_to_bot=True)
            event = self._message(text, base)
        actions = self.engine.handle(event)
        if not actions and self.group and event.text and not event.reply_to_bot and not text.startswith("/"):
            self._note(UNREAD)
        self.perform(actions)
        return True

    def _message(self, text: str, base: dict[str, object]) -> Incoming:
        message_id = self._new_id()
        match = re.match(r"^/import(?:@\w+)?\s+(.+)$", text, re.IGNORECASE)
        if match:
            path = Path(match.group(1).strip().strip("'\"")).expanduser()
            if path.is_file():
                return Incoming(**base, text="/import", message_id=message_id,  # type: ignore[arg-type]
                                document_name=path.name, document=path.read_bytes())
            self._note(f"(no file at {path})")
        return Incoming(**base, text=text, message_id=message_id)  # type: ignore[arg-type]

    def _meta(self, words: list[str]) -> bool:
        if not words or words[0] in ("quit", "q", "exit"):
            return False
        if words[0] == "as" and len(words) > 1 and words[1] in PEOPLE:
            self.who = words[1]
            self.prepare()
        elif words[0] == "group":
            self.group = True
            self.prepare()
        elif words[0] == "private":
            self.group = False
        else:
            self._note(HELP)
        return True

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def perform(self, actions: Iterable[Action]) -> None:
        for action in actions:
            if isinstance(action, Send):
                message_id = self._last_sent[action.chat_id] = self._new_id()
                self._show(action.chat_id, action.text, action.buttons, message_id)
                if action.force_reply:
                    self._reply_to[action.chat_id] = message_id
                if action.track:
                    self.engine.record_sent(action.track, action.chat_id, message_id)
            elif isinstance(action, Edit):
                self._show(action.chat_id, action.text, action.buttons, action.message_id, edited=True)
            elif isinstance(action, Answer):
                if action.text:
                    self._note(f"  ⟶ {action.text}")
            elif isinstance(action, SendDocument):
                self._note(f"  📎 {action.filename} ({len(action.content)} bytes) {action.caption or ''}")

    def _show(self, chat_id: int, text: str, buttons: Keyboard, message_id: int, *,
              edited: bool = False) -> None:
        where = ""
        if chat_id != self.chat_id:
            where = "[group] " if chat_id == GROUP_CHAT_ID else f"[chat {chat_id}] "
        head = f"{where}{'✎ edited ' if edited else ''}"
        body = plain(text, bold=self.color)
        self.out.write(("\n" + head + "\n" if head else "\n") + body + "\n")
        flat = [(message_id, b) for row in buttons for b in row]
        if flat and (chat_id not in self._last_card or not edited):
            self._last_card[chat_id] = message_id
        if flat:
            if chat_id == self.chat_id or chat_id not in self._buttons or not edited:
                self._buttons[chat_id] = flat
            self.out.write("   ".join(f"[{n}] {b.label}" for n, (_, b) in enumerate(flat, 1)) + "\n")
        elif edited and any(m == message_id for m, _ in self._buttons.get(chat_id, [])):
            self._buttons.pop(chat_id, None)
        self.out.flush()

    def _note(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()


def _read_pasted(stdin: TextIO) -> str | None:
    """One typed line, or a whole pasted message: lines that arrive together are one message."""
    try:
        first = stdin.readline()
    except KeyboardInterrupt:
        return None
    if not first:
        return None
    lines = [first]
    try:
        while select.select([stdin], [], [], 0.05)[0]:
            more = stdin.readline()
            if not more:
                break
            lines.append(more)
    except (OSError, ValueError):  # not a selectable stream: one line per message
        pass
    return "".join(lines)


def plain(text: str, *, bold: bool = False) -> str:
    """Telegram HTML as terminal text."""
    if bold:
        text = text.replace("<b>", "\033[1m").replace("</b>", "\033[0m")
    return html.unescape(_TAG.sub("", text))


def run_console(engine: Engine, *, who: str = "owner", group: bool = False, hint: str | None = None,
                stdin: TextIO | None = None, out: TextIO | None = None) -> None:
    """Read lines until end of input or `:quit`."""
    stdin = stdin or sys.stdin
    out = out or sys.stdout
    interactive = stdin.isatty()
    console = Console(engine, who=who, group=group, out=out, color=interactive and out.isatty())
    if hint:
        out.write(hint + "\n")
    out.write(f"Lapak console — you are the {who}. Type /start to begin. {HELP}\n")
    console.prepare()
    while True:
        if interactive:
            out.write(console.prompt())
            out.flush()
            line = _read_pasted(stdin)
            if line is None:
                break
        else:
            line = stdin.readline()
            if not line:
                break
            out.write(console.prompt() + line)
        if not console.feed(line):
            break
