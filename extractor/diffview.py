"""Showing diff reports: a readable view grouped by document and section (coloured on a
terminal), and Markdown for reviews and pull requests. JSON is the models' own dump.

The views name a style for each styled line (``bold``, ``green``, ``red``, ``yellow``);
the :data:`Style` the caller passes turns that into terminal codes, or leaves the text
as it is (:func:`plain`)."""

from __future__ import annotations

import html
import math
from collections.abc import Callable

from .display import count, left, right, width
from .model import DiffReport, FigureRef, YearOverYear

Style = Callable[[str, str], str]
#: the style names the views use
STYLES = ("bold", "green", "red", "yellow")


def plain(text: str, _colour: str) -> str:
    return text


def _num(v) -> str:
    if v is None:
        return "—"
    f = float(v)
    if not math.isfinite(f):  # more digits than a float holds: the exact text
        return str(v)
    return str(int(f)) if f == int(f) and abs(f) < 1e15 else f"{f:g}" if abs(f) >= 1e6 else str(v)


def _figure(f: FigureRef | None) -> str:
    if f is None:
        return ""
    return f"{f.text} ({_num(f.value)} {f.unit or ''}) {f.indicator or '—'}".replace("  ", " ")


def text_view(report: DiffReport, style: Style = plain) -> str:
    s = report.summary
    lines = [
        f"{count(s.documents, 'document')}: {s.identical} identical, {s.changed} changed, {s.added} added, {s.removed} removed; "
        f"figures: {s.figures_added} added, {s.figures_removed} removed, {s.figures_changed} changed"
    ]
    marks = {"added": ("+", "green"), "removed": ("-", "red"), "changed": ("~", "yellow")}
    for d in report.documents:
        if d.status == "identical":
            continue
        lines.append("")
        lines.append(style(f"== {d.old_source or d.new_source} ({d.status})", "bold"))
        section = None
        for f in d.figures:
            ref = f.new or f.old
            if ref.section != section:
                section = ref.section
                lines.append(f"  [{section or 'no section'}]")
            mark, colour = marks[f.status]
            if f.status == "changed":
                fields = "; ".join(f"{c.field}: {c.old} → {c.new}" for c in f.changes)
                lines.append(style(f"  {mark} {_figure(f.old)}  →  {_figure(f.new)}   [{fields}]", colour))
            else:
                lines.append(style(f"  {mark} {_figure(ref)}", colour))
            if f.old and f.old.sentence:
                lines.append(f"      old: {f.old.sentence}")
            if (
                f.new
                and f.new.sentence
                and (f.status != "changed" or f.new.sentence != (f.old.sentence if f.old else None))
            ):
                lines.append(f"      new: {f.new.sentence}")
        for m in d.metadata:
            lines.append(style(f"  ~ metadata {m.field}: {m.old} → {m.new}", "yellow"))
        for e in d.entities:
            mark, colour = marks[e.status]
            lines.append(style(f"  {mark} {e.type} {e.text} ({e.old_count} → {e.new_count})", colour))
    return "\n".join(lines)


