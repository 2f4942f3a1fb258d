"""Run service calls off the GUI thread and get the result back on it, by signal.

The worker never touches a widget: it calls the function and emits the result or the error;
the slot runs in the GUI thread. The relay object is parented to nothing and deleted with
``deleteLater`` once it has delivered, and the callbacks do not capture it, so no reference
cycle keeps a widget alive until a garbage collection that might run on a pool thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None]) -> None:
        super().__init__()
        self._on_done: Callable[[Any], None] | None = on_done
        self._on_error: Callable[[BaseException], None] | None = on_error
        self.succeeded.connect(self._deliver_result)
        self.failed.connect(self._deliver_error)

    @Slot(object)
    def _deliver_result(self, result: Any) -> None:
        callback, self._on_done, self._on_error = self._on_done, None, None
        _alive.discard(self)
        self.deleteLater()
        if callback is not None:
            callback(result)

    @Slot(object)
    def _deliver_error(self, exc: BaseException) -> None:
        callback, self._on_done, self._on_error = self._on_error, None, None
        _alive.discard(self)
        self.deleteLater()
        if callback is not None:
            callback(exc)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn, self.relay = fn, relay

    def run(self) -> None:
        fn, relay = self.fn, self.relay
        self.fn = self.relay = None  # type: ignore[assignment]
        try:
            result = fn()
        except BaseException as exc:
            relay.failed.emit(exc)
        else:
            relay.succeeded.emit(result)


# Relays waiting for their task; held here (not by the task) until they have delivered.
_alive: set[_Relay] = set()


def run_task(fn: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[BaseException], None]) -> None:
    """Call ``fn`` on the thread pool; ``on_done``/``on_error`` run later on the GUI thread."""
    relay = _Relay(on_done, on_error)
    _alive.add(relay)
    QThreadPool.globalInstance().start(_Task(fn, relay))


def wait_for_tasks(msecs: int = 5000) -> bool:
    """Tests and shutdown: wait until the pool is idle."""
    return QThreadPool.globalInstance().waitForDone(msecs)


QUIT_WAIT_MS = 5000


def finish_tasks_on_quit(app: QCoreApplication) -> None:
    """When the terminal quits, let running tasks end (up to ``QUIT_WAIT_MS``) before Qt and
    Python tear down: a task still running then finished into deleted objects, cut short,
    with a traceback on stderr ("Signal source has been deleted"). Their results are not
    delivered any more: nothing is left to show them. Connected once per application."""
    if app.property("hallapp_tasks_on_quit"):
        return
    app.setProperty("hallapp_tasks_on_quit", True)
    app.aboutToQuit.connect(lambda: wait_for_tasks(QUIT_WAIT_MS))
