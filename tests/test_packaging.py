"""Packaging, built for real: the source distribution carries the tests and their data, a
wheel built with a C compiler holds the segmenter's accelerator, one built without says so
and is pure (py3-none-any) and runs the Python loop; the segmenter's cache lives in the
user's cache folder, keeps the few most recently used keys, and is skipped where the folder
cannot be written.

The builds use the environment's setuptools and ``build`` (the ``test`` extra), without
build isolation, on a copy of the tree: nothing is fetched and nothing is written into the
repository. The file takes ~20 s (two wheel builds, a fresh environment, four cold starts
of the segmenter)."""

from __future__ import annotations

import email.parser
import fcntl
import marshal
import os
import select
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import termios
import time
import tomllib
import venv
import zipfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

from extractor import segmenter

from .conftest import ROOT, SEED

DIST = "zh_release_extractor"  # the distribution's name as it appears in file names
NOT_BUILT = "the C accelerator of the segmenter was not built (no C compiler?)"
_COPY_IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "venv",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    "*.so",
    "*.pyc",
    ".pytest_cache",
    ".hypothesis",
    ".ci",
)


def _setuptools_can_build() -> str | None:
    """Why the builds cannot run here, or None."""
    major = int(version("setuptools").split(".")[0])
    if major < 77:
        return f"setuptools {version('setuptools')} is older than the build needs (77): pip install -e '.[test]'"
    try:
        version("build")
    except PackageNotFoundError:
        return "the build package is missing: pip install -e '.[test]'"
    return None


def _run(args: list[str], cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    # a new session has no terminal: the build's warning goes to the captured output only
    result = subprocess.run(
        args,
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
        start_new_session=True,
    )
    assert result.returncode == 0, f"{args}: exit {result.returncode}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def sdist(tmp_path_factory) -> Path:
    reason = _setuptools_can_build()
    if reason:
        pytest.skip(reason)
    tree = tmp_path_factory.mktemp("tree") / "src"
    shutil.copytree(ROOT, tree, ignore=_COPY_IGNORE)
    out = tmp_path_factory.mktemp("sdist")
    _run([sys.executable, "-m", "build", "--sdist", "--no-isolation", "--outdir", str(out), str(tree)], cwd=tree)
    (archive,) = out.glob(f"{DIST}-*.tar.gz")
    return archive


def _pip_wheel(sdist: Path, out: Path, *options: str) -> list[str]:
    out.mkdir(exist_ok=True)
    return [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        *options,
        "--no-deps",
        "--no-build-isolation",
        "--no-cache-dir",
        "--disable-pip-version-check",
        "-w",
        str(out),
        str(sdist),
    ]


def _run_on_terminal(args: list[str], cwd: Path, env: dict) -> tuple[str, str]:
    """Run with a pseudo-terminal as the controlling terminal (as a person's shell gives),
    output captured apart: returns (what the command printed, what reached the terminal)."""
    master, slave = os.openpty()

    def take_terminal():
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)

    try:
        proc = subprocess.Popen(
            args,
            cwd=cwd,
            env={**os.environ, **env},
            stdin=slave,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
            preexec_fn=take_terminal,
        )
        os.close(slave)
        printed, _ = proc.communicate(timeout=300)
        screen = b""
        while select.select([master], [], [], 0.5)[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the terminal's last user is gone
                break
            if not chunk:
                break
            screen += chunk
    finally:
        os.close(master)
    assert proc.returncode == 0, printed[-3000:]
    return printed, screen.decode("utf-8", "replace")


def _venv_sharing_dependencies(folder: Path) -> tuple[str, Path]:
    """A new virtual environment that sees this one's installed dependencies (a .pth line
    naming its site-packages) but not the editable install of the tree, whose import hook
    would hand out the tree's compiled accelerator. Returns its python and site-packages."""
    venv.create(folder, with_pip=False)
    python = str(folder / ("Scripts" if os.name == "nt" else "bin") / "python")
    site = Path(
        _run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], cwd=folder).stdout.strip()
    )
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    return python, site


