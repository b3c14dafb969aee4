"""Accuracy against hand annotations (tests/gold format, see tests/gold/README.md).

Gold items are located by surface text and occurrence; a prediction matches a gold item
when their spans overlap (one to one, best overlap first). Figures count as correct when
value and unit are right; indicators, approximation and change are scored on the figures
found. Dates count when the normalized value is right; entities when the type is right.
A damaged place counts as flagged when any issue or flag of the extraction overlaps it.
"""

from __future__ import annotations

import json
import logging
import unicodedata
from dataclasses import dataclass, field, fields
from decimal import Decimal
from pathlib import Path
from typing import Any

import regex

from .display import count, left, pad
from .errors import ExtractorError
from .model import Document

log = logging.getLogger(__name__)
DAMAGE_CODES = {"date_missing_char", "missing_unit", "suspect_figure", "missing_separator"}
_IND_JUNK = regex.compile(r"[\s“”\"'《》()（）、:：,，]")
_PAREN = regex.compile(r"[(（][^()（）]*[)）]")  # a note in brackets is not part of the name


class GoldError(ExtractorError, ValueError):
    """No annotations, or an annotation file that does not fit its text (or a prediction
    that cannot be read); the message names the file and the item."""


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Ratio:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0

    def add(self, other: Ratio) -> None:
        self.right += other.right
        self.total += other.total

    def as_dict(self) -> dict[str, Any]:
        return {"right": self.right, "total": self.total, "rate": round(self.value, 4)}


@dataclass
class DocumentResult:
    name: str
    genre: str
    form: str
    figures: Score = field(default_factory=Score)
    indicator: Ratio = field(default_factory=Ratio)
    approx: Ratio = field(default_factory=Ratio)
    change: Ratio = field(default_factory=Ratio)
    dates: Score = field(default_factory=Score)
    entities: dict[str, Score] = field(default_factory=dict)
    damage: Ratio = field(default_factory=Ratio)
    #: figures found whose annotation gives a period (or null): the period value right
    period: Ratio = field(default_factory=Ratio)
    #: relative and partial time expressions (今年, 全年, 去年同期 …), annotated apart from ``dates``
    relative_dates: Score = field(default_factory=Score)
    #: every time expression, calendar and relative together, found by overlap (the value aside)
    times: Score = field(default_factory=Score)
    #: of the time expressions found, those whose value is right
    time_values: Ratio = field(default_factory=Ratio)
    #: the release's reference date and period (``reference`` in the annotation), right or not
    reference_date: Ratio = field(default_factory=Ratio)
    reference_period: Ratio = field(default_factory=Ratio)
    #: figures found whose annotation gives an area (or null): the area's name right
    area: Ratio = field(default_factory=Ratio)
    #: of the figures found, those with an indicator id (coverage), and of those the id right
    indicator_id_given: Ratio = field(default_factory=Ratio)
    indicator_id_right: Ratio = field(default_factory=Ratio)
    #: of the figures found whose annotation gives an id, the id found
    indicator_id_recall: Ratio = field(default_factory=Ratio)
    reference_area: Ratio = field(default_factory=Ratio)
    noise_leaks: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)


#: the scores a document result holds (added up by Report.total), and the JSON names that differ
_SCORES = tuple(f.name for f in fields(DocumentResult) if f.default_factory in (Ratio, Score))
_JSON_NAMES = {"damage": "damage_flagged"}

#: the genres of statistics bulletins and economic reports (an indicator id is expected on more of their figures)
ECONOMIC_GENRES = frozenset({"statistics", "commerce", "customs", "finance", "taxation"})


