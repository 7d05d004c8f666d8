"""Item lines: quantities in every form, prices per unit or per line, catalog matching, variants."""

from __future__ import annotations

import pytest
from parse_helpers import items


@pytest.mark.parametrize(
    ("locale", "text", "qty"),
    [
        ("id", "pashmina hitam 3", 3),
        ("id", "pashmina hitam x3", 3),
        ("id", "3x pashmina hitam", 3),
        ("id", "pashmina hitam 3 pcs", 3),
        ("id", "pashmina hitam 3 lembar", 3),
        ("id", "bergo navy 2 bh", 2),
        ("id", "bergo navy (2)", 2),
        ("id", "bergo navy tiga", 3),
        ("id", "pashmina hitam loro yo", 2),
        ("id", "sneakers putih 39 sepasang", 1),
        ("id", "tunik rayon", 1),
        ("vi", "lấy hai son đỏ", 2),
        ("vi", "2 tuýp kem chống nắng", 2),
        ("vi", "kem chống nắng sl 2", 2),
        ("vi", "kem chong nang sl: 3", 3),
        ("vi", "một hộp mặt nạ", 1),
        ("en", "three packs murukku", 3),
        ("en", "murukku x 4", 4),
        ("en", "dodol durian - 2 packs", 2),
        ("en", "2 tins kuih bangkit", 2),
    ],
)
def test_a_quantity_is_read_in_every_form_sellers_use(locale: str, text: str, qty: int) -> None:
    assert [q for _, q, _ in items(locale, text)] == [qty]


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("id", "bergo hitam 2 @35rb", [("BGI-HTM", 2, 35000)]),
        ("id", "bergo hitam 2 (35rb/pc)", [("BGI-HTM", 2, 35000)]),
        ("id", "bergo hitam 2 70rb", [("BGI-HTM", 2, 35000)]),
        ("id", "bergo hitam 1 harga 35rb", [("BGI-HTM", 1, 35000)]),
        ("id", "bergo hitam 2 satuan 35rb", [("BGI-HTM", 2, 35000)]),
        ("vi", "2 son đỏ 300k", [("SKL-DO", 2, 150000)]),
        ("vi", "2 son đỏ 150k/cây", [("SKL-DO", 2, 150000)]),
        ("en", "3 dodol durian RM13 each", [("DDR-500", 3, 13)]),
        ("en", "2 murukku RM18", [("MRK-300", 2, 9)]),
    ],
)
def test_a_price_on_the_line_is_per_unit_when_marked_and_otherwise_divided_by_quantity(
    locale: str, text: str, expected: list
) -> None:  # type: ignore[type-arg]
    assert items(locale, text) == expected


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("id", "pashmina hitam 2", [("HPS-HTM", 2, 45000)]),
        ("id", "tunik rayon 1", [("TRM-AS", 1, 119000)]),
        ("vi", "1 serum b5", [("SB5-30", 1, 295000)]),
        ("en", "1 kopi o kosong", [("KOK-250", 1, 9.5)]),
    ],
)
def test_without_a_price_the_catalog_price_is_used(locale: str, text: str, expected: list) -> None:  # type: ignore[type-arg]
    assert items(locale, text) == expected


@pytest.mark.parametrize(
    ("locale", "text", "sku"),
    [
        ("vi", "1 sữa rửa mặt 150ml", "SRM-150"),
        ("vi", "1 sua rua mat 150ml", "SRM-150"),
        ("vi", "1 SỮA RỬA MẶT 150ML", "SRM-150"),
        ("vi", "1 kem chong nag", "KCN-50"),
        ("vi", "1 nước tẩy trang 100 ml", "NTT-100"),
        ("id", "1 pasmina krem", "HPS-CRM"),
        ("id", "1 gamsi navy L", "GSN-L"),
        ("id", "1 sneker putih 42", "SNP-42"),
        ("id", "1 kaos item XL", "KPH-XL"),
        ("en", "1 kerepk pisang manis", "KRP-MNS"),
        ("en", "1 muruku", "MRK-300"),
    ],
)
def test_a_product_matches_ignoring_case_diacritics_and_small_typos(locale: str, text: str, sku: str) -> None:
    assert [s for s, _, _ in items(locale, text)] == [sku]


