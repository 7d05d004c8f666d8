"""The parser on our stand-ins for the held-out set (tests/data/unseen*.jsonl), scored by the corpus scorer.

unseen.jsonl (60 messages: marketplace notification pastes, WhatsApp/Zalo exports, other form labels,
voice-typed run-ons, self-corrections, open variants) was written first and then used to tune the parser.
unseen2.jsonl (60 more: buyers' own sloppy chat, sellers retyping for the bot, forms with blank fields,
multi-line addresses, messages forwarded twice, vouchers, pay-on-delivery slang, mixed languages) was
written afterwards by someone who did not look at the parser, and was the honest estimate until its
errors were fixed (2026-11-27). No label was
changed to fit the parser. Each floor is the score last measured on the set, minus 0.02: a guard
against regressions, not a target.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import CORPUS

from bot.parse import Parser
from core.catalog import read_catalog

DATA = Path(__file__).resolve().parent / "data"
SCORER = CORPUS / "score.py"
# Measured 2026-11-27: unseen 1.000 after tuning on it (0.950 before); unseen2 0.960
# (id 0.968, vi 0.945, en 0.967), exact_match 0.700 when first run, then 1.000, exact_match 1.000
# after general rules for the error kinds it showed (pay-on-delivery wording, voucher codes, -nya
# labels, decimal millions, arrow labels, hyphenated places, recipient words, name after the address).
# unseen2 is now tuned on as well: it no longer gives an honest estimate; a fresh set is needed for that.
# unseen3 (45 messages: 20 id, 15 vi, 10 en), written 2026-11-27 without looking at the parser and not
# tuned on: field_accuracy 0.969 (id 0.970, vi 0.953, en 0.990), exact_match 0.844 on its first run;
# the honest estimate until its errors are fixed. No label was changed to fit the parser.
# Its floor follows the general fixes made since: 0.976 (exact 0.867) with a chat export's buyer as the
# last-resort name; 0.978 (exact 0.889) with cash paid on receipt read as COD; 0.980 (exact 0.911) with no
# name taken from a shipping or money phrase (`free ongkir`): 441 of 450 fields, floor 0.96.
# unseen4 (60 messages: 24 id, 21 vi, 15 en), written 2026-11-27 (session 2) by someone who read neither
# the parser nor the other sets, 0 labels changed after scoring: field_accuracy 0.972 (583 of 600; id
# 0.971, vi 0.971, en 0.973), exact_match 0.767 on its first run. The honest estimate until tuned on.
# Now tuned on (session 2, general rules for its error kinds): 1.000, exact 1.000; floor 0.98.
# unseen5 (60 messages: 24 id, 21 vi, 15 en), written the same day by someone who read neither the
# parser nor the other sets, scored after session 2's rules and not tuned on: field_accuracy 0.982
# (id 0.979, vi 0.981, en 0.987), exact_match 0.817, weakest field items 0.850. Tuned on in session 3
# (general rules for its kinds): 0.998, exact 0.983; floor 0.98.
# unseen6 (60 messages: 24 id, 21 vi, 15 en), written 2026-11-27 (session 3) by someone who read neither
# the parser nor the other sets, first scored before session 3's parser rules: field_accuracy 0.985
# (id 0.992, vi 0.967, en 1.000), exact_match 0.900; unchanged by the rules for unseen5's kinds (not tuned
# on them). Then tuned on (general rules for its kinds): 1.000, exact 1.000; floor 0.98.
# unseen7 (60 messages: 24 id, 21 vi, 15 en), written while unseen6 was tuned on, by someone who read
# neither the parser nor the other sets; scored once after session 3's rules: field_accuracy 0.975 (id 0.992,
# vi 0.971, en 0.953), exact_match 0.833. Then tuned on (general rules for its kinds): 0.998, floor 0.98.
# unseen8 (60 messages: 24 id, 21 vi, 15 en), written while unseen7 was tuned on, by someone who read neither
# the parser nor the other sets; scored once after the rules for unseen7: field_accuracy 0.968 (id 0.954,
# vi 0.971, en 0.987), exact_match 0.767, weakest field items 0.867. Then tuned on (general rules for its
# kinds): 0.975, floor 0.96.
# unseen9 (60 messages: 24 id, 21 vi, 15 en), written while unseen8 was tuned on, by someone who read neither
# the parser nor the other sets; scored once after the rules for unseen8: field_accuracy 0.987 (id 0.996,
# vi 0.976, en 0.987), exact_match 0.900. Its errors were not looked at; the same after session 4's rules.
# unseen10 (60 messages: 24 id, 21 vi, 15 en), written 2026-11-27 (session 4) by someone who read neither the
# parser nor the other sets; scored once before session 4's rules: field_accuracy 0.963 (id 0.946, vi 0.990,
# en 0.953), exact_match 0.717. Then tuned on (general rules for its kinds): 0.998, floor 0.98.
# unseen11 (60 messages: 24 id, 21 vi, 15 en), written the same way while unseen10 was tuned on; scored once
# after the rules for unseen10: field_accuracy 0.948 (id 0.933, vi 0.943, en 0.980), exact_match 0.700 (the
# same as before them). Then tuned on: 0.997, exact 0.967; floor 0.98.
# unseen12 (60 messages: 24 id, 21 vi, 15 en), written the same way while unseen11 was tuned on; scored once
# after the rules for unseen11: field_accuracy 0.972 (id 0.967, vi 0.981, en 0.967), exact_match 0.817 (0.967
# and 0.767 without session 4's rules). Then tuned on: 0.985, exact 0.900; floor 0.96.
# unseen13 (60 messages: 24 id, 21 vi, 15 en), written the same way while unseen12 was tuned on; scored once
# after all of session 4's rules: field_accuracy 0.967 (id 0.954, vi 0.981, en 0.967), exact_match 0.750
# (0.962 and 0.717 without them). Then tuned on (general rules for its kinds): 0.982, exact 0.850; floor 0.96.
# unseen14 (60 messages: 24 id, 21 vi, 15 en), written the same way while unseen13 was tuned on; scored once
# after all of session 4's rules: field_accuracy 0.968 (id 0.979, vi 0.943, en 0.987), exact_match 0.800
# (0.965 and 0.767 without them). Its errors were not looked at: the honest estimate now; floor 0.95.
# unseen15 (60 messages: 24 id, 21 vi, 15 en), written the same way in session 5 by someone who read neither
# the parser nor the other sets; scored once before any rule was fitted to it: field_accuracy 0.965 (id 0.954,
# vi 0.976, en 0.967), exact_match 0.767. Not looked at: the honest estimate; floor 0.95.
# Session 5 then tuned on unseen14 (0.968 -> 1.000), unseen13 (0.985 -> 0.992), unseen12 (0.985 -> 0.987) and
# unseen9 (0.987 -> 0.997), whose errors were read for the first time; rules in test_parse_rules_session5.py.
# unseen15, scored again once after those rules (its errors still unread): 0.968, exact 0.783. Then tuned on
# at the end of the session: 0.973, exact 0.833.
# unseen16 (60 messages: 24 id, 21 vi, 15 en), written while unseen15 was tuned on, by someone who read
# neither the parser nor the other sets; scored once after all of session 5's rules: field_accuracy 0.967
# (id 0.963, vi 0.971, en 0.967), exact_match 0.817. Then tuned on in session 6 (general rules for its
# kinds, in test_parse_rules_session6.py): 1.000, exact 1.000; floor 0.98. No longer an honest estimate.
# unseen17 (60 messages: 24 id, 21 vi, 15 en), written in session 6 while unseen16 was tuned on, by someone
# who read neither the parser nor the other sets; scored once before and once after session 6's rules:
# field_accuracy 0.955 both times (id 0.958, vi 0.952, en 0.953), exact_match 0.700. Then tuned on in
# session 6 (general rules for its kinds, in the unseen17 section of test_parse_rules_session6.py): 1.000,
# exact 1.000; floor 0.98. No longer an honest estimate.
# unseen18 (60 messages: 24 id, 21 vi, 15 en), written in session 6 while unseen17 was tuned on, by someone
# who read neither the parser nor the other sets; scored once after all of session 6's rules: field_accuracy
# 0.975 (id 0.988, vi 0.948, en 0.993), exact_match 0.867, the same as the parser before them scores on it.
# Then tuned on in session 7 (general rules for its kinds, in test_parse_rules_session7.py: Minang number
# words, `gửi dìa`, pay on arrival, kiosks, `tên má em là`, whose home, street and courier form labels,
# Chinese classifiers and `和`, a name in full after a chat speaker's, a place run into the goods, `cho chị
# X ở …`): 1.000, exact 1.000 (id, vi, en 1.000); floor 0.98. No longer an honest estimate.
# unseen19 (90 messages: 36 id, 30 vi, 24 en), written in session 7 by someone who read neither the parser
# nor the other sets, while unseen18 was tuned on; scored once with the session-start parser: field_accuracy
# 0.983 (id 0.978, vi 0.987, en 0.988), exact_match 0.867; the same after the rules fitted to unseen18.
# Its errors were not looked at while it was the honest estimate; floor 0.95.
# unseen20 (90 messages: 36 id, 30 vi, 24 en), written in session 8 by someone who read neither the parser
# nor the other sets; scored once with the session-start parser: field_accuracy 0.983 (id 0.975, vi 0.990,
# en 0.988), exact_match 0.867, the same as unseen19. Not tuned on: the honest estimate now; floor 0.95.
# unseen21 (90 messages: 36 id, 30 vi, 24 en), written in session 11 by someone who read neither the parser
# nor the other sets; scored once with the session-start parser: field_accuracy 0.983 (id 0.986, vi 0.983,
# en 0.979), exact_match 0.889, weakest field name 0.944; the same after session 11's QA rules. Then tuned on
# at the end of session 11 (general rules for its kinds, in test_parse_rules_session11c.py): 1.000, exact
# 1.000; floor 0.98. No longer an honest estimate.
# unseen22 (90 messages: 36 id, 30 vi, 24 en), written later in session 11 the same way; scored once after
# that session's parser rules: field_accuracy 0.990 (id 0.992, vi 0.990, en 0.988), exact_match 0.911. Four
# of its eight wrong messages are one labelling question the contract leaves open: a variant left open with
# no price written, labelled with the price all its candidates share; the parser gives null (as most earlier
# sets label it). 0.992, exact 0.922 after the rules fitted to unseen21 (not looked at). Floor 0.97.
SETS = [pytest.param("unseen", 0.98, id="unseen"), pytest.param("unseen2", 0.98, id="unseen2"),
        pytest.param("unseen3", 0.96, id="unseen3"), pytest.param("unseen4", 0.98, id="unseen4"),
        pytest.param("unseen5", 0.98, id="unseen5"), pytest.param("unseen6", 0.98, id="unseen6"),
        pytest.param("unseen7", 0.98, id="unseen7"), pytest.param("unseen8", 0.96, id="unseen8"),
        pytest.param("unseen9", 0.97, id="unseen9"), pytest.param("unseen10", 0.98, id="unseen10"),
        pytest.param("unseen11", 0.98, id="unseen11"), pytest.param("unseen12", 0.96, id="unseen12"),
        pytest.param("unseen13", 0.97, id="unseen13"), pytest.param("unseen14", 0.98, id="unseen14"),
        pytest.param("unseen15", 0.95, id="unseen15"), pytest.param("unseen16", 0.98, id="unseen16"),
        pytest.param("unseen17", 0.98, id="unseen17"), pytest.param("unseen18", 0.98, id="unseen18"),
        pytest.param("unseen19", 0.95, id="unseen19"), pytest.param("unseen20", 0.95, id="unseen20"),
        pytest.param("unseen21", 0.98, id="unseen21"), pytest.param("unseen22", 0.97, id="unseen22")]
# Messages per locale (id, vi, en) in each stand-in set.
SIZES = {"unseen": (25, 20, 15), "unseen2": (25, 20, 15), "unseen3": (20, 15, 10), "unseen4": (24, 21, 15),
         "unseen5": (24, 21, 15), "unseen6": (24, 21, 15), "unseen7": (24, 21, 15),
         "unseen8": (24, 21, 15), "unseen9": (24, 21, 15), "unseen10": (24, 21, 15),
         "unseen11": (24, 21, 15), "unseen12": (24, 21, 15),
         "unseen13": (24, 21, 15), "unseen14": (24, 21, 15), "unseen15": (24, 21, 15),
         "unseen16": (24, 21, 15), "unseen17": (24, 21, 15),
         "unseen18": (24, 21, 15), "unseen19": (36, 30, 24), "unseen20": (36, 30, 24),
         "unseen21": (36, 30, 24), "unseen22": (36, 30, 24)}

VOCAB = {
    "channel": {"shopee", "tokopedia", "tiktok", "lazada", "bukalapak", "blibli", "facebook", "instagram",
                "whatsapp", "zalo", "telegram", "website", "offline"},
    "payment": {"cod", "transfer", "ewallet", "cash", "card", "marketplace"},
    "courier": {"jne", "jnt", "sicepat", "anteraja", "ninja", "pos", "idexpress", "lion", "spx",
                "gosend", "grab", "ghn", "ghtk", "viettelpost", "vnpost", "jtvn", "ahamove", "poslaju",
                "citylink", "dhl"},
}
# E.164 with the shop's country: +62 then 9-12 digits, +84 then 9 digits, +60 then 9-10 digits.
PHONE = {"id": re.compile(r"\+62[1-9]\d{8,11}"), "vi": re.compile(r"\+84[1-9]\d{8}"),
         "en": re.compile(r"\+60[1-9]\d{8,9}")}
CURRENCY = {"id": "IDR", "vi": "VND", "en": "MYR"}
DRAFT_KEYS = {"customer", "items", "channel", "payment", "courier", "shipping_fee", "discount", "currency",
              "note", "missing"}


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _messages(name: str) -> list[dict[str, Any]]:
    text = (DATA / f"{name}.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _skus(loc: str) -> set[str]:
    with (CORPUS / f"catalog-{loc}.csv").open(encoding="utf-8", newline="") as f:
        return {row["sku"] for row in csv.DictReader(f)}


@pytest.mark.skipif(not SCORER.exists(), reason="the shared corpus (catalogs and scorer) is not here")
@pytest.mark.parametrize(("name", "floor"), SETS)
def test_the_parser_keeps_its_field_accuracy_on_messages_unlike_the_dev_set(name: str, floor: float) -> None:
    score = _scorer()
    parsers: dict[str, Parser] = {}
    right = total = 0
    wrong: list[str] = []
    for m in _messages(name):
        loc = m["locale"]
        if loc not in parsers:
            catalog = read_catalog(CORPUS / f"catalog-{loc}.csv")
            parsers[loc] = Parser(catalog, locale=loc, currency=m["currency"])
        got = parsers[loc].parse(m["text"]).to_json()
        for field in score.FIELDS:
            exp_value, got_value = score.get_field(m["expected"], field), score.get_field(got, field)
            total += 1
            if score.field_ok(field, exp_value, got_value):
                right += 1
            else:
                wrong.append(f"{m['id']} {field}: expected {score.show(field, exp_value)}, "
                             f"got {score.show(field, got_value)}")
    accuracy = right / total
    assert accuracy >= floor, f"field_accuracy={accuracy:.3f} < {floor}\n" + "\n".join(wrong)


@pytest.mark.skipif(not SCORER.exists(), reason="the shared corpus (catalogs and scorer) is not here")
@pytest.mark.parametrize("name", list(SIZES))
def test_every_label_of_a_stand_in_set_follows_the_contract_and_the_corpus_conventions(name: str) -> None:
    messages = _messages(name)
    assert len({m["id"] for m in messages}) == len(messages) == sum(SIZES[name])
    assert tuple(sum(m["locale"] == loc for m in messages) for loc in ("id", "vi", "en")) == SIZES[name]
    skus = {loc: _skus(loc) for loc in CURRENCY}
    for m in messages:
        exp, loc, tags, mid = m["expected"], m["locale"], set(m["tags"]), m["id"]
        short = "u" + name.removeprefix("unseen")  # the later sets number their ids id-u4-001, ...
        assert re.fullmatch(rf"{loc}-({name}|{short})-\d{{3}}", mid), mid
        assert m["currency"] == exp["currency"] == CURRENCY[loc], mid
        assert set(exp) == DRAFT_KEYS, mid
        for key, allowed in VOCAB.items():
            assert exp[key] is None or exp[key] in allowed, (mid, key)
        cust = exp["customer"]
        assert cust["phone"] is None or PHONE[loc].fullmatch(cust["phone"]), (mid, cust["phone"])
        for key in ("name", "address"):
            value = cust[key]
            assert value is None or (value == value.strip() and value), (mid, key)
        empty = [k for k in ("name", "phone", "address") if not cust[k]] + ([] if exp["items"] else ["items"])
        assert sorted(exp["missing"]) == sorted(empty), mid
        assert ("incomplete" in tags) == bool(empty), mid
        assert len(tags & {"template", "freetext"}) == 1, mid
        assert ("multiline" in tags) == ("\n" in m["text"]), mid
        assert ("multi-item" in tags) == (len(exp["items"]) > 1), mid
        open_variant = bool(tags & {"open-variant", "ambiguous-variant"})  # unseen6 calls it the latter
        assert open_variant == any("candidates" in i for i in exp["items"]), mid
        assert ("unknown-product" in tags) == any(
            i["sku"] is None and "candidates" not in i for i in exp["items"]), mid
        for money in ("shipping_fee", "discount"):
            amount = exp[money]
            assert amount is None or (isinstance(amount, int | float) and amount >= 0), (mid, money)
        for item in exp["items"]:
            assert isinstance(item["qty"], int) and item["qty"] >= 1, mid
            assert item["sku"] is None or item["sku"] in skus[loc], (mid, item["sku"])
            assert item["sku"] is not None or item["name"], mid
            price = item["unit_price"]
            assert price is None or (isinstance(price, int | float) and price > 0), mid
            assert item["sku"] is None or price is not None, (mid, "a catalog item always has a price")
            if loc != "en" and price is not None:
                assert float(price).is_integer(), (mid, "IDR and VND amounts have no decimals")
            if "candidates" in item:
                assert item["sku"] is None and len(item["candidates"]) > 1, mid
                assert set(item["candidates"]) <= skus[loc], mid
