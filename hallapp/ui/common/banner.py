"""The red "database lost" strip of a terminal window, and what switches it.

The change feed reports a lost and a restored connection; a panel's service call that fails
on the connection reports it too (``ServicePanel.connection_failed``). Each goes to the
window's ``set_online``, which shows the banner and disables what needs the database. An
outage too short for the feed to notice would leave the window offline for good, so after a
panel's failure the banner asks the window to ``probe`` (reload something) a moment later.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from hallapp.ui.common.feed import FeedWatcher
from hallapp.ui.common.panel import ServicePanel

PROBE_MS = 2000


class ConnectionBanner(QLabel):
    """Hidden while the database answers; the window sets its (translated) text."""

    def __init__(self, feed: FeedWatcher, set_online: Callable[[bool], None],
                 probe: Callable[[], None], log: logging.Logger,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setWordWrap(True)
        self.hide()
        self.feed = feed
        self._set_online, self._probe, self._log = set_online, probe, log
        feed.connection_lost.connect(self._on_feed_connection_lost)
        feed.connection_restored.connect(self._on_feed_connection_restored)

    def watch(self, *panels: ServicePanel) -> None:
        """Take the panels' connection failures as a lost database."""
        for panel in panels:
            panel.connection_failed.connect(self._on_panel_connection_failed)

    def _on_feed_connection_lost(self, _why: str) -> None:
        self._set_online(False)

    def _on_feed_connection_restored(self) -> None:
        self._set_online(True)

    def _on_panel_connection_failed(self, exc: BaseException) -> None:
        client = self._log.name.rpartition(".")[2]
        self._log.warning("%s: database unreachable: %s", client, exc)
        self._set_online(False)
        if self.feed.online:  # an outage too short for the feed: probe by reloading
            QTimer.singleShot(PROBE_MS, self, self._probe)
