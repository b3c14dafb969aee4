"""``extractor review``: a static site to look at extractions and correct them.

An index page lists every release of an OUTDIR (from its ``index.jsonl`` and
``errors.jsonl``); a page per release shows the text with every figure, date and entity
marked, a table of the figures and the details of the one chosen, and lets a reviewer
accept, edit or reject each figure and add a missed one. "Save corrections" downloads the
corrections as an annotation in the ``tests/gold`` format (surface and occurrence, never
the extractor's ids), which ``extractor eval`` scores as it is.

The site works from ``file://``: no server, no network; the script and the style sheet
lie beside the pages (``assets/``), or inside the page when one release is written alone.
Everything the page shows is in the page, as JSON in a ``<script type="application/json">``
element; the pages are built from the extraction JSON as it is read (plain dicts), so a
field added to the output later is shown without a change here.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ExtractorError
from .io import write_atomic

ASSETS = ("review.css", "review.js")
_UNSAFE = re.compile(r"[^\w.\-~\u3400-\u9fff]+")


class ReviewError(ExtractorError, ValueError):
    """The review site cannot be built (a source that is no extraction, an unwritable SITE)."""


@dataclass
class Release:
    """One extraction to show: its JSON (as read), the text its spans refer to, and where
    its page goes."""

    name: str
    data: dict[str, Any]
    text: str
    page: str
    corrections: dict[str, Any] | None = None


def asset(name: str) -> str:
    return resources.files("extractor.site").joinpath(name).read_text(encoding="utf-8")


def _script_json(value: Any) -> str:
    """JSON to put inside a <script> element: ``</`` cannot end it early."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/").replace("<!--", "<\\!--")


def read_release(json_path: Path, name: str, page: str) -> Release:
    """An extraction JSON and its text (the ``.txt`` beside it, else the source if unchanged)."""
    from .io import text_for
    from .model import Document

    try:
        raw = json_path.read_bytes()
        data = json.loads(raw)
        document = Document.model_validate_json(raw)
    except (OSError, ValueError) as exc:
        raise ReviewError(f"{json_path}: not an extraction JSON ({_first_line(exc)})") from None
    text = text_for(json_path, document)
    if text is None:
        raise ReviewError(
            f"{json_path}: the text its spans refer to is not at hand (no {json_path.with_suffix('.txt').name} "
            f"beside it, and the source {document.source.path} is missing or changed)"
        )
    return Release(name=name, data=data, text=text, page=page)


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def page_data(release: Release) -> dict[str, Any]:
    """What a release page needs: the extraction, its text, and the file name its corrections take."""
    stem = Path(release.name).stem
    return {
        "name": release.name,
        "document": f"{stem}.txt",
        "corrections_file": f"{stem}.gold.json",
        "text": release.text,
        "extraction": release.data,
        "corrections": release.corrections,
    }


