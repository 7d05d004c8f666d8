"""General rules for the error kinds of a held-out stand-in set (session 11, third round): a courier's
two-word name is no buyer, `Name's`, a free postage in a courier's field, `lunas via Blibli`, `RM3 off`,
self-introductions, a chat export's speaker label, sender and recipient, a corrected variant, a
marketplace's variation line; each on messages of our own, in every language where the kind exists."""

from __future__ import annotations

import pytest
from parse_helpers import draft, items

# -- `Si Cepat pls`: a courier named in two capitalised words is no person's name ------------------------


@pytest.mark.parametrize(
    ("locale", "text", "name", "courier"),
    [
        ("id", "2 bergo hitam, Jl. Kenanga No. 3, Depok. 0812 3456 7890. Si Cepat ya", None, "sicepat"),
        ("id", "2 bergo hitam, Jl. Kenanga No. 3, Depok, 0812 3456 7890. Anter Aja ya", None, "anteraja"),
        ("id", "Budi 0812 3456 7890, Jl. Kenanga No. 3, Depok, 2 bergo hitam. Bank transfer, Si Cepat pls",
         "Budi", "sicepat"),
        ("en", "2 dodol, 0123456789, 5 Jalan Mawar Kajang. City Link pls", None, "citylink"),
        ("en", "2 dodol, 0123456789, 5 Jalan Mawar Kajang. Pos Laju ya", None, "poslaju"),
        ("vi", "2 son đỏ, 0912345678, 20 Nguyễn Trãi, Hà Nội. Viettel Post nha", None, "viettelpost"),
    ],
)
def test_a_couriers_name_in_two_capitalised_words_is_no_buyers_name(
    locale: str, text: str, name: str | None, courier: str
) -> None:
    d = draft(locale, text)
    assert (d["customer"]["name"], d["courier"]) == (name, courier)


# -- `Name's Grace Tambunan`: the contraction of `name is` labels the name --------------------------------


@pytest.mark.parametrize(
    ("locale", "text", "name"),
    [
        ("en", "2 dodol, name's Ali Hassan, 0123456789, 5 Jalan Mawar Kajang", "Ali Hassan"),
        ("en", "2 dodol for my mum, her name’s Siti Aminah, 0123456789, 5 Jalan Mawar Kajang", "Siti Aminah"),
        ("en", "My name's Mei Ling. 1 teh tarik, 0123456789, 8 Jalan Ipoh KL", "Mei Ling"),
        ("id", "2 bergo hitam, Jl. Kenanga No. 3, Depok. Name's Grace Tambunan, 0812 3456 7890. JNE ya",
         "Grace Tambunan"),
    ],
)
def test_names_contracted_labels_the_buyers_name(locale: str, text: str, name: str) -> None:
    assert draft(locale, text)["customer"]["name"] == name


def test_a_possessive_of_recipient_is_still_no_label() -> None:
    assert draft("en", "the recipient's name is Ali, 0123456789")["customer"]["name"] == "Ali"


# -- `Shipping: Free`: a courier's field that holds only a free-of-charge word is free postage -----------


@pytest.mark.parametrize(
    ("locale", "text", "courier"),
    [
        ("id", "Nama: Olivia\nShipping: Free\nCourier: SiCepat\nItems: kaos hitam L x1", "sicepat"),
        ("id", "Nama: Olivia\nPengiriman: Gratis\nKurir: JNE\nPesanan: kaos hitam L x1", "jne"),
        ("en", "Name: Ali\nDelivery: Free\nItems: 2 dodol", None),
        ("en", "Name: Ali\nDelivery: FOC\nCourier: J&T\nItems: 2 dodol", "jnt"),
        ("vi", "Tên: Lan\nGiao hàng: Miễn phí\nSản phẩm: 2 son đỏ", None),
        ("vi", "Tên: Lan\nVận chuyển: free\nSản phẩm: 2 son đỏ", None),
    ],
)
def test_a_courier_field_saying_free_is_free_postage(locale: str, text: str, courier: str | None) -> None:
    d = draft(locale, text)
    assert (d["shipping_fee"], d["courier"]) == (0, courier)


@pytest.mark.parametrize(
    ("locale", "text", "courier"),
    [
        ("id", "Nama: Olivia\nPengiriman: JNE\nPesanan: kaos hitam L x1", "jne"),
        ("en", "Name: Ali\nShipping: Pos Laju\nItems: 2 dodol", "poslaju"),
        ("vi", "Tên: Lan\nVận chuyển: GHTK\nSản phẩm: 2 son đỏ", "ghtk"),
    ],
)
def test_a_courier_field_naming_a_courier_says_nothing_of_postage(
    locale: str, text: str, courier: str
) -> None:
    d = draft(locale, text)
    assert (d["shipping_fee"], d["courier"]) == (None, courier)


