"""Reading release files and writing documents: decoding, hashing, deterministic JSON."""

from __future__ import annotations

import errno
import hashlib
import itertools
import json
import os
import re
import stat
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

import platformdirs
from pydantic import ValidationError

from .errors import ExtractorError
from .model import Document

CACHE_ENV = "EXTRACTOR_CACHE_DIR"  # where the caches go, instead of the user cache folder


def cache_dir() -> Path:
    """The extractor's cache folder (the segmenter's dictionary, the rules fingerprint's
    hashes): ``$EXTRACTOR_CACHE_DIR``, else the user's cache folder (~/.cache/extractor on
    Linux, ~/Library/Caches/extractor on macOS)."""
    override = os.environ.get(CACHE_ENV)
    return Path(override) if override else Path(platformdirs.user_cache_dir("extractor", appauthor=False))


class InputError(ExtractorError):
    """A file that cannot be read as a release; the message names the file and the problem,
    ``code`` says what kind of problem it is (for errors.jsonl)."""

    def __init__(self, message: str, code: str = "unreadable") -> None:
        super().__init__(message)
        self.code = code


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_GB = {"gb2312", "gbk", "gb18030", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"}
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
_TEMP_NUMBERS = itertools.count()


def _codec(label: str) -> str:
    label = label.lower().replace("_", "-")
    return "gb18030" if label in _GB or label.replace("-", "") in {g.replace("-", "") for g in _GB} else label


_CONTROLS = bytes([*range(9), *range(14, 32)])  # control bytes that text does not hold


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    controls = len(head) - len(head.translate(None, _CONTROLS))
    return b"\x00" in head or controls > len(head) // 20


def decode(data: bytes, name: str, html: bool = False) -> tuple[str, str]:
    """Decode release bytes: a BOM, else (for HTML) the page's <meta charset>, else UTF-8,
    else what charset-normalizer detects (GB18030/GBK in practice). Returns (text, encoding).
    Anything undecodable is an InputError naming the file, never mojibake."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _nonblank(_strict(data[3:], "utf-8", name), name), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _nonblank(_strict(data, "utf-16", name), name), "utf-16"
    if not data.strip():
        raise InputError(f"{name}: the file is empty", "empty")
    if _looks_binary(data):
        raise InputError(f"{name}: looks like a binary file, not text", "binary")
    if html and (m := _META_CHARSET.search(data[:4096])):
        codec = _codec(m.group(1).decode("ascii", "replace"))
        try:
            text = data.decode(codec)
            if codec in ("utf-8", "gb18030") or not _misread(text):
                return text, codec
            # 锟斤拷 in reverse: GBK or UTF-8 bytes under a Western label (<meta charset=iso-8859-1>)
            # decode without error into accented letters; the page is detected instead
        except LookupError:
            pass  # an unknown label: detect instead
        except UnicodeDecodeError:
            if codec != "utf-8":
                raise InputError(
                    f"{name}: declares charset {m.group(1).decode()} but is not valid {codec}", "encoding"
                ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            raise InputError(
                f"{name}: truncated UTF-8 (the file ends in the middle of a character)", "truncated"
            ) from None
        utf8_error = exc
    import charset_normalizer  # only for input that is neither UTF-8 nor declared: slow to import

    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(
            f"{name}: not UTF-8 or GB18030 text (undecodable byte at offset {utf8_error.start})", "encoding"
        )
    codec = _codec(best.encoding)
    if codec != "gb18030" and codec not in ("big5", "big5hkscs", "utf-16", "utf-32"):
        raise InputError(
            f"{name}: not UTF-8 or GB18030 text (undecodable byte at offset {utf8_error.start}; "
            f"it looks like {best.encoding})",
            "encoding",
        )
    return _strict(data, codec, name), codec


def _nonblank(text: str, name: str) -> str:
    """A file holding only a byte-order mark (and blanks) is as empty as a blank file."""
    if not text.strip():
        raise InputError(f"{name}: the file is empty (nothing but a byte-order mark)", "empty")
    return text


_WESTERN = re.compile(r"[\u0080-\u024f]")  # Latin-1 supplement and Latin extended: what CJK bytes misread become
_HAN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _misread(text: str) -> bool:
    """True when a text decoded under a declared single-byte charset reads as a run of accented
    Latin letters and symbols rather than Chinese: the declaration is wrong (a Chinese release
    holds no more than a sprinkling of such letters)."""
    western = len(_WESTERN.findall(text))
    return western >= 16 and western > 4 * len(_HAN.findall(text))


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid {codec} (undecodable byte at offset {exc.start})", "encoding") from None


def describe_mode(mode: int) -> str:
    """What a file that is not a regular file is, for a message."""
    return (
        "a named pipe"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "not a regular file"
    )


def _open_regular(p: Path) -> tuple[int, int]:
    """Open a regular file for reading: (descriptor, size). Anything else (a folder, a named
    pipe, a device, a socket, a link that leads nowhere) is an InputError, found before a
    byte is read: opening a named pipe would wait for a writer, reading a device never ends."""
    try:
        mode = os.stat(p).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(f"{p}: is a folder, not a file", "not_found")
        if not stat.S_ISREG(mode):
            raise InputError(f"{p}: is {describe_mode(mode)}, not a regular file; not read", "not_regular")
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):  # replaced between the two looks
                raise InputError(f"{p}: is {describe_mode(st.st_mode)}, not a regular file; not read", "not_regular")
        except BaseException:
            os.close(fd)
            raise
        return fd, st.st_size
    except FileNotFoundError:
        raise InputError(f"{p}: no such file", "not_found") from None
    except PermissionError:
        raise InputError(f"{p}: permission denied", "permission") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(f"{p}: a symbolic link loop", "symlink_loop") from None
        raise InputError(f"{p}: cannot be read ({exc.strerror or exc})", "unreadable") from None


def read_bytes(path: str | os.PathLike, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file, at most ``max_bytes`` of them: the size is checked before
    reading and the read stops one byte past the limit (a file that grows is caught too), so
    memory stays bounded whatever the file is."""
    p = Path(path)
    fd, size = _open_regular(p)
    with os.fdopen(fd, "rb") as fh:
        if max_bytes is not None and size > max_bytes:
            raise InputError(f"{p}: {size} bytes is over the limit of {max_bytes} bytes (--max-bytes)", "too_large")
        try:
            data = fh.read() if max_bytes is None else fh.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(f"{p}: cannot be read ({exc.strerror or exc})", "unreadable") from None
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(f"{p}: over the limit of {max_bytes} bytes (--max-bytes)", "too_large")
    return data


def sha256_of(path: str | os.PathLike) -> str | None:
    """The SHA-256 of a regular file, read in blocks (memory stays small whatever its size);
    None for anything that is not a regular file or cannot be read."""
    try:
        fd, _ = _open_regular(Path(path))
    except InputError:
        return None
    try:
        with os.fdopen(fd, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


def read_release(path: str | os.PathLike, max_bytes: int | None = None) -> tuple[str, bytes, str]:
    """The release's text (for a web page: its article text), its bytes, and the encoding."""
    p = Path(path)
    data = read_bytes(p, max_bytes)
    text, encoding = release_text(data, p)
    return text, data, encoding


def release_text(data: bytes, path: str | os.PathLike) -> tuple[str, str]:
    """The text and encoding of a release's bytes, read as the file ``path`` would be (its
    suffix says whether it is a web page, whose article text is taken)."""
    p = Path(path)
    is_html = p.suffix.lower() in HTML_SUFFIXES
    text, encoding = decode(data, str(p), html=is_html)
    if is_html:
        from .html import HtmlError, article_text
        from .lexicon import load

        try:
            text = article_text(text, load(), str(p))
        except HtmlError as exc:
            raise InputError(str(exc), "html") from None
    if "\x00" in text:
        raise InputError(f"{p}: looks like a binary file, not text", "binary")
    return text, encoding


def extract_file(
    path: str | os.PathLike,
    fallback_date: str | None = None,
    source: str | None = None,
    *,
    reference_date: str | None = None,
    area: str | None = None,
) -> Document:
    """Read, decode and extract one release file. ``reference_date`` (ISO) is the release's
    date, whatever the text says; ``fallback_date`` resolves year-less dates only when the
    release itself gives no date; ``area`` (亳州市, 341600) is its jurisdiction, whatever the
    text says; ``source`` is the path recorded (default: the path as given)."""
    return extract_release(path, fallback_date=fallback_date, source=source, reference_date=reference_date, area=area)[
        0
    ]


def extract_release(
    path: str | os.PathLike,
    fallback_date: str | None = None,
    source: str | None = None,
    max_bytes: int | None = None,
    timeout: float | None = None,
    reference_date: str | None = None,
    area: str | None = None,
) -> tuple[Document, str]:
    """Like :func:`extract_file`, and also return the text the spans refer to. ``timeout``
    bounds reading (a web page's article text included) and extracting together."""
    from .timebound import time_bound

    with time_bound(timeout, Path(path).as_posix()) as left:
        data = read_bytes(Path(path), max_bytes)
        return _extract_data(data, path, fallback_date, source, left, reference_date, area)


def extract_release_bytes(
    data: bytes,
    path: str | os.PathLike,
    fallback_date: str | None = None,
    source: str | None = None,
    timeout: float | None = None,
    reference_date: str | None = None,
    area: str | None = None,
) -> tuple[Document, str]:
    """:func:`extract_release` for a release's bytes already read (on another machine): the
    same document and text as from the file ``path`` holding them."""
    from .timebound import time_bound

    with time_bound(timeout, Path(path).as_posix()) as left:
        return _extract_data(data, path, fallback_date, source, left, reference_date, area)


def _extract_data(
    data: bytes,
    path: str | os.PathLike,
    fallback_date: str | None,
    source: str | None,
    left,
    reference_date: str | None = None,
    area: str | None = None,
) -> tuple[Document, str]:
    from .pipeline import extract

    text, encoding = release_text(data, path)
    fmt = "html" if Path(path).suffix.lower() in HTML_SUFFIXES else "text"
    document = extract(
        text,
        source=source or Path(path).as_posix(),
        data=data,
        encoding=encoding,
        reference_date=reference_date,
        fallback_date=fallback_date,
        source_format=fmt,
        timeout=left(),
        area=area,
    )
    return document, text


def to_json(document: Document) -> str:
    """The deterministic JSON of a document: fixed field order, UTF-8, two-space indent."""
    return document.model_dump_json(indent=2) + "\n"


def to_json_bytes(document: Document) -> bytes:
    """:func:`to_json` encoded as UTF-8, as pydantic-core writes it (no round trip through
    a str: a tenth of a millisecond a release in a batch)."""
    return document.__pydantic_serializer__.to_json(document, indent=2) + b"\n"


def write_atomic(path: str | os.PathLike, content: str | bytes | Iterable[bytes]) -> None:
    """Write via a temporary file in the same folder, then rename: never a partial file.
    ``content`` may be chunks of bytes, written as they come (an index of millions of
    lines is never held whole).
    The temporary name (``.<name>.<12+ hex digits>.tmp``) is unique to this process and
    call; created with O_EXCL, it gets the permissions a plain write would (0o666 less
    the umask), with no call to mkstemp and chmod (a third of a release's write time).
    A path that is a device or a pipe (``-o /dev/null``, a FIFO) is written as it is, never
    replaced by a file; a symbolic link stays a link, and the file it points to is replaced."""
    p = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    chunks = (data,) if isinstance(data, bytes) else data
    try:
        mode = os.stat(p).st_mode  # (follows a link)
    except (FileNotFoundError, NotADirectoryError):
        mode = None
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        with open(p, "wb") as fh:  # /dev/null, /dev/stdout, a named pipe: nothing to replace
            fh.writelines(chunks)
        return
    if p.is_symlink():
        p = Path(os.path.realpath(p))  # the link stays; the file it names is replaced
    p.parent.mkdir(parents=True, exist_ok=True)
    while True:
        tmp = p.parent / f".{p.name}.{os.getpid():08x}{next(_TEMP_NUMBERS):04x}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
            break
        except FileExistsError:
            continue  # left by a crashed run of a process with the same number
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.writelines(chunks)
        os.replace(tmp, p)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def text_for(json_path: Path, document: Document) -> str | None:
    """The text an extraction's spans refer to: the ``.txt`` that `extractor run` writes
    beside the JSON, else the source file if it is unchanged; None when neither is at hand."""
    beside = json_path.with_suffix(".txt")
    if beside.exists():
        text = beside.read_text(encoding="utf-8")
        return text if len(text) == document.source.length else None
    source = Path(document.source.path) if document.source.path else None
    if source and source.exists():
        try:
            text, data, _ = read_release(source)
        except InputError:
            return None
        return text if hashlib.sha256(data).hexdigest() == document.source.sha256 else None
    return None


# ------------------------------------------------------------------ reading an extraction
def _number(literal: str) -> int | Decimal:
    # a figure of 4,301 digits or more is past Python's int-from-text limit: keep it exact as a Decimal
    return int(literal) if len(literal) <= 4000 else Decimal(literal)


def _upgraded(tree: object) -> object:
    """A JSON of an earlier version read as this one: a figure's single ``rule`` is its
    ``rules["figure"]`` (the other rules were not recorded then)."""
    if isinstance(tree, dict) and isinstance(tree.get("quantities"), list):
        for q in tree["quantities"]:
            if isinstance(q, dict) and "rule" in q and "rules" not in q:
                q["rules"] = {"figure": q.pop("rule"), "unit": None, "indicator": None, "change": None, "checks": []}
            if isinstance(q, dict) and isinstance(q.get("rules"), dict):
                q["rules"].setdefault("period", None)  # (not recorded before periods had rules)
    return tree


def parse_document(data: bytes) -> Document:
    """An extraction JSON read exactly: every number with a fraction or an exponent is
    read as a Decimal, never through a float (so 0.1234567890123456789 keeps its digits),
    and integers of any length are accepted. Raises ValueError naming the first problem."""
    try:
        tree = json.loads(data, parse_float=Decimal, parse_int=_number)
    except RecursionError:
        raise ValueError("nested too deeply") from None
    except ValueError as exc:
        raise ValueError(str(exc).splitlines()[0]) from None
    try:
        return Document.model_validate(_upgraded(tree))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "document"
        raise ValueError(
            f"{where}: {first['msg']}" + (f" ({exc.error_count() - 1} more)" if exc.error_count() > 1 else "")
        ) from None
    except RecursionError:
        raise ValueError("nested too deeply") from None
