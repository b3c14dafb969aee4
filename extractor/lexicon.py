"""The language as data: loads and validates ``extractor/data`` once, compiles patterns.

Nobody else opens ``data/``. A :class:`Lexicon` is immutable after :func:`load`; the
pipeline receives it explicitly. Errors in the data name the file and the entry.

A user's own words and units (:meth:`Lexicon.with_extras`) make a new lexicon beside the
packaged one, never a change to it: nothing global is touched, and two lexicons can be
used side by side in one process.
"""
from __future__ import annotations

import logging
import os
import tomllib
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import regex

from . import patterns
from .display import count
from .errors import ExtractorError
from .model import Kind

DATA_PACKAGE = "extractor.data"
log = logging.getLogger(__name__)


class LexiconError(ExtractorError, ValueError):
    """A data file (packaged, or a user's) is malformed; the message names the file and the entry."""


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal words that tries the longest first, each escaped.

    It is written as a trie (全省|全市|全国 -> 全(?:国|市|省)): a scan tries one branch per
    first character instead of one per word. The words that match at a position are each
    a prefix of the next longer one, so they lie on one path of the trie, and with a
    word's longer continuations tried before the word itself ends, they are tried longest
    first, as in a flat alternation sorted longest first: the matches are the same."""
    trie = _trie(sorted({w for w in words if w}), 0)
    return trie if trie.startswith("(?:") else f"(?:{trie})"  # (a trie that opens a group is one group)


def _trie(words: list[str], depth: int) -> str:
    """The alternation of ``words`` (sorted, all sharing their first ``depth`` characters)."""
    branches: dict[str, list[str]] = {}
    ends = False
    for w in words:
        if len(w) == depth:
            ends = True
        else:
            branches.setdefault(w[depth], []).append(w)
    parts = [regex.escape(c) + _trie(group, depth + 1) for c, group in branches.items()]
    if not parts:
        return ""
    if len(parts) == 1 and not ends:
        return parts[0]
    return "(?:" + "|".join(parts) + ("|" if ends else "") + ")"


@dataclass(frozen=True)
class Unit:
    text: str
    base: str | None
    kind: str
    factor: Decimal = Decimal(1)
    chinese_only: bool = False
    arabic_only: bool = False


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Everything the recognizers read, loaded from ``data/``."""

    raw: dict[str, dict[str, Any]]
    digits: dict[str, int]
    small_units: dict[str, int]
    scales: dict[str, Decimal]
    units: dict[str, Unit]
    userdict: tuple[tuple[str, int | None, str | None], ...]
    noise_patterns: tuple[tuple[str, patterns.Pattern, regex.Pattern | None], ...]
    header_labels: dict[str, str]
    conference_labels: dict[str, str]

    def with_extras(self, userdict: str | os.PathLike | None = None,
                    units: str | os.PathLike | None = None) -> "Lexicon":
        """A new lexicon: this one plus the words of ``userdict`` (jieba's user dictionary
        format, one ``word [frequency] [tag]`` a line; a word without a frequency gets
        :data:`USER_WORD_FREQUENCY`) and the units of ``units`` (a TOML file of
        ``[[units]]`` tables, each ``text``, ``base``, ``kind`` and optionally ``factor``,
        ``chinese_only``, ``arabic_only``, as in extractor/data/units.toml). This lexicon
        is left as it was. A file that cannot be read or holds a bad entry is a
        :class:`LexiconError` naming the file and the line or entry."""
        words = _userdict(_read_user_file(userdict), str(userdict), USER_WORD_FREQUENCY) if userdict is not None else ()
        added: dict[str, Unit] = {}
        if units is not None:
            where = str(units)
            try:
                data = tomllib.loads(_read_user_file(units))
            except tomllib.TOMLDecodeError as exc:
                raise LexiconError(f"{where}: not TOML ({exc})") from None
            if set(data) - {"units"} or not isinstance(data.get("units"), list):
                raise LexiconError(f"{where}: expected only [[units]] tables (text, base, kind), found {sorted(data)}")
            added = _units(data, where)
            for text in added:
                if text in self.units:
                    raise LexiconError(f"{where}: unit {text!r} is already a unit of the extractor")
        if userdict is not None:
            log.info("%s: %s", userdict, count(len(words), "user word"))
        if units is not None:
            log.info("%s: %s (%s)", units, count(len(added), "extra unit"), "、".join(added))
        return replace(self, userdict=self.userdict + words, units={**self.units, **added})

    def words(self, file: str, *path: str) -> list[str]:
        node: Any = self.raw[file]
        for key in path:
            node = node[key]
        return list(node)

    def examples(self, file: str) -> list[dict[str, Any]]:
        return list(self.raw[file].get("examples", []))

    def negatives(self, file: str) -> list[str]:
        return list(self.raw[file].get("not", []))


