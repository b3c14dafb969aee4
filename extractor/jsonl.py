"""Documents as JSON Lines: one document a line, for piping into jq, DuckDB's
``read_json(format='newline_delimited')`` or pandas' ``read_json(lines=True)``.

A line holds the same JSON as :func:`extractor.io.to_json` (same fields in the same
order, UTF-8, no ASCII escapes), without the indentation. JSON escapes every control
character, so a line break inside a text field never breaks the line.
"""

from __future__ import annotations

from .model import Document


def to_jsonl_line(document: Document) -> bytes:
    """One document as one line of JSON, ending in ``\\n`` (also the form ``--compact`` prints)."""
    return document.__pydantic_serializer__.to_json(document) + b"\n"
