"""The extractor: validated, structured JSON from Chinese government press releases."""
from __future__ import annotations

__version__ = "0.1.0"

from .io import extract_file  # noqa: E402
from .pipeline import extract  # noqa: E402

__all__ = ["extract", "extract_file", "__version__"]
