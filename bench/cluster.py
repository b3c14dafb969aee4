"""The Dask engine's overhead: the same releases with --jobs 1/2 and on 1/2 Dask workers.

    python bench/cluster.py [--docs 2000] [--repeat 2]

Each configuration runs `extractor run --force` (so nothing is skipped) and is timed end
to end, ``--repeat`` times, alternating, the fastest counting (as in bench/batch.py: a
shared machine's slow spells only ever slow a run). Dask runs twice: on a cluster started
beforehand (`dask scheduler` and `dask worker --nthreads 1` on loopback, warm: the engine's
own overhead) and with `--scheduler local:N` (starting the cluster is part of the time).
Prints seconds, releases per second and the ratio to the --jobs run with as many processes."""

from __future__ import annotations

import argparse
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from releases import write_corpus  # noqa: E402

DASK = str(Path(sys.executable).parent / "dask")


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        write_corpus(work / "in", args.docs, seed=5)
        run = [sys.executable, "-m", "extractor", "run", str(work / "in"), "-q", "--force"]
        results: dict[str, list[float]] = {}
        for n in (1, 2):
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = s.getsockname()[1]
            address = f"tcp://127.0.0.1:{port}"
            procs = [
                subprocess.Popen(
                    [DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
            ]
            procs += [
                subprocess.Popen(
                    [DASK, "worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard"],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
                for _ in range(n)
            ]
            try:
                timed([*run, "-o", str(work / "warmup"), "--scheduler", address])  # the workers load the dictionary
                for _ in range(args.repeat):  # alternating, so that a slow spell of the machine hits all alike
                    for name, extra in (
                        (f"--jobs {n}", ["--jobs", str(n)]),
                        (f"cluster of {n}, warm", ["--scheduler", address]),
                        (f"local:{n}", ["--scheduler", f"local:{n}"]),
                    ):
                        folder = work / name.replace(" ", "_").replace(":", "_").replace(",", "")
                        results.setdefault(name, []).append(timed([*run, "-o", str(folder), *extra]))
            finally:
                for p in procs:
                    p.send_signal(signal.SIGKILL)
                    p.wait()
        for name, times in results.items():
            n = (
                name.split(":")[-1]
                if name.startswith("local")
                else name.split()[-1]
                if name.startswith("--")
                else name.split()[2].rstrip(",")
            )
            seconds, base = min(times), min(results[f"--jobs {n}"])
            print(
                f"{name:22} {seconds:6.2f} s (median {statistics.median(times):.2f})  {args.docs / seconds:6.0f} releases/s"
                f"  {seconds / base:5.2f} x --jobs {n}"
            )


if __name__ == "__main__":
    main()