def _score_where(res: DocumentResult, g: dict[str, Any], q: Any, span: tuple[int, int], problem: Any) -> None:
    """A found figure's area and indicator id against its annotation (when it gives them)."""
    if "area" in g:
        res.area.total += 1
        got = q.area.name if q.area else None
        if got == g["area"]:
            res.area.right += 1
        else:
            how = f" ({q.area.source.value}: {q.area.text})" if q.area and q.area.text else ""
            problem("wrong", "area", span, f"gold {g['area']}, got {got}{how}")
    if "indicator_id" in g:
        got_id = q.indicator_id
        res.indicator_id_given.total += 1
        res.indicator_id_given.right += got_id is not None
        if g["indicator_id"] is not None:
            res.indicator_id_recall.total += 1
            res.indicator_id_recall.right += got_id == g["indicator_id"]
        if got_id is not None:
            res.indicator_id_right.total += 1
            res.indicator_id_right.right += got_id == g["indicator_id"]
        if got_id != g["indicator_id"]:
            problem("wrong", "indicator_id", span, f"gold {g['indicator_id']}, got {got_id} ({q.indicator})")


def locate(text: str, surface: str, occurrence: int) -> tuple[int, int] | None:
    start = -1
    for _ in range(occurrence):
        start = text.find(surface, start + 1)
        if start < 0:
            return None
    return (start, start + len(surface))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _pair(gold: list[tuple[tuple[int, int], Any]], pred: list[tuple[tuple[int, int], Any]]):
    """One-to-one matching by overlap, largest overlap first; returns pairs, unmatched gold, unmatched pred."""
    options = sorted(
        (
            (_overlap(g[0], p[0]), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(pred)
            if _overlap(g[0], p[0]) > 0
        ),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in options:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gold[gi], pred[pi]))
    return (
        pairs,
        [g for i, g in enumerate(gold) if i not in used_g],
        [p for i, p in enumerate(pred) if i not in used_p],
    )


_MEASURE_SUFFIX = regex.compile(r"(?:人数|人次数|数量|总量|总数|总额|金额|规模|起数|件数|户数|次数|数|量|额)$")


# a rank's word at the end of a rank's phrase (综合指数排名), a change's at the end of a change's
# (综合指数同比改善幅度): the figure's rank or change says it, the measure is what comes before
_RANK_SUFFIX = regex.compile(r"(?<=[\p{Han}A-Za-z]{2})(?:排名|名次|位次)$")
_CHANGE_SUFFIX = regex.compile(r"(?<=[\p{Han}A-Za-z]{2})(?:同比)?(?:改善幅度|增速|增幅|降幅|涨幅|涨跌幅)$")


def indicator_matches(gold: str | None, pred: str | None, rank: bool = False, change: bool = False) -> bool:
    """Same phrase, or one is the other with qualifiers in front (the head noun agrees).
    A measure word at the end (死亡 ~ 死亡人数, 授权 ~ 授权量) does not count as a difference,
    nor, for a rank, a rank's word (综合指数排名 ~ 综合指数: the figure's rank says it), nor, for
    a change, a change's (综合指数同比改善幅度 ~ 综合指数)."""
    if not gold or not pred:
        return gold == pred
    g, p = (_IND_JUNK.sub("", _PAREN.sub("", x)) for x in (gold, pred))
    if rank:
        g, p = _RANK_SUFFIX.sub("", g), _RANK_SUFFIX.sub("", p)
    if change:
        g, p = _CHANGE_SUFFIX.sub("", g), _CHANGE_SUFFIX.sub("", p)
    if g == p:
        return True
    g2, p2 = _MEASURE_SUFFIX.sub("", g), _MEASURE_SUFFIX.sub("", p)
    if g2 and p2 and (g2 == p2 or (min(len(g2), len(p2)) >= 2 and (g2.endswith(p2) or p2.endswith(g2)))):
        return True
    shorter, longer = sorted((g, p), key=len)
    return len(shorter) >= 2 and longer.endswith(shorter)


def _same_number(gold: Any, pred: Any) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    return Decimal(str(gold)) == Decimal(str(pred))


def _same_unit(gold: str | None, pred: str | None) -> bool:
    """Units compare after NFKC (台（套） is 台(套))."""
    return unicodedata.normalize("NFKC", gold or "") == unicodedata.normalize("NFKC", pred or "")


def _rank_counter(gold: str | None, pred: str | None) -> bool:
    """A rank's unit is its counter as written (位, 名) or none: annotators write either, and
    the position is what a rank says (the format leaves it open; see tests/gold/README.md)."""
    return (gold or "") in _RANK_COUNTERS and (pred or "") in _RANK_COUNTERS


