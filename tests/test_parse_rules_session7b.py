"""General rules for the misreadings a tester typing like a seller found (session 7b), each on messages of
our own (other names, places and products than the tester's), with guards against overreach."""

from __future__ import annotations

import pytest
from parse_helpers import draft, items

# -- a bare number before lower-case words starts a street only in Vietnamese, and never with a price -------


@pytest.mark.parametrize(
    ("loc", "text", "item", "name", "address"),
    [
        ("id", "3 kaos kaki putih 30rb, Dedi 081377788899, Jl Melati 12 Bogor",
         (None, 3, 10000), "Dedi", "Jl Melati 12 Bogor"),
        ("id", "4 bros mutiara, Yuni 082133344455, Jl Anggrek 7 Solo",
         (None, 4, None), "Yuni", "Jl Anggrek 7 Solo"),
        ("id", "1 dompet kulit 120rb, Sari 085612345678, Perum Griya Asri B2 Bekasi",
         (None, 1, 120000), "Sari", "Perum Griya Asri B2 Bekasi"),
        ("vi", "2 mũ bảo hiểm 150k, Lan 0905123456, 12 Lê Lợi Huế",
         (None, 2, 75000), "Lan", "12 Lê Lợi Huế"),
        ("vi", "1 kep toc 30k, chi Thu 0912333444, 8 tran phu, nha trang",
         (None, 1, 30000), "Thu", "8 tran phu, nha trang"),
    ],
)
def test_an_unknown_product_first_is_a_line_not_a_street(
    loc: str, text: str, item: tuple[None, int, int | None], name: str, address: str
) -> None:
    d = draft(loc, text)
    assert items(loc, text) == [item]
    assert d["customer"]["name"] == name
    assert d["customer"]["address"] == address


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("lay 1 son kem li do nha, 56 hung vuong, hai chau, da nang. Ten Vo Thi Lan 0905 111 222",
         "56 hung vuong, hai chau, da nang"),
        ("e lay 1 ntt 100ml, e o 45 ng trai, p2, tp soc trang. ten Lam Thi Be 0939 60 71 82",
         "45 ng trai, p2, tp soc trang"),
    ],
)
def test_a_vietnamese_street_typed_in_lower_case_is_still_the_address(text: str, address: str) -> None:
    assert draft("vi", text)["customer"]["address"] == address