def release_page(release: Release, inline: bool = False, index_href: str | None = "../index.html") -> str:
    """The HTML of one release's page (``inline``: the script and style inside the page)."""
    data = release.data
    title = (data.get("title") or {}).get("text") or release.name
    if inline:
        head_assets = f"<style>{asset('review.css')}</style>"
        tail_assets = f"<script>{asset('review.js')}</script>"
    else:
        head_assets = '<link rel="stylesheet" href="../assets/review.css">'
        tail_assets = '<script src="../assets/review.js"></script>'
    back = f'<a class="back" href="{html.escape(index_href)}">← all releases</a>' if index_href else ""
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} · review</title>
{head_assets}
</head>
<body class="release">
<header class="bar">
{back}
<h1>{html.escape(title)}</h1>
<span id="progress" aria-live="polite"></span>
<button id="add" type="button" disabled title="Select the text of a figure the extractor missed, then add it (a)">Add figure from selection</button>
<button id="save" type="button" title="Download the corrections as a tests/gold annotation (s)">Save corrections</button>
</header>
<main>
<section id="card" aria-label="Release header"></section>
<article id="text" aria-label="Release text" tabindex="-1"></article>
<aside id="side" aria-label="Figures">
<section id="details" aria-live="polite"><p class="hint">Choose a figure in the text or the table (j / k to move, Enter to open).</p></section>
<section id="filters">
<label>Kind <select id="f-kind"><option value="">all</option></select></label>
<label><input id="f-flagged" type="checkbox"> flagged only</label>
<label>Indicator <input id="f-indicator" type="search" placeholder="filter"></label>
</section>
<table id="figures"><thead><tr>
<th data-key="n" scope="col">#</th><th data-key="text" scope="col">figure</th><th data-key="value" scope="col">value</th>
<th data-key="unit" scope="col">unit</th><th data-key="indicator" scope="col">indicator</th><th data-key="period" scope="col">period</th>
<th data-key="flags" scope="col">flags</th><th data-key="status" scope="col">review</th>
</tr></thead><tbody></tbody></table>
</aside>
</main>
<script type="application/json" id="data">{_script_json(page_data(release))}</script>
{tail_assets}
</body>
</html>
"""


def index_page(
    rows: list[dict[str, Any]],
    failures: list[dict[str, Any]],
    indicators: list[dict[str, Any]] = (),  # type: ignore[assignment]
) -> str:
    """The index: every release with its publisher, date and counts, every failure, and the
    indicators that have a page (a chart across periods and areas)."""
    listed = "".join(
        f'<li><a href="{html.escape(i["page"])}">{html.escape(i["name"] or i["id"])}</a> '
        f"<code>{html.escape(i['id'])}</code> ({i['points']})</li>"
        for i in indicators
    )
    indicator_list = f'<h2>Indicators</h2><ul id="indicators">{listed}</ul>' if indicators else ""
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Releases · review</title>
<link rel="stylesheet" href="assets/review.css">
</head>
<body class="index">
<header class="bar"><h1>Releases</h1>
<label>Search <input id="search" type="search" placeholder="title, publisher, file"></label>
<span id="shown" aria-live="polite"></span></header>
<main>
<table id="releases"><thead><tr>
<th data-key="name" scope="col">release</th><th data-key="title" scope="col">title</th>
<th data-key="publisher" scope="col">publisher</th><th data-key="date" scope="col">date</th>
<th data-key="figures" scope="col">figures</th><th data-key="flagged" scope="col">flagged</th>
<th data-key="issues" scope="col">issues</th>
</tr></thead><tbody></tbody></table>
<h2>Failures</h2>
<table id="failures"><thead><tr><th scope="col">file</th><th scope="col">code</th><th scope="col">message</th></tr></thead><tbody></tbody></table>
{indicator_list}
</main>
<script type="application/json" id="data">{_script_json({"releases": rows, "failures": failures})}</script>
<script src="assets/review.js"></script>
</body>
</html>
"""


def _index_row(release: Release) -> dict[str, Any]:
    data = release.data
    meta = data.get("metadata") or {}
    publisher = (meta.get("publisher") or {}).get("value") or (meta.get("publisher") or {}).get("raw")
    date = (
        (meta.get("published_date") or {}).get("value")
        or (meta.get("created_date") or {}).get("value")
        or meta.get("reference_date")
    )
    figures = data.get("quantities") or []
    return {
        "name": release.name,
        "page": release.page,
        "title": (data.get("title") or {}).get("text"),
        "publisher": publisher,
        "date": date,
        "figures": len(figures),
        "flagged": sum(1 for q in figures if q.get("flags")),
        "issues": len(data.get("issues") or []),
    }


def _page_name(name: str, taken: set[str]) -> str:
    """A page file name for a release's output name (its folders joined with ``__``), unique."""
    base = _UNSAFE.sub("_", name.removesuffix(".json").replace("/", "__")) or "release"
    page, n = f"{base}.html", 2
    while page.lower() in taken:
        page, n = f"{base}~{n}.html", n + 1
    taken.add(page.lower())
    return page


def _index_entries(outdir: Path) -> tuple[list[str], list[dict[str, Any]]]:
    """The JSON outputs an OUTDIR's index lists (in its order) and its failures; a folder
    without an index: every ``*.json`` in it, sorted."""

    def lines(path: Path) -> Iterable[dict[str, Any]]:
        if not path.exists():
            return []
        out = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except ValueError:
                    raise ReviewError(f"{path}: line {number} is not JSON") from None
        return out

    index = list(lines(outdir / "index.jsonl"))
    failures = [
        {
            "source": e.get("source") or e.get("file"),
            "code": e.get("error_code") or e.get("code"),
            "message": e.get("error") or e.get("message"),
        }
        for e in lines(outdir / "errors.jsonl")
    ]
    if index:
        outputs = [r["output"] for r in index if r.get("status") == "ok" and r.get("output")]
    else:
        outputs = sorted(p.relative_to(outdir).as_posix() for p in outdir.rglob("*.json"))
    return outputs, failures


def read_corrections(folder: Path | None, release: Release) -> dict[str, Any] | None:
    if folder is None:
        return None
    path = folder / f"{Path(release.name).stem}.gold.json"
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReviewError(f"{path}: not a corrections file ({_first_line(exc)})") from None


