"""One-way flow: dates recognized once after the reference date, link and checks return
records of their own, relations by identity, resolve says why each loser lost, explain
reads the pipeline's trace."""

from __future__ import annotations

import ast
import copy
import inspect
import json
import random

import pytest

from extractor import pipeline, records
from extractor.candidates import DateFound
from extractor.pipeline import trace
from extractor.recognizers import dates as date_rec

from .conftest import ROOT, SEED


def test_flow_dates_recognized_once_after_the_reference_date():
    """No candidate keeps a match to be resolved again, and the pipeline asks the date
    recognizer for the whole text once, after it has found the release's date and period
    (which reads only the title and the opening lines)."""
    assert "again" not in DateFound.__slots__
    assert not hasattr(date_rec, "with_reference")
    body = ast.parse(inspect.getsource(pipeline._extract))
    calls = [(n.lineno, ast.unparse(n.func)) for n in ast.walk(body) if isinstance(n, ast.Call)]
    recognized = [line for line, name in calls if name == "date_rec.recognize"]
    referenced = [line for line, name in calls if name == "reference.find"]
    assert len(recognized) == 1 and len(referenced) == 1 and referenced[0] < recognized[0]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("发布日期：2023-11-29\n8月全市新增企业3家。", "2023-08"),  # the header's day
        ("8月全市新增企业3家。2022年3月5日召开会议。", "2022-08"),  # the first full date of the text
    ],
)
def test_flow_reference_date_found_before_dates(text, expected):
    document = pipeline.extract(text)
    assert [d.value for d in document.dates if d.text.startswith("8月")] == [expected]


def _linked_sentence():
    return trace("全市专利授权量330件，同比增长12.9%，居全省第2位。")


def test_flow_change_and_rank_refer_to_the_figure_itself():
    kept = _linked_sentence()
    count, growth, rank = kept.linked
    assert growth.change is not None and growth.change[2] is count  # the record, not a position
    assert rank.rank_of is count
    q = kept.document.quantities
    assert q[1].change.of == q[0].id and q[2].rank.of == q[0].id


def test_flow_records_do_not_depend_on_the_order_of_the_linked_records():
    kept = trace(ROOT.joinpath(SEED).read_text(encoding="utf-8"))
    shuffled = list(kept.linked)
    random.Random(15).shuffle(shuffled)
    again = records.document(
        kept.text,
        ROOT.joinpath(SEED).read_text(encoding="utf-8").encode(),
        {"path": None, "length": len(kept.text.source), "encoding": "utf-8", "format": "text"},
        kept.document.metadata,
        (kept.document.title.span if kept.document.title else None),
        kept.sections,
        kept.resolved,
        shuffled,
        kept.findings,
        kept.noise,
        kept.time,
        kept.where,
    )
    assert again.model_dump_json() == kept.document.model_dump_json()


def test_flow_link_and_checks_leave_the_candidates_as_they_were():
    text = ROOT.joinpath(SEED).read_text(encoding="utf-8")
    kept = trace(text)
    before = copy.deepcopy(
        [(q.start, q.end, q.rule, q.value, q.kind, q.unit, q.approx, list(q.flags)) for q in kept.resolved.quantities]
    )
    from extractor import checks, link

    lexicon = pipeline.load()
    linked = link.link(kept.text, lexicon, kept.resolved.quantities, kept.resolved.dates)
    checks.check(kept.text, linked, lexicon, None)
    after = [
        (q.start, q.end, q.rule, q.value, q.kind, q.unit, q.approx, list(q.flags)) for q in kept.resolved.quantities
    ]
    assert after == before
    assert any(f.flag for f in kept.findings)  # the seed has flagged figures: the checks did report


