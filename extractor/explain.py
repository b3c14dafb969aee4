"""``extractor explain``: every candidate each recognizer found in a sentence, which won,
and why the others lost, as the pipeline's own trace reports them (nothing is recognized
again here)."""

from __future__ import annotations

from .display import pad
from .lexicon import Lexicon
from .link import INDICATOR_RULES
from .pipeline import trace

_CHOSEN_BY = {rule: f"link.{choose.__name__}" for rule, choose in INDICATOR_RULES}


#: how each indicator-id rule found the id (where.py's rules), as explain says it
# why a figure has no period when a rule decided it has none (link._no_period)
_NO_PERIOD = {
    "period.cumulative_no_start": "a total 累计 since no start its sentence or paragraph states",
    "period.count_of_a_set": "the count of a fixed set it looks into, measures or ranks among",
    "period.standing_rule": "the amount of a standing rule, its sentence stating no period",
    "period.note": "a figure of the release's notes, its sentence stating no period",
    "period.normal": "the value of a normal it is compared with (常年同期), an average over many years",
    "period.threshold": "a threshold that defines a set (超过1亿件的设区市), of no time, place or measure of its own",
}
_THRESHOLD = "period.threshold"
_ID_HOW = {
    "indicator_id.vocabulary": "the vocabulary's entry for the indicator",
    "indicator_id.of_qualified": "the id of the figure it qualifies",
    "indicator_id.after_place": "the entry for the indicator without the place it starts with",
    "indicator_id.place_in_field": "the entry for the indicator without the place it starts with, as a measure of the field the title names",
    "indicator_id.table_part": "the entry for the indicator read with the row it is indented under (城镇居民人均 + 工资性收入)",
    "indicator_id.without_scope": "the entry for the indicator without the scope of the statistic it starts with (规上工业)",
    "indicator_id.after_verb": "the entry for the indicator without the verbs of action it starts with",
    "indicator_id.after_org": "the entry for the indicator without the body whose name it starts with",
    "indicator_id.verb_ending": "the entry for the longest ending of the indicator that starts with a verb of what was done (主动检查用人单位)",
    "indicator_id.with_new": "the entry for the indicator read with the word of what is new right before it (新设立)",
    "indicator_id.after_doing": "the entry for the indicator after the words of who did it and how (累计, 共, a verb of action)",
    "indicator_id.before_cut": "the entry for the indicator up to the words that say what the figure did",
    "indicator_id.listed_after": "the entry for the indicator read with the phrase of the figure before it",
    "indicator_id.subject": "the entry for the indicator read with who did the verb before it",
    "indicator_id.of_kind": "the entry for a measure every kind of school or institution has, read with the kind the figures before it in its paragraph are about (小学 + 在校生, 养老机构 + 床位)",
    "indicator_id.table_row": "the entry its table row names, under a column that names no measure of its own",
    "indicator_id.verb_before_count": "the entry for the counted noun read after the verb right before its count (扶持…人自主创业)",
    "indicator_id.release_field": "the entry for the indicator as a measure of the field the title names",
    "indicator_id.item_field": "the entry for the indicator as a measure of the field its item's heading names",
    "indicator_id.compared": "the id of the figure its sentence is about (a rank or comparison)",
    "indicator_id.clause_after": "the entry for the indicator read with the amount before it up to its 。 (…；销售额)",
    "indicator_id.bare_measure": "the id of the figure before it in its paragraph or section whose indicator ends in the bare measure word it is (投资)",
    "indicator_id.stock_of": "the stock whose increase the indicator reads as only once 新增 is stripped, for it says no increase (贷款同比增速)",
    "indicator_id.peak_day": "the entry for the indicator as a single day's peak, which its sentence says it is (为假期单日最高)",
    "indicator_id.increase_of": "the measure a stock's change in amount against a point is (比年初增加: 新增存款)",
}

# Why a figure has no id on purpose, though its phrase may name an entry (where.py's _withhold).
_NO_ID_WHY = {
    "indicator_id.none_threshold_set": "it counts the places a threshold before it defines (…超过1亿件的设区市达到5个)",
    "indicator_id.none_new": "a word of what is new stands before the phrase and no entry names the new ones (新开工亿元以上项目)",
    "indicator_id.none_kind_row": "its table row names a kind of body, whose measure no entry names (国有大型商业银行 under 存款余额)",
    "indicator_id.none_part": "it measures a part of the place: who did it is a part (重点景区共接待游客), or its table row or sentence is a part's (水路 … 旅客周转量)",
    "indicator_id.none_of_withheld": "it is the change or rank of a figure given no id on purpose",
    "indicator_id.none_share_of_count": "it is a share of what a count before it counts, which no entry names (第二产业860户，占14.8%)",
    "indicator_id.none_of_kind": "a measure of the kind of school or institution its paragraph is about, which no entry names (普通高中…专任教师)",
    "indicator_id.none_rate_part": "a part listed after a rate: the part's rate, which no entry names (病床使用率…其中，公立医院86.2%)",
    "indicator_id.none_sample": "it is said of a monitored sample (重点监测的56家商贸企业), not of the place",
    "indicator_id.none_other_measure": "it counts or amounts to another measure than the entry its phrase names (发放贷款7,326笔: the loans, not the amount)",
    "indicator_id.none_duration": "it says how long something lasted (连续下降4个月), not the measure",
}


