"""Numbers as written to exact ``Decimal`` values: Arabic, Chinese, and 万/亿 scales.

``parse_number("2.46万") -> Decimal("24600")``; anything it cannot read exactly returns
``None``. The text must already be normalized (half-width digits).
"""

from __future__ import annotations

from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal
from functools import lru_cache

import regex

from .lexicon import Lexicon, alternation

# Products of numbers as written and their scales, exact: the default context rounds to
# 28 significant digits (12345678901234567890123456789亿 would lose its last digits)
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)

# The values the project carries: |value| < 10^28 with at most 10 decimal places (what
# NUMERIC(38,10) and decimal128(38,10) hold), and a fraction a JSON number writes exactly
VALUE_LIMIT = Decimal(10) ** 28
MAX_PLACES = 10


def exact_product(a: Decimal, b: Decimal) -> Decimal:
    """``a * b`` with every digit kept."""
    return _EXACT.multiply(a, b)


def carried(value: Decimal) -> bool:
    """True for a value the output carries as a number (see ``VALUE_LIMIT``): below 10^28
    in size, at most 10 decimal places, and, with a fraction, one that a JSON number (a
    double) writes back digit for digit. Larger or finer values keep their text only."""
    written = str(value)  # (most figures: 15 characters or fewer hold 15 digits or fewer, which a
    if len(written) <= 16 and "E" not in written:  # double holds exactly, and fewer than 11 places)
        point = written.find(".")
        if point < 0 or len(written) - point - 1 <= MAX_PLACES:
            return True
    if value.copy_abs() >= VALUE_LIMIT:
        return False
    exponent = _EXACT.normalize(value).as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= 0:
        return isinstance(exponent, int)  # integral (NaN and infinity are never values)
    return -exponent <= MAX_PLACES and Decimal(repr(float(value))) == value


_ARABIC = regex.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")


def _split_scale(text: str, lexicon: Lexicon) -> tuple[str, Decimal]:
    scales, ends = _scales_longest_first(lexicon)
    if text[-1:] not in ends:
        return text, _ONE
    for scale in scales:
        if text.endswith(scale) and len(text) > len(scale):
            return text[: -len(scale)], lexicon.scales[scale]
    return text, _ONE


_ONE = Decimal(1)


@lru_cache(maxsize=4)
def _scales_longest_first(lexicon: Lexicon) -> tuple[tuple[str, ...], frozenset[str]]:
    """The scale words, longest first, and the characters they end with."""
    scales = tuple(sorted(lexicon.scales, key=len, reverse=True))
    return scales, frozenset(scale[-1] for scale in scales)


def _chinese_integer(text: str, lexicon: Lexicon) -> int | None:
    if not text:
        return None
    digits, small = lexicon.digits, lexicon.small_units
    if all(ch in digits for ch in text):
        if len(text) == 1:
            return digits[text]
        return int("".join(str(digits[ch]) for ch in text))
    total, section, number = 0, 0, None
    for ch in text:
        if ch in digits:
            number = digits[ch]
        elif ch in small:
            section += (1 if number is None else number) * small[ch]
            number = None
        elif ch == "万":
            total += (section + (number or 0)) * 10000
            section, number = 0, None
        elif ch == "亿":
            total = (total + section + (number or 0)) * 100000000
            section, number = 0, None
        else:
            return None
    return total + section + (number or 0)


@lru_cache(maxsize=8192)
def parse_number(text: str, lexicon: Lexicon) -> Decimal | None:
    """The exact value of a number as written, scale applied, or ``None``."""
    text = text.strip()
    if text.startswith("-"):
        value = parse_number(text[1:], lexicon)
        return value.copy_negate() if value is not None else None
    if not text:
        return None
    body, scale = _split_scale(text, lexicon)
    m = _ARABIC.match(body)
    if m:
        whole = m.group(1).replace(",", "")
        value = Decimal(whole + ("." + m.group(2) if m.group(2) else ""))
        return value if scale is _ONE else exact_product(value, scale)  # (times 1 exactly: the value)
    if "点" in body:
        whole, _, frac = body.partition("点")
        integer = _chinese_integer(whole, lexicon)
        if integer is None or not frac or any(ch not in lexicon.digits for ch in frac):
            return None
        return exact_product(Decimal(f"{integer}.{''.join(str(lexicon.digits[ch]) for ch in frac)}"), scale)
    integer = _chinese_integer(text, lexicon)
    return Decimal(integer) if integer is not None else None


def chinese_numeral_class(lexicon: Lexicon) -> str:
    """A regex character class of every character a Chinese numeral may contain."""
    chars = "".join(sorted(set(lexicon.digits) | set(lexicon.small_units) | {"万", "亿"}))
    return "[" + regex.escape(chars) + "]"


def scale_pattern(lexicon: Lexicon) -> str:
    return alternation(list(lexicon.scales))