@pytest.mark.parametrize(
    ("locale", "text", "sku"),
    [
        ("id", "kaos polos hitam size XL 1", "KPH-XL"),
        ("id", "kaos polos uk M warna putih 1", "KPP-M"),
        ("id", "pashmina black 1", "HPS-HTM"),
        ("id", "sandal slop no 39 1", "SSW-39"),
        ("id", "bergo instan warna navy 1", "BGI-NVY"),
        ("vi", "1 son kem lì màu hồng đất", "SKL-HONG"),
        ("vi", "1 cushion màu 21", "CSN-21"),
        ("vi", "1 mặt nạ lẻ", "MNG-1"),
        ("en", "1 arabica ground 250g", "ARB-GR"),
        ("en", "1 banana chips spicy", "KRP-PDS"),
    ],
)
def test_the_variant_is_picked_from_the_words_around_the_product(locale: str, text: str, sku: str) -> None:
    assert [s for s, _, _ in items(locale, text)] == [sku]


@pytest.mark.parametrize(
    ("locale", "text", "candidates"),
    [
        ("id", "kaos polos hitam 2", ["KPH-M", "KPH-L", "KPH-XL"]),
        ("id", "sneakers putih 1", ["SNP-38", "SNP-39", "SNP-40", "SNP-41", "SNP-42"]),
        ("vi", "1 cushion", ["CSN-21", "CSN-23"]),
        ("en", "1 kerepek pisang", ["KRP-PDS", "KRP-MNS"]),
    ],
)
def test_a_product_without_its_variant_offers_candidates(
    locale: str, text: str, candidates: list[str]
) -> None:
    from parse_helpers import draft

    got = draft(locale, text)["items"]
    assert len(got) == 1 and got[0]["sku"] is None and got[0]["candidates"] == candidates
    assert got[0]["unit_price"] is None  # no one catalog row, so no catalog price


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("id", "kaos polos L hitam 1 sama yg putih M 2", [("KPH-L", 1, 85000), ("KPP-M", 2, 85000)]),
        ("id", "sandal slop no 37 satu sama no 38 dua", [("SSW-37", 1, 59000), ("SSW-38", 2, 59000)]),
        ("id", "pashmina 2 pcs, warna hitam dan cream", [("HPS-HTM", 1, 45000), ("HPS-CRM", 1, 45000)]),
        ("id", "kaos polos hitam 2, XL", [("KPH-XL", 2, 89000)]),
        ("vi", "2 son đỏ 1 son hồng đất", [("SKL-DO", 2, 189000), ("SKL-HONG", 1, 189000)]),
        ("en", "2 kerepek pisang pedas & 1 manis", [("KRP-PDS", 2, 7.9), ("KRP-MNS", 1, 7.9)]),
    ],
)
def test_a_second_variant_of_the_same_product_is_its_own_line(locale: str, text: str, expected: list) -> None:  # type: ignore[type-arg]
    assert sorted(items(locale, text), key=str) == sorted(expected, key=str)


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("id", "pesan mukena bali putih 1 sama pashmina hitam 1", [(None, 1, None), ("HPS-HTM", 1, 45000)]),
        # `yg 40rb`: the one that costs 40rb, so one unit's price (as unseen9's labeller read `2 yg 35rb itu`)
        ("id", "kaos anak merah 2 yg 40rb", [(None, 2, 40000)]),
        ("vi", "1 kem nền 250k", [(None, 1, 250000)]),
        ("en", "2 packs pineapple tart RM15 each", [(None, 2, 15)]),
    ],
)
def test_a_product_not_in_the_catalog_stays_an_item_without_sku(
    locale: str, text: str, expected: list
) -> None:  # type: ignore[type-arg]
    assert items(locale, text) == expected


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("id", "kak masih ready? makasih"),
        ("id", "kak aku pesan 2 minggu lalu belum sampai"),
        ("id", "kirim ke kost kamar 5 ya"),
        ("en", "can send by 3 pm?"),
        ("vi", "shop tư vấn giúp em với"),
        ("en", "hi boss, any promo this week?"),
    ],
)
def test_chat_without_a_product_gives_no_items(locale: str, text: str) -> None:
    assert items(locale, text) == []


