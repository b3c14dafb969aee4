"""`extractor review` in a real browser: Chromium from the distribution's packages, driven by
Playwright through its path (Playwright's own browser download is not used).

The site is built through the real command line from a real `extractor run` over the seed
and a scraped release with flagged figures; the pages are opened from file:// and must load
with no console error and no network request. Corrections made in the page (one figure
edited, one rejected, one added) are saved as the browser downloads them, and `extractor
eval` must score exactly those three changes. A screenshot of the seed's page is written to
tests/artifacts/ (not compared; look at it)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SEED

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = ROOT / "tests" / "artifacts"
FLAGGED = ROOT / "tests" / "gold" / "a6-yibin-scraped-work-report.txt"

if not CHROMIUM and not os.environ.get("EXTRACTOR_REQUIRE_BROWSER"):
    pytest.skip("Chromium is not installed (apt-get install chromium; .ci/run does)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


def cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "extractor", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    work = tmp_path_factory.mktemp("review")
    inputs = work / "in"
    inputs.mkdir()
    shutil.copy(ROOT / SEED, inputs)
    shutil.copy(FLAGGED, inputs)
    (inputs / "empty.txt").write_text("", encoding="utf-8")  # a failure the index lists
    run = cli("run", str(inputs), "-o", str(work / "out"), "-q")
    assert run.returncode == 1, run.stderr  # the empty file failed, the others did not
    built = cli("review", str(work / "out"), "-o", str(work / "site"))
    assert built.returncode == 0, built.stderr
    assert "2 release pages written" in built.stdout
    return work


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


class Page:
    """A page opened from file:// that records console errors and every request."""

    def __init__(self, browser, url: str, downloads: bool = False):
        self.context = browser.new_context(accept_downloads=downloads, viewport={"width": 1400, "height": 1000})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(url)

    def network(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(("file:", "data:", "blob:"))]

    def close(self):
        self.context.close()


def release_json(site: Path, stem: str) -> dict:
    return json.loads((site / "out" / f"{stem}.json").read_text(encoding="utf-8"))


def test_index_lists_every_release_and_the_failure(site, browser):
    page = Page(browser, (site / "site" / "index.html").as_uri())
    try:
        assert page.page.locator("#releases tbody tr").count() == 2
        assert page.page.locator("#failures tbody tr").count() == 1
        assert "empty.txt" in page.page.locator("#failures").text_content()
        page.page.fill("#search", "a6-yibin")
        assert page.page.locator("#releases tbody tr").count() == 1
        page.page.locator("#releases a").first.click()
        assert page.page.url.endswith("releases/a6-yibin-scraped-work-report.html")
        assert page.errors == [] and page.network() == []
    finally:
        page.close()


def test_seed_page_marks_every_figure_and_shows_the_chosen_one(site, browser):
    doc = release_json(site, "2023-bozhou-ip-press-conference")
    page = Page(browser, (site / "site" / "releases" / "2023-bozhou-ip-press-conference.html").as_uri())
    try:
        p = page.page
        assert page.errors == [] and page.network() == []
        assert p.locator("mark.fig").count() == len(doc["quantities"])
        assert p.locator("mark.date").count() == len(doc["dates"])
        # the disclosure header as a card
        assert "亳州市市场监督管理局" in p.locator("#card").text_content()
        # choosing a table row focuses its span and shows its details
        q = doc["quantities"][3]
        p.locator(f'#figures tr[data-id="{q["id"]}"]').click()
        assert p.locator("mark.fig.current").get_attribute("data-id") == q["id"]
        assert p.evaluate("document.activeElement.dataset.id") == q["id"]
        assert p.locator("#details dd[data-field=figure]").text_content() == q["text"]
        assert p.locator("#details dd[data-field=value]").text_content() == str(q["value"])
        # the details say where, what and when, with how each was decided
        assert q["area"]["name"] in p.locator("#details dd[data-field=area]").text_content()
        assert q["area"]["source"] in p.locator("#details dd[data-field=area]").text_content()
        indicator = p.locator("#details dd[data-field=indicator]").text_content()
        assert q["indicator"] in indicator and (q["indicator_id"] is None or q["indicator_id"] in indicator)
        period = p.locator("#details dd[data-field=period]").text_content()
        assert q["period"]["value"] in period and q["period"]["source"] in period
        # the keyboard moves to the next figure
        p.keyboard.press("j")
        assert p.locator("mark.fig.current").get_attribute("data-id") == doc["quantities"][4]["id"]
        ARTIFACTS.mkdir(exist_ok=True)
        p.evaluate("window.scrollTo(0, 0)")
        p.screenshot(path=str(ARTIFACTS / "review-seed.png"))
    finally:
        page.close()


