"""Numbers as written to exact ``Decimal`` values: Arabic, Chinese, and 万/亿 scales.

``parse_number("2.46万") -> Decimal("24600")``; anything it cannot read exactly returns
``None``. The text must already be normalized (half-width digits).
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import regex

from .lexicon import Lexicon, alternation

_ARABIC = regex.compile(r"^([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]+))?$")


def _split_scale(text: str, lexicon: Lexicon) -> tuple[str, Decimal]:
    scales = _scales_longest_first(lexicon)
    if text[-1:] not in {scale[-1] for scale in scales}:
        return text, _ONE
    for scale in scales:
        if text.endswith(scale) and len(text) > len(scale):
            return text[: -len(scale)], lexicon.scales[scale]
    return text, _ONE


_ONE = Decimal(1)


@lru_cache(maxsize=4)
def _scales_longest_first(lexicon: Lexicon) -> tuple[str, ...]:
    return tuple(sorted(lexicon.scales, key=len, reverse=True))


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
        return -value if value is not None else None
    if not text:
        return None
    body, scale = _split_scale(text, lexicon)
    m = _ARABIC.match(body)
    if m:
        whole = m.group(1).replace(",", "")
        return Decimal(whole + ("." + m.group(2) if m.group(2) else "")) * scale
    if "点" in body:
        whole, _, frac = body.partition("点")
        integer = _chinese_integer(whole, lexicon)
        if integer is None or not frac or any(ch not in lexicon.digits for ch in frac):
            return None
        return Decimal(f"{integer}.{''.join(str(lexicon.digits[ch]) for ch in frac)}") * scale
    integer = _chinese_integer(text, lexicon)
    return Decimal(integer) if integer is not None else None


def chinese_numeral_class(lexicon: Lexicon) -> str:
    """A regex character class of every character a Chinese numeral may contain."""
    chars = "".join(sorted(set(lexicon.digits) | set(lexicon.small_units) | {"万", "亿"}))
    return "[" + regex.escape(chars) + "]"


def scale_pattern(lexicon: Lexicon) -> str:
    return alternation(list(lexicon.scales))
