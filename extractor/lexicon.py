"""The language as data: loads and validates ``extractor/data`` once, compiles patterns.

Nobody else opens ``data/``. Each file is validated against its model in
:mod:`extractor.datafiles` and the modules read the typed sections (``lexicon.quantities.range``),
never a raw dict. A :class:`Lexicon` is immutable after :func:`load`; the pipeline receives
it explicitly. An error in the data (an unknown key, a wrong kind or type, an entry listed
twice, a unit without an example) is a :class:`LexiconError` at load, one line naming the
file, the entry and the problem.

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
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

import regex
from pydantic import ValidationError

from . import datafiles, patterns
from .datafiles import Unit
from .display import count
from .errors import ExtractorError

M = TypeVar("M", bound=datafiles.File)

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


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Everything the recognizers read, loaded from ``data/``: a typed model per data file
    (:mod:`extractor.datafiles`), and the tables the hot code looks up."""

    numerals: datafiles.Numerals
    units_file: datafiles.Units  # the packaged units.toml (its examples and `not` strings)
    quantities: datafiles.Quantities
    dates: datafiles.Dates
    noise: datafiles.Noise
    metadata: datafiles.Metadata
    indicators: datafiles.Indicators
    plausibility: datafiles.Plausibility
    entities: datafiles.Entities
    places: datafiles.Places
    html: datafiles.Html
    segmenter: datafiles.Segmenter
    linking: datafiles.Linking
    digits: dict[str, int]
    small_units: dict[str, int]
    scales: dict[str, Decimal]
    units: dict[str, Unit]
    userdict: tuple[tuple[str, int | None, str | None], ...]
    noise_patterns: tuple[tuple[str, patterns.Pattern, regex.Pattern | None], ...]
    header_labels: dict[str, str]
    conference_labels: dict[str, str]

    def with_extras(self, userdict: str | os.PathLike | None = None, units: str | os.PathLike | None = None) -> Lexicon:
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
            added = {u.text: u for u in _validate(datafiles.UserUnits, data, where).units}
            for text in added:
                if text in self.units:
                    raise LexiconError(f"{where}: unit {text!r} is already a unit of the extractor")
        if userdict is not None:
            log.info("%s: %s", userdict, count(len(words), "user word"))
        if units is not None:
            log.info("%s: %s (%s)", units, count(len(added), "extra unit"), "、".join(added))
        return replace(self, userdict=self.userdict + words, units={**self.units, **added})

    def examples(self, file: str) -> tuple:
        """The examples of data file ``file`` (``units``, ``quantities`` …), typed."""
        return self._file(file).examples

    def negatives(self, file: str) -> tuple[str, ...]:
        """The strings of ``file`` that must yield nothing of its dimension."""
        return self._file(file).not_

    def _file(self, file: str) -> datafiles.File:
        return self.units_file if file == "units" else getattr(self, file)


def _validate(model: type[M], data: dict[str, Any], where: str) -> M:
    """``data`` as ``model``, or a :class:`LexiconError` naming ``where``, the entry and the problem."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise LexiconError(f"{where}: {datafiles.problem(exc, data, model)}") from None


def _read_file(model: type[M], folder: Traversable, where: str) -> M:
    try:
        data = tomllib.loads(folder.joinpath(model.name).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{where}/{model.name}: not TOML ({exc})") from None
    except FileNotFoundError:
        raise LexiconError(f"{where}/{model.name}: no such file") from None
    return _validate(model, data, f"{where}/{model.name}")


#: the frequency of a user's word given without one: as frequent as a common word of
#: jieba's dictionary, so that the segmenter keeps it whole (jieba's own default, a
#: frequency suggested from the dictionary, needs the dictionary loaded first)
USER_WORD_FREQUENCY = 10_000


def _userdict(
    text: str, file: str = "extractor/data/userdict.txt", default_frequency: int | None = None
) -> tuple[tuple[str, int | None, str | None], ...]:
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


def _noise(noise: datafiles.Noise, where: str) -> tuple[tuple[str, patterns.Pattern, regex.Pattern | None], ...]:
    compiled = []
    for i, p in enumerate(noise.pattern):
        try:
            compiled.append(
                (
                    p.id,
                    patterns.compile(p.regex, regex.MULTILINE, prefer_re=True),
                    regex.compile(p.lead) if p.lead else None,
                )
            )
        except regex.error as exc:
            raise LexiconError(f"{where}/noise.toml: pattern[{i}] {p.id!r}: not a valid pattern ({exc})") from None
    return tuple(compiled)


def _missing_unit_examples(units: datafiles.Units, *examples: tuple[datafiles.FigureExample, ...]) -> str | None:
    """The first unit with no example (an expected figure ending in the unit, with its value
    and unit stated, so that the suite checks them), as the problem to report; or None."""
    by_length = sorted((u.text for u in units.units), key=len, reverse=True)
    covered = set()
    for example in (e for file in examples for e in file):
        for figure in example.expect:
            if figure.unit is not None and figure.value is not None:
                covered.add(next((u for u in by_length if figure.text.endswith(u)), None))
    for i, unit in enumerate(units.units):
        if unit.text not in covered:
            return (
                f"units[{i}] {unit.text!r}: no example (add an [[examples]] sentence whose expect has a "
                f"figure ending in {unit.text} with its value and unit)"
            )
    return None


def load_from(folder: Traversable, where: str = "extractor/data") -> Lexicon:
    """Load and validate every data file of ``folder`` (``where`` names it in errors)."""
    files = {model: _read_file(model, folder, where) for model in datafiles.FILES}
    num = files[datafiles.Numerals]
    units = files[datafiles.Units]
    quantities = files[datafiles.Quantities]
    missing = _missing_unit_examples(units, units.examples, quantities.examples)
    if missing:
        raise LexiconError(f"{where}/units.toml: {missing}")
    meta = files[datafiles.Metadata]
    try:
        userdict_text = folder.joinpath("userdict.txt").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(f"{where}/userdict.txt: no such file") from None
    return Lexicon(
        numerals=num,
        units_file=units,
        quantities=quantities,
        dates=files[datafiles.Dates],
        noise=files[datafiles.Noise],
        metadata=meta,
        indicators=files[datafiles.Indicators],
        plausibility=files[datafiles.Plausibility],
        entities=files[datafiles.Entities],
        places=files[datafiles.Places],
        html=files[datafiles.Html],
        segmenter=files[datafiles.Segmenter],
        linking=files[datafiles.Linking],
        digits=dict(num.digits),
        small_units=dict(num.small_units),
        scales={k: Decimal(v) for k, v in num.scales.items()},
        units={u.text: u for u in units.units},
        userdict=_userdict(userdict_text, f"{where}/userdict.txt"),
        noise_patterns=_noise(files[datafiles.Noise], where),
        header_labels=dict(meta.header),
        conference_labels=dict(meta.conference),
    )


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """Load every data file once per process."""
    return load_from(resources.files(DATA_PACKAGE))
