"""Who may do what: each command against owner, admin, staff, a stranger and a member of another shop."""

from __future__ import annotations

from typing import Any

import pytest
from engine_harness import ADMIN, GROUP, OTHER, OWNER, STAFF, STRANGER, Phone, clock, make_shop
from sqlalchemy import text
from sqlalchemy.engine import Engine as Database

from bot.engine import Engine
from bot.engine.events import Answer, Incoming, Send
from bot.i18n import Translator
from core import orders, shops
from core.draft import Customer, DraftItem, OrderDraft
from storage.db import unit_of_work

UNBOUND = -5003
PRIVATE = 0  # the sender's own private chat with the bot
EVERYONE = {"owner", "admin", "staff", "stranger", "other"}
MEMBERS = {"owner", "admin", "staff"}
MANAGERS = {"owner", "admin"}
PEOPLE = {"owner": OWNER, "admin": ADMIN, "staff": STAFF, "stranger": STRANGER, "other": OTHER}
CSV = b"sku,name,variant,aliases,price,cost,stock\nNEW-1,Topi,,,50000,20000,3\n"
ORDER_TEXT = ("/order Nama: Budi\nNo HP: 081234567890\nAlamat: Jl. Melati 5, Bandung\n"
              "Pesanan: Kaos Polos Hitam L 1")

# (what is sent, in which chat, who may)
CASES: list[tuple[str, int, set[str]]] = [
    ("/packed 1001", GROUP, MEMBERS),
    ("/ship 1001 jnt JP1234567890", GROUP, MEMBERS),
    ("/delivered 1001", GROUP, MEMBERS),
    ("/cancel 1001 salah input", GROUP, MEMBERS),
    ("/return 1001", GROUP, MEMBERS),
    ("/paid 1001", GROUP, MANAGERS),
    ("/refund 1001", GROUP, MANAGERS),
    ("/order 1001", GROUP, MEMBERS),
    (ORDER_TEXT, GROUP, MEMBERS),
    ("/find budi", GROUP, MEMBERS),
    ("/today", GROUP, MEMBERS),
    ("/stock", GROUP, MEMBERS),
    ("/stock add KPH-L 5", GROUP, MANAGERS),
    ("/import", GROUP, MANAGERS),
    ("/invite staff", GROUP, MANAGERS),
    ("/invite admin", GROUP, MANAGERS),
    ("/bind", UNBOUND, MANAGERS),
    ("/unbind", GROUP, MANAGERS),
    ("/team", GROUP, MANAGERS),
    ("/team", PRIVATE, MANAGERS),
    ("/leave", GROUP, MEMBERS),
    ("press:t:rm", GROUP, MANAGERS),
    ("press:t:ok", PRIVATE, MANAGERS),  # removing the staff member
    ("press:packed", GROUP, MEMBERS),
    ("press:cancelled", GROUP, MEMBERS),
    ("/help", GROUP, EVERYONE),
]


def setup(db: Database) -> int:
    shop = make_shop(db, "id")
    make_shop(db, "en", name="Other Shop", owner=106, admin=None, staff=OTHER, group=-5009)
    with unit_of_work(db) as s:
        draft = OrderDraft(customer=Customer("Budi", "+6281234567890", "Jl. Melati 5"),
                           items=[DraftItem("KPH-L", "Kaos Polos Hitam L", 2)], currency="IDR")
        orders.create_order(s, shop, draft, by_user=OWNER)
    return shop


def snapshot(db: Database) -> dict[str, Any]:
    """Everything a command could change."""
    queries = {
        "orders": "SELECT number, status, payment_status, courier, waybill FROM orders ORDER BY id",
        "stock": "SELECT sku, on_hand, reserved FROM product ORDER BY id",
        "groups": "SELECT chat_id, shop_id FROM group_chat ORDER BY chat_id",
        "members": "SELECT shop_id, user_id, role FROM member ORDER BY shop_id, user_id",
        "invites": "SELECT count(*) FROM invite",
        "drafts": "SELECT count(*) FROM conversation WHERE draft IS NOT NULL OR ask IS NOT NULL",
    }
    with db.connect() as conn:
        return {k: conn.execute(text(q)).all() for k, q in queries.items()}


def refusals() -> list[str]:
    """The polite refusals, in any language (an unbound group answers in the sender's shop's)."""
    out = []
    for locale in ("id", "vi", "en"):
        t = Translator(locale)
        out += [str(t("error.not_member")), str(t("error.no_shop")), str(t("error.group_not_bound"))]
        out += [str(t("error.forbidden", role=t(f"role.{r}"))) for r in ("staff", "admin")]
    return out


@pytest.mark.parametrize("who", sorted(EVERYONE))
@pytest.mark.parametrize("command, chat, allowed", CASES, ids=[c[0].split("\n")[0][:24] for c in CASES])
def test_only_the_right_roles_may_run_each_command(engine: Database, command: str, chat: int,
                                                  allowed: set[str], who: str) -> None:
    shop = setup(engine)
    phone = Phone(Engine(engine, now=clock))
    before = snapshot(engine)
    user = PEOPLE[who]

    if command.startswith("press:"):
        pressed = command.split(":", 1)[1]
        data = f"{pressed}:{STAFF}" if pressed.startswith("t:") else f"o:{shop}:1001:{pressed}"
        event = Incoming(chat_id=chat if chat != PRIVATE else user, user_id=user, user_name=who,
                         chat_type="group" if chat != PRIVATE else "private", update_id=900,
                         message_id=77, callback_id="press-1", callback_data=data)
        actions = phone.perform(phone.engine.handle(event))
    elif command == "/import":
        actions = phone.say(user, command, chat=chat, document=("katalog.csv", CSV))
    else:
        actions = phone.say(user, command, chat=chat if chat != PRIVATE else None)

    said = " ".join((a.text or "") for a in actions if isinstance(a, Send | Answer))
    refused = any(r in said for r in refusals())
    if who in allowed:
        assert not refused, said
    else:
        assert refused, said
        assert snapshot(engine) == before
        assert len([a for a in actions if isinstance(a, Send | Answer)]) == 1  # one polite sentence


def test_a_member_of_another_shop_acts_only_on_their_own_shop_in_private(engine: Database) -> None:
    shop = setup(engine)
    phone = Phone(Engine(engine, now=clock))

    said = phone.texts(phone.say(OTHER, "/packed 1001"))  # shop B has no #1001; shop A's stays put

    assert "1001" in said
    with unit_of_work(engine) as s:
        assert orders.get_order(s, shop, 1001).status == "confirmed"
        assert shops.role_of(s, shop, OTHER) is None
