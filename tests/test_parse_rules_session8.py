"""General rules for the error kinds the stand-in unseen19 showed and for what a tester typing as a seller
found (session 8), each on messages of our own (other names, places and products than the set's), in the
languages it applies to."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import CORPUS
from parse_helpers import draft, items, parser

from bot.parse import Parser
from core.catalog import CatalogRow, read_catalog

# -- `@handle : Name / phone / …`: a colon between spaces ends what heads the text after it ------------------


@pytest.mark.parametrize(
    ("loc", "text", "name"),
    [
        ("id", "Rekap live 5/12\n@bundafira_ : Safira Putri / 0812 7788 9900 / Jl. Kenari 4, Depok / "
         "bergo hitam 2", "Safira Putri"),
        ("id", "@toko.rina22 : Rina Amelia, 0857 1122 3344, Jl. Cempaka 8, Bogor, pashmina cream 1",
         "Rina Amelia"),
        ("en", "live 9/12 @kakyah_88 : Nurul Huda, 012-334 5566, 5 Jalan Mawar, 43000 Kajang, dodol 2",
         "Nurul Huda"),
        ("vi", "live tối qua @hoa.nguyen_ : Nguyễn Thị Hoa, 0912 345 678, 12 Lê Lợi, Huế, 1 toner",
         "Nguyễn Thị Hoa"),
    ],
)
def test_a_handle_before_a_spaced_colon_is_no_part_of_the_name(loc: str, text: str, name: str) -> None:
    assert draft(loc, text)["customer"]["name"] == name


def test_a_spaced_colon_before_an_amount_is_still_the_line_price() -> None:
    assert items("id", "pashmina hitam 2 : 90rb") == [("HPS-HTM", 2, 45000)]


# -- `Nomor & alamat sama kayak kemarin`: the phone's word starts an address only with its number -----------


@pytest.mark.parametrize(
    "text",
    [
        "Kak ini Tasya, ambil bergo hitam 2 ya. Nomor & alamat sama kayak order bulan lalu",
        "pashmina cream 1 kak. Nomor dan alamat sama kayak kemarin ya",
        "mau rok plisket mocca 1, nomer sama alamat sama seperti biasa",
    ],
)
def test_nomor_without_a_number_is_no_address(text: str) -> None:
    assert draft("id", text)["customer"]["address"] is None


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("bergo hitam 1, alamat: nomor 12 Jl. Kenanga, Depok", "nomor 12 Jl. Kenanga, Depok"),
        ("pashmina hitam 2, kirim ke Nomor 5 Jl Mawar, Bogor", "Nomor 5 Jl Mawar, Bogor"),
    ],
)
def test_nomor_with_its_number_still_starts_an_address(text: str, address: str) -> None:
    assert draft("id", text)["customer"]["address"] == address


# -- `call 017… when reach`, `hubungi 0812…`, `gọi 0912…`: asking to be called names no one ----------------


@pytest.mark.parametrize(
    ("loc", "text"),
    [
        ("en", "2 dodol, send to 8 Jalan Melur 2, 81300 Skudai, Johor. call 013-445 6677 when reach"),
        ("en", "2 dodol, send to 8 Jalan Melur 2, 81300 Skudai. ring 013-445 6677 before you come"),
        ("id", "pashmina hitam 2, kirim ke Jl. Mawar 5, Bogor. kalau sampai hubungi 0812 3344 5566"),
        ("id", "pashmina hitam 2, kirim ke Jl. Mawar 5, Bogor. telpon 0812 3344 5566 ya"),
        ("vi", "lấy 1 toner hoa hồng, gửi 12 Lê Lợi, Huế. tới nơi gọi 0912 345 678 nha"),
    ],
)
def test_asking_to_be_called_names_no_one(loc: str, text: str) -> None:
    d = draft(loc, text)
    assert d["customer"]["name"] is None and d["customer"]["phone"] is not None


def test_a_name_before_the_phone_still_names_the_buyer() -> None:
    d = draft("en", "2 dodol, send to 8 Jalan Melur 2, 81300 Skudai. Farah 013-445 6677")
    assert d["customer"]["name"] == "Farah"


# -- Javanese: `jeneng X` names the recipient without a colon; `nomeripun` labels the phone; `badhe` (want) --


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("[05/12/24 19.02] Mbak Wati Klaten: aku pesen pashmina hitam 2 yo\n"
         "[05/12/24 19.03] Mbak Wati Klaten: kirim neng Jl. Pemuda 12, Klaten\n"
         "[05/12/24 19.04] Mbak Wati Klaten: jeneng Sri Wahyuni, hp 0857 2233 4455", "Sri Wahyuni"),
        ("pesen bergo hitam 1, kirim neng Jl. Pemuda 12, Klaten, jeneng Sri Wahyuni 0857 2233 4455",
         "Sri Wahyuni"),
        ("Mbak, kulo badhe pesen pashmina item kalih. Dikirim dhateng Jl. Pemuda 12, Klaten. Asmanipun "
         "Bu Sri Wahyuni, nomeripun 0857-2233-4455", "Sri Wahyuni"),
        ("kulo badhe pesen bergo navy setunggal, Jl. Pemuda 12, Klaten. nomeripun 0857 2233 4455, asmanipun "
         "Pak Darmo", "Darmo"),
    ],
)
def test_javanese_name_and_phone_words(text: str, name: str) -> None:
    d = draft("id", text)
    assert d["customer"]["name"] == name and d["customer"]["phone"] == "+6285722334455"


# -- `tên c là Ngô Thị Kim Loan`: after a name's label a title, then `là`, then the name --------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("c lay 2 chai sua tam trang nha. gui ve 14 Hai Ba Trung, Q.1, tp hcm. ten c la Vo Thi Kim Hoa, "
         "0903 111 222", "Vo Thi Kim Hoa"),
        ("lấy 1 toner hoa hồng, gửi 12 Lê Lợi, Huế. tên chị là Trần Thị Mai, 0903 111 222", "Trần Thị Mai"),
        ("lấy 1 toner hoa hồng, gửi 12 Lê Lợi, Huế. tên cô là Lê Thị Bình 0903 111 222", "Lê Thị Bình"),
        ("lay 1 toner, gui 12 Le Loi, Hue. ten em la Mai 0903 111 222", "Mai"),
    ],
)
def test_a_title_and_la_after_the_name_label_are_not_the_name(text: str, name: str) -> None:
    assert draft("vi", text)["customer"]["name"] == name


# -- `Huyện/TP:`, `City/State:`: labels of one field joined by a slash label that field ----------------------


@pytest.mark.parametrize(
    ("loc", "text", "address"),
    [
        ("vi", "Tên: Hà Văn Nam\nSĐT: 0388 111 222\nĐịa chỉ: Tổ 3, phường Quang Trung\n"
         "Huyện/TP: TP. Thái Bình\nTỉnh: Thái Bình\nĐơn: 1 toner",
         "Tổ 3, phường Quang Trung, TP. Thái Bình, Thái Bình"),
        ("vi", "Tên: Hà Văn Nam\nSĐT: 0388 111 222\nĐịa chỉ: thôn 2\nXã/Thị trấn: xã Vũ Lạc\n"
         "Tỉnh/TP: Thái Bình\nĐơn: 1 toner", "thôn 2, xã Vũ Lạc, Thái Bình"),
        ("en", "Name: Lim Mei Ling\nPhone: 012-334 5566\nAddress: 5 Jalan Mawar\n"
         "City/State: Kajang, Selangor\nOrder: 2 dodol", "5 Jalan Mawar, Kajang, Selangor"),
        ("id", "Nama: Sari\nHP: 0812 3344 5566\nAlamat: Jl. Kenanga 3\nKec/Kab: Cibinong, Bogor\n"
         "Pesanan: bergo hitam 1", "Jl. Kenanga 3, Cibinong, Bogor"),
    ],
)
def test_slash_joined_labels_of_one_field(loc: str, text: str, address: str) -> None:
    assert draft(loc, text)["customer"]["address"] == address


# -- `trả khi nhận`, `thanh toán lúc nhận hàng`: paid when the parcel is received ---------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Gửi J&T giúp chị 1 toner hoa hồng, chị Nhàn 0918 222 333, 9 Trần Phú, Quy Nhơn. Tiền hàng "
        "chị trả khi nhận",
        "gui 1 toner, Nhan 0918 222 333, 9 Tran Phu, Quy Nhon. tien hang tra khi nhan nha",
        "lấy 1 toner hoa hồng, Nhàn 0918 222 333, 9 Trần Phú, Quy Nhơn, thanh toán lúc nhận hàng",
        "lấy 1 toner hoa hồng, Nhàn 0918 222 333, 9 Trần Phú, Quy Nhơn, em trả lúc nhận",
    ],
)
def test_paying_when_the_parcel_is_received_is_cod(text: str) -> None:
    assert draft("vi", text)["payment"] == "cod"


# -- `cod sicepet`, `kirim anteraya`: a courier's one-word name with one letter off ------------------------


@pytest.mark.parametrize(
    ("loc", "text", "courier"),
    [
        ("id", "pashmina hitam 2, Jl. Mawar 5, Bogor. a/n Dewi 0896 3017 2248. cod sicepet", "sicepat"),
        ("id", "bergo navy 1 kirim anteraya ya kak, Jl. Mawar 5, Bogor", "anteraja"),
        ("id", "bergo navy 1, kirim pake sicpat, Jl. Mawar 5, Bogor", "sicepat"),
        ("vi", "1 toner hoa hồng giao ahamov nha, 12 Lê Lợi, Huế", "ahamove"),
        ("en", "2 dodol via citylnk, 5 Jalan Mawar, 43000 Kajang", "citylink"),
    ],
)
def test_a_courier_name_one_letter_off_names_the_courier(loc: str, text: str, courier: str) -> None:
    assert draft(loc, text)["courier"] == courier


def test_a_courier_named_as_written_wins_over_a_near_word() -> None:
    assert draft("id", "pashmina hitam 2 kirim JNE aja, Jl. Mawar 5, Bogor, sicepet")["courier"] == "jne"


# -- postage after its courier: `ship GHTK 30k`, `phí Ahamove 45k`, `1 kcn ghtk 30k` -------------------------


@pytest.mark.parametrize(
    ("loc", "text", "courier", "fee"),
    [
        ("vi", "1 kcn, Lan 0912 345 678, 12 Lê Lợi, Huế, COD, ship GHTK 30k", "ghtk", 30000),
        ("vi", "Khách: cho mình 1 toner. Page: Dạ được ạ, phí Ahamove 45k, mình ck trước nhé",
         "ahamove", 45000),
        ("id", "pashmina hitam 2, Jl. Mawar 5, Bogor, ongkir jne 15rb", "jne", 15000),
        ("en", "2 dodol, 5 Jalan Mawar, 43000 Kajang, postage J&T RM8", "jnt", 8),
    ],
)
def test_an_amount_after_a_courier_and_a_postage_word_is_the_postage(
    loc: str, text: str, courier: str, fee: int
) -> None:
    d = draft(loc, text)
    assert (d["courier"], d["shipping_fee"]) == (courier, fee)


@pytest.mark.parametrize(
    ("loc", "text", "line", "fee"),
    [
        ("vi", "1 kcn ghtk 30k", ("KCN-50", 1, 289000), 30000),
        ("vi", "2 son kem lì đỏ viettel post 25k nha", ("SKL-DO", 2, 189000), 25000),
        ("id", "pashmina hitam 2 jne 15rb", ("HPS-HTM", 2, 45000), 15000),
        ("en", "2 dodol citylink RM8", ("DDR-500", 2, 15), 8),
    ],
)
def test_an_amount_after_a_courier_on_an_item_line_is_no_price(
    loc: str, text: str, line: tuple[str, int, int], fee: int
) -> None:
    assert items(loc, text) == [line] and draft(loc, text)["shipping_fee"] == fee


def test_a_name_before_a_courier_and_an_amount_is_left_alone() -> None:
    assert draft("id", "pashmina hitam 2, Budi jne 15rb")["shipping_fee"] is None


# -- `keropok lekor 2, … Live price lekor RM14 each`: a price for a line already on the order ----------------


@pytest.mark.parametrize(
    ("loc", "text", "want"),
    [
        ("en", "Siti, 011-5528 3907, 3 Jalan Kenari, 41200 Klang. keropok lekor 2, cornflakes madu 1. Live "
         "price lekor RM14 each. J&T COD", [("KLF-1K", 2, 14), ("CRF-MDU", 1, 14.9)]),
        ("id", "pashmina hitam 2, bergo navy 1. harga pashmina hitam 40rb/pcs ya",
         [("HPS-HTM", 2, 40000), ("BGI-NVY", 1, 39000)]),
        ("vi", "2 son kem lì đỏ, 1 toner. son đỏ giá 170k/cây nha",
         [("SKL-DO", 2, 170000), ("TNR-200", 1, 175000)]),
    ],
)
def test_a_price_for_a_product_already_ordered_prices_its_line(
    loc: str, text: str, want: list[tuple[str, int, float]]
) -> None:
    assert items(loc, text) == want


def test_a_product_named_again_with_its_own_quantity_is_still_a_line() -> None:
    want = [("HPS-HTM", 2, 45000), ("HPS-HTM", 1, 40000)]
    assert items("id", "pashmina hitam 2, pashmina hitam 1 40rb") == want


# -- of several numbers, the one written right after the recipient's name is theirs --------------------------


@pytest.mark.parametrize(
    ("loc", "text", "phone"),
    [
        ("id", "Kak, aku Dinda (0812 1111 2222) mau kirim kado buat adikku. Tas selempang kanvas 1. "
         "Penerima: Wulan Sari, 0857 3333 4444, Jl. Tidar 4, Magelang", "+6285733334444"),
        ("id", "aku Dinda 0812 1111 2222, pesen bergo hitam 1 buat ibuku. Nama penerima Bu Sumiati hp "
         "0857 3333 4444, Jl. Tidar 4, Magelang", "+6285733334444"),
        ("vi", "em là Hạnh 0912 111 222, gửi giúp em 1 toner cho mẹ. Người nhận: Lê Thị Sen, 0988 333 444, "
         "12 Lê Lợi, Huế", "+84988333444"),
        ("en", "I'm Farah 012-111 2222, sending 2 dodol to my mum. Recipient: Aminah Yusof (013-333 4444), "
         "5 Jalan Mawar, 43000 Kajang", "+60133334444"),
    ],
)
def test_the_phone_beside_the_recipients_name_is_theirs(loc: str, text: str, phone: str) -> None:
    assert draft(loc, text)["customer"]["phone"] == phone


def test_a_corrected_number_still_wins() -> None:
    d = draft("id", "pashmina hitam 1, Nama Wulan 0812 1111 2222, Jl. Tidar 4, Magelang. eh salah, nomornya "
                    "0857 3333 4444")
    assert d["customer"]["phone"] == "+6285733334444"


# -- correction fillers: `đúng là`, `mới`, `should be`, `yang benar`, `baru` are no part of the value --------


def fix(locale: str, text: str) -> dict:  # type: ignore[type-arg]
    """The customer fields a reply to an open draft card sets, as the chat's corrections read it."""
    return parser(locale).read_correction(text).draft.to_json()["customer"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("loc", "text", "address"),
    [
        ("vi", "địa chỉ mới 30 Võ Văn Tần, Q.3, HCM", "30 Võ Văn Tần, Q.3, HCM"),
        ("vi", "địa chỉ đúng là 30 Võ Văn Tần, Q.3, HCM", "30 Võ Văn Tần, Q.3, HCM"),
        ("vi", "dia chi moi la 30 Vo Van Tan, Q3, HCM", "30 Vo Van Tan, Q3, HCM"),
        ("en", "sorry address should be 9 Jalan Ampang, KL", "9 Jalan Ampang, KL"),
        ("en", "address is 9 Jalan Ampang, 50450 KL", "9 Jalan Ampang, 50450 KL"),
        ("id", "alamat yang benar Jl. Kenanga 5, Bogor", "Jl. Kenanga 5, Bogor"),
        ("id", "alamat baru: Jl. Kenanga 5, Bogor", "Jl. Kenanga 5, Bogor"),
        ("id", "ralat alamat Jl. Kenanga 5, Bogor", "Jl. Kenanga 5, Bogor"),
        ("id", "alamatnya salah, yg bener Jl. Kenanga 5, Bogor", "Jl. Kenanga 5, Bogor"),
    ],
)
def test_correction_fillers_are_no_part_of_the_address(loc: str, text: str, address: str) -> None:
    assert fix(loc, text)["address"] == address


