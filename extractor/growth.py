"""Growth between two levels, and whether a stated growth rate fits them within rounding.

Shared by ``extractor diff --by-indicator`` and ``extractor series`` (a stated 同比 growth
checked against the levels two releases give)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext


def change(old: Decimal, new: Decimal) -> tuple[Decimal, float | None]:
    """new - old exactly, and the change in percent to 2 places, under a context wide
    enough for both (the default one rounds past 28 digits, and fails on a quantize past it)."""
    digits = max(old.adjusted(), new.adjusted()) - min(old.as_tuple().exponent, new.as_tuple().exponent) + 2
    with localcontext() as ctx:
        ctx.prec = max(28, digits)
        delta = new - old
        if old == 0:
            return delta, None
        ctx.prec = 40
        ratio = delta / old * 100
        if ratio.adjusted() > 300:
            return delta, None
        ctx.prec = max(40, ratio.adjusted() + 4)
        return delta, float(ratio.quantize(Decimal("0.01"), ROUND_HALF_UP))


def check(stated: float, computed: float, *written: str) -> str:
    """``ok`` when a stated growth (percent, negative for a fall) is the computed one within
    rounding: the stated figure's own last digit, the last digits of the levels as
    ``written`` (a value written 7.5 is anything from 7.45 to 7.55), and 0.05; else
    ``mismatch``."""
    tolerance = 0.5 * 10 ** -_decimals_of(stated) + float(_input_rounding(written)) + 0.05
    return "ok" if abs(stated - computed) <= tolerance else "mismatch"


def _decimals_of(value: float) -> int:
    text = repr(value)
    return len(text.partition(".")[2]) if "." in text else 0


def _input_rounding(written: tuple[str, ...]) -> Decimal:
    """How far rounding of the values as written can move the computed growth, in
    percentage points."""
    total = Decimal(0)
    for text in written:
        digits = text.replace(",", "")
        try:
            value = Decimal(digits)
        except ArithmeticError:
            continue
        if value:
            decimals = len(digits.partition(".")[2])
            total += Decimal(5) * Decimal(10) ** -(decimals + 1) / abs(value) * 100
    return total
