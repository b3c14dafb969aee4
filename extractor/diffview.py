"""Showing diff reports: a readable view grouped by document and section (coloured on a
terminal), and Markdown for reviews and pull requests. JSON is the models' own dump.

The views name a style for each styled line (``bold``, ``green``, ``red``, ``yellow``);
the :data:`Style` the caller passes turns that into terminal codes, or leaves the text
as it is (:func:`plain`)."""
from __future__ import annotations

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
    lines = [f"{count(s.documents, 'document')}: {s.identical} identical, {s.changed} changed, {s.added} added, {s.removed} removed; "
             f"figures: {s.figures_added} added, {s.figures_removed} removed, {s.figures_changed} changed"]
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
            if f.new and f.new.sentence and (f.status != "changed" or f.new.sentence != (f.old.sentence if f.old else None)):
                lines.append(f"      new: {f.new.sentence}")
        for m in d.metadata:
            lines.append(style(f"  ~ metadata {m.field}: {m.old} → {m.new}", "yellow"))
        for e in d.entities:
            mark, colour = marks[e.status]
            lines.append(style(f"  {mark} {e.type} {e.text} ({e.old_count} → {e.new_count})", colour))
    return "\n".join(lines)


def markdown_view(report: DiffReport) -> str:
    s = report.summary
    out = [f"**{count(s.documents, 'document')}**: {s.identical} identical, {s.changed} changed, {s.added} added, "
           f"{s.removed} removed — figures {s.figures_added} added, {s.figures_removed} removed, {s.figures_changed} changed"]
    for d in report.documents:
        if d.status == "identical":
            continue
        out += ["", f"### `{d.old_source or d.new_source}` ({d.status})", "",
                "| | section | old | new | what changed | sentence |", "| --- | --- | --- | --- | --- | --- |"]
        for f in d.figures:
            ref = f.new or f.old
            what = "; ".join(f"{c.field}: {c.old} → {c.new}" for c in f.changes)
            sentence = (f.new.sentence if f.new else f.old.sentence) or ""
            cell = {"added": "+", "removed": "−", "changed": "~"}[f.status]
            out.append(f"| {cell} | {ref.section or ''} | {_figure(f.old)} | {_figure(f.new)} | {what} | {sentence} |".replace("\n", " "))
        for m in d.metadata:
            out.append(f"| ~ | metadata | {m.field}: {m.old} | {m.new} | | |")
        for e in d.entities:
            out.append(f"| {'+' if e.status == 'added' else '−'} | entity | {e.type} {e.text} ×{e.old_count} | ×{e.new_count} | | |")
    return "\n".join(out) + "\n"


def yoy_text(report: YearOverYear, style: Style = plain) -> str:
    lines = [f"{report.old}  →  {report.new}", ""]
    names = [p.canonical if p.old_indicator == p.new_indicator else f"{p.old_indicator}→{p.new_indicator}"
             for p in report.pairs]
    cells = min(40, max([width(n) for n in names] + [24]))  # the longest name, within reason
    header = (f"{left('indicator', cells)} {right('old', 16)} {right('new', 16)} {right('change', 14)} {right('%', 8)}  "
              f"{right('stated', 7)} check  periods")
    lines.append(header)
    for p, name in zip(report.pairs, names):
        stated = "" if p.stated_growth is None else f"{p.stated_growth:+.1f}"
        colour = {"mismatch": "red", "ok": "green"}.get(p.growth_check, "")
        row = (f"{left(name, cells)} {right(_num(p.old_value), 16)} {right(_num(p.new_value), 16)} {right(_num(p.abs_change), 14)} "
               f"{right('' if p.pct_change is None else f'{p.pct_change:+.2f}', 8)}  {right(stated, 7)} {p.growth_check:5}  "
               f"{p.old_period or '—'} → {p.new_period or '—'}  {p.unit or ''}")
        lines.append(style(row, colour) if colour else row)
    if report.only_old:
        lines.append("only in the old release: " + "、".join(report.only_old))
    if report.only_new:
        lines.append("only in the new release: " + "、".join(report.only_new))
    if report.skipped_damaged:
        lines.append("left out (flagged as damaged): " + "、".join(report.skipped_damaged))
    return "\n".join(lines)


def yoy_markdown(report: YearOverYear) -> str:
    out = [f"`{report.old}` → `{report.new}`", "", "| indicator (old → new) | unit | old | new | change | % | stated | check | periods |",
           "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for p in report.pairs:
        out.append(f"| {p.old_indicator} → {p.new_indicator} | {p.unit or ''} | {_num(p.old_value)} | {_num(p.new_value)} | "
                   f"{_num(p.abs_change)} | {'' if p.pct_change is None else p.pct_change} | "
                   f"{'' if p.stated_growth is None else p.stated_growth} | {p.growth_check} | {p.old_period or '—'} → {p.new_period or '—'} |")
    out += ["", "Only in the old release: " + ("、".join(report.only_old) or "—"),
            "Only in the new release: " + ("、".join(report.only_new) or "—")]
    return "\n".join(out) + "\n"


def values_differ(report: YearOverYear) -> bool:
    """Whether the two releases differ in what they report: a paired indicator whose value
    changed, or an indicator only one of them gives (the exit status of ``diff --by-indicator``)."""
    return bool(report.only_old or report.only_new) or any(p.old_value != p.new_value for p in report.pairs)
