"""The console as a person uses it: `lapak chat` and `lapak run` on a fresh database, typed into stdin."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import CORPUS

ROOT = Path(__file__).resolve().parents[1]


def lapak(args: list[str], cwd: Path, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LAPAK_")}
    environment.update(LAPAK_DATABASE_URL=f"sqlite:///{cwd / 'lapak.db'}", PYTHONPATH=str(ROOT), **env)
    return subprocess.run([sys.executable, "-c", "from bot.cli import main; main()", *args], input=stdin,
                          capture_output=True, text=True, cwd=cwd, env=environment, timeout=120)


def test_a_seller_creates_a_shop_imports_the_catalog_takes_an_order_and_ships_it_in_the_console(
        tmp_path: Path) -> None:
    typed = "\n".join([
        "/start", "Toko Rina", "1", "1",  # name; Bahasa Indonesia (guessed from LANG); IDR · Asia/Jakarta
        f"/import {CORPUS / 'catalog-id.csv'}",
        "Kak mau order kaos polos hitam size L 2, kirim ke Budi Santoso, Jl. Cempaka Putih Tengah III "
        "No. 12, Jakarta Pusat. HP 081398765432. Bayar COD aja kak",
        "1",  # Konfirmasi
        "1",  # Dikemas
        "1",  # Dikirim: asks for the waybill
        "jnt JP1234567890",
        ":quit",
    ]) + "\n"

    run = lapak(["chat"], tmp_path, typed, LANG="id_ID.UTF-8")

    assert run.returncode == 0, run.stderr
    assert "Toko Rina siap" in run.stdout and "[1] ✅ Konfirmasi" in run.stdout
    assert "#1001 · Dikirim" in run.stdout and "Traceback" not in run.stdout + run.stderr
    shown = lapak(["orders", "show", "1001", "--json"], tmp_path)
    order = json.loads(shown.stdout)
    assert (order["status"], order["courier"], order["waybill"]) == ("shipped", "jnt", "JP1234567890")
    stock = json.loads(lapak(["stock", "--json"], tmp_path).stdout)
    kph_l = next(p for p in stock if p["sku"] == "KPH-L")
    assert (kph_l["on_hand"], kph_l["reserved"]) == (53, 0)


def test_run_without_a_telegram_token_opens_the_console_with_a_hint(tmp_path: Path) -> None:
    run = lapak(["run"], tmp_path, "/help\n", LANG="en_US.UTF-8")

    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("Telegram is not connected: set LAPAK_TELEGRAM_TOKEN")
    assert "/start" in run.stdout


def test_chat_as_staff_in_the_group_works_on_the_shop(tmp_path: Path) -> None:
    lapak(["shop", "create", "--name", "Kedai Wei", "--currency", "MYR", "--locale", "en",
           "--timezone", "Asia/Kuala_Lumpur"], tmp_path)
    lapak(["products", "import", str(CORPUS / "catalog-en.csv")], tmp_path)

    run = lapak(["chat", "--as", "staff", "--group"], tmp_path, "/stock kopi\n/stock add KOK-250 5\n")

    assert "KOK-250" in run.stdout
    assert "can't do that as staff;" in run.stdout


def test_buttons_still_work_after_the_console_is_started_again_on_the_same_database(tmp_path: Path) -> None:
    # Each session used to number its presses from `console-1` again: the engine took the second session's
    # presses for ones already applied and silently did nothing.
    setup = ["/start", "Toko Rina", "1", "1", f"/import {CORPUS / 'catalog-id.csv'}", ":quit"]
    first = "\n".join(setup) + "\n"
    assert lapak(["chat"], tmp_path, first, LANG="id_ID.UTF-8").returncode == 0
    order = ("Nama: Budi Santoso, HP: 081398765432, Alamat: Jl. Melati No. 5, Bandung, "
             "Pesanan: kaos polos hitam size L 2")
    second = "\n".join([order, "1", ":quit"]) + "\n"  # Konfirmasi

    run = lapak(["chat"], tmp_path, second, LANG="id_ID.UTF-8")

    assert run.returncode == 0, run.stderr
    assert "#1001" in run.stdout
    shown = json.loads(lapak(["orders", "show", "1001", "--json"], tmp_path).stdout)
    assert shown["status"] == "confirmed"


def test_in_the_console_group_the_line_after_a_question_answers_it_as_telegram_s_reply_would(
        tmp_path: Path) -> None:
    lapak(["shop", "create", "--name", "Kedai Wei", "--currency", "MYR", "--locale", "en",
           "--timezone", "Asia/Kuala_Lumpur", "--owner", "1"], tmp_path)
    lapak(["products", "import", str(CORPUS / "catalog-en.csv")], tmp_path)
    order = json.dumps({"customer": {"name": "Tan", "phone": "+60162287745", "address": "23 Jalan Ipoh"},
                        "items": [{"sku": "KOK-250", "qty": 1}], "payment": "transfer"})
    lapak(["orders", "add", "--json", "-"], tmp_path, order)
    typed = "\n".join([
        "/cancel 1001",  # asks why; Telegram opens a reply to the question for whoever sent it
        "buyer changed their mind",
    ]) + "\n"

    run = lapak(["chat", "--as", "staff", "--group"], tmp_path, typed)

    assert run.returncode == 0, run.stderr
    shown = json.loads(lapak(["orders", "show", "1001", "--json"], tmp_path).stdout)
    assert shown["status"] == "cancelled" and shown["cancel_reason"] == "buyer changed their mind"


def test_an_order_left_half_entered_shows_its_card_again_so_a_number_presses_its_button(
        tmp_path: Path) -> None:
    lapak(["shop", "create", "--name", "Toko Rina", "--currency", "IDR", "--locale", "id",
           "--timezone", "Asia/Jakarta", "--owner", "1"], tmp_path)  # 1: the console's owner
    lapak(["products", "import", str(CORPUS / "catalog-id.csv")], tmp_path)
    lapak(["chat"], tmp_path, "2 kaos hitam L, Budi 0812-3456-7890, Jl Melati 5 Bandung, COD\n")

    run = lapak(["chat"], tmp_path, "1\n")  # the next day: Konfirmasi

    assert run.returncode == 0, run.stderr
    assert run.stdout.count("[1] ✅ Konfirmasi") == 1 and "#1001" in run.stdout
    order = json.loads(lapak(["orders", "show", "1001", "--json"], tmp_path).stdout)
    assert [(i["sku"], i["qty"]) for i in order["items"]] == [("KPH-L", 2)]


def test_in_the_console_group_a_line_starting_with_a_reply_mark_corrects_the_card_a_plain_one_says_how(
        tmp_path: Path) -> None:
    lapak(["shop", "create", "--name", "Toko Rina", "--currency", "IDR", "--locale", "id",
           "--timezone", "Asia/Jakarta", "--owner", "1"], tmp_path)
    lapak(["products", "import", str(CORPUS / "catalog-id.csv")], tmp_path)
    typed = "\n".join([
        "/order 2 kaos hitam L 85rb, Budi 0812-3456-7890, Jl Melati 5 Bandung, COD jnt",
        "ongkir 15rb",  # the team's own chat: the bot reads nothing that is not meant for it
        "> ongkir 15rb",  # a reply to the card, as Telegram's reply button sends it
        "1",  # Konfirmasi
    ]) + "\n"

    run = lapak(["chat", "--group"], tmp_path, typed)

    assert run.returncode == 0, run.stderr
    assert run.stdout.count("start the line with > to reply to its last card") == 1
    order = json.loads(lapak(["orders", "show", "1001", "--json"], tmp_path).stdout)
    assert (order["shipping_fee"], order["total"]) == (15000, 185000)


def test_a_reply_mark_after_the_bot_s_answer_still_replies_to_the_order_card(tmp_path: Path) -> None:
    lapak(["shop", "create", "--name", "Toko Rina", "--currency", "IDR", "--locale", "id",
           "--timezone", "Asia/Jakarta", "--owner", "1"], tmp_path)
    lapak(["products", "import", str(CORPUS / "catalog-id.csv")], tmp_path)
    typed = "\n".join([
        "2 kaos hitam L, Budi 0812-3456-7890, Jl Melati 5 Bandung, COD jnt",
        "1",  # Konfirmasi
        "> alamat: Jl Mawar 7, Bogor",  # answered with `#1001 corrected`, below the card
        "> ongkir 12rb",  # still the card's reply, not a new order
    ]) + "\n"

    run = lapak(["chat"], tmp_path, typed)

    assert run.returncode == 0, run.stderr
    order = json.loads(lapak(["orders", "show", "1001", "--json"], tmp_path).stdout)
    assert (order["customer"]["address"], order["shipping_fee"]) == ("Jl Mawar 7, Bogor", 12000)
    assert "Saya belum menemukan pesanan" not in run.stdout
