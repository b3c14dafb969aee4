"""Reading release files and writing documents: decoding, hashing, deterministic JSON."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from .model import Document


class InputError(Exception):
    """A file that cannot be read as a release; the message names the file and the problem."""


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode release bytes: UTF-8 (with or without BOM), else GB18030. Returns (text, encoding)."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("gb18030")
            encoding = "gb18030"
        except UnicodeDecodeError:
            raise InputError(f"{name}: not UTF-8 or GB18030 text (undecodable byte at offset {exc.start})") from None
    if "\x00" in text:
        raise InputError(f"{name}: looks like a binary file, not text")
    return text, encoding


def read_release(path: str | os.PathLike) -> tuple[str, bytes, str]:
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{p}: is a folder, not a file") from None
    except PermissionError:
        raise InputError(f"{p}: permission denied") from None
    text, encoding = decode(data, str(p))
    return text, data, encoding


def extract_file(path: str | os.PathLike, fallback_date: str | None = None) -> Document:
    """Read, decode and extract one release file. ``fallback_date`` (ISO) resolves year-less
    dates when the release itself gives no date."""
    from .pipeline import extract

    text, data, encoding = read_release(path)
    return extract(text, source=Path(path).as_posix(), data=data, encoding=encoding, fallback_date=fallback_date)


def to_json(document: Document) -> str:
    """The deterministic JSON of a document: fixed field order, UTF-8, two-space indent."""
    return json.dumps(document.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def write_atomic(path: str | os.PathLike, content: str) -> None:
    """Write via a temporary file in the same folder, then rename: never a partial file."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=f".{p.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
