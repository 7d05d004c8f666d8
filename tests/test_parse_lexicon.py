"""Channel, payment and courier come from word lists per language (bot/parse/lexicon/*.json)."""

from __future__ import annotations

import random
import re

import pytest
from parse_helpers import draft

from bot.parse.lexicon import alternation, load_lexicon


@pytest.mark.parametrize(
    ("locale", "text", "channel"),
    [
        ("id", "order dari shopee ya kak", "shopee"),
        ("id", "checkout di tokped", "tokopedia"),
        ("id", "pembeli live tiktok semalam", "tiktok"),
        ("id", "dari DM IG", "instagram"),
        ("id", "order lewat WA", "whatsapp"),
        ("vi", "khách Zalo đặt", "zalo"),
        ("vi", "khách inbox fanpage", "facebook"),
        ("en", "FB order", "facebook"),
        ("en", "website order #88", "website"),
        ("en", "Lazada order for Ali", "lazada"),
        ("id", "No WA: 0812 3456 7890", None),
        ("id", "bayar pakai ShopeePay", None),
    ],
)
def test_the_channel_is_set_only_when_the_platform_is_named(
    locale: str, text: str, channel: str | None
) -> None:
    assert draft(locale, text)["channel"] == channel


@pytest.mark.parametrize(
    ("locale", "text", "payment"),
    [
        ("id", "bayar cod ya", "cod"),
        ("id", "bayar di tempat", "cod"),
        ("id", "TF BCA", "transfer"),
        ("id", "sudah trf mandiri", "transfer"),
        ("id", "pake m-banking", "transfer"),
        ("id", "bayar pake DANA", "ewallet"),
        ("id", "gopay aja", "ewallet"),
        ("id", "udah bayar lewat shopee", "marketplace"),
        ("vi", "em ck rồi", "transfer"),
        ("vi", "chuyển khoản Techcombank", "transfer"),
        ("vi", "thanh toán MoMo", "ewallet"),
        ("vi", "thanh toán khi nhận hàng", "cod"),
        ("vi", "thanh toán qua Lazada", "marketplace"),
        ("en", "will bank in tonight", "transfer"),
        ("en", "DuitNow transfer", "transfer"),
        ("en", "pay via TnG", "ewallet"),
        ("en", "cash when it arrives", "cod"),
        ("id", "bayar tunai ke kurir aja ya", "cod"),
        ("id", "nnti bayar pas barang sampe kak", "cod"),
        ("vi", "c trả tiền mặt cho shipper nha", "cod"),
        ("en", "i pay cash to the rider ok", "cod"),
        ("en", "boleh cash bila sampai?", "cod"),
        ("id", "cash ya kak, bayar di tempat", "cod"),
        ("vi", "em lấy 2 hộp, trả tiền mặt khi nhận nha", "cod"),
        ("vi", "tiền mặt khi nhận c nhé", "cod"),
        ("vi", "a trả tiền khi nhận, không ck", "cod"),
        ("en", "can i pay cash on receipt?", "cod"),
        ("id", "bayar tunai pas terima barang aja kak", "cod"),
        ("en", "paid by card", "card"),
        ("en", "paid on Shopee", "marketplace"),
        ("en", "pls include a card for my mum", None),
    ],
)
def test_payment_words_in_each_language(locale: str, text: str, payment: str | None) -> None:
    assert draft(locale, text)["payment"] == payment


@pytest.mark.parametrize(
    ("locale", "text", "courier"),
    [
        ("id", "kirim JNE REG", "jne"),
        ("id", "pake J&T", "jnt"),
        ("id", "kurir sicepat", "sicepat"),
        ("id", "Shopee Express", "spx"),
        ("id", "kirim pos indonesia", "pos"),
        ("id", "grab express instant", "grab"),
        ("id", "gosend sameday", "gosend"),
        ("id", "ekspedisi bebas", None),
        ("id", "pakai paxel", None),
        ("vi", "giao J&T", "jtvn"),
        ("vi", "gửi bưu điện", "vnpost"),
        ("vi", "ship GHTK", "ghtk"),
        ("vi", "giao hàng nhanh", "ghn"),
        ("vi", "viettel post", "viettelpost"),
        ("en", "Pos Laju", "poslaju"),
        ("en", "City-Link", "citylink"),
        ("en", "Ninja Van ok", "ninja"),
        ("en", "Lalamove if possible", None),
        ("id", "kode pos 16415", None),
    ],
)
def test_courier_words_in_each_language(locale: str, text: str, courier: str | None) -> None:
    assert draft(locale, text)["courier"] == courier


def test_a_labelled_payment_wins_over_a_word_elsewhere() -> None:
    assert draft("en", "Pls include a card\nPayment: Card")["payment"] == "card"


@pytest.mark.parametrize("locale", ["id", "vi", "en"])
def test_a_trie_of_phrases_matches_what_their_plain_alternation_matches(locale: str) -> None:
    """The lexicon's regexes are tries for speed; they must find the very spans that the plain
    alternation, longest phrase first, finds: nested phrases, a phrase failing its word end, spaces."""
    lex = load_lexicon(locale)
    for table in (lex.labels, lex.terms, lex.lists["fillers"]):
        phrases = sorted({" ".join(p.split()) for p in table if p.strip()}, key=len, reverse=True)
        plain = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases)
        edges = r"(?<![\w&@/])(?:{})(?![\w&])"
        old = re.compile(edges.format(plain))
        new = re.compile(edges.format(alternation(phrases, space=r"\s+")))
        rng = random.Random(3)
        glue = [" ", "  ", ", ", ": ", "\n", "", "x", "/", "-", "&"]
        for _ in range(400):
            picks = rng.sample(phrases, 6)
            text = "".join(p[: rng.randint(1, len(p))] if rng.random() < 0.2 else p for p in picks)
            text = "".join(w + rng.choice(glue) for w in text.split(" "))
            assert [m.span() for m in old.finditer(text)] == [m.span() for m in new.finditer(text)], text