@pytest.mark.parametrize(
    ("loc", "text", "phone"),
    [
        ("vi", "sdt sai, đúng là 0912 999 888", "+84912999888"),
        ("vi", "sđt đúng là 0912 999 888 nha", "+84912999888"),
        ("id", "nomornya salah, yang bener 0812 3344 5566", "+6281233445566"),
        ("en", "wrong number, should be 012-345 6789", "+60123456789"),
    ],
)
def test_correction_fillers_before_a_phone_name_no_one(loc: str, text: str, phone: str) -> None:
    assert fix(loc, text) == {"name": None, "phone": phone, "address": None}


@pytest.mark.parametrize(
    ("loc", "text", "name"),
    [
        ("vi", "tên đúng là Trần Thị Mai", "Trần Thị Mai"),
        ("en", "name should be Aminah Yusof", "Aminah Yusof"),
        ("id", "namanya yang bener Siti Aminah", "Siti Aminah"),
    ],
)
def test_correction_fillers_are_no_part_of_the_name(loc: str, text: str, name: str) -> None:
    assert fix(loc, text)["name"] == name


# -- a price after a line of several: each or the line's total, by which lands nearer the catalog price ------


def _shop_at(price: int) -> Parser:
    """An Indonesian shop selling the black T-shirt L at `price`."""
    rows = [CatalogRow(sku="KPH-L", name="Kaos Polos Hitam", variant="L", aliases=("kaos hitam",),
                       price=Decimal(price)),
            CatalogRow(sku="BGI-HTM", name="Bergo Instan", variant="Hitam", aliases=("bergo hitam",),
                       price=Decimal(39000))]
    return Parser(rows, locale="id", currency="IDR")


