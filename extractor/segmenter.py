"""jieba's segmentation, set up once per process, returning token spans.

The dictionary is jieba's own (words of at least ``min_frequency``, data/segmenter.toml)
plus the user dictionary (data/userdict.txt); the model for unknown words is jieba's HMM
(``jieba.finalseg``); the algorithm is jieba's accurate mode with HMM: the DAG of
dictionary words, the most probable route through it, and the HMM over runs of single
characters the dictionary does not know. :meth:`Segmenter.spans` is that algorithm
written for this pipeline: it fuses building the DAG with finding the route, looks up
precomputed log probabilities instead of taking a logarithm per candidate, and returns
spans instead of words. tests/test_segmenter.py checks that it cuts exactly as
``jieba.Tokenizer.cut`` does with the same dictionary, on every release the tests hold
and on random text.

The same cut is written twice: in C (extractor/_route.c, built at install when a C
compiler is there; the dictionary held as a trie) and in Python (the loop below, used
where the C part could not be built, and the reference it is tested against). The C
part takes ~10% of the time the Python loop does; in the pipeline the difference is
about a sixth of the total.

Everything is built once from jieba's files and cached in the user's cache folder
(``platformdirs.user_cache_dir``, e.g. ~/.cache/extractor; ``EXTRACTOR_CACHE_DIR``
overrides it), keyed by jieba's version, its dictionary file and our settings; the few
most recently used keys are kept and older ones removed, and where the folder cannot be
written the tables are built in memory each time. A warm start reads the cache and
never imports jieba. The dictionary is stored by first character, each group as one
string of words plus arrays of log probabilities and counts, and a group is turned into
dictionary entries the first time a block holding its character is cut (a release needs
about a fifth of the dictionary; a batch loads all of it before it forks its workers).
"""

from __future__ import annotations

import array
import gc
import hashlib
import importlib.util
import logging
import marshal
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from functools import lru_cache
from math import log
from pathlib import Path

from .io import CACHE_ENV, cache_dir  # noqa: F401  (CACHE_ENV: named here too, for tests)
from .lexicon import Lexicon

try:  # the C accelerator (extractor/_route.c); without it the same cut runs in Python
    from ._route import Trie as _Trie
except ImportError:  # pragma: no cover - only where it could not be compiled
    _Trie = None

#: whether the C accelerator was built at install (``extractor --version`` says so too)
ACCELERATED = _Trie is not None

_TAGS = ("ns", "v")
COMMON_FREQUENCY = 100  # a word this frequent is not read as a person's name
_CACHE_FORMAT = 4
_CACHE_KEEP = 3  # cache files kept (most recently used first): a user dictionary switched on and off rebuilds nothing
_STALE_TEMP_SECONDS = 3600  # a temporary file this old was left by a writer that was killed
_STATES = "BMES"
MIN_FLOAT = -3.14e100  # jieba.finalseg.MIN_FLOAT
_NO_ROUTE = float("-inf")
_NO_EMISSION = (MIN_FLOAT,) * 4
_LAZY_BLOCKS = 2000  # blocks cut with the dictionary loaded as needed (a dozen releases), then all of it