def explain_text(sentence: str, reference: str | None = None, lexicon: Lexicon | None = None) -> str:
    kept = trace(sentence, reference_date=reference, lexicon=lexicon)
    text, document = kept.text, kept.document
    assert text is not None and document is not None and kept.resolved is not None
    lost = {id(x.candidate): x for x in kept.resolved.lost}
    ref = document.reference
    date, period = (ref.date, ref.period) if ref is not None else (None, None)
    lines = [
        "tokens: " + " / ".join(sentence[s:e] for s, e in text.tokens),
        "reference date: "
        + (
            f"{date.value} ({date.rule}{f' from {date.text!r}' if date.text else ''})"
            if date
            else "none (year-less dates keep no year)"
        ),
        "reference period: "
        + (
            f"{period.value} ({period.rule} from {period.text!r}; year-less dates take year "
            f"{kept.reference.year if kept.reference else '?'})"
            if period
            else "none"
        ),
        "reference area: "
        + (
            f"{ref.area.name} {ref.area.code or ''} ({ref.area.rule}{f' from {ref.area.text!r}' if ref.area.text else ''};"
            " scope words resolve against it)"
            if ref is not None and ref.area
            else "none (scope words name no area)"
        ),
        "candidates:",
    ]
    for dim, c in sorted(kept.candidates, key=lambda x: (x[1].start, -x[1].end)):
        why = lost.get(id(c))
        if why is None:
            verdict = "kept"
        else:
            w = why.winner
            by = (
                f" to {sentence[w.start : w.end]!r} {w.rule}"
                if hasattr(w, "rule")
                else f" to the region [{w[0]},{w[1]})"
                if isinstance(w, tuple)
                else ""
            )
            verdict = f"lost: {why.reason}{by}"
        lines.append(
            f"  {pad(f'[{c.start},{c.end})', 9)} {pad(repr(sentence[c.start : c.end]), 16)} {dim:6} {c.rule:32} {verdict}"
        )
    lines.append("figures (the rules that decided each, with the words that decided):")
    linked = {(q.start, q.end): q for q in kept.linked}
    found: dict[int, list] = {}
    for f in kept.findings:
        found.setdefault(id(f.figure), []).append(f)
    for q in document.quantities:
        lines.append(
            f"  {q.text!r}: value={q.value} unit={q.unit} kind={q.kind.value} indicator={q.indicator!r} "
            f"approx={q.approx} change={q.change.model_dump(mode='json') if q.change else None} flags={q.flags}"
        )
        lines += _chain(q, linked[tuple(q.span)], found.get(id(linked[tuple(q.span)]), []))
    for d in document.dates:
        lines.append(f"  date {d.text!r}: {d.value} ({d.rule}; {d.resolved.value})")
    for i in document.issues:
        lines.append(f"  issue {i.code} {i.text!r}: {i.message}")
    return "\n".join(lines)


def _chain(q, link, findings) -> list[str]:
    """The rules of one figure, each with the words that decided it."""
    f, rules = link.figure, q.rules
    rows = [("figure", rules["figure"], repr(q.text))]
    rows.append(("unit", rules["unit"] or "-", repr(f.unit_text) if rules["unit"] else "(no unit entry)"))
    if rules["indicator"]:
        where = f" at [{q.indicator_span[0]},{q.indicator_span[1]})" if q.indicator_span else ""
        by = f", chosen by {_CHOSEN_BY[rules['indicator']]}" if rules["indicator"] in _CHOSEN_BY else ""
        rows.append(("indicator", rules["indicator"], f"{q.indicator!r}{where}{by}"))
    else:
        rows.append(("indicator", "-", "(none)"))
    if rules["change"] and q.change:
        of = f", of {q.change.of}" if q.change.of else ""
        rows.append(
            (
                "change",
                rules["change"],
                f"{link.change_words!r} (basis {q.change.basis}, {q.change.direction.value}{of})",
            )
        )
    if q.period is not None:
        basis = f", against {q.change.basis_period}" if q.change and q.change.basis_period else ""
        rows.append(
            (
                "period",
                rules["period"] or "-",
                f"{q.period.value} from {q.period.text!r} in its {q.period.source.value if q.period.source else '?'}"
                f"{basis}",
            )
        )
    elif rules["period"] in _NO_PERIOD:
        rows.append(("period", rules["period"], f"(none: {_NO_PERIOD[rules['period']]})"))
    else:
        rows.append(("period", "-", "(none: no period in its clause, sentence, paragraph, heading, title or release)"))
    if q.rank is not None and q.rank.of:
        rows.append(("rank", "-", f"ranks {q.rank.of} (scope {q.rank.scope})"))
    for finding in findings:
        rows.append(("check", finding.rule, finding.issue.message if finding.issue else finding.flag or ""))
    threshold = rules["period"] == _THRESHOLD  # (a threshold defines: no time, place or measure)
    if q.indicator_id is not None:
        how = _ID_HOW.get(rules["indicator_id"] or "", "the vocabulary's entry")
        rows.append(("id", rules["indicator_id"] or "-", f"{q.indicator_id} ({how})"))
    elif threshold:
        rows.append(("id", "-", f"(none: {_NO_PERIOD[_THRESHOLD]})"))
    elif rules["indicator_id"] in _NO_ID_WHY:
        rows.append(("id", rules["indicator_id"], f"(none: {_NO_ID_WHY[rules['indicator_id']]})"))
    else:
        rows.append(("id", "-", "(none: the vocabulary has no entry for the indicator)"))
    if q.area is not None:
        words = f" from {q.area.text!r} in its {q.area.source.value}" if q.area.text else " (the release's)"
        rows.append(("area", rules["area"] or "-", f"{q.area.name} {q.area.code or ''}{words}"))
    else:
        why = _NO_PERIOD[_THRESHOLD] if threshold else "no place before it and no jurisdiction"
        rows.append(("area", "-", f"(none: {why})"))
    return [f"      {pad(name, 9)} {pad(rule, 34)} {words}" for name, rule, words in rows]