def _signed_down(gold: dict[str, Any], q: Any) -> bool:
    """A signed table cell (-15.2 under 增长（%）) that falls: its value as written with the sign
    or without it, both the annotation's direction and the figure's saying the fall;
    annotators write either (see tests/gold/README.md), and both say the same."""
    change = gold.get("change")
    return (
        str(gold.get("surface", "")).startswith(_MINUS)
        and isinstance(change, dict)
        and change.get("direction") == "down"
        and q.change is not None
        and str(getattr(q.change.direction, "value", q.change.direction)) == "down"
        and q.value is not None
        and gold.get("value") is not None
        and Decimal(str(gold["value"])) == -Decimal(str(q.value))
    )


_MINUS = ("-", "−", "－")

# (the annotation format's, as tests/gold/README.md says it; eval reads the library through its
# public API only, not quantities.toml's rank counters, which say what the rules read)
_RANK_COUNTERS = frozenset({"", "位", "名"})


def _sentence(text: str, span: tuple[int, int]) -> str:
    start = max(text.rfind(c, 0, span[0]) for c in "。\n;；") + 1
    ends = [i for i in (text.find(c, span[1]) for c in "。\n;；") if i >= 0]
    return text[start : (min(ends) + 1 if ends else len(text))].strip()


def load_gold(path: Path) -> tuple[dict[str, Any], str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: not a readable annotation file ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("document"), str):
        raise GoldError(f'{path}: not an annotation file (no "document" naming the release it annotates)')
    text_path = path.parent / data["document"]
    try:
        text = text_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(
            f"{path}: the release it annotates, {text_path}, cannot be read ({exc.__class__.__name__}: "
            f"{getattr(exc, 'strerror', None) or exc})"
        ) from None
    for key in ("figures", "dates", "relative_dates", "entities", "damage", "noise"):
        for i, item in enumerate(data.get(key, [])):
            span = locate(text, item["surface"], item.get("occurrence", 1))
            if span is None:
                raise GoldError(
                    f"{path.name}: {key}[{i}] {item['surface']!r} occurrence {item.get('occurrence', 1)} not in {text_path.name}"
                )
            item["_span"] = span
    return data, text