@pytest.mark.parametrize(
    "text, candidate, reason, winner",
    [
        ("2023年1-10月全市新增企业3家。", "2023年", "resolve.longer_span", "2023年1-10月"),
        ("2023年1-10月全市新增企业3家。", "10", "resolve.date_over_figure", "2023年1-10月"),
        (
            "印发《推进15项重点工程实施方案》，到2035年。",
            "15项",
            "resolve.document_title",
            "《推进15项重点工程实施方案》",
        ),
        ("索引号：11341600MB1511222C/202311-00001\n全市新增企业3家。", "202311", "resolve.header_region", None),
        (
            "全市新增企业3家。\n分享到：\n上一篇：省市场监管局召开2024年第3次局务会议",
            "省市场监管局",
            "resolve.noise",
            "上一篇：省市场监管局召开2024年第3次局务会议",
        ),
    ],
)
def test_resolve_records_why_each_loser_lost(text, candidate, reason, winner):
    kept = trace(text)
    source = kept.text.source
    why = [
        x for x in kept.resolved.lost if source[x.candidate.start : x.candidate.end] == candidate and x.reason == reason
    ]
    assert why, [(source[x.candidate.start : x.candidate.end], x.reason) for x in kept.resolved.lost]
    w = why[0].winner
    assert (source[w.start : w.end] if hasattr(w, "start") else None) == winner


def test_resolve_every_candidate_is_kept_or_lost_with_a_reason():
    kept = trace(ROOT.joinpath(SEED).read_text(encoding="utf-8"))
    winners = {id(x) for x in (*kept.resolved.dates, *kept.resolved.quantities, *kept.resolved.entities)}
    losers = {id(x.candidate) for x in kept.resolved.lost}
    assert not winners & losers
    assert winners | losers == {id(c) for _, c in kept.candidates}


def test_cli_explain_shows_why_losers_lost():
    from .test_cli import run_cli

    result = run_cli("explain", "2023年1-10月全市新增企业3家。")
    assert result.returncode == 0, result.stderr
    rows = {line.split()[1]: line for line in result.stdout.splitlines() if line.startswith("  [")}
    assert rows["'2023年1-10月'"].rstrip().endswith("kept")
    assert "lost: resolve.longer_span to '2023年1-10月' dates.ym_range" in rows["'2023年'"]
    assert "lost: resolve.date_over_figure to '2023年1-10月' dates.ym_range" in rows["'10'"]


def test_cli_explain_shows_the_chain_of_each_figure():
    from .test_cli import run_cli

    result = run_cli("explain", "全市专利授权量330件，同比增长12.9%。案件15市行政")
    assert result.returncode == 0, result.stderr
    chain = [line.split(None, 2) for line in result.stdout.splitlines() if line.startswith("      ")]
    growth = chain[chain.index(["figure", "quantity.number_unit", "'12.9%'"]) :][:4]
    assert growth[1] == ["unit", "unit.%", "'%'"]
    assert growth[2][:2] == ["indicator", "indicator.inherit_from_qualified"]
    assert "'专利授权量'" in growth[2][2] and "link._inherit_from_qualified" in growth[2][2]
    assert growth[3][:2] == ["change", "change.basis_verb"] and growth[3][2].startswith(
        "'同比增长' (basis 同比, up, of q1)"
    )
    bare = chain[chain.index(["figure", "quantity.bare_number", "'15'"]) :][:5]
    assert bare[1][:2] == ["unit", "-"] and bare[3][:2] == ["period", "-"]
    assert bare[4][:2] == ["check", "check.missing_unit"]


def test_cli_explain_shows_how_the_period_was_chosen():
    from .test_cli import run_cli

    result = run_cli("explain", "2024年1-9月，全市地区生产总值1200亿元，同比增长5.2%。")
    assert result.returncode == 0, result.stderr
    chain = [line.split(None, 2) for line in result.stdout.splitlines() if line.startswith("      ")]
    periods = [row for row in chain if row[0] == "period"]
    assert periods[0] == ["period", "period.sentence", "2024-01/2024-09 from '2024年1-9月' in its sentence"]
    assert periods[1][:2] == ["period", "period.of_qualified"] and periods[1][2].endswith("against 2023-01/2023-09")