def _jieba_dir() -> Path:
    """jieba's package folder, found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("jieba is not installed: pip install jieba")
    return Path(next(iter(spec.submodule_search_locations)))


def _build(userdict: tuple, min_frequency: int) -> dict:
    import jieba
    import jieba.finalseg as finalseg

    jieba.setLogLevel(logging.WARNING)
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
    logtotal = log(total)
    by_first: dict[str, list[str]] = {}
    for word in freq:
        by_first.setdefault(word[0], []).append(word)
    # per first character: its words and prefixes, their log probabilities as jieba scores
    # them (log(freq) - log(total); 0.0 marks a prefix that is no word) and their counts
    groups = {
        first: (
            "\n".join(ws).encode("utf-8"),
            array.array("d", [log(freq[w]) - logtotal if freq[w] else 0.0 for w in ws]).tobytes(),
            array.array("q", [freq[w] for w in ws]).tobytes(),
        )
        for first, ws in by_first.items()
    }
    return {
        "format": _CACHE_FORMAT,
        "groups": groups,
        "total": total,
        "tags": {tag: "\n".join(ws) for tag, ws in tags.items()},
        **_hmm_tables(finalseg.start_P, finalseg.trans_P, finalseg.emit_P),
    }


def _hmm_tables(start: dict, trans: dict, emit: dict) -> dict:
    """jieba.finalseg's model in the shape the unrolled Viterbi reads."""
    chars = set().union(*(emit[s] for s in _STATES))
    # the transitions each state can come by (jieba.finalseg.PrevStatus: B from E or S,
    # M from M or B, E from B or M, S from S or E)
    pairs = ("EB", "SB", "MM", "BM", "BE", "ME", "SS", "ES")
    return {
        "start": tuple(start[s] for s in _STATES),
        "trans8": tuple(trans[a].get(b, MIN_FLOAT) for a, b in pairs),
        # per character, its emission log probability in B, M, E and S
        "emit4": {c: tuple(emit[s].get(c, MIN_FLOAT) for s in _STATES) for c in sorted(chars)},
    }


def _cache_path(userdict: tuple, min_frequency: int) -> Path:
    folder = _jieba_dir()
    dict_file = folder / "dict.txt"
    stat = dict_file.stat() if dict_file.exists() else None
    version = ""
    init = folder / "__init__.py"
    if init.exists():
        for line in init.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("__version__"):
                version = line
                break
    key = hashlib.sha256(
        repr(
            (
                _CACHE_FORMAT,
                version,
                stat and (stat.st_size, stat.st_mtime_ns),
                userdict,
                min_frequency,
                COMMON_FREQUENCY,
                _TAGS,
            )
        ).encode()
    ).hexdigest()[:20]
    return cache_dir() / f"segmenter-{key}.cache"


def _read_cache(path: Path) -> dict | None:
    if not path.exists():
        return None
    gc.disable()
    try:
        with path.open("rb") as fh:
            data = marshal.load(fh)
        if not (isinstance(data, dict) and data.get("format") == _CACHE_FORMAT):
            return None
    except (EOFError, ValueError, TypeError, OSError):
        return None  # a damaged cache is rebuilt
    finally:
        gc.enable()
    try:
        os.utime(path)  # most recently used: the last to be removed
    except OSError:
        pass  # a read-only cache folder is still read
    return data


