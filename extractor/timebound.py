"""The time bound of one extraction: an alarm signal in the main thread, a deadline for
every pattern scan elsewhere; past it, :class:`ExtractionTimeout`."""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .errors import ExtractionTimeout

__all__ = ["ExtractionTimeout", "Expired", "bound", "time_bound"]


class Expired(BaseException):
    """Raised by the alarm inside whatever was running (a BaseException, so that no
    ``except Exception`` on the way can swallow it)."""


@contextmanager
def bound(seconds: float | None) -> Iterator[float | None]:
    """Bound the time of one extraction. In the main thread (a batch worker, the command
    line) an alarm signal interrupts whatever runs when the time is up, a pattern match
    included: ``regex`` and ``re`` both stop a long match for a signal, so one alarm
    bounds every stage at no cost per call. Elsewhere (another thread, or an alarm
    already set by the caller) it yields a deadline instead, and every pattern scan that
    could take more than linear time runs under the ``regex`` module's own timeout (which
    reads the process clock at every match, costing about a tenth of the time)."""
    if seconds is None:
        yield None
        return
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(signal.ITIMER_REAL)[0] > 0
    ):
        yield time.monotonic() + seconds
        return

    fired = []

    def expired(_signum: int, _frame: object) -> None:
        fired.append(True)
        raise Expired

    hook = sys.unraisablehook

    def unraisable(what: object) -> None:  # (not the alarm's own traceback on stderr: it ends below)
        if not isinstance(getattr(what, "exc_value", None), Expired):
            hook(what)  # type: ignore[arg-type]

    previous = signal.signal(signal.SIGALRM, expired)
    sys.unraisablehook = unraisable
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
        sys.unraisablehook = hook
    if fired:
        # the alarm landed where Python ignores what it raises (a finalizer, __del__, run while a
        # pattern was compiled): the time was still up
        raise Expired


@contextmanager
def time_bound(timeout: float | None, what: str = "text") -> Iterator[Callable[[], float | None]]:
    """Bound a whole stretch of work, reading a web page's article included, by one time
    bound (:func:`bound`); past it, :class:`ExtractionTimeout`. Yields what is left
    to pass on as ``extract(..., timeout=left())``: None under the alarm, which already
    covers the extraction, else the seconds before the deadline. (Where the bound is a
    deadline, not an alarm, a page's HTML stage itself is not interrupted.)"""
    try:
        with bound(timeout) as deadline:
            yield lambda: None if deadline is None else max(0.001, deadline - time.monotonic())
    except (TimeoutError, Expired):
        raise ExtractionTimeout(f"{what}: reading and extracting took longer than {timeout} s") from None
