"""The base of every client panel: service calls off the GUI thread, text on language change.

A panel runs a service call with :meth:`ServicePanel.call`; the result comes back on the GUI
thread only while the panel still exists (a panel destroyed meanwhile is left alone), and a
lost database is emitted as ``connection_failed`` so the window can show its banner instead
of a message box. Whether the caller's error slot still runs after such a failure is the
client's choice (:attr:`ServicePanel.CONNECTION_ERRORS_TO_CALLER`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from hallapp.services.context import is_connection_error
from hallapp.ui.common.tasks import run_task


class ServicePanel(QWidget):
    connection_failed = Signal(object)
    # False: a lost database goes only to ``connection_failed`` (the kiosk's offline page)
    CONNECTION_ERRORS_TO_CALLER: ClassVar[bool] = True

    def retranslate(self) -> None:
        """Set every user-visible text again (on build and on a language change)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def call(self, fn: Callable[[], Any], on_done: Callable[[Any], object],
             on_error: Callable[[BaseException], object]) -> None:
        """Run ``fn`` off the GUI thread; callbacks run on it only while the panel lives."""

        def done(result: Any) -> None:
            if isValid(self):
                on_done(result)

        def failed(exc: BaseException) -> None:
            if not isValid(self):
                return
            if is_connection_error(exc):
                self.connection_failed.emit(exc)
                if not self.CONNECTION_ERRORS_TO_CALLER:
                    return
            on_error(exc)

        run_task(fn, done, failed)