def test_cli_explain_shows_how_the_indicator_id_was_found():
    from extractor.explain import _ID_HOW

    from .test_cli import run_cli

    result = run_cli("explain", "2024年，全县粮食播种面积120.5万亩，总产量52.3万吨，同比增长2.1%。")
    assert result.returncode == 0, result.stderr
    ids = [line.split(None, 2) for line in result.stdout.splitlines() if line.startswith("      id ")]
    assert ids[0] == ["id", "indicator_id.vocabulary", "agri.grain_area (the vocabulary's entry for the indicator)"]
    assert (
        ids[1][:2] == ["id", "indicator_id.listed_after"]
        and "read with the phrase of the figure before it" in ids[1][2]
    )
    # every rule where.py names has its own words
    import re

    from extractor import where
    from extractor.explain import _NO_ID_WHY

    named = set(re.findall(r'"(indicator_id\.[a-z_]+)"', open(where.__file__, encoding="utf-8").read()))
    withheld = {rule for rule in named if rule.startswith("indicator_id.none_")}  # (why none, on purpose)
    assert named - withheld <= set(_ID_HOW) and withheld and withheld <= set(_NO_ID_WHY)


def test_flow_rules_of_each_figure_name_what_decided_it(seed_document):
    q = {x.text: x for x in seed_document.quantities}
    assert all(x.rules["figure"].startswith("quantity.") for x in seed_document.quantities)
    assert all((x.rules["indicator"] is None) == (x.indicator is None) for x in seed_document.quantities)
    assert all((x.rules["change"] is None) == (x.change is None) for x in seed_document.quantities)
    flagged = [x for x in seed_document.quantities if x.flags]
    assert flagged and all(x.rules["checks"] for x in flagged)
    assert q["330件"].rules["unit"] == "unit.件"


def test_flow_a_json_of_the_earlier_version_reads_its_rule_as_rules_figure():
    from extractor.io import parse_document

    document = pipeline.extract("全市新增企业3家。")
    tree = json.loads(document.model_dump_json())
    tree["quantities"][0]["rule"] = tree["quantities"][0].pop("rules")["figure"]
    read = parse_document(json.dumps(tree, ensure_ascii=False).encode())
    assert read.quantities[0].rules == {
        "figure": "quantity.number_unit",
        "unit": None,
        "indicator": None,
        "change": None,
        "period": None,
        "checks": [],
    }


def test_export_quantities_carry_each_rule_in_its_own_column(tmp_path):
    import sqlite3

    from .test_cli import run_cli

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("全市专利授权量330件，同比增长12.9%。案件15市行政", encoding="utf-8")
    assert run_cli("run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q").returncode == 0
    assert run_cli("export", str(tmp_path / "out"), "--to", f"sqlite:///{tmp_path / 'x.db'}", "-q").returncode == 0
    rows = (
        sqlite3.connect(tmp_path / "x.db")
        .execute(
            "SELECT text, rule_figure, rule_unit, rule_indicator, rule_change, rule_checks FROM quantities ORDER BY position"
        )
        .fetchall()
    )
    assert rows == [
        ("330件", "quantity.number_unit", "unit.件", "indicator.own_phrase", None, None),
        ("12.9%", "quantity.number_unit", "unit.%", "indicator.inherit_from_qualified", "change.basis_verb", None),
        ("15", "quantity.bare_number", None, "indicator.own_phrase", None, "check.missing_unit"),
    ]


def test_cli_explain_says_why_a_rule_left_a_figure_without_a_period():
    import inspect
    import re

    from extractor import link
    from extractor.explain import _NO_PERIOD

    from .test_cli import run_cli

    named = set(re.findall(r'"(period\.[a-z_]+)"', inspect.getsource(link._no_period)))
    assert named and named <= set(_NO_PERIOD)
    result = run_cli("explain", "1-9月，全市41个工业行业大类中有29个行业增加值增长。")
    assert result.returncode == 0, result.stderr
    assert "period    period.count_of_a_set              (none: the count of a fixed set" in result.stdout
