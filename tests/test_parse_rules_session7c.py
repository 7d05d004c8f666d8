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


# -- `…, 53100 KL, Aminah 013…`: one capitalised word before the phone, after a part that ends the address
# (a postcode or a known place), is the name ------------------------------------------------------------


@pytest.mark.parametrize(
    ("loc", "text", "name", "address"),
    [
        ("en", "1 arabica, 21 Lorong Kenari, 30100 Ipoh, Kavitha 012-555 6666, pos rm8",
         "Kavitha", "21 Lorong Kenari, 30100 Ipoh"),
        ("en", "2 kopi o, Lot 8 Jalan Bunga, 15000 Kota Bharu, Kelantan, Zulaikha 0199990000, cod",
         "Zulaikha", "Lot 8 Jalan Bunga, 15000 Kota Bharu, Kelantan"),
        ("en", "No 4 Jalan Kenanga 2, 43000 Kajang, Hafsah 0172223333, 1 teh tarik",
         "Hafsah", "No 4 Jalan Kenanga 2, 43000 Kajang"),
        ("id", "2 kaos hitam L, Jl Anggrek 7 Bandung, Yuni 082133344455",
         "Yuni", "Jl Anggrek 7 Bandung"),
    ],
)
def test_one_capitalised_word_before_the_phone_after_a_whole_address_is_the_name(
    loc: str, text: str, name: str, address: str
) -> None:
    d = draft(loc, text)
    assert d["customer"]["name"] == name
    assert d["customer"]["address"] == address


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # a district before the phone, the address not yet ended by a postcode or a place
        ("2 teh tarik, No 12 Jalan Mawar 3, Taman Melati, Cheras 0137778888",
         "No 12 Jalan Mawar 3, Taman Melati, Cheras"),
        # a known place before the phone stays the address
        ("1 kopi o, Lot 5 Jalan Ampang, 50450 Kuala Lumpur, Selangor 0123456789",
         "Lot 5 Jalan Ampang, 50450 Kuala Lumpur, Selangor"),
    ],
)
def test_a_district_or_place_before_the_phone_stays_the_address(text: str, address: str) -> None:
    d = draft("en", text)
    assert d["customer"]["name"] is None
    assert d["customer"]["address"] == address


# -- `…, 53100 KL, bayar online`: a part opening with a pay word ends the address --------------------------


@pytest.mark.parametrize(
    ("loc", "text", "address"),
    [
        ("en", "2 kopi o, Hafsah 0172223333, No 4 Jalan Kenanga 2, 43000 Kajang, bayar online, pos RM8",
         "No 4 Jalan Kenanga 2, 43000 Kajang"),
        ("en", "Farid 0198887777, 7 Jalan Kenari, 81100 Johor Bahru, pay online, 1 teh tarik",
         "7 Jalan Kenari, 81100 Johor Bahru"),
        ("id", "Sari 085612345678, Perum Griya Asri B2 Bekasi, bayar nanti, 1 dompet kulit",
         "Perum Griya Asri B2 Bekasi"),
    ],
)
def test_a_pay_word_ends_the_address(loc: str, text: str, address: str) -> None:
    assert draft(loc, text)["customer"]["address"] == address