# -- `sudah lunas via Blibli`: settled on the marketplace, no method named -------------------------------


@pytest.mark.parametrize(
    ("locale", "text", "channel"),
    [
        ("id", "Budi 081234567890 Jl Melati 5, 1 kaos hitam L, sudah lunas via Blibli", "blibli"),
        ("id", "1 kaos hitam L, lunas di Shopee ya", "shopee"),
        ("id", "1 kaos hitam L, udah dilunasi lewat Tokopedia", "tokopedia"),
        ("en", "2 dodol, settled on Shopee", "shopee"),
        ("en", "2 dodol, already settled via Lazada", "lazada"),
        ("vi", "2 son đỏ, đã trả qua Shopee rồi", "shopee"),
    ],
)
def test_settled_on_a_marketplace_is_paid_there(locale: str, text: str, channel: str) -> None:
    d = draft(locale, text)
    assert (d["payment"], d["channel"]) == ("marketplace", channel)


def test_settled_by_bank_is_not_paid_on_the_marketplace() -> None:
    assert draft("id", "1 kaos hitam L, lunas via transfer BCA, order dari Shopee")["payment"] == "transfer"


# -- `RM3 off`: an amount in money before `off` is a discount --------------------------------------------


@pytest.mark.parametrize(
    ("locale", "text", "discount", "expected"),
    [
        ("en", "2 dodol RM3 off", 3, [("DDR-500", 2, 15)]),
        ("en", "2 murukku RM 9 each, RM2 off for repeat customer. Ali 0123456789", 2, [("MRK-300", 2, 9)]),
        ("en", "1 teh tarik, rm 2.50 off", 2.5, [("TTK-12", 1, 11.5)]),
        ("id", "2 kaos hitam L, 10rb off ya kak", 10000, [("KPH-L", 2, 85000)]),
        ("id", "2 kaos hitam L, 10.000 off", 10000, [("KPH-L", 2, 85000)]),
        ("vi", "2 son đỏ, 20k off nha", 20000, [("SKL-DO", 2, 189000)]),
    ],
)
def test_an_amount_before_off_is_a_discount(
    locale: str, text: str, discount: float, expected: list[tuple[str, int, float]]
) -> None:
    assert draft(locale, text)["discount"] == discount
    assert items(locale, text) == expected


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("en", "2 dodol, off white packaging pls"),
        ("en", "2 dodol, I'm off tomorrow, 3 murukku"),
        ("id", "2 kaos hitam L, besok aku off ya"),
    ],
)
def test_off_without_an_amount_before_it_is_no_discount(locale: str, text: str) -> None:
    assert draft(locale, text)["discount"] is None


# -- `Aishah here`, `Rina di sini`, `Lan đây`: a name and a word saying the writer is that person ----------


@pytest.mark.parametrize(
    ("locale", "text", "name"),
    [
        ("en", "Hi, Aishah here. Want 2 murukku, how much postage ah?", "Aishah"),
        ("en", "Kelvin here, 2 murukku pls", "Kelvin"),
        ("en", "Hi Kelvin here, 2 murukku pls", "Kelvin"),
        ("en", "Hello, Kelvin Tan here. 2 murukku pls", "Kelvin Tan"),
        ("en", "Ah Kow speaking. 2 kopi o, 0123456789, 5 Jalan Mawar Kajang", "Ah Kow"),
        ("id", "Rina di sini, mau 2 kaos hitam L", "Rina"),
        ("id", "Halo kak, Dewi Lestari disini. Mau order 1 gamis M", "Dewi Lestari"),
        ("vi", "Lan đây, lấy 2 son đỏ", "Lan"),
        ("vi", "Chào shop, chị Mai đây, lấy 2 son đỏ nha", "Mai"),
    ],
)
def test_a_name_then_here_introduces_the_buyer(locale: str, text: str, name: str) -> None:
    d = draft(locale, text)
    assert d["customer"]["name"] == name
    assert "name" not in d["missing"]
    assert d["items"]


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("en", "2 murukku. Pickup here"),
        ("en", "Hi there, 2 murukku"),
        ("id", "2 kaos hitam L, taruh disini aja"),
    ],
)
def test_here_after_the_goods_or_a_greeting_names_no_one(locale: str, text: str) -> None:
    assert draft(locale, text)["customer"]["name"] is None