def test_flagged_filter_shows_exactly_the_flagged_figures(site, browser):
    doc = release_json(site, "a6-yibin-scraped-work-report")
    flagged = {q["id"] for q in doc["quantities"] if q["flags"]}
    assert flagged, "the release chosen for this test has flagged figures"
    page = Page(browser, (site / "site" / "releases" / "a6-yibin-scraped-work-report.html").as_uri())
    try:
        p = page.page
        assert p.locator("mark.fig").count() == len(doc["quantities"])
        assert p.locator("mark.fig.flagged").count() == len(flagged)
        p.check("#f-flagged")
        shown = set(p.eval_on_selector_all("#figures tr[data-id]", "rows => rows.map(r => r.dataset.id)"))
        assert shown == flagged
        assert page.errors == [] and page.network() == []
    finally:
        page.close()


def test_corrections_saved_in_the_page_are_scored_by_eval(site, browser, tmp_path):
    stem = "2023-bozhou-ip-press-conference"
    doc = release_json(site, stem)
    text = (site / "out" / f"{stem}.txt").read_text(encoding="utf-8")
    edited, rejected = doc["quantities"][0], doc["quantities"][1]
    # a span with no figure and no date in it: the added figure
    taken = [tuple(r["span"]) for r in doc["quantities"] + doc["dates"]]
    added_start = text.index("知识产权强市")
    assert not any(s < added_start + 6 and added_start < e for s, e in taken)
    page = Page(browser, (site / "site" / "releases" / f"{stem}.html").as_uri(), downloads=True)
    try:
        p = page.page
        p.locator(f'#figures tr[data-id="{edited["id"]}"]').click()
        p.click("#edit")
        p.fill("form.edit input[name=value]", str(edited["value"] + 1))
        p.click("#save-edit")
        p.locator(f'#figures tr[data-id="{rejected["id"]}"]').click()
        p.click("#reject")
        p.evaluate(
            """([start, end]) => {
            const walker = document.createTreeWalker(document.getElementById('text'), NodeFilter.SHOW_TEXT);
            let at = 0, node, range = document.createRange(), begun = false;
            while ((node = walker.nextNode())) {
                const len = node.textContent.length;
                if (!begun && start < at + len) { range.setStart(node, start - at); begun = true; }
                if (begun && end <= at + len) { range.setEnd(node, end - at); break; }
                at += len;
            }
            const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
            document.dispatchEvent(new Event('selectionchange'));
        }""",
            [added_start, added_start + 6],
        )
        p.click("#add")
        p.fill("form.edit input[name=value]", "1")
        p.fill("form.edit input[name=unit]", "个")
        p.fill("form.edit input[name=indicator]", "知识产权强市")
        p.click("#save-edit")
        assert p.locator("#progress").text_content() == f"2 of {len(doc['quantities'])} figures reviewed, 1 added"
        # progress survives a reload (browser storage)
        p.reload()
        assert p.locator("#progress").text_content() == f"2 of {len(doc['quantities'])} figures reviewed, 1 added"
        with p.expect_download() as download:
            p.click("#save")
        gold_dir = tmp_path / "gold"
        gold_dir.mkdir()
        download.value.save_as(gold_dir / download.value.suggested_filename)
        assert download.value.suggested_filename == f"{stem}.gold.json"
        assert page.errors == [] and page.network() == []
    finally:
        page.close()
    shutil.copy(site / "out" / f"{stem}.txt", gold_dir / f"{stem}.txt")
    check = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "gold" / "check_gold.py"), str(gold_dir / f"{stem}.gold.json")],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout
    result = cli("eval", str(gold_dir), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    problems = [(p["kind"], p["what"], p["text"]) for p in report["documents"][0]["problems"]]
    assert sorted(problems) == sorted(
        [
            ("wrong", "figure", edited["text"]),
            ("spurious", "figure", rejected["text"]),
            ("missed", "figure", "知识产权强市"),
        ]
    )
    # shown again from the saved corrections
    again = cli("review", str(site / "out"), "-o", str(tmp_path / "site2"), "--corrections", str(gold_dir))
    assert again.returncode == 0, again.stderr
    page = Page(browser, (tmp_path / "site2" / "releases" / f"{stem}.html").as_uri())
    try:
        assert (
            page.page.locator("#progress").text_content() == f"2 of {len(doc['quantities'])} figures reviewed, 1 added"
        )
    finally:
        page.close()


def test_review_of_one_json_is_one_self_contained_page(site, browser, tmp_path):
    target = tmp_path / "page.html"
    result = cli("review", str(site / "out" / "2023-bozhou-ip-press-conference.json"), "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert "assets/" not in target.read_text(encoding="utf-8")
    page = Page(browser, target.as_uri())
    try:
        assert page.page.locator("mark.fig").count() == 61
        assert page.errors == [] and page.network() == []
    finally:
        page.close()


def test_review_of_a_folder_without_extractions_is_one_line(tmp_path):
    result = cli("review", str(tmp_path), "-o", str(tmp_path / "site"))
    assert result.returncode == 2
    assert result.stderr.startswith("extractor: ") and "no extraction JSON" in result.stderr
    assert "Traceback" not in result.stderr


def test_diff_as_html_shows_old_and_new_side_by_side(site, browser, tmp_path):
    """`extractor diff --format html`: one page, every added, removed and changed figure a
    row, old and new in their sentences; no script error, no network."""
    new_out = tmp_path / "new"
    assert cli("run", "tests/diff", "-o", str(new_out), "-q").returncode == 0
    old_json = site / "out" / "2023-bozhou-ip-press-conference.json"
    new_json = new_out / "2024-bozhou-ip-press-conference.json"
    summary = json.loads(cli("diff", str(old_json), str(new_json), "--format", "json").stdout)["summary"]
    result = cli("diff", str(old_json), str(new_json), "--format", "html")
    assert result.returncode == 1 and result.stdout.startswith("<!doctype html>")
    (tmp_path / "diff.html").write_text(result.stdout, encoding="utf-8")
    page = Page(browser, (tmp_path / "diff.html").as_uri())
    try:
        p = page.page
        for status in ("added", "removed", "changed"):
            assert p.locator(f"tbody tr.{status}").count() >= summary[f"figures_{status}"]
        assert p.locator("tbody tr.changed ins").count() >= summary["figures_changed"]
        assert page.errors == [] and page.network() == []
    finally:
        page.close()
    yoy = cli("diff", "--by-indicator", str(old_json), str(new_json), "--format", "html")
    assert yoy.returncode == 1 and "<table>" in yoy.stdout and "授权" in yoy.stdout


def test_indicator_pages_chart_each_measure_across_releases(browser, tmp_path):
    """Where figures have an area, an indicator id and a period, a page per indicator charts
    them across periods and areas (inline SVG), each point a link to its figure's release."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(ROOT / SEED, inputs / "2023.txt")
    shutil.copy(ROOT / "tests" / "diff" / "2024-bozhou-ip-press-conference.txt", inputs / "2024.txt")
    assert cli("run", str(inputs), "-o", str(tmp_path / "out"), "-q").returncode == 0
    assert cli("review", str(tmp_path / "out"), "-o", str(tmp_path / "site")).returncode == 0
    page = Page(browser, (tmp_path / "site" / "indicators" / "ip.invention_patents_granted.html").as_uri())
    try:
        points = page.page.locator("svg.chart a.point")
        assert points.count() == 2  # 330件 (2023-01/2023-10) and 365件 (2024-01/2024-10), 亳州市
        labels = [points.nth(i).get_attribute("aria-label") for i in range(2)]
        assert any("330件" in x and "2023-01/2023-10" in x for x in labels)
        assert any("365件" in x and "2024-01/2024-10" in x for x in labels)
        for i in range(2):
            target = points.nth(i).get_attribute("href").split("#")[0]
            assert (tmp_path / "site" / "indicators" / target).resolve().exists()
        assert "发明专利授权量" in page.page.locator("h1").text_content()
        assert page.errors == [] and page.network() == []
    finally:
        page.close()
    index = Page(browser, (tmp_path / "site" / "index.html").as_uri())
    try:
        assert index.page.locator("#indicators a[href='indicators/ip.invention_patents_granted.html']").count() == 1
        assert index.errors == []
    finally:
        index.close()