def score_document(gold: dict[str, Any], text: str, doc: Document) -> DocumentResult:
    res = DocumentResult(name=Path(gold["document"]).name, genre=gold.get("genre", "?"), form=gold.get("form", "?"))

    def problem(kind: str, what: str, span: tuple[int, int], detail: str) -> None:
        res.problems.append(
            {
                "kind": kind,
                "what": what,
                "text": text[span[0] : span[1]],
                "span": list(span),
                "detail": detail,
                "sentence": _sentence(text, span),
            }
        )

    # figures
    pairs, missed, spurious = _pair(
        [(g["_span"], g) for g in gold.get("figures", [])], [(tuple(q.span), q) for q in doc.quantities]
    )
    for (span, g), (_, q) in pairs:
        ok = (_same_number(g.get("value"), q.value) or _signed_down(g, q)) and (
            _same_unit(g.get("unit"), q.unit) or (g.get("kind") == "rank" and _rank_counter(g.get("unit"), q.unit))
        )
        if "value_max" in g and g["value_max"] is not None:
            ok = ok and _same_number(g["value_max"], q.value_max)
        if ok:
            res.figures.tp += 1
        else:
            res.figures.fp += 1
            res.figures.fn += 1
            problem(
                "wrong", "figure", span, f"value/unit: gold {g.get('value')} {g.get('unit')}, got {q.value} {q.unit}"
            )
        res.indicator.total += 1
        if indicator_matches(g.get("indicator"), q.indicator, g.get("kind") == "rank", bool(g.get("change"))):
            res.indicator.right += 1
        else:
            problem("wrong", "indicator", span, f"gold {g.get('indicator')!r}, got {q.indicator!r}")
        res.approx.total += 1
        if (g.get("approx") or None) == (q.approx or None):
            res.approx.right += 1
        else:
            problem("wrong", "approx", span, f"gold {g.get('approx')!r}, got {q.approx!r}")
        res.change.total += 1
        gc = g.get("change")
        pc = q.change
        if (gc is None and pc is None) or (
            gc and pc and gc.get("direction") == pc.direction.value and (gc.get("basis") or None) == (pc.basis or None)
        ):
            res.change.right += 1
        else:
            problem("wrong", "change", span, f"gold {gc}, got {pc.model_dump(mode='json') if pc else None}")
        if "period" in g:
            res.period.total += 1
            gold_period = (g["period"] or {}).get("value")
            got_period = q.period.value if q.period else None
            if gold_period == got_period:
                res.period.right += 1
            else:
                problem(
                    "wrong",
                    "period",
                    span,
                    f"gold {gold_period} ({(g['period'] or {}).get('source')}), got {got_period}",
                )
        _score_where(res, g, q, span, problem)
    for span, g in missed:
        res.figures.fn += 1
        problem("missed", "figure", span, f"{g.get('value')} {g.get('unit')} ({g.get('indicator')})")
    for span, q in spurious:
        res.figures.fp += 1
        problem("spurious", "figure", span, f"{q.value} {q.unit} rule {q.rules['figure']}")

    def dates(items: list[dict[str, Any]], score: Score, what: str, spurious_count: bool) -> None:
        """Gold dates paired with the extracted ones by overlap: right when the values agree."""
        pairs, missed, spurious = _pair([(g["_span"], g) for g in items], [(tuple(d.span), d) for d in doc.dates])
        for (span, g), (_, d) in pairs:
            if g.get("value") == d.value:
                score.tp += 1
            else:
                score.fp += 1
                score.fn += 1
                problem("wrong", what, span, f"gold {g.get('value')}, got {d.value}")
        for span, g in missed:
            score.fn += 1
            problem("missed", what, span, str(g.get("value")))
        for span, d in spurious if spurious_count else ():
            if any(_overlap(span, r["_span"]) for r in gold.get("relative_dates", [])):
                continue  # a relative date, scored with those
            score.fp += 1
            problem("spurious", what, span, f"{d.value} rule {d.rule}")

    dates(gold.get("dates", []), res.dates, "date", spurious_count=True)
    # relative dates are scored on their own too (annotated apart from the calendar dates)
    if gold.get("relative_dates"):
        dates(gold["relative_dates"], res.relative_dates, "relative_date", spurious_count=False)
    # and every time expression together: found (by overlap), then its value right
    pairs, missed, spurious = _pair(
        [(g["_span"], g) for g in gold.get("dates", []) + gold.get("relative_dates", [])],
        [(tuple(d.span), d) for d in doc.dates],
    )
    res.times.tp, res.times.fn, res.times.fp = len(pairs), len(missed), len(spurious)
    res.time_values.total = len(pairs)
    res.time_values.right = sum(g.get("value") == d.value for (_, g), (_, d) in pairs)
    reference = gold.get("reference")
    if isinstance(reference, dict):
        got = getattr(doc, "reference", None)
        res.reference_date.total = res.reference_period.total = 1
        got_date = got.date.value if got and got.date else None
        got_period = got.period.value if got and got.period else None
        res.reference_date.right = int(reference.get("date") == got_date)
        res.reference_period.right = int(reference.get("period") == got_period)
        if not res.reference_date.right:
            problem("wrong", "reference_date", (0, 0), f"gold {reference.get('date')}, got {got_date}")
        if not res.reference_period.right:
            problem("wrong", "reference_period", (0, 0), f"gold {reference.get('period')}, got {got_period}")
        if "area" in reference:
            got_area = got.area.name if got and got.area else None
            res.reference_area.total = 1
            res.reference_area.right = int(reference["area"] == got_area)
            if not res.reference_area.right:
                problem("wrong", "reference_area", (0, 0), f"gold {reference['area']}, got {got_area}")

    # entities, per type
    types = sorted({g["type"] for g in gold.get("entities", [])} | {e.type.value for e in doc.entities})
    for t in types:
        score = Score()
        pairs, missed, spurious = _pair(
            [(g["_span"], g) for g in gold.get("entities", []) if g["type"] == t],
            [(tuple(e.span), e) for e in doc.entities if e.type.value == t],
        )
        score.tp = len(pairs)
        score.fn = len(missed)
        score.fp = len(spurious)
        res.entities[t] = score
        for span, _ in missed:
            problem("missed", f"entity.{t}", span, "")
        for span, e in spurious:
            problem("spurious", f"entity.{t}", span, e.rule)

    # damage: flagged when any issue or flag overlaps the damaged place
    flagged = [tuple(i.span) for i in doc.issues if i.code in DAMAGE_CODES]
    flagged += [tuple(q.span) for q in doc.quantities if set(q.flags) & DAMAGE_CODES]
    flagged += [tuple(d.span) for d in doc.dates if set(d.flags) & DAMAGE_CODES]
    for g in gold.get("damage", []):
        res.damage.total += 1
        if any(_overlap(g["_span"], f) for f in flagged):
            res.damage.right += 1
        else:
            problem("missed", "damage", g["_span"], g.get("code", ""))

    # noise: nothing extracted inside it
    records = (
        [tuple(q.span) for q in doc.quantities]
        + [tuple(d.span) for d in doc.dates]
        + [tuple(e.span) for e in doc.entities]
    )
    for g in gold.get("noise", []):
        leaks = [r for r in records if _overlap(g["_span"], r)]
        res.noise_leaks += len(leaks)
        for r in leaks:
            problem("spurious", "noise_leak", r, "extracted from noise")
    return res