# -- `[Zalo] Khách Thanh Hương:`: a chat export's speaker written as the buyer's role and name -------------


@pytest.mark.parametrize(
    ("locale", "text", "name"),
    [
        ("vi", "[Zalo] Khách Thanh Hương:\nshop ơi lấy 2 son đỏ\ngửi về 17 Võ Thị Sáu, Vũng Tàu\n"
               "0908 774 112", "Thanh Hương"),
        ("vi", "[10:02] Khách Hàng Mai Anh: lấy 2 son đỏ\n[10:03] Shop: dạ\n"
               "[10:04] Khách Hàng Mai Anh: 0908774112, 17 Võ Thị Sáu, Vũng Tàu", "Mai Anh"),
        ("en", "[WhatsApp] Customer Ali Hassan: hi, 2 dodol pls\n0123456789, 5 Jalan Mawar Kajang",
         "Ali Hassan"),
        ("id", "[WA] Pembeli Rina Wati: kak mau 2 kaos hitam L\n081234567890, Jl Melati 5 Bandung",
         "Rina Wati"),
    ],
)
def test_a_speaker_written_as_the_buyers_role_and_name_is_the_buyer(
    locale: str, text: str, name: str
) -> None:
    assert draft(locale, text)["customer"]["name"] == name


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("vi", "[Zalo] Khách Hàng: lấy 2 son đỏ, 0908774112, 17 Võ Thị Sáu, Vũng Tàu"),
        ("id", "[10:02] Shop Ayu: ok kak\n"
               "[10:03] Pembeli: 2 kaos hitam L, 081234567890, Jl Melati 5 Bandung"),
    ],
)
def test_a_speaker_that_is_only_a_role_names_no_one(locale: str, text: str) -> None:
    assert draft(locale, text)["customer"]["name"] is None


# -- `Khách Zalo chị Bích lấy …`: the platform after a buyer's label is no part of the name ---------------


@pytest.mark.parametrize(
    ("locale", "text", "name", "channel", "expected"),
    [
        ("vi", "Khách Zalo chị Bích lấy thêm 2 serum B5 như lần trước, sđt với địa chỉ chị gửi sau", "Bích",
         "zalo", [("SB5-30", 2, 295000)]),
        ("vi", "Khách Zalo Trần Thu Hà lấy 1 toner", "Trần Thu Hà", "zalo", [("TNR-200", 1, 175000)]),
        ("vi", "Khách FB anh Tuấn lấy 2 son đỏ, 0912345678", "Tuấn", "facebook", [("SKL-DO", 2, 189000)]),
        ("en", "Customer IG Kumar order 2 murukku, 0123456789", "Kumar", "instagram", [("MRK-300", 2, 9.9)]),
        ("id", "pembeli Shopee kak Rina pesan 2 kaos hitam L", "Rina", "shopee", [("KPH-L", 2, 85000)]),
    ],
)
def test_the_platform_after_a_buyers_label_is_the_channel_not_the_name(
    locale: str, text: str, name: str, channel: str, expected: list[tuple[str, int, float]]
) -> None:
    d = draft(locale, text)
    assert (d["customer"]["name"], d["channel"]) == (name, channel)
    assert items(locale, text) == expected


# -- `Variasi: Hitam,M x1 — Kaos Polos Hitam`: the variant and count first, then the product --------------


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("id", "Penerima: Lina\nVariasi: Hitam,M x1 — Kaos Polos Hitam\nJasa kirim: J&T Express",
         [("KPH-M", 1, 85000)]),
        ("id", "Penerima: Lina\nVariasi: Hitam,M x2 - Kaos Polos", [("KPH-M", 2, 85000)]),
        ("id", "Penerima: Lina\nVariasi: Hitam, XL x2 | Kaos Polos Hitam", [("KPH-XL", 2, 89000)]),
        ("vi", "Người nhận: Lan\nPhân loại: Đỏ x2 - Son kem lì", [("SKL-DO", 2, 189000)]),
        ("en", "Name: Ali\nVariation: Pedas x3 - Kerepek Pisang", [("KRP-PDS", 3, 7.9)]),
        ("en", "Name: Ali\nVariant: Ground, 250g x2 - Arabica Coffee Beans", [("ARB-GR", 2, 32)]),
    ],
)
def test_a_variation_line_naming_the_product_after_the_variant_is_one_item(
    locale: str, text: str, expected: list[tuple[str, int, float]]
) -> None:
    assert items(locale, text) == expected


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("id", "Penerima: Lina\nKaos Polos Hitam\nVariasi: Hitam,M x1", [("KPH-M", 1, 85000)]),
        ("id", "Produk: Kaos Polos Hitam\nVariasi: M\nJumlah: 2", [("KPH-M", 2, 85000)]),
        ("en", "Name: Ali\nKerepek Pisang x3\nVariation: Pedas", [("KRP-PDS", 3, 7.9)]),
    ],
)
def test_a_variant_field_after_its_product_still_picks_the_variant(
    locale: str, text: str, expected: list[tuple[str, int, float]]
) -> None:
    assert items(locale, text) == expected


