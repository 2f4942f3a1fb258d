"""Run service calls off the GUI thread and get the result back on it, by signal.

The worker never touches a widget: it calls the function and emits the result or the error;
the slot runs in the GUI thread. Widgets keep a reference to nothing but the callbacks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn, self.relay = fn, relay

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:
            self.relay.failed.emit(exc)
        else:
            self.relay.succeeded.emit(result)


_alive: set[_Relay] = set()


def run_task(fn: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[BaseException], None]) -> None:
    """Call ``fn`` on the thread pool; ``on_done``/``on_error`` run later on the GUI thread."""
    relay = _Relay()
    _alive.add(relay)

    def done(result: Any) -> None:
        _alive.discard(relay)
        on_done(result)

    def failed(exc: BaseException) -> None:
        _alive.discard(relay)
        on_error(exc)

    relay.succeeded.connect(done)
    relay.failed.connect(failed)
    QThreadPool.globalInstance().start(_Task(fn, relay))


def wait_for_tasks(msecs: int = 5000) -> bool:
    """Tests and shutdown: wait until the pool is idle."""
    return QThreadPool.globalInstance().waitForDone(msecs)