@pytest.mark.parametrize(
    ("text", "unit_price"),
    [
        ("2 kaos hitam L 85rb", 85000),  # 85rb each is 5rb off the catalog; 42.5rb each is far
        ("2 kaos hitam L 170rb", 85000),  # a total: 85rb each
        ("3 kaos hitam L 250rb", 83333),
        ("kaos hitam L 2 pcs 88rb, Jl. Mawar 5, Bogor", 88000),
        ("2 kaos hitam L 85rb/pcs", 85000),
    ],
)
def test_a_price_after_several_is_read_nearer_the_catalog_price(text: str, unit_price: int) -> None:
    d = _shop_at(90000).parse(text).to_json()
    assert [(it["sku"], it["unit_price"]) for it in d["items"]] == [("KPH-L", unit_price)]


def test_a_tie_keeps_the_contracts_line_total() -> None:
    # 120rb each is 60rb over, 60rb each 60rb under the catalog's 90rb: the line total, as the contract reads
    d = _shop_at(90000).parse("2 kaos hitam L 120rb").to_json()
    assert d["items"][0]["unit_price"] == 60000


def test_a_price_for_goods_the_catalog_prices_apart_stays_a_line_total() -> None:
    assert items("id", "2 kaos hitam 170rb") == [(None, 2, 85000)]