@dataclass
class Report:
    documents: list[DocumentResult]

    def total(self) -> DocumentResult:
        """Every score of every document added up (the scores are the result's Ratio and
        Score fields: a field added there is totalled without a change here)."""
        t = DocumentResult(name="ALL", genre="", form="")
        for d in self.documents:
            for f in _SCORES:
                getattr(t, f).add(getattr(d, f))
            t.noise_leaks += d.noise_leaks
            for k, s in d.entities.items():
                t.entities.setdefault(k, Score()).add(s)
        return t

    def as_dict(self) -> dict[str, Any]:
        def one(d: DocumentResult) -> dict[str, Any]:
            out: dict[str, Any] = {"document": d.name, "genre": d.genre, "form": d.form}
            for f in fields(DocumentResult)[3:]:  # (in the order they are declared)
                value = getattr(d, f.name)
                if f.name == "entities":
                    value = {k: v.as_dict() for k, v in sorted(value.items())}
                elif isinstance(value, (Ratio, Score)):
                    value = value.as_dict()
                out[_JSON_NAMES.get(f.name, f.name)] = value
            return out

        return {"documents": [one(d) for d in self.documents], "overall": one(self.total())}


def evaluate(gold_dir: Path, pred_dir: Path | None = None) -> Report:
    """Score every ``*.gold.json`` in ``gold_dir``; predictions are extracted fresh, or read
    from ``pred_dir/<name>.json`` when given."""
    from .io import extract_file

    results = []
    gold_paths = sorted(gold_dir.glob("*.gold.json"))
    if not gold_paths:
        raise GoldError(
            f"{gold_dir}: no annotations found (no *.gold.json files; see tests/gold/README.md for the format)"
        )
    for gold_path in gold_paths:
        gold, text = load_gold(gold_path)
        text_path = gold_path.parent / gold["document"]
        if pred_dir is not None:
            pred_path = pred_dir / (Path(gold["document"]).stem + ".json")
            doc = _prediction(pred_path, gold_path)
        else:
            # the release date, as a user would pass it for a page whose text carries none
            doc = extract_file(text_path, fallback_date=gold.get("reference_date"))
        results.append(score_document(gold, text, doc))
        log.info(
            "%s: figures F1 %.3f, %s",
            gold_path.name,
            results[-1].figures.f1,
            count(len(results[-1].problems), "problem"),
        )
    return Report(results)