def markdown_view(report: DiffReport) -> str:
    s = report.summary
    out = [
        f"**{count(s.documents, 'document')}**: {s.identical} identical, {s.changed} changed, {s.added} added, "
        f"{s.removed} removed — figures {s.figures_added} added, {s.figures_removed} removed, {s.figures_changed} changed"
    ]
    for d in report.documents:
        if d.status == "identical":
            continue
        out += [
            "",
            f"### `{d.old_source or d.new_source}` ({d.status})",
            "",
            "| | section | old | new | what changed | sentence |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for f in d.figures:
            ref = f.new or f.old
            what = "; ".join(f"{c.field}: {c.old} → {c.new}" for c in f.changes)
            sentence = (f.new.sentence if f.new else f.old.sentence) or ""
            cell = {"added": "+", "removed": "−", "changed": "~"}[f.status]
            out.append(
                f"| {cell} | {ref.section or ''} | {_figure(f.old)} | {_figure(f.new)} | {what} | {sentence} |".replace(
                    "\n", " "
                )
            )
        for m in d.metadata:
            out.append(f"| ~ | metadata | {m.field}: {m.old} | {m.new} | | |")
        for e in d.entities:
            out.append(
                f"| {'+' if e.status == 'added' else '−'} | entity | {e.type} {e.text} ×{e.old_count} | ×{e.new_count} | | |"
            )
    return "\n".join(out) + "\n"


def yoy_text(report: YearOverYear, style: Style = plain) -> str:
    lines = [f"{report.old}  →  {report.new}", ""]
    names = [
        p.old_indicator if p.old_indicator == p.new_indicator else f"{p.old_indicator}→{p.new_indicator}"
        for p in report.pairs
    ]
    cells = min(40, max([width(n) for n in names] + [24]))  # the longest name, within reason
    header = (
        f"{left('indicator', cells)} {right('old', 16)} {right('new', 16)} {right('change', 14)} {right('%', 8)}  "
        f"{right('stated', 7)} check  periods"
    )
    lines.append(header)
    for p, name in zip(report.pairs, names):
        stated = "" if p.stated_growth is None else f"{p.stated_growth:+.1f}"
        colour = {"mismatch": "red", "ok": "green"}.get(p.growth_check, "")
        row = (
            f"{left(name, cells)} {right(_num(p.old_value), 16)} {right(_num(p.new_value), 16)} {right(_num(p.abs_change), 14)} "
            f"{right('' if p.pct_change is None else f'{p.pct_change:+.2f}', 8)}  {right(stated, 7)} {p.growth_check:5}  "
            f"{p.old_period or '—'} → {p.new_period or '—'}  {p.unit or ''}"
        )
        lines.append(style(row, colour) if colour else row)
    if report.only_old:
        lines.append("only in the old release: " + "、".join(report.only_old))
    if report.only_new:
        lines.append("only in the new release: " + "、".join(report.only_new))
    if report.skipped_damaged:
        lines.append("left out (flagged as damaged): " + "、".join(report.skipped_damaged))
    return "\n".join(lines)


def yoy_markdown(report: YearOverYear) -> str:
    out = [
        f"`{report.old}` → `{report.new}`",
        "",
        "| indicator (old → new) | unit | old | new | change | % | stated | check | periods |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for p in report.pairs:
        out.append(
            f"| {p.old_indicator} → {p.new_indicator} | {p.unit or ''} | {_num(p.old_value)} | {_num(p.new_value)} | "
            f"{_num(p.abs_change)} | {'' if p.pct_change is None else p.pct_change} | "
            f"{'' if p.stated_growth is None else p.stated_growth} | {p.growth_check} | {p.old_period or '—'} → {p.new_period or '—'} |"
        )
    out += [
        "",
        "Only in the old release: " + ("、".join(report.only_old) or "—"),
        "Only in the new release: " + ("、".join(report.only_new) or "—"),
    ]
    return "\n".join(out) + "\n"


def values_differ(report: YearOverYear) -> bool:
    """Whether the two releases differ in what they report: a paired indicator whose value
    changed, or an indicator only one of them gives (the exit status of ``diff --by-indicator``)."""
    return bool(report.only_old or report.only_new) or any(p.old_value != p.new_value for p in report.pairs)


# ---------------------------------------------------------------------------- HTML
_HTML_STYLE = """
body { margin: 0; font: 15px/1.6 system-ui, "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; color: #111; }
header { padding: .6em 1em; background: #fafafa; border-bottom: 1px solid #ccc; position: sticky; top: 0; }
h1 { font-size: 1.1em; margin: 0; } h2 { font-size: 1em; margin: 1.2em 1em .4em; }
table { border-collapse: collapse; width: calc(100% - 2em); margin: 0 1em; table-layout: fixed; font-size: .92em; }
th, td { border-bottom: 1px solid #e5e5e5; padding: .3em .5em; text-align: left; vertical-align: top; word-break: break-all; }
th.mark, td.mark { width: 2.2em; text-align: center; font-weight: bold; }
tr.added td.new, tr.added td.mark { background: #e7f6e7; } tr.removed td.old, tr.removed td.mark { background: #fde8e8; }
tr.changed td.mark { background: #fff4cc; }
tr.added td.mark::after { content: "+"; } tr.removed td.mark::after { content: "−"; } tr.changed td.mark::after { content: "~"; }
mark { background: #fff2b3; border-bottom: 2px solid #8a6d00; padding: 0 1px; }
tr.removed mark { background: #fde8e8; border-bottom-style: dashed; } tr.added mark { background: #e7f6e7; }
del { background: #fde8e8; } ins { background: #e7f6e7; text-decoration: underline; }
.field { color: #666; font-size: .9em; } .section td { background: #f3f3f3; font-weight: 600; }
.mismatch td { background: #fde8e8; } .ok td.check::after { content: " ✓"; } .mismatch td.check::after { content: " ✗"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
"""


def _h(value) -> str:
    return html.escape("" if value is None else str(value))


def _in_sentence(f: FigureRef | None) -> str:
    """The figure's sentence with the figure marked, else the figure alone."""
    if f is None:
        return ""
    head = (
        f'<div class="field">{_h(_num(f.value))} {_h(f.unit or "")} · {_h(f.indicator or "—")}'
        f"{' · ' + _h(f.period) if f.period else ''}{' · ⚠ ' + _h(' '.join(f.flags)) if f.flags else ''}</div>"
    )
    sentence = f.sentence or ""
    at = sentence.find(f.text)
    if at < 0:
        return f"<mark>{_h(f.text)}</mark>{head}"
    return f"{_h(sentence[:at])}<mark>{_h(f.text)}</mark>{_h(sentence[at + len(f.text) :])}{head}"


def _page(title: str, body: list[str]) -> str:
    return (
        '<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_h(title)}</title>\n<style>{_HTML_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def html_view(report: DiffReport) -> str:
    """The diff as one self-contained page: per document, old and new side by side, each
    figure in its sentence, what changed marked (no script, no network)."""
    s = report.summary
    body = [
        f"<header><h1>{_h(count(s.documents, 'document'))}: {s.identical} identical, {s.changed} changed, {s.added} added, "
        f"{s.removed} removed; figures {s.figures_added} added, {s.figures_removed} removed, {s.figures_changed} changed"
        "</h1></header>"
    ]
    for d in report.documents:
        if d.status == "identical":
            continue
        body.append(f"<h2>{_h(d.old_source or d.new_source)} ({_h(d.status)})</h2>")
        body.append(
            '<table><thead><tr><th class="mark" scope="col"></th><th scope="col">old</th>'
            '<th scope="col">new</th><th scope="col" style="width:22%">what changed</th></tr></thead><tbody>'
        )
        section = None
        for f in d.figures:
            ref = f.new or f.old
            if ref.section != section:
                section = ref.section
                body.append(f'<tr class="section"><td colspan="4">{_h(section or "no section")}</td></tr>')
            what = "<br>".join(f"{_h(c.field)}: <del>{_h(c.old)}</del> → <ins>{_h(c.new)}</ins>" for c in f.changes)
            body.append(
                f'<tr class="{f.status}"><td class="mark"></td><td class="old">{_in_sentence(f.old)}</td>'
                f'<td class="new">{_in_sentence(f.new)}</td><td>{what}</td></tr>'
            )
        for m in d.metadata:
            body.append(
                f'<tr class="changed"><td class="mark"></td><td class="old">{_h(m.field)}: {_h(m.old)}</td>'
                f'<td class="new">{_h(m.field)}: {_h(m.new)}</td><td>metadata</td></tr>'
            )
        for e in d.entities:
            body.append(
                f'<tr class="{e.status}"><td class="mark"></td><td class="old">{_h(e.type)} {_h(e.text)} ×{e.old_count}</td>'
                f'<td class="new">{_h(e.type)} {_h(e.text)} ×{e.new_count}</td><td>entity</td></tr>'
            )
        body.append("</tbody></table>")
    return _page("extractor diff", body)


def yoy_html(report: YearOverYear) -> str:
    """``diff --by-indicator`` as a page: each indicator's old and new value side by side,
    with the change, the stated growth and its check (a mismatch stands out)."""
    body = [
        f"<header><h1>{_h(report.old)} → {_h(report.new)}</h1></header>",
        '<table><thead><tr><th scope="col">indicator (old → new)</th><th scope="col">unit</th><th scope="col">old</th>'
        '<th scope="col">new</th><th scope="col">change</th><th scope="col">%</th><th scope="col">stated</th>'
        '<th scope="col">check</th><th scope="col">periods</th></tr></thead><tbody>',
    ]
    for p in report.pairs:
        body.append(
            f'<tr class="{_h(p.growth_check)}"><td>{_h(p.old_indicator)} → {_h(p.new_indicator)}</td><td>{_h(p.unit)}</td>'
            f'<td class="num">{_h(_num(p.old_value))}</td><td class="num">{_h(_num(p.new_value))}</td>'
            f'<td class="num">{_h(_num(p.abs_change))}</td><td class="num">{"" if p.pct_change is None else _h(p.pct_change)}</td>'
            f'<td class="num">{"" if p.stated_growth is None else _h(p.stated_growth)}</td><td class="check">{_h(p.growth_check)}</td>'
            f"<td>{_h(p.old_period or '—')} → {_h(p.new_period or '—')}</td></tr>"
        )
    body.append("</tbody></table>")
    for label, names in (
        ("Only in the old release", report.only_old),
        ("Only in the new release", report.only_new),
        ("Left out (flagged as damaged)", report.skipped_damaged),
    ):
        if names:
            body.append(f'<h2>{label}</h2><p style="margin:0 1em">{_h("、".join(names))}</p>')
    return _page("extractor diff --by-indicator", body)