# -- a number that is part of a variant's name (`15 sachets`) is no quantity and no second line --------------


def _coffee_shop(aliases: tuple[str, ...]) -> Parser:
    """The Malaysian shop with a second White Coffee 3in1 variant, `30 sachets`, added with `aliases`."""
    rows = read_catalog(CORPUS / "catalog-en.csv")
    rows.append(CatalogRow(sku="WC3-30", name="White Coffee 3in1", variant="30 sachets", aliases=aliases,
                           price=Decimal("24.90")))
    return Parser(rows, locale="en", currency="MYR")


@pytest.mark.parametrize("aliases", [(), ("white coffee", "kopi putih")])
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("2 white coffee 15 sachets", [("WC3-15", 2)]),
        ("2 white coffee 30 sachets", [("WC3-30", 2)]),
        ("white coffee 15 sachets 2", [("WC3-15", 2)]),
        ("white coffee 30 sachets x3", [("WC3-30", 3)]),
        ("2 white coffee 30 sachet", [("WC3-30", 2)]),
        ("2 white coffee 15 sachets + 1 teh tarik 12 sachets", [("WC3-15", 2), ("TTK-12", 1)]),
    ],
)
def test_a_variants_number_is_no_quantity_or_line(aliases: tuple[str, ...], text: str,
                                                    want: list[tuple[str, int]]) -> None:
    got = _coffee_shop(aliases).parse(text).to_json()["items"]
    assert [(it["sku"], it["qty"]) for it in got] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("2 mặt nạ hộp 10 miếng", [("MNG-H10", 2, 150000)]),
        ("mặt nạ hộp 10 miếng 3", [("MNG-H10", 3, 150000)]),
        ("2 mat na hop 10 mieng + 5 mat na le 1 mieng", [("MNG-H10", 2, 150000), ("MNG-1", 5, 18000)]),
    ],
)
def test_a_count_in_a_variants_name_stays_the_variant(text: str, want: list[tuple[str, int, int]]) -> None:
    assert items("vi", text) == want