@pytest.mark.parametrize(("locale", "text", "expected"), [
    ("en", "3 kerepek pisang (2 pedas 1 manis)", [("KRP-PDS", 2, 7.9), ("KRP-MNS", 1, 7.9)]),
    ("id", "sandal slop 3 (2 no 37, 1 no 39)", [("SSW-37", 2, 59000), ("SSW-39", 1, 59000)]),
])
def test_a_breakdown_in_brackets_gives_one_line_per_variant(locale: str, text: str, expected: list) -> None:  # type: ignore[type-arg]
    assert items(locale, text) == expected


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("id", "pashmina hitam, cream, dusty masing-masing 2",
         [("HPS-HTM", 2, 45000), ("HPS-CRM", 2, 45000), ("HPS-DPK", 2, 45000)]),
        ("vi", "son đỏ và son cam đất mỗi loại 2", [("SKL-DO", 2, 189000), ("SKL-CAM", 2, 189000)]),
        ("en", "teh tarik and white coffee, each 3", [("TTK-12", 3, 11.5), ("WC3-15", 3, 12.9)]),
    ],
)
def test_a_quantity_for_each_applies_to_every_line(locale: str, text: str, expected: list) -> None:  # type: ignore[type-arg]
    assert items(locale, text) == expected


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("id", "pashmina hitam tiga pashmina cream dua", [("HPS-HTM", 3, 45000), ("HPS-CRM", 2, 45000)]),
        ("id", "kaos polos hitam L 2 XL 1", [("KPH-L", 2, 85000), ("KPH-XL", 1, 89000)]),
        ("id", "kaos hitam L2 XL1", [("KPH-L", 2, 85000), ("KPH-XL", 1, 89000)]),
        ("id", "order 3 bergo: 2 hitam 1 navy", [("BGI-HTM", 2, 39000), ("BGI-NVY", 1, 39000)]),
        ("vi", "2 cushion 21 + 1 serum vitamin C", [("CSN-21", 2, 350000), ("SVC-30", 1, 320000)]),
        ("en", "2 white coffee 1 teh tarik", [("WC3-15", 2, 12.9), ("TTK-12", 1, 11.5)]),
    ],
)
def test_several_lines_run_together_are_cut_at_their_quantities(
        locale: str, text: str, expected: list) -> None:  # type: ignore[type-arg]
    assert items(locale, text) == expected


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("id", "sneakers hitam 40 1", [(None, 1, None)]),
        ("en", "kerepek ubi pedas 2", [(None, 2, None)]),
        ("id", "tas selempang kanvas hitam 1", [("TSK-01", 1, 79000)]),
        ("id", "kulot item 1", [("CKL-HTM", 1, 109000)]),
    ],
)
def test_a_colour_or_flavour_the_product_is_not_sold_in_makes_it_unknown(
        locale: str, text: str, expected: list) -> None:  # type: ignore[type-arg]
    assert items(locale, text) == expected


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        # `Ciputat` is a place, not a misspelt `ciput`
        ("id", "kirim ke Jl. Kenanga 7, Ciputat, Tangsel", []),
        ("id", "order ke-2 kak, sneakers putih 38", [("SNP-38", 1, 189000)]),
        ("id", "PESANAN : SNEKERS PUTIH 39 1", [("SNP-39", 1, 189000)]),
    ],
)
def test_names_and_ordinals_are_not_products_or_quantities(
        locale: str, text: str, expected: list) -> None:  # type: ignore[type-arg]
    assert items(locale, text) == expected


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("id", "1) kaos polos hitam L\n2) kaos polos putih M", [("KPH-L", 1, 85000), ("KPP-M", 1, 85000)]),
        ("id", "1. Pashmina hitam 2\n2. Bergo navy 1", [("HPS-HTM", 2, 45000), ("BGI-NVY", 1, 39000)]),
        ("id", "2️⃣ pashmina hitam", [("HPS-HTM", 2, 45000)]),
    ],
)
def test_list_numbers_are_not_quantities_and_emoji_digits_are(
        locale: str, text: str, expected: list) -> None:  # type: ignore[type-arg]
    assert items(locale, text) == expected