# -- `ralat, size XL`: a variant's label in a correction, though a catalog word (`All Size`) ---------------


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("id", "kaos polos putih size L 2 ya. eh sorry ralat, size XL kak bukan L. "
               "kirim ke Jl. Melati 5, Bogor", [("KPP-XL", 2, 89000)]),
        ("id", "kaos polos putih size L 2 ya. eh ralat, size XL", [("KPP-XL", 2, 89000)]),
        ("id", "sneakers putih 39 1 pasang. eh ralat, size 41", [("SNP-41", 1, 189000)]),
        ("en", "2 kerepek pisang pedas. sorry, flavour manis", [("KRP-MNS", 2, 7.9)]),
        ("en", "1 arabica whole bean. oops, type ground", [("ARB-GR", 1, 32)]),
        ("vi", "2 son kem lì đỏ. à nhầm, màu cam", [("SKL-CAM", 2, 189000)]),
    ],
)
def test_a_correction_naming_a_variant_with_its_label_changes_the_line(
    locale: str, text: str, expected: list[tuple[str, int, float]]
) -> None:
    assert items(locale, text) == expected


def test_a_variant_with_its_label_after_a_line_is_another_line_of_the_product() -> None:
    assert items("id", "kaos polos putih L 2, size XL deh") == [("KPP-L", 2, 85000), ("KPP-XL", 1, 89000)]


# -- `I'm Jessica (012…) … send 1 hamper to my mother-in-law, Fatimah …, tel 019…`: the recipient's --------


@pytest.mark.parametrize(
    ("locale", "text", "name", "phone"),
    [
        ("en", "Hi, I'm Jessica (012-777 1010). Please send 1 raya hamper to my mother-in-law, Fatimah binti "
               "Said, 19 Jalan Masjid Negeri, 11600 Jelutong, Penang, tel 019-455 1212.",
         "Fatimah binti Said", "+60194551212"),
        ("en", "I'm Kelvin, 0123456789. Send 2 dodol to my sister, Mei Ling Tan, 8 Jalan Ipoh, 51200 KL, "
               "hp 0198765432", "Mei Ling Tan", "+60198765432"),
        ("id", "aku Rahma (0812-1111-2222) mau kirim 1 gamis M ke ibu saya, Bu Sari, Jl Melati 5 Bandung, "
               "hp 0857-3333-4444", "Sari", "+6285733334444"),
        ("id", "aku Rahma 0812-1111-2222, kirim 2 kaos hitam L buat adik saya, Dimas Prasetyo, Jl Kenanga 3 "
               "Depok, hp 0857-3333-4444", "Dimas Prasetyo", "+6285733334444"),
        ("vi", "em là Lan (0912 345 678), gửi 2 son đỏ cho mẹ em, Nguyễn Thị Hoa, 20 Nguyễn Trãi, Hà Nội, "
               "sđt 0987 654 321", "Nguyễn Thị Hoa", "+84987654321"),
    ],
)
def test_goods_sent_to_the_buyers_family_go_to_the_one_named_after(
    locale: str, text: str, name: str, phone: str
) -> None:
    customer = draft(locale, text)["customer"]
    assert (customer["name"], customer["phone"]) == (name, phone)


@pytest.mark.parametrize(
    ("locale", "text", "name"),
    [
        ("id", "Budi 081234567890, Jl Melati 5 Bogor, 2 kaos hitam L buat adik saya", "Budi"),
        ("en", "Ali 0123456789, 5 Jalan Mawar Kajang, 2 dodol for my mum", "Ali"),
        ("vi", "Lan 0912345678, 20 Nguyễn Trãi, Hà Nội, lấy 2 son đỏ cho mẹ em", "Lan"),
    ],
)
def test_goods_for_the_buyers_family_with_no_one_named_stay_the_buyers(
    locale: str, text: str, name: str
) -> None:
    assert draft(locale, text)["customer"]["name"] == name
