"""The language as data: loads and validates ``extractor/data`` once, compiles patterns.

Nobody else opens ``data/``. A :class:`Lexicon` is immutable after :func:`load`; the
pipeline receives it explicitly. Errors in the data name the file and the entry.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any

import regex

from . import patterns

DATA_PACKAGE = "extractor.data"


class LexiconError(ValueError):
    """A data file is malformed; the message names the file and the entry."""


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


def _units(data: dict[str, Any]) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for i, entry in enumerate(data.get("units", [])):
        where = f"extractor/data/units.toml: units[{i}] {entry.get('text')!r}"
        if not entry.get("text") or "kind" not in entry:
            raise LexiconError(f"{where}: needs text and kind")
        if entry["text"] in units:
            raise LexiconError(f"{where}: duplicate unit")
        units[entry["text"]] = Unit(
            text=entry["text"],
            base=entry.get("base"),
            kind=entry["kind"],
            factor=Decimal(str(entry.get("factor", 1))),
            chinese_only=bool(entry.get("chinese_only", False)),
            arabic_only=bool(entry.get("arabic_only", False)),
        )
    return units


def _userdict(text: str) -> tuple[tuple[str, int | None, str | None], ...]:
    entries = []
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) > 3 or (len(parts) > 1 and not parts[1].isdigit()):
            raise LexiconError(f"extractor/data/userdict.txt:{lineno}: expected 'word [freq] [tag]'")
        freq = int(parts[1]) if len(parts) > 1 else None
        entries.append((parts[0], freq, parts[2] if len(parts) > 2 else None))
    return tuple(entries)


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
    names = ["numerals", "units", "quantities", "dates", "noise", "metadata", "indicators", "plausibility", "entities", "places", "html", "segmenter", "synonyms"]
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
