"""Batch runs on a real Dask cluster: a scheduler and worker processes started on loopback
(`dask scheduler`, `dask worker`), or a local cluster (`--scheduler local:2`). The output must
be byte-identical to `--jobs 2`, a worker killed in the middle (its process, with SIGKILL)
must lose nothing, and a client killed with `kill -9` must resume to the same output."""

from __future__ import annotations

import filecmp
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT

pytest.importorskip("distributed")
sys.path.insert(0, str(ROOT / "bench"))
from releases import release  # noqa: E402

DASK = str(Path(sys.executable).parent / "dask")


def cli(*args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "extractor", *args], cwd=ROOT, capture_output=True, text=True, **kwargs
    )


def same_tree(a: Path, b: Path) -> None:
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    different = [str(p) for p in files_a if not filecmp.cmp(a / p, b / p, shallow=False)]
    assert different == []


@pytest.fixture(scope="module")
def releases(tmp_path_factory):
    """400 releases and their output with --jobs 2, the reference every cluster run must equal."""
    base = tmp_path_factory.mktemp("cluster")
    folder = base / "in"
    folder.mkdir()
    rng = random.Random(11)
    for i in range(400):
        (folder / f"r{i:04d}.txt").write_text(release(rng, i), encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")  # a failure, indexed like any other
    reference = base / "reference"
    assert cli("run", str(folder), "-o", str(reference), "--jobs", "2", "-q").returncode == 1
    return folder, reference


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A scheduler and worker processes (no nanny: killing a worker's process removes it)."""

    def __init__(self, workdir: Path, env: dict | None = None):
        self.port = _free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        self.workdir = workdir
        self.processes: list[subprocess.Popen] = []
        self.scheduler = self._start(
            [DASK, "scheduler", "--host", "127.0.0.1", "--port", str(self.port), "--no-dashboard"], env=env
        )
        self.workers: list[subprocess.Popen] = []

    def _start(self, command, env=None, cwd=None) -> subprocess.Popen:
        process = subprocess.Popen(
            command,
            cwd=cwd or self.workdir,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def add_worker(self, env=None, cwd=None) -> subprocess.Popen:
        worker = self._start(
            [DASK, "worker", self.address, "--nthreads", "1", "--no-nanny", "--no-dashboard"], env=env, cwd=cwd
        )
        self.workers.append(worker)
        return worker

    def wait(self, workers: int) -> None:
        from distributed import Client

        with Client(self.address, timeout="30s") as client:
            client.wait_for_workers(workers, timeout=60)

    def close(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


@pytest.fixture
def cluster(tmp_path):
    c = Cluster(tmp_path)
    try:
        yield c
    finally:
        c.close()


def test_local_cluster_gives_the_output_of_jobs_2(releases, tmp_path):
    folder, reference = releases
    for data in ("shared", "client"):
        out = tmp_path / data
        result = cli("run", str(folder), "-o", str(out), "--scheduler", "local:2", "--cluster-data", data, "-q")
        assert result.returncode == 1, result.stderr  # the empty file
        same_tree(reference, out)
    # the listing on standard input (as `find … | extractor run -`), read one path at a time, in any order
    listed = "".join(f"{p}\n" for p in sorted(folder.iterdir(), reverse=True))
    out = tmp_path / "listed"
    result = cli("run", "-", "-o", str(out), "--scheduler", "local:2", "-q", input=listed)
    assert result.returncode == 1, result.stderr
    same_tree(reference, out)


def test_a_worker_killed_mid_run_loses_nothing(releases, cluster, tmp_path):
    folder, reference = releases
    cluster.add_worker()
    victim = cluster.add_worker()
    cluster.wait(2)
    out = tmp_path / "out"
    run = subprocess.Popen(
        [sys.executable, "-m", "extractor", "run", str(folder), "-o", str(out), "--scheduler", cluster.address, "-q"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.json"))) < 40:
        time.sleep(0.05)
    victim.kill()  # the worker's own process, in the middle of its tasks
    _, stderr = run.communicate(timeout=180)
    assert run.returncode == 1, stderr
    assert victim.poll() is not None
    same_tree(reference, out)


def test_a_client_killed_with_kill_9_resumes_to_the_same_output(releases, cluster, tmp_path):
    folder, reference = releases
    cluster.add_worker()
    cluster.add_worker()
    cluster.wait(2)
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "extractor",
        "run",
        str(folder),
        "-o",
        str(out),
        "--scheduler",
        cluster.address,
        "-q",
    ]
    run = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.json"))) < 100:
        time.sleep(0.05)
    run.kill()
    run.wait()
    assert not (out / "index.jsonl").exists() or len((out / "index.jsonl").read_text().splitlines()) < 401
    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert again.returncode == 1, again.stderr
    same_tree(reference, out)
    # the workers the runs set up do not sample their tasks' stacks for Dask's profiler
    from distributed import Client

    with Client(cluster.address, timeout="30s") as client:
        profiling = client.run(
            lambda dask_worker: sorted(set(dask_worker.periodic_callbacks) & {"profile", "profile-cycle"})
        )
    assert profiling and all(names == [] for names in profiling.values())


def test_a_worker_with_other_rules_is_refused(releases, cluster, tmp_path):
    """A worker whose extractor differs (here: a copy of the package with one rule module
    changed, imported first through PYTHONPATH) stops the run before anything is extracted."""
    folder, _ = releases
    other = tmp_path / "other"
    shutil.copytree(ROOT / "extractor", other / "extractor", ignore=shutil.ignore_patterns("__pycache__"))
    with (other / "extractor" / "link.py").open("a", encoding="utf-8") as fh:
        fh.write("\n_ANOTHER_RULE = 1\n")
    env = dict(os.environ, PYTHONPATH=str(other), EXTRACTOR_CACHE_DIR=str(tmp_path / "cache"))
    cluster.add_worker(env=env, cwd=other)
    cluster.wait(1)
    out = tmp_path / "out"
    result = cli("run", str(folder), "-o", str(out), "--scheduler", cluster.address, "-q")
    assert result.returncode == 1
    assert "workers run other rules than this client" in result.stderr and "Traceback" not in result.stderr
    assert not list(out.glob("*.json"))


def test_scheduler_without_the_extra_or_with_a_bad_address_is_one_line(tmp_path):
    hidden = tmp_path / "hidden" / "distributed"
    hidden.mkdir(parents=True)
    (hidden / "__init__.py").write_text("raise ImportError('not installed here')\n", encoding="utf-8")
    result = cli(
        "run",
        str(ROOT / "corpus"),
        "-o",
        str(tmp_path / "out"),
        "--scheduler",
        "local:2",
        env=dict(os.environ, PYTHONPATH=str(tmp_path / "hidden")),
    )
    assert result.returncode == 2 and "pip install 'zh-release-extractor[dask]'" in result.stderr
    assert "Traceback" not in result.stderr
    result = cli("run", str(ROOT / "corpus"), "-o", str(tmp_path / "out"), "--scheduler", "local:0")
    assert result.returncode == 2 and "local:N needs a number of worker processes" in result.stderr
    result = cli("run", str(ROOT / "corpus"), "-o", str(tmp_path / "out"), "--scheduler", "host:8786")
    assert result.returncode == 2 and "give a scheduler address" in result.stderr


def _subset(folder: Path, tmp_path: Path, pattern: str) -> tuple[Path, Path]:
    """The releases of ``folder`` matching ``pattern``, copied, and their output with --jobs 2."""
    small = tmp_path / "in"
    small.mkdir()
    for path in sorted(folder.glob(pattern)):
        shutil.copy(path, small)
    reference = tmp_path / "reference"
    assert cli("run", str(small), "-o", str(reference), "--jobs", "2", "-q").returncode == 0
    return small, reference


def _preload(path: Path, imports: str, before: str) -> Path:
    """A module for `dask worker --preload` that runs ``before`` (one line, with ``job`` at
    hand) ahead of every release the worker extracts."""
    path.write_text(
        f"import {imports}\n"
        "from extractor import batch, cluster\n"
        "if not hasattr(batch, '_real_process'):  # (a preload may run twice)\n"
        "    batch._real_process = batch.process\n"
        "    def process(job, outdir, settings):\n"
        f"        {before}\n"
        "        return batch._real_process(job, outdir, settings)\n"
        "    batch.process = cluster.process = process\n",
        encoding="utf-8",
    )
    return path


def test_a_release_that_kills_its_worker_is_reported_once_as_crashed(releases, tmp_path):
    """Workers (with nannies, which restart them) preload a module that makes one release
    kill its worker process for real: that release is reported once as "crashed" and every
    other release is extracted as in the reference."""
    folder, _ = releases
    small, reference = _subset(folder, tmp_path, "r00[0-3]?.txt")
    crash = _preload(
        tmp_path / "crash_on_r0017.py",
        "os, signal",
        "os.kill(os.getpid(), signal.SIGKILL) if job.source.endswith('r0017.txt') else None",
    )
    c = Cluster(tmp_path, env=dict(os.environ, DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES="1"))
    try:
        for _ in range(2):
            c._start(
                [
                    DASK,
                    "worker",
                    c.address,
                    "--nthreads",
                    "1",
                    "--no-dashboard",
                    "--preload",
                    str(crash),
                ]
            )
        c.wait(2)
        out = tmp_path / "out"
        result = cli("run", str(small), "-o", str(out), "--scheduler", c.address, "-q", timeout=300)
    finally:
        c.close()
    assert result.returncode == 1, result.stderr
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(e["file"].rsplit("/", 1)[-1], e["code"]) for e in errors] == [("r0017.txt", "crashed")]
    for path in small.glob("*.txt"):
        if path.name != "r0017.txt":
            for suffix in (".json", ".txt"):
                name = path.stem + suffix
                assert (out / name).read_bytes() == (reference / name).read_bytes()


def test_a_long_task_does_not_silence_its_worker(releases, tmp_path):
    """The tasks run in the worker's event loop (so that the alarm bounds each release), and
    give the loop its turn between releases: a task far longer than the scheduler's
    worker-ttl (here 2 s; a preloaded module makes each release take 0.1 s, a task of 64
    about 6 s) does not get its worker counted as dead, and the output is the reference's."""
    folder, _ = releases
    small, reference = _subset(folder, tmp_path, "r00[0-6]?.txt")
    slow = _preload(tmp_path / "slow.py", "time", "time.sleep(0.1)")
    env = dict(os.environ, DASK_DISTRIBUTED__SCHEDULER__WORKER_TTL="2s")
    c = Cluster(tmp_path, env=env)
    try:
        worker = c._start(
            [
                DASK,
                "worker",
                c.address,
                "--nthreads",
                "1",
                "--no-nanny",
                "--no-dashboard",
                "--preload",
                str(slow),
            ],
            env=env,
        )
        c.wait(1)
        out = tmp_path / "out"
        result = cli("run", str(small), "-o", str(out), "--scheduler", c.address, "-q", timeout=300)
        assert worker.poll() is None  # the worker was never removed (a removed worker without a nanny exits)
    finally:
        c.close()
    assert result.returncode == 0, result.stderr
    same_tree(reference, out)