@pytest.mark.parametrize(
    ("locale", "text", "candidates"),
    [
        ("id", "kaos polos 2", ["KPH-M", "KPH-L", "KPH-XL", "KPP-M", "KPP-L", "KPP-XL"]),
        ("vi", "1 serum", ["SVC-30", "SB5-30"]),
        ("vi", "1 kem mắt", []),  # a word the catalog does not know: an unknown product, not an open one
    ],
)
def test_the_start_of_product_names_is_an_open_line(locale: str, text: str, candidates: list[str]) -> None:
    from parse_helpers import draft

    got = draft(locale, text)["items"]
    assert len(got) == 1 and got[0]["sku"] is None
    assert sorted(got[0].get("candidates", [])) == sorted(candidates)


def test_a_form_with_the_product_colour_and_size_on_separate_lines() -> None:
    from parse_helpers import draft

    d = draft("id", "Product: Kaos Polos\nColour: Black\nSize: XL\nQty: 3")
    assert [(i["sku"], i["qty"]) for i in d["items"]] == [("KPH-XL", 3)]


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("vi", "Kem chống nắng SPF50 50ml 2", [("KCN-50", 2, 289000)]),
        ("vi", "Serum B5 30ml 1", [("SB5-30", 1, 295000)]),
        ("en", "White Coffee 3in1 15 sachets 2", [("WC3-15", 2, 12.9)]),
        ("en", "Kopi O Kosong Powder 250g - 2", [("KOK-250", 2, 9.5)]),
    ],
)
def test_numbers_inside_a_product_name_are_not_quantities(
        locale: str, text: str, expected: list) -> None:  # type: ignore[type-arg]
    assert items(locale, text) == expected


@pytest.mark.parametrize(("locale", "text", "expected"), [
    ("id", "sandal slop no 37 10 psg = 1,5jt ya kak", [("SSW-37", 10, 150000)]),
    ("id", "12 pashmina cream 1,2 jt, ongkir 20rb", [("HPS-CRM", 12, 100000)]),
    ("vi", "10 son đỏ 1,5 triệu", [("SKL-DO", 10, 150000)]),
    ("vi", "6 kem dưỡng ẩm = 1,2tr, 2 son đỏ", [("KDA-50", 6, 200000), ("SKL-DO", 2, 189000)]),
])
def test_a_line_total_in_millions_with_a_decimal_comma_is_shared_by_the_quantity(
    locale: str, text: str, expected: list  # type: ignore[type-arg]
) -> None:
    assert items(locale, text) == expected


@pytest.mark.parametrize(
    ("locale", "text", "unit_price"),
    [
        # the price written is the catalog's price of one: the seller quotes the unit price
        ("id", "2 kaos hitam L 85rb", 85000),
        ("id", "pashmina hitam 3 @45rb", 45000),
        ("vi", "2 son đỏ 189k", 189000),
        ("en", "2 white coffee RM12.90", 12.90),
        # any other price on a line of several is the line's total (the contract's rule)
        ("id", "2 kaos hitam L 170rb", 85000),
        ("id", "2 kaos hitam L 160rb", 80000),
        ("vi", "2 son đỏ 350k", 175000),
        ("en", "2 white coffee RM25", 12.50),
    ],
)
def test_a_price_equal_to_the_catalogs_price_of_one_is_the_unit_price_not_a_line_total(
        locale: str, text: str, unit_price: float) -> None:
    [(_sku, _qty, price)] = items(locale, text)
    assert price == unit_price
