"""The extractor: validated, structured JSON from Chinese government press releases.

``extract(text)`` for text, ``extract_file(path)`` for a release file, ``extract_bytes``
and ``extract_html`` for bytes and web pages held in memory; ``load_lexicon`` (or, for
jieba users, ``load_userdict``) for a user dictionary and extra units, passed on as
``extract(..., lexicon=...)``. Every error raised on purpose is an ``ExtractorError``.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import ArgumentError, ExtractorError  # noqa: E402
from .inputs import extract_bytes, extract_html, load_lexicon, load_userdict  # noqa: E402
from .io import extract_file  # noqa: E402
from .pipeline import extract  # noqa: E402

__all__ = [
    "extract",
    "extract_file",
    "extract_bytes",
    "extract_html",
    "load_lexicon",
    "load_userdict",
    "ExtractorError",
    "ArgumentError",
    "__version__",
]
