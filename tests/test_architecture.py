"""The direction of imports inside the package, read from the source (no import is run).

- ``model`` is at the bottom: it imports nothing of the package.
- Recognizers find candidates; they never import what decides between or after them
  (link, checks, resolve, records, the pipeline).
- The applications around the library (batch, diff, export, evaluate) reach it only
  through its public API: the package itself and the modules it documents as public.
"""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "extractor"
#: the library's public modules: what ``extractor/__init__.py`` re-exports comes from these
PUBLIC = {
    "extractor",
    "extractor.model",
    "extractor.errors",
    "extractor.io",
    "extractor.inputs",
    "extractor.jsonl",
    "extractor.display",
    "extractor.periods",
    "extractor.growth",  # growth between two levels and the rounding check (diff, series)
    "extractor.indicator_ids",  # the indicator vocabulary
}
DECIDING = {"extractor.link", "extractor.checks", "extractor.resolve", "extractor.records", "extractor.pipeline"}
APPLICATIONS = ("batch", "diff", "export", "evaluate", "series")
#: parts of an application that import nothing of the package (batch's listing on disk)
APPLICATION_PARTS = {"extractor.listing"}
_IMPORT = re.compile(r"^[ \t]*from[ \t]+(\.+)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+)", re.M)


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The package modules a module imports (relative imports, anywhere in the file)."""
    package = _module(path).split(".") if path.name == "__init__.py" else _module(path).split(".")[:-1]
    found = set()
    for dots, module, names in _IMPORT.findall(path.read_text(encoding="utf-8")):
        base = package[: len(package) - (len(dots) - 1)] + (module.split(".") if module else [])
        for name in (n.split()[0] for n in names.strip("()").replace("\n", " ").split(",") if n.strip()):
            candidate = ".".join([*base, name])
            as_file = ROOT.joinpath(*candidate.split("."))
            found.add(
                candidate
                if as_file.with_suffix(".py").is_file() or (as_file / "__init__.py").is_file()
                else ".".join(base)
            )
    return found


def modules() -> dict[str, set[str]]:
    return {_module(p): imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_model_is_at_the_bottom():
    assert modules()["extractor.model"] == set()


def test_recognizers_never_import_what_decides_after_them():
    wrong = {
        m: sorted(i & DECIDING) for m, i in modules().items() if m.startswith("extractor.recognizers") and i & DECIDING
    }
    assert wrong == {}


def test_applications_use_only_the_public_api():
    graph = modules()
    wrong = {
        f"extractor.{a}": sorted(graph[f"extractor.{a}"] - PUBLIC - APPLICATION_PARTS)
        for a in APPLICATIONS
        if graph[f"extractor.{a}"] - PUBLIC - APPLICATION_PARTS
    }
    assert wrong == {}
    assert {part: graph[part] for part in APPLICATION_PARTS} == {part: set() for part in APPLICATION_PARTS}


def test_the_reader_of_imports_sees_them():
    graph = modules()
    assert "extractor.lexicon" in graph["extractor.recognizers.quantities"]
    assert "extractor.recognizers.dates" in graph["extractor.pipeline"]
