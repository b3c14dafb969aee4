"""Command-line conventions, through the real command (``python -m extractor``): colour
only on a terminal (a pseudo-terminal here) and never under NO_COLOR or --no-color;
standard input and output as ``-``; --compact and JSON Lines; outputs that cannot be
written are one line and exit 2; -v logs; columns align by display width; plurals."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.display import width

from .conftest import ROOT, SEED

OLD = "output/2023-bozhou-ip-press-conference.json"
NEW_TEXT = "tests/diff/2024-bozhou-ip-press-conference.txt"
GB_TEXT = "发布日期 2024-03-01\n全市新增高新技术企业35家，同比增长12.9%。\n"
ESC = "\x1b["


def run_cli(*args, stdin: bytes | None = None, env: dict | None = None, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "extractor", *args],
        cwd=cwd,
        capture_output=True,
        input=stdin,
        env={**os.environ, **(env or {})},
    )


def run_pty(*args, env: dict | None = None) -> tuple[int, str]:
    """Run the command with stdin, stdout and stderr on a pseudo-terminal; (status, output)."""
    master, slave = os.openpty()
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    process = subprocess.Popen(
        [sys.executable, "-m", "extractor", *args],
        cwd=ROOT,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**environment, "TERM": "xterm", **(env or {})},
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the other side closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return process.wait(timeout=60), b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.fixture(scope="module")
def seed_printed() -> bytes:
    """`extractor extract SEED` as printed."""
    result = run_cli("extract", SEED)
    assert result.returncode == 0
    return result.stdout


@pytest.fixture(scope="module")
def new_json(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("conventions") / "2024.json"
    assert run_cli("extract", NEW_TEXT, "-o", str(out)).returncode == 0
    return out


# ---------------------------------------------------------------------------- colour
def test_cli_diff_on_a_terminal_is_coloured_and_exits_1(new_json):
    """Regression: `extractor diff` crashed on a terminal whenever anything differed
    (ValueError: Unknown color 'bold', exit 1 as if 'different')."""
    status, out = run_pty("diff", OLD, str(new_json))
    assert status == 1
    assert "Traceback" not in out and "Unknown color" not in out
    assert "\x1b[1m== corpus/2023-bozhou-ip-press-conference.txt (changed)" in out  # bold heading
    assert "\x1b[31m  - 330件" in out and "\x1b[32m  + 365件" in out and "\x1b[33m  ~ 10183件" in out
    assert out.startswith("1 document: 0 identical, 1 changed")


def test_cli_diff_by_indicator_on_a_terminal_is_coloured(new_json):
    status, out = run_pty("diff", "--by-indicator", OLD, str(new_json))
    assert status == 1 and "Traceback" not in out
    assert "\x1b[31m授权发明专利→发明专利授权量" in out  # the growth that does not fit, in red


@pytest.mark.parametrize("how", [{"env": {"NO_COLOR": "1"}}, {"args": ["--no-color"]}], ids=["NO_COLOR", "--no-color"])
def test_cli_diff_on_a_terminal_without_colour(new_json, how):
    status, out = run_pty(*how.get("args", []), "diff", OLD, str(new_json), env=how.get("env"))
    assert status == 1 and "== corpus/2023-bozhou-ip-press-conference.txt (changed)" in out
    assert ESC not in out


def test_cli_diff_color_forced_into_a_pipe(new_json):
    piped = run_cli("diff", OLD, str(new_json))
    forced = run_cli("--color", "diff", OLD, str(new_json))
    assert piped.returncode == forced.returncode == 1
    assert ESC not in piped.stdout.decode() and "\x1b[1m== corpus" in forced.stdout.decode()


# ---------------------------------------------------------------------------- exit status
def test_cli_diff_by_indicator_exit_status_like_diff(new_json):
    assert run_cli("diff", "--by-indicator", OLD, OLD).returncode == 0
    different = run_cli("diff", "--by-indicator", OLD, str(new_json), "--format", "json")
    assert different.returncode == 1 and json.loads(different.stdout)["pairs"]


# ---------------------------------------------------------------------------- standard input and output
def test_cli_extract_reads_standard_input_like_a_file(tmp_path):
    path = tmp_path / "gb.txt"
    path.write_bytes(GB_TEXT.encode("gb18030"))
    from_file = json.loads(run_cli("extract", str(path)).stdout)
    result = run_cli("extract", "-", stdin=GB_TEXT.encode("gb18030"))
    assert result.returncode == 0, result.stderr
    from_stdin = json.loads(result.stdout)
    assert from_stdin["source"]["path"] is None and from_stdin["source"]["encoding"] == "gb18030"
    from_stdin["source"]["path"] = from_file["source"]["path"]
    assert from_stdin == from_file


def test_cli_extract_standard_input_as_html():
    page = (
        "<html><head><meta charset='gbk'><title>全市经济运行情况</title></head><body><div class='nav'>首页 | 导航</div>"
        "<div class='content'><p>全市新增高新技术企业35家，同比增长12.9%。</p></div></body></html>"
    ).encode("gbk")
    document = json.loads(run_cli("extract", "--html", "-", stdin=page).stdout)
    assert document["source"]["format"] == "html" and document["source"]["encoding"] == "gb18030"
    assert [q["text"] for q in document["quantities"]] == ["35家", "12.9%"]
    as_text = json.loads(run_cli("extract", "-", stdin=page.replace(b"gbk", b"utf-8")).stdout)  # no --html: text
    assert as_text["source"]["format"] == "text"


def test_cli_extract_empty_standard_input_is_one_line():
    result = run_cli("extract", "-", stdin=b"")
    assert result.returncode == 1 and result.stderr.decode() == "extractor: standard input: the file is empty\n"


def test_cli_output_dash_is_standard_output(seed_printed):
    assert run_cli("extract", SEED, "-o", "-").stdout == seed_printed
    schema = run_cli("schema", "-o", "-")
    assert schema.returncode == 0
    assert schema.stdout == (ROOT / "schemas" / "document.schema.json").read_bytes()
    assert run_cli("schema", "-o", "-", "--only", "diff").stdout == (ROOT / "schemas" / "diff.schema.json").read_bytes()


def test_cli_compact_and_json_lines(tmp_path, seed_printed):
    pretty = json.loads(seed_printed)
    compact = run_cli("extract", "--compact", SEED).stdout
    assert compact.count(b"\n") == 1 and compact.endswith(b"\n") and json.loads(compact) == pretty
    second = "tests/gold/a1-mianyang-q3-economy.txt"
    lines = run_cli("extract", "--jsonl", SEED, second).stdout.splitlines()
    assert [json.loads(line)["source"]["path"] for line in lines] == [SEED, second]
    assert lines[0] + b"\n" == compact
    out = tmp_path / "docs.jsonl"
    assert run_cli("extract", "--jsonl", SEED, second, "-o", str(out)).returncode == 0
    assert out.read_bytes().splitlines() == lines


def test_cli_json_lines_keeps_going_past_a_bad_file(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = run_cli("extract", "--jsonl", str(bad), SEED)
    assert result.returncode == 1
    assert result.stderr.decode() == f"extractor: {bad}: the file is empty\n"
    assert [json.loads(line)["source"]["path"] for line in result.stdout.splitlines()] == [SEED]


@pytest.mark.parametrize(
    "args,message",
    [
        ((SEED, SEED), "extract takes one FILE; for several, add --jsonl"),
        (("--jsonl", "-", "-"), "standard input (-) can be read once"),
        (("--html", SEED), "--html is for standard input (-)"),
    ],
    ids=["several-without-jsonl", "stdin-twice", "html-for-a-file"],
)
def test_cli_extract_usage_errors(args, message):
    result = run_cli("extract", *args, stdin=b"")
    assert result.returncode == 2 and result.stderr.decode().startswith(f"extractor: {message}") and not result.stdout


# ---------------------------------------------------------------------------- outputs that cannot be written
@pytest.fixture
def unwritable_folder(tmp_path):
    """A folder this process cannot write in: read-only for a user, immutable for root."""
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "kept.json").write_text("{}", encoding="utf-8")
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("running as root without chattr +i: no folder is unwritable")
    try:
        yield folder
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def _one_line(result: subprocess.CompletedProcess, path: Path | str, problem: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr.decode() == f"extractor: {path}: {problem}\n"
    assert not result.stdout


def test_cli_extract_into_unwritable_folder(unwritable_folder):
    target = unwritable_folder / "seed.json"
    _one_line(
        run_cli("extract", SEED, "-o", str(target)), target, f"permission denied (cannot write in {unwritable_folder})"
    )
    assert sorted(p.name for p in unwritable_folder.iterdir()) == ["kept.json"]


def test_cli_extract_output_is_a_folder(tmp_path):
    _one_line(run_cli("extract", SEED, "-o", str(tmp_path)), tmp_path, "is a folder; give a file name for the output")
    assert list(tmp_path.iterdir()) == []


def test_cli_extract_output_folder_missing(tmp_path, unwritable_folder):
    created = tmp_path / "new" / "seed.json"
    assert (
        run_cli("extract", SEED, "-o", str(created)).returncode == 0 and created.exists()
    )  # made, as run makes OUTDIR
    target = unwritable_folder / "missing" / "seed.json"
    _one_line(
        run_cli("extract", SEED, "-o", str(target)), target, f"permission denied (cannot write in {unwritable_folder})"
    )
    a_file = tmp_path / "file"
    a_file.write_text("x", encoding="utf-8")
    _one_line(
        run_cli("extract", SEED, "-o", str(a_file / "seed.json")), a_file / "seed.json", f"{a_file} is not a folder"
    )
    assert sorted(p.name for p in unwritable_folder.iterdir()) == ["kept.json"]


def test_cli_schema_into_unwritable_places(tmp_path, unwritable_folder):
    _one_line(run_cli("schema", "-o", str(unwritable_folder)), unwritable_folder, "permission denied")
    sub = unwritable_folder / "sub"
    result = run_cli("schema", "-o", str(sub))
    assert result.returncode == 2 and result.stderr.decode().startswith(f"extractor: {sub}: permission denied")
    a_file = tmp_path / "file"
    a_file.write_text("x", encoding="utf-8")
    _one_line(run_cli("schema", "-o", str(a_file)), a_file, "is a file, not a folder")
    assert sorted(p.name for p in unwritable_folder.iterdir()) == ["kept.json"]


# ---------------------------------------------------------------------------- eval
def test_cli_eval_without_annotations_is_an_error(tmp_path):
    (tmp_path / "release.txt").write_text("全市新增企业12家。", encoding="utf-8")
    result = run_cli("eval", str(tmp_path))
    assert result.returncode == 2 and b"1.000" not in result.stdout
    assert result.stderr.decode() == (
        f"extractor: {tmp_path}: no annotations found (no *.gold.json files; see tests/gold/README.md for the format)\n"
    )


def test_cli_eval_aligns_wide_names(tmp_path):
    gold = json.loads((ROOT / "tests/gold/a1-mianyang-q3-economy.gold.json").read_text(encoding="utf-8"))
    gold["document"] = "绵阳经济.txt"
    (tmp_path / "绵阳经济.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    shutil.copy(ROOT / "tests/gold/a1-mianyang-q3-economy.txt", tmp_path / "绵阳经济.txt")
    result = run_cli("eval", str(tmp_path), "--summary")
    assert result.returncode == 0, result.stderr
    rows = result.stdout.decode().splitlines()[:3]  # header, the document, ALL
    assert rows[1].startswith("绵阳经济.txt")
    assert len({width(row) for row in rows}) == 1  # fixed-width columns: aligned rows are equally wide


# ---------------------------------------------------------------------------- display width
def test_cli_diff_by_indicator_columns_align_by_display_width(new_json):
    rows = run_cli("diff", "--by-indicator", OLD, str(new_json)).stdout.decode().splitlines()
    table = [row for row in rows[2:] if "→" in row and row[:1] != " " and ("件" in row or "%" in row)]
    assert len(table) > 5
    ends = {width(row[: row.index(row.split()[2]) + len(row.split()[2])]) for row in table}  # right edge of "new"
    header = rows[2]
    assert ends == {width(header[: header.index(" new") + 4])}


def test_cli_explain_columns_align_by_display_width():
    out = run_cli("explain", "全省排名第2位，授权发明专利330件").stdout.decode().splitlines()
    rows = [line for line in out if line.startswith("  [")]
    assert len(rows) >= 2
    assert len({width(row[: row.index(" figure")]) for row in rows}) == 1


# ---------------------------------------------------------------------------- the rest
def test_cli_verbose_logs_through_logging(tmp_path):
    quiet = run_cli("extract", SEED, "-o", str(tmp_path / "a.json"))
    assert quiet.returncode == 0 and quiet.stderr == b""
    loud = run_cli("-v", "extract", SEED, "-o", str(tmp_path / "b.json"))
    lines = loud.stderr.decode().splitlines()
    assert lines[0].startswith(f"extractor: INFO: {SEED}: 61 figures (utf-8, 16 issues) in ")
    assert lines[1].startswith(f"extractor: INFO: wrote {tmp_path / 'b.json'} (")


def test_cli_plurals_say_1_document(tmp_path):
    run = run_cli("run", SEED, "-o", str(tmp_path / "out"), "-q")
    assert run.stdout.decode().startswith("1 document: 1 extracted, 0 unchanged (skipped), 0 failed; 61 figures")
    exported = run_cli("export", str(tmp_path / "out"), "--to", f"sqlite:///{tmp_path / 'x.db'}", "-q")
    assert exported.stdout.decode().startswith(f"exported to sqlite:///{tmp_path / 'x.db'}: 1 document, 1 written (")
    assert run_cli("diff", OLD, OLD).stdout.decode().startswith("1 document: 1 identical")


def test_cli_python_dash_m_and_shell_completion():
    version = run_cli("--version")
    assert version.returncode == 0 and version.stdout.decode().startswith("extractor 0.1.0 (segmenter: ")
    script = run_cli(env={"_EXTRACTOR_COMPLETE": "bash_source"})
    assert script.returncode == 0 and b"complete -o nosort -F _extractor_completion extractor" in script.stdout
    words = run_cli(env={"_EXTRACTOR_COMPLETE": "bash_complete", "COMP_WORDS": "extractor ex", "COMP_CWORD": "1"})
    assert words.stdout.decode().split() == ["plain,explain", "plain,export", "plain,extract"]


def test_cli_output_to_a_pipe_is_written_not_replaced(tmp_path, seed_printed):
    """`-o /dev/null` or a named pipe: the output goes into it, and it stays what it was
    (an atomic write renamed a file over /dev/null once)."""
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = run_cli("extract", SEED, "-o", str(fifo))
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and got == [seed_printed]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]  # (no temporary file left)


def test_cli_output_through_a_symbolic_link_keeps_the_link(tmp_path, seed_printed):
    target = tmp_path / "results" / "seed.json"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    assert run_cli("extract", SEED, "-o", str(link)).returncode == 0
    assert link.is_symlink() and target.read_bytes() == seed_printed