def _wheel_metadata(wheel: Path) -> tuple[list[str], email.message.Message, email.message.Message]:
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta = email.parser.Parser().parsestr(z.read(info).decode())
        tags = email.parser.Parser().parsestr(z.read(info.replace("METADATA", "WHEEL")).decode())
    return names, meta, tags


def test_packaging_pyproject_names_distribution_apart_from_command_and_import():
    """The index's "extractor" is another project: ours is published under its own name,
    with the command `extractor` and the import `extractor`; MIT, with the licence file."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "zh-release-extractor"
    assert project["scripts"] == {"extractor": "extractor.cli:main"}
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert (ROOT / "extractor" / "py.typed").exists()


def test_packaging_sdist_carries_its_tests_and_their_data(sdist):
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    for needed in (
        "LICENSE",
        "README.md",
        "setup.py",
        "pyproject.toml",
        "extractor/_route.c",
        "extractor/py.typed",
        "tests/conftest.py",
        "tests/test_golden.py",
        "tests/golden/2023-bozhou-ip-press-conference.json",
        SEED,
        "schemas/document.schema.json",
        "output/index.jsonl",
        "extractor/data/areas.tsv",
        "tools/make_areas.py",
    ):
        assert needed in names, f"{needed} is not in the sdist"
    tracked = {
        p.relative_to(ROOT).as_posix()
        for folder in ("tests/gold", "tests/heldout", "tests/diff")
        for p in (ROOT / folder).rglob("*")
        if p.is_file()
    }
    assert tracked and tracked <= names
    assert not [n for n in names if n.endswith((".so", ".pyc")) or "__pycache__" in n]


@pytest.mark.skipif(not (shutil.which(os.environ.get("CC", "cc")) or shutil.which("gcc")), reason="no C compiler here")
def test_packaging_wheel_with_compiler_holds_the_accelerator(sdist, tmp_path):
    log = _run(_pip_wheel(sdist, tmp_path, "-v"), cwd=tmp_path).stdout
    (wheel,) = tmp_path.glob(f"{DIST}-*.whl")
    names, meta, tags = _wheel_metadata(wheel)
    assert tags["Tag"].startswith("cp3") and tags["Root-Is-Purelib"] == "false"
    assert any(n.startswith("extractor/_route.") and n.endswith((".so", ".pyd")) for n in names)
    assert NOT_BUILT not in log
    assert "extractor/py.typed" in names and "extractor/_route.c" not in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert meta["Name"] == "zh-release-extractor" and meta["License-Expression"] == "MIT"


def test_packaging_wheel_without_compiler_is_pure_and_says_so(sdist, tmp_path):
    """No C compiler (CC names none): the build warns on the terminal (pip hides a successful
    build's output), the wheel is py3-none-any, and the installed command runs the Python
    loop and says so in --version."""
    out = tmp_path / "wheel"
    printed, screen = _run_on_terminal(_pip_wheel(sdist, out), tmp_path, {"CC": str(tmp_path / "no-such-compiler")})
    assert NOT_BUILT in screen and NOT_BUILT not in printed
    (wheel,) = out.glob(f"{DIST}-*.whl")
    names, meta, tags = _wheel_metadata(wheel)
    assert wheel.name.endswith("-py3-none-any.whl") and tags["Root-Is-Purelib"] == "true"
    assert not any("_route" in n for n in names) and not any(".data/" in n for n in names)
    assert "extractor/py.typed" in names and "extractor/data/areas.tsv" in names
    python, site = _venv_sharing_dependencies(tmp_path / "venv")
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-cache-dir",
            "--disable-pip-version-check",
            "--target",
            str(site),
            str(wheel),
        ],
        cwd=tmp_path,
    )
    env = {"EXTRACTOR_CACHE_DIR": str(tmp_path / "cache")}
    where = _run([python, "-c", "import extractor; print(extractor.__file__)"], cwd=tmp_path, env=env)
    assert where.stdout.strip() == str(site / "extractor" / "__init__.py")  # the wheel's copy, not the tree's
    command = [python, str(site / "bin" / "extractor")]  # the wheel's entry point (pip --target puts it there)
    said = _run([*command, "--version"], cwd=tmp_path, env=env).stdout
    assert "Python loop" in said and "C accelerator was not built" in said
    release = tmp_path / "release.txt"
    shutil.copy(ROOT / SEED, release)
    extracted = _run([*command, "extract", str(release)], cwd=tmp_path, env=env).stdout
    in_tree = _run([sys.executable, "-m", "extractor.cli", "extract", str(release)], cwd=ROOT).stdout
    assert extracted == in_tree  # the Python loop cuts as the accelerator does


# ---------------------------------------------------------------------------- the segmenter's cache
def _release(folder: Path) -> Path:
    release = folder / "release.txt"
    release.write_text("2023年，全市地区生产总值达到2.46万亿元，同比增长5.2%。\n", encoding="utf-8")
    return release


def _extract(release: Path, **env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k != segmenter.CACHE_ENV}
    result = subprocess.run(
        [sys.executable, "-m", "extractor.cli", "extract", str(release)],
        cwd=release.parent,
        capture_output=True,
        text=True,
        env={**environment, **env},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_packaging_segmenter_cache_in_user_cache_folder_or_env_override(tmp_path):
    release = _release(tmp_path)
    xdg = tmp_path / "xdg"
    first = _extract(release, XDG_CACHE_HOME=str(xdg))
    assert [p.name[:10] for p in (xdg / "extractor").iterdir()] == ["segmenter-"]
    override = tmp_path / "override"
    assert _extract(release, XDG_CACHE_HOME=str(xdg), EXTRACTOR_CACHE_DIR=str(override)) == first
    assert len(list(override.glob("segmenter-*.cache"))) == 1


def test_packaging_segmenter_cache_unwritable_folder_builds_in_memory(tmp_path):
    """A cache folder that cannot be made (a file stands where a folder should be: even
    root cannot write there) is no error: the segmenter is built in memory."""
    (tmp_path / "a-file").write_text("x")
    unwritable = tmp_path / "a-file" / "cache"
    release = _release(tmp_path)
    assert _extract(release, EXTRACTOR_CACHE_DIR=str(unwritable)) == _extract(release)
    assert (tmp_path / "a-file").read_text() == "x"


def test_packaging_segmenter_cache_keeps_most_recent_keys(tmp_path, monkeypatch):
    """Writing a new key removes the cache files beyond the few most recently used (read
    or written), temporary files of killed writers, and the caches 0.1.0 left in /tmp."""
    monkeypatch.setenv(segmenter.CACHE_ENV, str(tmp_path / "cache"))
    legacy = tmp_path / "tmp"
    legacy.mkdir()
    (legacy / "extractor-jieba-0123456789abcdef0123.cache").write_bytes(b"old")
    monkeypatch.setattr("tempfile.tempdir", str(legacy))
    data = {"format": segmenter._CACHE_FORMAT, "words": "x"}
    paths = [segmenter.cache_dir() / f"segmenter-key{i}.cache" for i in range(segmenter._CACHE_KEEP + 2)]
    now = time.time()
    paths[0].parent.mkdir(parents=True)
    for age, path in zip(range(len(paths) - 1, 0, -1), paths[:-1]):
        path.write_bytes(marshal.dumps(data))
        os.utime(path, (now - 60 * age, now - 60 * age))  # key0 the oldest
    stale, fresh = segmenter.cache_dir() / ".segmenter-dead.tmp", segmenter.cache_dir() / ".segmenter-busy.tmp"
    stale.write_bytes(b"")
    fresh.write_bytes(b"")
    os.utime(stale, (now - 2 * segmenter._STALE_TEMP_SECONDS,) * 2)
    assert segmenter._read_cache(paths[0]) == data  # read: key0 is now the most recently used
    segmenter._write_cache(paths[-1], data)
    kept = sorted(p.name for p in segmenter.cache_dir().glob("segmenter-*.cache"))
    assert kept == sorted(p.name for p in [paths[0], *paths[-segmenter._CACHE_KEEP + 1 :]])
    assert len(kept) == segmenter._CACHE_KEEP
    assert not stale.exists() and fresh.exists()
    assert not list(legacy.iterdir())
