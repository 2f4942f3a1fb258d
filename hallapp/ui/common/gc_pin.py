"""Python's cyclic garbage collection, run on the GUI thread at quiet moments only.

Automatic collection runs in whichever thread happens to cross the allocation threshold:
a thread-pool worker loading rows, or the feed thread. A collection there can destroy
widgets caught in a reference cycle from the wrong thread. And a collection on the GUI
thread while a worker runs has crashed PySide6 (seen in CI: a segfault with the GUI
thread "Garbage-collecting" and a worker inside SQLAlchemy). So a client turns automatic
collection off and a GUI-thread timer collects instead, by the interpreter's own
generation thresholds, when no background task is running (pattern used by calibre and
pyqtgraph for the same reason).

The same quiet moments also drop the module sources PySide6's import hook leaves behind
(:func:`drop_module_sources`).
"""

from __future__ import annotations

import gc
import linecache

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, QTimer

INTERVAL_MS = 500
# A pool that is never idle must not stop collection for good: collect anyway after this
# many skipped ticks (workers hold no widgets, so this is the rare, old-risk case).
MAX_SKIPS = 20


def collect_due() -> int | None:
    """Collect the oldest generation whose count passed its threshold; the generation or
    None when nothing was due. What the interpreter would have done automatically."""
    counts, limits = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if limits[generation] and counts[generation] > limits[generation]:
            gc.collect(generation)
            return generation
    return None


def drop_module_sources() -> int:
    """Forget the module source texts ``linecache`` holds; how many were dropped.

    PySide6 replaces ``__import__``, and for every module imported after it reads the
    module's source (``inspect.getsource``) to see whether it asks for ``from __feature__
    import``; linecache keeps each text read. In a client that is every hallapp, SQLAlchemy
    and later reportlab module: ~9 MB of text in 250,000 strings that nothing reads again
    (about 15 MB of the kiosk's heap). A traceback reads its files again when it needs them.
    Entries without a file time (code generated at run time, e.g. by SQLAlchemy, or loaded
    lazily) cannot be read again and stay. GUI thread, pool idle only: a worker formatting a
    traceback meanwhile could see an entry vanish between two of its lookups.
    """
    dropped = 0
    for name, entry in list(linecache.cache.items()):
        if len(entry) == 4 and entry[1] is not None:  # (size, mtime, lines, path)
            linecache.cache.pop(name, None)
            dropped += 1
    return dropped


class GcPin(QObject):
    """Owns the timer; parented to the application, so it lives as long as the process."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.skipped = 0
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        busy = QThreadPool.globalInstance().activeThreadCount() > 0
        if busy and self.skipped < MAX_SKIPS:
            self.skipped += 1
            return
        self.skipped = 0
        collect_due()
        if not busy:
            drop_module_sources()


def pin_gc_to_gui_thread(app: QCoreApplication) -> None:
    """Once per process: automatic collection off, the GUI-thread timer on."""
    if app.findChild(GcPin) is None:
        gc.disable()
        GcPin(app)
