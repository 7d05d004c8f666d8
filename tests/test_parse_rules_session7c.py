"""General rules for the misreadings a tester found in a Malaysian shop (session 7c), each on messages of our
own (other names, places and products than the tester's), with guards against overreach."""

from __future__ import annotations

from decimal import Decimal

import pytest
from parse_helpers import draft

from bot.i18n import Translator

# -- `pos RM6.50`, `caj pos rm 8`: a postage word right before an amount is the shipping fee ----------------


@pytest.mark.parametrize(
    ("text", "fee", "address"),
    [
        ("2 teh tarik, Farid 0198887777, 7 Jalan Kenari, 81100 Johor Bahru, cod, pos rm 6.50",
         Decimal("6.50"), "7 Jalan Kenari, 81100 Johor Bahru"),
        ("1 kopi o, Hafiz 0124445555, 3 Lorong Cempaka, 11900 Bayan Lepas, pos RM8",
         Decimal("8"), "3 Lorong Cempaka, 11900 Bayan Lepas"),
        ("nasi lemak sambal 2 bottle, caj pos RM6.50, Siti 0123456789, Lot 5 Jalan Ampang, 50450 KL",
         Decimal("6.50"), "Lot 5 Jalan Ampang, 50450 KL"),
        ("1 arabica, Rosnah 0167771234, Blok C-3-2 Jalan Ipoh, 51200 KL, kos pos rm 10",
         Decimal("10"), "Blok C-3-2 Jalan Ipoh, 51200 KL"),
    ],
)
def test_a_postage_word_before_an_amount_is_the_shipping_fee(text: str, fee: Decimal, address: str) -> None:
    d = draft("en", text)
    assert Decimal(str(d["shipping_fee"])) == fee
    assert d["customer"]["address"] == address


@pytest.mark.parametrize(
    ("text", "courier", "fee", "address"),
    [
        # `Pos Laju RM7`, `pos malaysia`: the courier, its fee read as before
        ("2 teh tarik, Farid 0198887777, 7 Jalan Kenari, 81100 Johor Bahru, Pos Laju RM7",
         "poslaju", 7, "7 Jalan Kenari, 81100 Johor Bahru"),
        ("1 kopi o, Hafiz 0124445555, 3 Lorong Cempaka, 11900 Bayan Lepas, hantar pos malaysia",
         "poslaju", None, "3 Lorong Cempaka, 11900 Bayan Lepas"),
        # `kode pos 50450`: a postcode in the address, no fee
        ("1 kopi o, Hafiz 0124445555, 3 Lorong Cempaka, kode pos 50450, Kuala Lumpur",
         None, None, "3 Lorong Cempaka, kode pos 50450, Kuala Lumpur"),
    ],
)
def test_pos_as_a_courier_or_a_postcode_is_no_fee(
    text: str, courier: str | None, fee: int | None, address: str
) -> None:
    d = draft("en", text)
    assert d["courier"] == courier
    assert d["shipping_fee"] == fee
    assert d["customer"]["address"] == address


# -- `ninja van`: the code `ninja` (the contract's one code for Ninja Xpress and Ninja Van), shown in a
# Malaysian shop under the name it has there ------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "1 kopi o, Hafiz 0124445555, 3 Lorong Cempaka, 11900 Bayan Lepas, ninja van",
    "2 teh tarik, courier Ninja Van, Farid 0198887777, 7 Jalan Kenari, 81100 Johor Bahru",
])
def test_ninja_van_is_the_code_ninja_shown_as_ninja_van(text: str) -> None:
    assert draft("en", text)["courier"] == "ninja"
    assert str(Translator("en")("courier.ninja")) == "Ninja Van"
    assert str(Translator("id")("courier.ninja")) == "Ninja Xpress"
