"""What every counter panel shares: the service context, the window number, off-thread calls.

A panel runs service calls with :meth:`CounterPanel.call`; the result comes back on the GUI
thread, a lost database goes to the window as ``connection_failed`` (banner, buttons off)
instead of a message box, and a panel destroyed meanwhile is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from hallapp.services.context import Ctx
from hallapp.ui.common.panel import ServicePanel
from hallapp.ui.common.widgets import duration_text, make_button, make_label, seconds_between

# the shared helpers stay importable from here (the supervisor client imports them so)
__all__ = ["CENTER", "CounterEnv", "CounterPanel", "duration_text", "make_button", "make_label",
           "seconds_between"]


@dataclass
class CounterEnv:
    """The clerk's context and the window they work; ``online`` follows the change feed."""

    ctx: Ctx
    window: int
    online: bool = True


class CounterPanel(ServicePanel):
    def __init__(self, env: CounterEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env


CENTER = Qt.AlignmentFlag.AlignCenter