def _write_cache(path: Path, data: dict) -> None:
    """Write the cache atomically, then keep only the ``_CACHE_KEEP`` most recently used
    cache files of the folder. A folder that cannot be made or written is no error: the
    segmenter is then built in memory on every start."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".segmenter-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            marshal.dump(data, fh)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        return
    _remove_old_caches(path)


def _remove_old_caches(kept: Path) -> None:
    """Remove the cache files of other keys beyond the most recently used few, temporary
    files of killed writers, and the caches earlier versions left in the temporary folder."""

    def mtime(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    others = sorted((p for p in kept.parent.glob("segmenter-*.cache") if p != kept), key=mtime, reverse=True)
    old = others[_CACHE_KEEP - 1 :]
    old += [p for p in kept.parent.glob(".segmenter-*.tmp") if mtime(p) < time.time() - _STALE_TEMP_SECONDS]
    uid = getattr(os, "getuid", lambda: None)()
    for p in Path(tempfile.gettempdir()).glob("extractor-jieba-*.cache"):  # before the cache moved (0.1.0)
        try:
            if uid is None or p.stat().st_uid == uid:
                old.append(p)
        except OSError:
            pass
    for p in old:
        try:
            p.unlink()
        except OSError:
            pass  # removed by another process, or not ours to remove


class Segmenter:
    """jieba's accurate mode with HMM over one dictionary; see the module docstring."""

    def __init__(self, data: dict, force_split: frozenset[str], compiled: bool = True):
        #: word or prefix -> jieba's log probability (0.0 for a prefix that is no word), for
        #: the Python loop; with the C accelerator the same entries live in its trie instead.
        #: The words are loaded by first character, the first time a block holding it is
        #: cut: a single release needs a fraction of the dictionary (cold start), a batch all.
        self.words: dict[str, float] = {}
        self._groups: dict[str, tuple[bytes, bytes, bytes]] = data["groups"]
        self._unloaded: set[str] = set(self._groups)  # the first characters whose words are not loaded yet
        self._complete = False
        self._checks = 0
        self.classes = {tag: frozenset(ws.split("\n")) for tag, ws in data["tags"].items()}
        self._prefixes: dict[str, frozenset[str]] = {}
        self.unknown = -log(data["total"])  # a character that is no word: log(1) - log(total)
        self.total = data["total"]
        self.force_split = force_split
        self._start, self._trans8, self._emit4 = data["start"], data["trans8"], data["emit4"]
        #: the dictionary and the HMM in C, when the accelerator is built and wanted
        self._trie = _Trie() if compiled and _Trie is not None else None
        if self._trie is not None:
            self._trie.set_hmm(self.unknown, self._start, self._trans8, self._emit4, force_split)
        #: a string's log probability: truthy for a word, 0.0 for a prefix, None for neither
        #: (of the words loaded so far: those starting with a character of a block cut)
        self.lookup: Callable[[str], float | None] = self._trie.get if self._trie is not None else self.words.get

    def _load(self, chars: Iterable[str]) -> None:
        """Load the words that start with any of ``chars``. After a few releases' worth of
        blocks, load the rest at once and stop checking."""
        self._checks += 1
        if self._checks > _LAZY_BLOCKS:
            chars = list(self._groups)
        missing = self._unloaded.intersection(chars)
        if not missing:
            return  # the words of every character are loaded (most blocks)
        gc.disable()  # many small strings: collecting while they are made only costs time
        try:
            for first in missing:
                group = self._groups[first]
                logp = array.array("d")
                logp.frombytes(group[1])
                words = group[0].decode("utf-8")
                if self._trie is not None:
                    self._trie.add(words, logp)
                else:
                    self.words.update(zip(words.split("\n"), logp.tolist()))
                self._unloaded.discard(first)
        finally:
            gc.enable()
        self._complete = self._checks > _LAZY_BLOCKS or not self._unloaded

    def prefixes(self, tag: str) -> frozenset[str]:
        """Every start of every word in a class (its words among them): a text in which no
        such start runs across a position holds no word of the class there."""
        got = self._prefixes.get(tag)
        if got is None:
            got = self._prefixes[tag] = frozenset(w[:k] for w in self.classes[tag] for k in range(1, len(w) + 1))
        return got

    def load_all(self) -> None:
        """Load the whole dictionary now (a batch worker, before it forks)."""
        self._load(list(self._groups))

    def frequencies(self) -> dict[str, int]:
        """The dictionary as jieba holds it (``Tokenizer.FREQ``): for checking against jieba."""
        out: dict[str, int] = {}
        for words, _logp, freq in self._groups.values():
            counts = array.array("q")
            counts.frombytes(freq)
            out.update(zip(words.decode("utf-8").split("\n"), counts.tolist()))
        return out

    # -- jieba.Tokenizer.cut(sentence, HMM=True) -------------------------------------------
    def spans(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """The tokens of ``text[start:end]`` as spans of ``text``."""
        out: list[tuple[int, int]] = []
        _alternate(_RE_HAN, text, start, len(text) if end is None else end, self._block, self._other, out)
        return out

    @staticmethod
    def blocks(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """The runs of word characters jieba cuts as a whole. Each is cut on its own, so a
        run can be cut only when it is needed; every other character is a token of its own
        (whitespace aside, which jieba splits as ``\r\n`` or single characters)."""
        return [m.span() for m in _RE_HAN.finditer(text, start, len(text) if end is None else end)]

    def block(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """The tokens of one run from :meth:`blocks`."""
        out: list[tuple[int, int]] = []
        self._block(text, start, end, out)
        return out

    @staticmethod
    def _other(text: str, start: int, end: int, out: list) -> None:
        """Outside the word characters: whitespace runs as jieba splits them, else one
        character per token."""
        pos = start
        for m in _RE_SKIP.finditer(text, start, end):
            out.extend((i, i + 1) for i in range(pos, m.start()))
            out.append((m.start(), m.end()))
            pos = m.end()
        out.extend((i, i + 1) for i in range(pos, end))

    @property
    def compiled(self) -> bool:
        """Whether blocks are cut by the C accelerator (else by the Python loop below)."""
        return self._trie is not None

    def _block(self, text: str, start: int, end: int, out: list) -> None:
        if not self._complete:
            self._load(text[start:end])
        if self._trie is not None:
            self._trie.cut(text, start, end, out)
        else:
            self._block_python(text, start, end, out)

    def _block_python(self, text: str, start: int, end: int, out: list) -> None:
        """The reference the C accelerator agrees with (tests/test_segmenter.py)."""
        blk = text[start:end]
        get = self.words.get
        unknown = self.unknown
        n = len(blk)
        score = [0.0] * (n + 1)  # log probability of the best route from each position
        best_end = list(range(1, n + 1))  # where the best word from each position ends
        for idx in range(n - 1, -1, -1):
            best = _NO_ROUTE
            j = idx + 1
            p = get(blk[idx])
            while p is not None:  # blk[idx:j] is a word or a prefix of one
                if p:
                    s = p + score[j]
                    if s >= best:  # ties go to the longer word, as in jieba
                        best = s
                        bj = j
                if j >= n:
                    break
                j += 1
                p = get(blk[idx:j])
            if best != _NO_ROUTE:
                score[idx] = best
                best_end[idx] = bj
            else:
                score[idx] = unknown + score[idx + 1]
        x = 0
        run = -1  # start of a run of single characters
        while x < n:
            y = best_end[x]
            if y - x == 1:
                if run < 0:
                    run = x
            else:
                if run >= 0:
                    self._single_run(text, start + run, start + x, out)
                    run = -1
                out.append((start + x, start + y))
            x = y
        if run >= 0:
            self._single_run(text, start + run, end, out)

    def _single_run(self, text: str, start: int, end: int, out: list) -> None:
        if end - start == 1:
            out.append((start, end))
        elif self.words.get(text[start:end]):
            out.extend((i, i + 1) for i in range(start, end))
        else:
            self._hmm(text, start, end, out)

    # -- jieba.finalseg.cut ------------------------------------------------------------------
    def _hmm(self, text: str, start: int, end: int, out: list) -> None:
        _alternate(_RE_HMM_HAN, text, start, end, self._viterbi, self._hmm_other, out)

    @staticmethod
    def _hmm_other(text: str, start: int, end: int, out: list) -> None:
        pos = start
        for m in _RE_HMM_SKIP.finditer(text, start, end):
            if m.start() > pos:
                out.append((pos, m.start()))
            out.append((m.start(), m.end()))
            pos = m.end()
        if pos < end:
            out.append((pos, end))

    def _viterbi(self, text: str, start: int, end: int, out: list) -> None:
        """jieba.finalseg.viterbi over states B, M, E, S, unrolled: each state follows one
        of two states (PrevStatus), and a tie goes to the later letter, as max() over
        (probability, state) tuples does in jieba."""
        emit = self._emit4
        t_eb, t_sb, t_mm, t_bm, t_be, t_me, t_ss, t_es = self._trans8
        none = _NO_EMISSION
        e_b, e_m, e_e, e_s = emit.get(text[start], none)
        s_b, s_m, s_e, s_s = self._start
        v_b, v_m, v_e, v_s = s_b + e_b, s_m + e_m, s_e + e_e, s_s + e_s
        back: list[tuple[int, int, int, int]] = []
        for t in range(start + 1, end):
            e_b, e_m, e_e, e_s = emit.get(text[t], none)
            a, b = v_e + t_eb + e_b, v_s + t_sb + e_b
            n_b, c_b = (a, 2) if a > b else (b, 3)  # from E, or from S on a tie
            a, b = v_m + t_mm + e_m, v_b + t_bm + e_m
            n_m, c_m = (a, 1) if a >= b else (b, 0)  # from M on a tie
            a, b = v_b + t_be + e_e, v_m + t_me + e_e
            n_e, c_e = (a, 0) if a > b else (b, 1)  # from M on a tie
            a, b = v_s + t_ss + e_s, v_e + t_es + e_s
            n_s, c_s = (a, 3) if a >= b else (b, 2)  # from S on a tie
            back.append((c_b, c_m, c_e, c_s))
            v_b, v_m, v_e, v_s = n_b, n_m, n_e, n_s
        state = 2 if v_e > v_s else 3  # the last state is E or S; S on a tie
        states = [state]
        for choice in reversed(back):
            state = choice[state]
            states.append(state)
        states.reverse()
        begin = nexti = start
        for i, s in enumerate(states, start):
            if s == 0:  # B
                begin = i
            elif s == 2:  # E
                self._emit_word(text, begin, i + 1, out)
                nexti = i + 1
            elif s == 3:  # S
                out.append((i, i + 1))
                nexti = i + 1
        if nexti < end:
            self._emit_word(text, nexti, end, out)

    def _emit_word(self, text: str, start: int, end: int, out: list) -> None:
        if end - start > 1 and text[start:end] in self.force_split:
            out.extend((i, i + 1) for i in range(start, end))
        else:
            out.append((start, end))


# jieba.re_han_default, jieba.re_skip_default, jieba.finalseg.re_han and re_skip
import re as _re  # noqa: E402  (the stdlib module jieba itself uses, for the same matching)

_RE_HAN = _re.compile("[\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+")
_RE_SKIP = _re.compile("\r\n|\\s")
_RE_HMM_HAN = _re.compile("[\u4e00-\u9fd5]+")
_RE_HMM_SKIP = _re.compile("[a-zA-Z0-9]+(?:\\.\\d+)?%?")


def _alternate(
    pattern: _re.Pattern, text: str, start: int, end: int, inside: Callable, outside: Callable, out: list
) -> None:
    """Cut ``text[start:end]`` as jieba does at both of its levels: each match of
    ``pattern`` with ``inside``, each stretch between matches with ``outside``."""
    pos = start
    for m in pattern.finditer(text, start, end):
        if m.start() > pos:
            outside(text, pos, m.start(), out)
        inside(text, m.start(), m.end(), out)
        pos = m.end()
    if pos < end:
        outside(text, pos, end, out)


def segmenter(lexicon: Lexicon, compiled: bool = True) -> Segmenter:
    """Our segmenter (one per process). ``compiled=False`` cuts with the Python loop even
    where the C accelerator is built (the tests compare the two)."""
    return _segmenter(lexicon.userdict, lexicon.segmenter.min_frequency, compiled)


@lru_cache(maxsize=4)
def _segmenter(userdict: tuple, min_frequency: int, compiled: bool = True) -> Segmenter:
    path = _cache_path(userdict, min_frequency)
    data = _read_cache(path)
    if data is None:
        data = _build(userdict, min_frequency)
        _write_cache(path, data)
    # as jieba's Tokenizer.add_word does for a word of frequency 0: HMM must not join it
    force_split = frozenset(word for word, count, _tag in userdict if count == 0)
    return Segmenter(data, force_split, compiled)


def word_class(lexicon: Lexicon, name: str) -> frozenset[str]:
    """Words of jieba's dictionary in a class: ``ns`` places, ``v`` verbs, ``common``
    frequent words that are not people's names."""
    return segmenter(lexicon).classes[name]
