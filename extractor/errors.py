"""The project's own errors, and the checks of what a caller hands to the library.

Every error the library raises on purpose derives from :class:`ExtractorError`, so a
caller can write one ``except extractor.ExtractorError`` around ``extract()``; the
message names what was wrong and what to do. Imports nothing from the package.
"""

from __future__ import annotations

import datetime
import re


class ExtractorError(Exception):
    """Base class of every error the extractor raises on purpose."""


class ArgumentError(ExtractorError, TypeError, ValueError):
    """A library call was given something it cannot take (bytes for text, a date that is
    not YYYY-MM-DD). It is also a TypeError and a ValueError, so code written against
    those keeps working."""


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_text(text: object, what: str = "text") -> str:
    """``text`` itself when it is a str; bytes and anything else are an ArgumentError
    saying how to pass them."""
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray, memoryview)):
        raise ArgumentError(
            f"{what} is bytes; extract() takes the release as str: decode it first, "
            "or use extractor.extract_bytes(data) (UTF-8 or GB18030, as a file is read) "
            "or extractor.extract_html(page)"
        )
    raise ArgumentError(f"{what} must be a str, not {type(text).__name__}")


def check_date(value: object, name: str) -> str | None:
    """A date argument as ISO ``YYYY-MM-DD`` (None stays None; a ``datetime.date`` is taken
    as its day). Anything else, or a day that is not in the calendar, is an ArgumentError."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ArgumentError(
            f"{name} must be a date like '2024-10-08' (str or datetime.date), not {type(value).__name__}"
        )
    if not _ISO_DAY.fullmatch(value):
        raise ArgumentError(f"{name} {value!r} is not a date like '2024-10-08'")
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ArgumentError(f"{name} {value!r} is not a day of the calendar") from None


class ExtractionTimeout(ExtractorError):
    """Extracting a document took longer than the time bound."""