def build_site(
    outdir: Path, site: Path, corrections: Path | None = None, report: Callable[[str], None] | None = None
) -> int:
    """Write the review site for an OUTDIR of `extractor run` into ``site``; returns the
    number of release pages."""
    outputs, failures = _index_entries(outdir)
    if not outputs and not failures:
        raise ReviewError(f"{outdir}: no extraction JSON found (run `extractor run … -o {outdir}` first)")
    try:
        (site / "releases").mkdir(parents=True, exist_ok=True)
        (site / "assets").mkdir(exist_ok=True)
        for name in ASSETS:
            write_atomic(site / "assets" / name, asset(name))
    except OSError as exc:
        raise ReviewError(f"{site}: cannot write the site there ({exc.strerror or exc})") from None
    taken: set[str] = set()
    rows = []
    read: list[Release] = []  # (their figures, for the indicator pages)
    for output in outputs:
        page = _page_name(output, taken)
        try:
            release = read_release(outdir / output, output, f"releases/{page}")
        except ReviewError as exc:
            failures.append({"source": output, "code": "unreadable", "message": str(exc)})
            if report:
                report(str(exc))
            continue
        release.corrections = read_corrections(corrections, release)
        write_atomic(site / "releases" / page, release_page(release))
        rows.append(_index_row(release))
        read.append(Release(release.name, {"quantities": release.data.get("quantities")}, "", release.page))
    indicators = _indicator_pages(site, read)
    write_atomic(site / "index.html", index_page(rows, failures, indicators))
    return len(rows)


# ---------------------------------------------------------------------------- indicators
_W, _H, _LEFT, _RIGHT, _TOP, _BOTTOM = 640, 260, 70, 20, 16, 40
#: a marker per area, so that the chart reads without colour
_SHAPES = ("circle", "square", "triangle", "diamond", "cross")


def _points(release: Release) -> list[dict[str, Any]]:
    """The levels of a release that make series rows: an area, an indicator id, a period
    with its end, a value (no change, no rank)."""
    out = []
    for q in release.data.get("quantities") or []:
        area, period = q.get("area") or {}, q.get("period") or {}
        if not (q.get("indicator_id") and area.get("name") and period.get("end")) or q.get("value") is None:
            continue
        if q.get("change") or q.get("kind") == "rank":
            continue
        out.append(
            {
                "id": q["indicator_id"],
                "unit": q.get("unit"),
                "area": area["name"],
                "period": period.get("value"),
                "end": period["end"],
                "value": float(q["value"]),
                "text": q.get("text"),
                "href": f"../{release.page}#{q.get('id')}",
                "release": release.name,
            }
        )
    return out


def _marker(shape: str, x: float, y: float) -> str:
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5"/>'
    if shape == "square":
        return f'<rect x="{x - 4.5:.1f}" y="{y - 4.5:.1f}" width="9" height="9"/>'
    if shape == "triangle":
        return f'<polygon points="{x:.1f},{y - 6:.1f} {x - 6:.1f},{y + 5:.1f} {x + 6:.1f},{y + 5:.1f}"/>'
    if shape == "diamond":
        return f'<polygon points="{x:.1f},{y - 6:.1f} {x - 6:.1f},{y:.1f} {x:.1f},{y + 6:.1f} {x + 6:.1f},{y:.1f}"/>'
    return (
        f'<path d="M{x - 5:.1f},{y - 5:.1f}L{x + 5:.1f},{y + 5:.1f}M{x - 5:.1f},{y + 5:.1f}L{x + 5:.1f},{y - 5:.1f}"/>'
    )