def _prediction(path: Path, gold_path: Path) -> Document:
    from pydantic import ValidationError

    try:
        return Document.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        raise GoldError(f"{path}: no such file (the extraction that {gold_path.name} scores)") from None
    except OSError as exc:
        raise GoldError(f"{path}: cannot be read ({exc.strerror})") from None
    except ValidationError as exc:
        raise GoldError(f"{path}: not an extraction JSON ({exc.errors()[0]['msg']})") from None


def _rate(ratio: Ratio) -> str:
    """A ratio's value, or — when nothing was counted (no release of that kind)."""
    return f"{ratio.value:.3f}" if ratio.total else "—"


def format_text(report: Report, show_problems: bool = True) -> str:
    lines = []
    header = f"{left('document', 48)} {'fig P':>6} {'fig R':>6} {'fig F1':>6} {'ind':>6} {'date F1':>7} {'ent F1':>6} {'damage':>7} {'noise':>5}"
    lines.append(header)
    for d in report.documents + [report.total()]:
        ent = Score()
        for s in d.entities.values():
            ent.add(s)
        lines.append(
            f"{left(d.name, 48)} {d.figures.precision:6.3f} {d.figures.recall:6.3f} {d.figures.f1:6.3f} "
            f"{d.indicator.value:6.3f} {d.dates.f1:7.3f} {ent.f1:6.3f} {d.damage.value:7.3f} {d.noise_leaks:5d}"
        )
    total = report.total()
    lines.append(
        "entities by type: "
        + ", ".join(f"{k} F1 {v.f1:.3f} ({v.tp}/{v.tp + v.fn})" for k, v in sorted(total.entities.items()))
    )
    lines.append(f"approx right {total.approx.value:.3f}, change right {total.change.value:.3f}")
    if total.period.total or total.relative_dates.tp + total.relative_dates.fn:
        lines.append(
            f"period right {total.period.value:.3f} ({total.period.right}/{total.period.total} figures found), "
            f"relative dates F1 {total.relative_dates.f1:.3f} (recall {total.relative_dates.recall:.3f}, "
            f"{total.relative_dates.tp + total.relative_dates.fn} annotated)"
        )
        lines.append(
            f"time expressions (calendar and relative) found F1 {total.times.f1:.3f} "
            f"(P {total.times.precision:.3f}, R {total.times.recall:.3f}, {total.times.tp + total.times.fn} annotated), "
            f"value right {total.time_values.value:.3f} ({total.time_values.right}/{total.time_values.total})"
        )
    if total.reference_date.total:
        lines.append(
            f"reference date right {total.reference_date.value:.3f} "
            f"({total.reference_date.right}/{total.reference_date.total}), period right "
            f"{total.reference_period.value:.3f} ({total.reference_period.right}/{total.reference_period.total})"
        )
    if total.area.total or total.indicator_id_given.total:
        given = {k: Ratio() for k in ("economic", "other")}
        for d in report.documents:
            given["economic" if d.genre in ECONOMIC_GENRES else "other"].add(d.indicator_id_given)
        lines.append(
            f"area right {total.area.value:.3f} ({total.area.right}/{total.area.total} figures found), "
            f"reference area right {total.reference_area.value:.3f} "
            f"({total.reference_area.right}/{total.reference_area.total})"
        )
        lines.append(
            f"indicator id given {total.indicator_id_given.value:.3f} (statistics and economy "
            f"{_rate(given['economic'])}, other {_rate(given['other'])}), right where given "
            f"{total.indicator_id_right.value:.3f} ({total.indicator_id_right.right}/{total.indicator_id_right.total}), "
            f"annotated ids found {total.indicator_id_recall.value:.3f} "
            f"({total.indicator_id_recall.right}/{total.indicator_id_recall.total})"
        )
    if show_problems:
        for d in report.documents:
            if not d.problems:
                continue
            lines.append(f"\n== {d.name}")
            for p in sorted(d.problems, key=lambda p: (p["span"][0], p["what"])):
                lines.append(
                    f"  {p['kind']:8} {p['what']:18} {pad(repr(p['text']), 18)} {p['detail']}  | {p['sentence'][:80]}"
                )
    return "\n".join(lines)