def _read_toml(name: str) -> dict[str, Any]:
    path = resources.files(DATA_PACKAGE).joinpath(name)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"extractor/data/{name}: {exc}") from exc


_UNIT_KEYS = {"text", "base", "kind", "factor", "chinese_only", "arabic_only"}
_KINDS = {k.value for k in Kind}
#: the frequency of a user's word given without one: as frequent as a common word of
#: jieba's dictionary, so that the segmenter keeps it whole (jieba's own default, a
#: frequency suggested from the dictionary, needs the dictionary loaded first)
USER_WORD_FREQUENCY = 10_000


def _units(data: dict[str, Any], file: str = "extractor/data/units.toml") -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for i, entry in enumerate(data.get("units", [])):
        if not isinstance(entry, dict):
            raise LexiconError(f"{file}: units[{i}]: expected a table with text, base and kind")
        where = f"{file}: units[{i}] {entry.get('text')!r}"
        if not entry.get("text") or not isinstance(entry["text"], str) or "kind" not in entry:
            raise LexiconError(f"{where}: needs text and kind")
        if set(entry) - _UNIT_KEYS:
            raise LexiconError(f"{where}: unknown key {sorted(set(entry) - _UNIT_KEYS)[0]!r} "
                               f"(a unit has {', '.join(sorted(_UNIT_KEYS))})")
        if entry["kind"] not in _KINDS:
            raise LexiconError(f"{where}: kind {entry['kind']!r} is not one of {', '.join(sorted(_KINDS))}")
        if entry["text"] in units:
            raise LexiconError(f"{where}: duplicate unit")
        try:
            factor = Decimal(str(entry.get("factor", 1)))
        except ArithmeticError:
            raise LexiconError(f"{where}: factor {entry['factor']!r} is not a number") from None
        units[entry["text"]] = Unit(
            text=entry["text"],
            base=entry.get("base"),
            kind=entry["kind"],
            factor=factor,
            chinese_only=bool(entry.get("chinese_only", False)),
            arabic_only=bool(entry.get("arabic_only", False)),
        )
    return units


def _userdict(text: str, file: str = "extractor/data/userdict.txt",
              default_frequency: int | None = None) -> tuple[tuple[str, int | None, str | None], ...]:
    """Entries ``word [freq] [tag]``, as jieba reads them (``word tag`` too)."""
    entries = []
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        freq: int | None = default_frequency
        tag = None
        if len(parts) == 3 and parts[1].isdigit():
            freq, tag = int(parts[1]), parts[2]
        elif len(parts) == 2 and parts[1].isdigit():
            freq = int(parts[1])
        elif len(parts) == 2 and default_frequency is not None:
            tag = parts[1]  # jieba's "word tag", a user's file only
        elif len(parts) != 1:
            raise LexiconError(f"{file}:{lineno}: expected 'word [freq] [tag]'")
        entries.append((parts[0], freq, tag))
    return tuple(entries)


def _read_user_file(path: str | os.PathLike) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise LexiconError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise LexiconError(f"{path}: is a folder, not a file") from None
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path}: not UTF-8 text (undecodable byte at offset {exc.start})") from None
    except OSError as exc:
        raise LexiconError(f"{path}: cannot be read ({exc.strerror})") from None


def _noise(data: dict[str, Any]) -> tuple[tuple[str, regex.Pattern, regex.Pattern | None], ...]:
    compiled = []
    for entry in data.get("pattern", []):
        try:
            lead = regex.compile(entry["lead"]) if "lead" in entry else None
            compiled.append((entry["id"], patterns.compile(entry["regex"], regex.MULTILINE, prefer_re=True), lead))
        except (KeyError, regex.error) as exc:
            raise LexiconError(f"extractor/data/noise.toml: pattern {entry.get('id')!r}: {exc}") from exc
    return tuple(compiled)


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """Load every data file once per process."""
    names = ["numerals", "units", "quantities", "dates", "noise", "metadata", "indicators", "plausibility", "entities", "places", "html", "segmenter", "synonyms", "linking"]
    raw = {name: _read_toml(f"{name}.toml") for name in names}
    userdict_text = resources.files(DATA_PACKAGE).joinpath("userdict.txt").read_text(encoding="utf-8")
    num = raw["numerals"]
    meta = raw["metadata"]
    return Lexicon(
        raw=raw,
        digits={k: int(v) for k, v in num["digits"].items()},
        small_units={k: int(v) for k, v in num["small_units"].items()},
        scales={k: Decimal(str(v)) for k, v in num["scales"].items()},
        units=_units(raw["units"]),
        userdict=_userdict(userdict_text),
        noise_patterns=_noise(raw["noise"]),
        header_labels={k: v for k, v in meta["header"].items()},
        conference_labels=dict(meta["conference"]),
    )