def _chart(points: list[dict[str, Any]], unit: str | None) -> str:
    """An inline SVG: the values over the periods' last days, a line and a marker shape per
    area, each point a link to its figure in its release."""
    from datetime import date

    days = [date.fromisoformat(p["end"]).toordinal() for p in points]
    lo_x, hi_x = min(days), max(days)
    values = [p["value"] for p in points]
    lo_y, hi_y = min(0.0, min(values)), max(values) or 1.0
    width, height = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM

    def x(day: int) -> float:
        return _LEFT + (width / 2 if hi_x == lo_x else (day - lo_x) / (hi_x - lo_x) * width)

    def y(value: float) -> float:
        return _TOP + height - (value - lo_y) / ((hi_y - lo_y) or 1.0) * height

    areas = sorted({p["area"] for p in points})
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {_W} {_H}" width="{_W}" height="{_H}" '
        f'aria-label="{html.escape(unit or "")} by period">',
        f'<line class="axis" x1="{_LEFT}" y1="{_TOP + height}" x2="{_LEFT + width}" y2="{_TOP + height}"/>',
        f'<line class="axis" x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" y2="{_TOP + height}"/>',
        f'<text x="{_LEFT - 6}" y="{_TOP + 4}" text-anchor="end">{hi_y:g}</text>',
        f'<text x="{_LEFT - 6}" y="{_TOP + height}" text-anchor="end">{lo_y:g}</text>',
        f'<text x="{_LEFT}" y="{_H - 8}">{date.fromordinal(lo_x).isoformat()}</text>',
        f'<text x="{_LEFT + width}" y="{_H - 8}" text-anchor="end">{date.fromordinal(hi_x).isoformat()}</text>',
    ]
    for k, area in enumerate(areas):
        mine = sorted((p for p in points if p["area"] == area), key=lambda p: p["end"])
        shape = _SHAPES[k % len(_SHAPES)]
        xy = [(x(date.fromisoformat(p["end"]).toordinal()), y(p["value"])) for p in mine]
        if len(xy) > 1:
            parts.append(f'<polyline class="series s{k % 5}" points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in xy)}"/>')
        for p, (px, py) in zip(mine, xy):
            label = html.escape(f"{p['area']} {p['period']}: {p['text']} ({p['release']})")
            parts.append(
                f'<a class="point s{k % 5}" href="{html.escape(p["href"])}" aria-label="{label}">'
                f"<title>{label}</title>{_marker(shape, px, py)}</a>"
            )
    parts.append("</svg>")
    return "".join(parts)


def indicator_page(indicator_id: str, name: str | None, points: list[dict[str, Any]]) -> str:
    """One indicator across the releases: a chart per unit, and the points as a table."""
    areas = sorted({p["area"] for p in points})
    legend = "".join(
        f'<li><span class="shape">{"●■▲◆✕"[k % 5]}</span> {html.escape(a)}</li>' for k, a in enumerate(areas)
    )
    charts = []
    for unit in sorted({p["unit"] or "" for p in points}):
        mine = [p for p in points if (p["unit"] or "") == unit]
        rows = "".join(
            f"<tr><td>{html.escape(p['area'])}</td><td>{html.escape(p['period'] or '')}</td>"
            f'<td><a href="{html.escape(p["href"])}">{html.escape(p["text"] or "")}</a></td>'
            f"<td>{html.escape(p['release'])}</td></tr>"
            for p in sorted(mine, key=lambda p: (p["area"], p["end"]))
        )
        charts.append(
            f"<section><h2>{html.escape(unit or '(no unit)')}</h2>{_chart(mine, unit)}"
            f'<table><thead><tr><th scope="col">area</th><th scope="col">period</th>'
            f'<th scope="col">figure</th><th scope="col">release</th></tr></thead><tbody>{rows}</tbody></table>'
            "</section>"
        )
    title = html.escape(f"{name or indicator_id} ({indicator_id})")
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · review</title>
<link rel="stylesheet" href="../assets/review.css">
</head>
<body class="indicator">
<header class="bar"><h1>{title}</h1><a href="../index.html">all releases</a></header>
<main>
<ul class="legend">{legend}</ul>
{"".join(charts)}
</main>
</body>
</html>
"""


def _indicator_pages(site: Path, releases: list[Release]) -> list[dict[str, Any]]:
    """A page per indicator id with points in the releases; the index's list of them."""
    from .indicator_ids import vocabulary

    by_id: dict[str, list[dict[str, Any]]] = {}
    for release in releases:
        for p in _points(release):
            by_id.setdefault(p["id"], []).append(p)
    if not by_id:
        return []
    (site / "indicators").mkdir(exist_ok=True)
    vocab = vocabulary()
    out = []
    for indicator_id in sorted(by_id):
        entry = vocab.get(indicator_id)
        name = entry.name if entry else None
        write_atomic(
            site / "indicators" / f"{indicator_id}.html", indicator_page(indicator_id, name, by_id[indicator_id])
        )
        out.append(
            {
                "id": indicator_id,
                "name": name,
                "points": len(by_id[indicator_id]),
                "page": f"indicators/{indicator_id}.html",
            }
        )
    return out


def build_page(json_path: Path, target: Path, corrections: Path | None = None) -> None:
    """One extraction JSON as one self-contained page (script and style inside)."""
    release = read_release(json_path, json_path.name, target.name)
    release.corrections = read_corrections(corrections, release)
    try:
        write_atomic(target, release_page(release, inline=True, index_href=None))
    except OSError as exc:
        raise ReviewError(f"{target}: cannot write the page there ({exc.strerror or exc})") from None
