"""The validity of a local number told from the region's descriptions read once (`phones._is_valid`) is
phonenumbers.is_valid_number's, for valid and invalid numbers of every length near a real one."""

from __future__ import annotations

import random

import phonenumbers
import pytest

from bot.parse import phones

# the parser's regions, and regions sharing their country code (read by phonenumbers itself)
REGIONS = ("ID", "VN", "MY", "SG", "TH", "PH", "US", "GB")


def _numbers(region: str, rng: random.Random) -> list[int]:
    """Example numbers of each type with digits changed, dropped or added, and random digit runs."""
    out = []
    for kind in range(11):
        example = phonenumbers.example_number_for_type(region, kind)
        if example is None:
            continue
        written = str(example.national_number)
        for _ in range(150):
            changed = "".join(c if rng.random() < 0.8 else str(rng.randrange(10)) for c in written)
            cut = changed[: rng.randint(max(1, len(changed) - 2), len(changed))]
            out.append(int(cut + "".join(str(rng.randrange(10)) for _ in range(rng.randint(0, 2)))))
    out += [rng.randrange(10 ** rng.randint(4, 13)) for _ in range(1000)]
    return out


@pytest.mark.parametrize("region", REGIONS)
def test_validity_is_phonenumbers_validity(region: str) -> None:
    code = phonenumbers.country_code_for_region(region)
    numbers = _numbers(region, random.Random(region))
    answers = [
        phonenumbers.is_valid_number(phonenumbers.PhoneNumber(country_code=code, national_number=n))
        for n in numbers
    ]
    assert any(answers) and not all(answers)  # both kinds are asked
    assert [phones._is_valid(n, code, region) for n in numbers] == answers
