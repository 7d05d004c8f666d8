"""The command table: who may run each command, and the menu Telegram shows in each language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from bot.engine import drafts, onboarding, orders, shopdesk, team
from bot.engine.engine import MANAGERS, MEMBERS
from bot.i18n import Translator

if TYPE_CHECKING:
    from bot.engine.engine import Turn

@dataclass(frozen=True)
class Command:
    handler: Callable[[Turn, str], None]
    roles: frozenset[str] | None  # None: anyone may send it (the handler decides what they get)
    menu: bool = True
    help_for: frozenset[str] | None = None  # whom /help shows it to, when not `roles` (who may send it)


def _help(turn: Turn, args: str) -> None:
    from bot.engine import render

    known = turn.shop is not None and turn.role is not None
    intro = turn.tr("help.intro", shop=turn.shop.name) if known and turn.shop else turn.tr("help.stranger")
    turn.send(render.render("help.html.j2", turn.tr, intro=intro,
                            commands=menu(turn.tr, turn.role if turn.role else "stranger")))


def _table() -> dict[str, Command]:
    def move(to: str) -> Callable[[Turn, str], None]:
        return lambda turn, args: orders.bulk(turn, to, args)

    table = {
        "start": Command(onboarding.start, None),
        "order": Command(drafts.order_command, MEMBERS),
        "packed": Command(move("packed"), MEMBERS),
        "ship": Command(orders.ship, MEMBERS),
        "delivered": Command(move("delivered"), MEMBERS),
        "cancel": Command(orders.cancel, MEMBERS),
        "return": Command(move("return_requested"), MEMBERS),
        "paid": Command(orders.paid, MANAGERS),
        "refund": Command(orders.refund, MANAGERS),
        "returned": Command(move("returned"), MEMBERS, menu=False),
        "find": Command(shopdesk.find, MEMBERS),
        "today": Command(shopdesk.today, MEMBERS),
        "stock": Command(shopdesk.stock, MEMBERS),  # `/stock add` is for managers: checked inside
        "import": Command(shopdesk.import_command, MANAGERS),
        "invite": Command(onboarding.invite, MANAGERS),
        "team": Command(team.team, MANAGERS),
        "leave": Command(team.leave, MEMBERS),
        # The group has no shop yet: the handler picks it (and tells staff it is for owners and admins).
        "bind": Command(onboarding.bind, None, help_for=MANAGERS),
        "unbind": Command(onboarding.unbind, MANAGERS),
        "shop": Command(onboarding.shop_command, None),  # strangers hear how to get a shop
        "help": Command(_help, None),
    }
    # Words people type anyway.
    table["pack"] = Command(move("packed"), MEMBERS, menu=False)
    table["shipped"] = Command(orders.ship, MEMBERS, menu=False)
    table["lunas"] = Command(orders.paid, MANAGERS, menu=False)
    for alias, name in _ALIASES.items():  # the shop's own words for the same commands
        table[alias] = replace(table[name], menu=False)
    return table


# Indonesian and Vietnamese words for commands (Telegram commands are Latin letters, so no accents).
_ALIASES = {"kemas": "packed", "kirim": "ship", "terkirim": "delivered", "diterima": "delivered",
            "batal": "cancel", "retur": "return", "cari": "find", "stok": "stock", "hariini": "today",
            "bantuan": "help", "huy": "cancel", "tim": "find", "kho": "stock", "homnay": "today",
            "deliver": "delivered", "search": "find", "nhanvien": "team",
            "pesanan": "order", "bungkus": "packed", "bayar": "paid", "undang": "invite",
            "don": "order", "donhang": "order", "donggoi": "packed", "guihang": "ship", "dagiao": "delivered",
            "hoan": "return", "hoanhang": "return", "thanhtoan": "paid", "trogiup": "help", "moi": "invite",
            "keluar": "leave", "roi": "leave", "nghi": "leave",
            "kembalikan": "refund", "hoantien": "refund"}


def near_command(name: str) -> str | None:
    """The command a typo most likely meant (`pakced`, `delivred`, `packed_`), if one is close enough."""
    found = process.extractOne(name.lower(), [n for n, cmd in COMMANDS.items() if cmd.menu],
                               scorer=fuzz.ratio, score_cutoff=75)
    return found[0] if found else None


COMMANDS = _table()


def menu(t: Translator, role: str | None = None) -> list[tuple[str, str]]:
    """(command, description) pairs for setMyCommands, or for /help when `role` is given."""
    out = []
    for name, cmd in COMMANDS.items():
        if not cmd.menu:
            continue
        allowed = cmd.help_for or cmd.roles
        if role is not None and allowed is not None and role not in allowed:
            continue
        out.append((name, str(t(f"cmd.{name}"))))
    return out
