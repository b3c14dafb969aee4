"""Batch runs on a Dask cluster (``extractor run … --scheduler tcp://host:8786`` or ``local:N``).

The batch stays the batch: :func:`extractor.batch.run` discovers the releases, skips the
unchanged ones, journals every record and writes the index; this module is only the engine
that extracts the releases to do, on the cluster's workers instead of local processes. So a
cluster run has the local run's index, errors, atomic writes, resume and byte-identical
JSON.

- **Tasks**: releases go to the workers in chunks of ``chunk`` (64: a task costs the
  scheduler about a millisecond, a release about six), at most ``IN_FLIGHT`` chunks per
  worker at a time, so a listing of millions of paths is never submitted at once.
- **Workers** load the dictionary once (a worker plugin) and must run the client's
  extractor: the same version and rules fingerprint, checked when the run starts and on
  every record a worker returns; a worker with other rules stops the run with a message
  naming it. A worker runs our tasks (coroutines) in its event loop, the main thread,
  where an alarm bounds each release as in a local run, with Dask's profiler stopped.
- **Where the data lives** (``data``): ``shared`` (the default) — the inputs and OUTDIR are
  on a file system every worker sees at the same paths (an NFS or cluster file system
  mount), and each worker reads its releases and writes their results itself; ``client`` —
  only the client sees the files: it reads each release and sends its bytes, and writes the
  results the workers send back. ``client`` needs no shared mount but moves every byte
  through the client (about 3 KB in and 40 KB back a release).
- **A worker that dies** mid-task loses nothing: the scheduler runs its tasks again on
  another worker. A chunk that kills workers ``distributed.scheduler.allowed-failures``
  times is split and its releases run one by one; one that then kills a worker again is
  reported once, as ``crashed``.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import itertools
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .batch import (
    BatchError,
    Engine,
    Job,
    Settings,
    UsageError,
    _crashed,
    _failed,
    _fingerprint,
    _sha256,
    _warm,
    ok_record,
    process,
    write_result,
)
from .errors import ExtractionTimeout
from .io import InputError, extract_release_bytes, read_bytes, to_json_bytes

EXTRA_HINT = "--scheduler needs Dask's distributed package: pip install 'zh-release-extractor[dask]'"
CHUNK = 64
IN_FLIGHT = 4  # chunks per worker submitted at a time
DATA_MODES = ("shared", "client")
_PROFILER_CALLBACKS = ("profile", "profile-cycle")  # distributed.Worker's statistical profiler
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ClusterSettings:
    """``scheduler``: ``local:N`` (a local cluster of N worker processes) or a scheduler
    address (``tcp://host:8786``); ``data``: ``shared`` or ``client`` (see the module)."""

    scheduler: str
    data: str = "shared"
    chunk: int = CHUNK

    def __post_init__(self) -> None:
        if self.data not in DATA_MODES:
            raise UsageError(f"--cluster-data must be one of {', '.join(DATA_MODES)}, not {self.data!r}")
        if self.scheduler.startswith("local:"):
            count = self.scheduler.removeprefix("local:")
            if not count.isdigit() or int(count) < 1:
                raise UsageError(f"--scheduler {self.scheduler}: local:N needs a number of worker processes N ≥ 1")
        elif "://" not in self.scheduler:
            raise UsageError(f"--scheduler {self.scheduler}: give a scheduler address (tcp://host:8786) or local:N")
        if self.chunk < 1:
            raise UsageError("the chunk size must be at least 1")


def _distributed():
    try:
        import distributed
    except ImportError:
        raise UsageError(EXTRA_HINT) from None
    return distributed


def check_available() -> None:
    """A usage error naming the extra when Dask's distributed is not installed."""
    _distributed()


def engine(cluster: ClusterSettings) -> Engine:
    """The engine :func:`extractor.batch.run` takes to run on the cluster."""

    def run(todo: Iterable[Job], outdir: Path, settings: Settings, done: Callable[[dict], None]) -> None:
        _run(todo, outdir, settings, done, cluster)

    return run


# ---------------------------------------------------------------------------- on the workers
def _plugin():
    from distributed import WorkerPlugin

    class Warm(WorkerPlugin):
        """Load the lexicon and the whole dictionary once in each worker process, and stop
        Dask's statistical profiler there: every 10 ms it takes the running task's stack
        (ours is deep), and its thread wakes the worker's event loop, which takes the
        interpreter from the task each time (the dashboard's profile page of an extractor
        worker stays empty; nothing else changes)."""

        name = "extractor-warm"

        def setup(self, worker) -> None:
            _warm()
            for name in _PROFILER_CALLBACKS:
                callback = worker.periodic_callbacks.pop(name, None)
                if callback is not None:
                    callback.stop()

    return Warm()


def identity() -> dict:
    """What a worker runs: the extractor's version, its rules fingerprint, Python's version."""
    return {"version": __version__, "rules": _fingerprint(), "python": sys.version.split()[0]}


# The tasks are coroutines: a worker runs them in its event loop, which is the process's
# main thread, not in its thread pool. There one alarm bounds each release's time (in
# another thread every pattern scan would run under a deadline), and no other thread of
# the worker takes the interpreter from the extraction. Between two releases the task
# gives the loop its turn (heartbeats, a request to close), so a long task never silences
# the worker: the loop waits at most one release, which the time bound keeps short.
async def extract_shared(jobs: list[Job], outdir: str, settings: Settings) -> list[dict]:
    """A task with a shared file system: read, extract and write each release here."""
    out = []
    for job in jobs:
        out.append(process(job, Path(outdir), settings))
        await asyncio.sleep(0)
    return out


async def extract_sent(
    items: list[tuple[Job, bytes | None, dict | None]], settings: Settings
) -> list[tuple[dict, bytes | None, str | None]]:
    """A task with the data sent by the client: extract each release's bytes and return its
    record, JSON and text (a release the client could not read comes with its failed record)."""
    out: list[tuple[dict, bytes | None, str | None]] = []
    for job, data, failed in items:
        await asyncio.sleep(0)
        if failed is not None:
            out.append((failed, None, None))
            continue
        sha = hashlib.sha256(data).hexdigest()
        try:
            document, text = extract_release_bytes(
                data,
                job.path,
                settings.fallback_date,
                job.source,
                settings.timeout,
                settings.reference_date,
                settings.area,
            )
        except InputError as exc:
            out.append((_failed(job, sha, exc.code, str(exc)), None, None))
        except ExtractionTimeout as exc:
            out.append((_failed(job, sha, "timeout", str(exc)), None, None))
        except Exception as exc:  # noqa: BLE001 - the batch boundary, as in a local run
            out.append(
                (
                    _failed(
                        job,
                        sha,
                        "internal",
                        f"{job.source}: internal error ({type(exc).__name__}: {exc}); please report it",
                    ),
                    None,
                    None,
                )
            )
        else:
            out.append((ok_record(job, document, settings), to_json_bytes(document), text))
    return out


# ---------------------------------------------------------------------------- on the client
@contextlib.contextmanager
def _client(cluster: ClusterSettings):
    distributed = _distributed()
    if cluster.scheduler.startswith("local:"):
        workers = int(cluster.scheduler.removeprefix("local:"))
        with (
            distributed.LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            ) as local,
            distributed.Client(local) as client,
        ):
            yield client
        return
    try:
        client = distributed.Client(cluster.scheduler, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise BatchError(f"--scheduler {cluster.scheduler}: cannot reach the scheduler ({exc})") from None
    with client:
        yield client


def _check_workers(client) -> int:
    """The number of workers, all running this client's extractor (else a BatchError)."""
    mine = identity()
    try:
        client.wait_for_workers(1, timeout=60)
    except TimeoutError:
        raise BatchError("the cluster has no workers (none joined within 60 s)") from None
    found = client.run(identity)
    other = {
        address: who
        for address, who in found.items()
        if (who["version"], who["rules"]) != (mine["version"], mine["rules"])
    }
    if other:
        listed = "; ".join(
            f"{address} runs {who['version']} with rules {who['rules']}" for address, who in sorted(other.items())
        )
        raise BatchError(
            f"workers run other rules than this client ({mine['version']}, rules {mine['rules']}): {listed}; "
            "install the same extractor on every worker"
        )
    return len(found)


def _check_record(record: dict) -> dict:
    if record.get("rules") != _fingerprint() or record.get("pipeline_version") != __version__:
        raise BatchError(
            f"{record.get('source')}: extracted by a worker with other rules ({record.get('pipeline_version')}, "
            f"rules {record.get('rules')}; this client: {__version__}, rules {_fingerprint()}); "
            "install the same extractor on every worker"
        )
    return record


def _chunks(todo: Iterable[Job], size: int) -> Iterator[list[Job]]:
    """The jobs in chunks, taken from ``todo`` only as chunks are submitted."""
    jobs = iter(todo)
    while chunk := list(itertools.islice(jobs, size)):
        yield chunk


def _read(job: Job, settings: Settings) -> tuple[Job, bytes | None, dict | None]:
    """A release's bytes read on the client (``client`` data), or its failed record."""
    if job.problem:
        return job, None, _failed(job, None, *job.problem)
    try:
        return job, read_bytes(job.path, settings.max_bytes), None
    except InputError as exc:
        return job, None, _failed(job, _sha256(job.path), exc.code, str(exc))


def _run(
    todo: Iterable[Job], outdir: Path, settings: Settings, done: Callable[[dict], None], cluster: ClusterSettings
) -> None:
    distributed = _distributed()

    with _client(cluster) as client:
        workers = _check_workers(client)  # (before the plugin: a worker with other rules may lack what it needs)
        client.register_plugin(_plugin())
        window = max(1, IN_FLIGHT * workers)
        pending = _chunks(todo, cluster.chunk)
        running = distributed.as_completed()
        chunk_of: dict = {}

        def submit(jobs: list[Job]) -> None:
            if cluster.data == "shared":
                task = (extract_shared, jobs, str(outdir), settings)
            else:
                task = (extract_sent, [_read(job, settings) for job in jobs], settings)
            future = client.submit(*task, pure=False)
            chunk_of[future] = jobs
            running.add(future)

        def refill() -> None:
            while running.count() < window:
                jobs = next(pending, None)
                if jobs is None:
                    return
                submit(jobs)

        def finish(jobs: list[Job], results: list) -> None:
            for job, result in zip(jobs, results):
                if cluster.data == "shared":
                    done(_check_record(result))
                else:
                    record, json_bytes, text = result
                    _check_record(record)
                    done(write_result(job, outdir, record, json_bytes, text) if json_bytes is not None else record)

        def outcome(future, jobs: list[Job]):
            """The task's results, or None when workers died running it (KilledWorker)."""
            try:
                return future.result()
            except distributed.KilledWorker:
                return None
            except Exception as exc:  # noqa: BLE001 - a task that failed outside the per-release handling
                raise BatchError(f"a task on the cluster failed ({type(exc).__name__}: {exc})") from None
            finally:
                future.release()

        # a worker that dies takes with it every task queued on it, so a task that kept
        # dying may be innocent: those of one release are run again alone at the end, with
        # nothing else in flight, and only one that then kills a worker is "crashed"
        suspects: list[Job] = []
        refill()
        try:
            for future in running:
                jobs = chunk_of.pop(future)
                results = outcome(future, jobs)
                if results is None:
                    if len(jobs) > 1:
                        for job in jobs:
                            submit([job])
                    else:
                        suspects += jobs
                else:
                    finish(jobs, results)
                refill()
            for job in suspects:
                submit([job])
                future = next(iter(running))
                results = outcome(future, chunk_of.pop(future))
                if results is None:
                    done(_crashed(job))
                else:
                    finish([job], results)
        except BaseException:
            for future in list(chunk_of):
                future.cancel()
            raise
