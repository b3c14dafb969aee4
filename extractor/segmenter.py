"""jieba, set up once per process: its dictionary (words of at least ``min_frequency``,
data/segmenter.toml) plus the user dictionary (data/userdict.txt), and the word classes
the rules use (place names, verbs, common words) taken from jieba's own dictionary.

Everything is built once and cached in a file in the temporary folder, keyed by the
versions and contents it is built from, and loaded with the garbage collector paused
(faster than jieba's own cache, which loads with the collector running). No global jieba state is touched: the
tokenizer is our own ``jieba.Tokenizer`` instance.
"""
from __future__ import annotations

import gc
import hashlib
import logging
import marshal
import os
import tempfile
from functools import lru_cache
from pathlib import Path

import jieba

from .lexicon import Lexicon

_TAGS = ("ns", "v")
COMMON_FREQUENCY = 100  # a word this frequent is not read as a person's name


def _build(userdict: tuple, min_frequency: int) -> tuple[dict[str, int], int, dict[str, list[str]]]:
    source = jieba.get_dict_file()
    try:
        lines = source.read().decode("utf-8").splitlines()
    finally:
        source.close()
    freq: dict[str, int] = {}
    total = 0
    tags: dict[str, list[str]] = {tag: [] for tag in (*_TAGS, "common")}
    for line in lines:
        parts = line.split()
        if len(parts) < 2:
            continue
        word, count = parts[0], int(parts[1])
        tag = parts[2] if len(parts) > 2 else ""
        if tag in tags:
            tags[tag].append(word)
        if tag != "nr" and count >= COMMON_FREQUENCY:
            tags["common"].append(word)
        if count < min_frequency:
            continue
        freq[word] = count
        total += count
        for i in range(1, len(word)):
            freq.setdefault(word[:i], 0)
    for word, count, _tag in userdict:
        count = count if count is not None else 1
        total += count
        freq[word] = count
        for i in range(1, len(word)):
            freq.setdefault(word[:i], 0)
    return freq, total, tags


def _cache_path(userdict: tuple, min_frequency: int) -> Path:
    dict_file = Path(jieba.__file__).parent / "dict.txt"
    stat = dict_file.stat() if dict_file.exists() else None
    key = hashlib.sha256(repr((jieba.__version__, stat and (stat.st_size, stat.st_mtime_ns), userdict,
                               min_frequency, COMMON_FREQUENCY, _TAGS)).encode()).hexdigest()[:20]
    return Path(tempfile.gettempdir()) / f"extractor-jieba-{key}.cache"


@lru_cache(maxsize=2)
def _load(userdict: tuple, min_frequency: int) -> tuple[dict[str, int], int, dict[str, frozenset[str]]]:
    path = _cache_path(userdict, min_frequency)
    data = None
    if path.exists():
        gc.disable()
        try:
            with path.open("rb") as fh:
                data = marshal.load(fh)
        except (EOFError, ValueError, TypeError, OSError):
            data = None  # a damaged cache is rebuilt
        finally:
            gc.enable()
    if data is None:
        data = _build(userdict, min_frequency)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".extractor-jieba-")
        try:
            with os.fdopen(fd, "wb") as fh:
                marshal.dump(data, fh)
            os.replace(tmp, path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)  # no writable temp folder: build every time
    freq, total, tags = data
    return freq, total, {tag: frozenset(words) for tag, words in tags.items()}


def tokenizer(lexicon: Lexicon) -> jieba.Tokenizer:
    """Our jieba tokenizer (one per process)."""
    return _tokenizer(lexicon.userdict, int(lexicon.raw["segmenter"]["min_frequency"]))


@lru_cache(maxsize=2)
def _tokenizer(userdict: tuple, min_frequency: int) -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.FREQ, tk.total, _ = _load(userdict, min_frequency)
    tk.initialized = True
    for word, count, _tag in userdict:
        if count == 0:
            jieba.finalseg.add_force_split(word)  # as Tokenizer.add_word does: HMM must not rejoin it
    return tk


def word_class(lexicon: Lexicon, name: str) -> frozenset[str]:
    """Words of jieba's dictionary in a class: ``ns`` places, ``v`` verbs, ``common``
    frequent words that are not people's names."""
    return _load(lexicon.userdict, int(lexicon.raw["segmenter"]["min_frequency"]))[2][name]
