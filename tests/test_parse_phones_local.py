"""The quick reading of local numbers (`0812…` without phonenumbers.parse) gives what parse gives."""

from __future__ import annotations

import random

import phonenumbers
import pytest

from bot.parse import phones


def _by_parse(raw: str, region: str) -> str | None:
    """`phones.normalise` as it was, every number through phonenumbers.parse."""
    digits = phones._NON_DIGITS.sub("", raw)
    if not 8 <= len(digits) <= 15:
        return None
    tries = []
    if raw.lstrip().startswith("+") or digits.startswith("00"):
        tries.append("+" + digits.lstrip("0") if digits.startswith("00") else "+" + digits)
    elif digits.startswith(phones._COUNTRY_CODES) and not digits.startswith("0"):
        tries.append("+" + digits)
    if digits.startswith("0"):
        tries.append(digits)
    for attempt in tries:
        try:
            num = phonenumbers.parse(attempt, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(num):
            return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
    return None


REGIONS = ("ID", "VN", "MY", "SG", "TH", "PH")


@pytest.mark.parametrize("region", REGIONS)
def test_local_numbers_read_as_parse_reads_them(region: str) -> None:
    rng = random.Random(region)
    samples: list[str] = []
    types = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE)
    for kind in types:
        example = phonenumbers.example_number_for_type(region, kind)
        assert example is not None
        nsn = phonenumbers.national_significant_number(example)
        for _ in range(400):  # the example with its tail changed, one digit shorter or longer
            keep = rng.randrange(1, len(nsn) + 1)
            size = len(nsn) - keep + rng.choice((-1, 0, 0, 1))
            samples.append("0" + nsn[:keep] + "".join(rng.choice("0123456789") for _ in range(size)))
    for _ in range(400):  # any trunk-0 number, international prefixes (00…) among them
        samples.append("0" + "".join(rng.choice("0123456789") for _ in range(rng.randrange(7, 15))))
    valid = 0
    for digits in samples:
        for raw in (digits, f"{digits[:4]}-{digits[4:8]}-{digits[8:]}", f"{digits[:4]} {digits[4:]}"):
            expected = _by_parse(raw, region)
            assert phones.normalise(raw, region) == expected, (raw, region)
            valid += expected is not None
    assert valid > 0


def test_a_local_number_in_figures_of_another_script_is_left_to_parse() -> None:
    assert phones.normalise("０８１２３４５６７８９０", "ID") == _by_parse("０８１２３４５６７８９０", "ID")
    assert phones._local_e164("０８１２３４５６７８９０", "ID") is None


def test_which_numbers_take_the_quick_reading() -> None:
    assert phones._local_e164("081234567890", "ID") == "+6281234567890"
    assert phones._local_e164("0912345678", "VN") == "+84912345678"
    assert phones._local_e164("0123456789", "MY") == "+60123456789"
    assert phones._local_e164("0081234567890", "ID") is None  # an international call prefix
    assert phones._local_e164("91234567", "SG") is None  # no trunk 0 in Singapore
