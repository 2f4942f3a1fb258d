"""This terminal's own settings (管理 → 终端设备), as the administrator saved them.

They are kept in the hall settings (``devices``, by terminal name: ``HALLAPP_TERMINAL``, else
the host name; the client's ``ctx.terminal``) and apply only to a client of the kind saved
there: a kiosk takes its language, ticket printer, roll width and idle time; a counter its
printer, roll width (tickets and slips it prints) and language; a call display its language;
a rating pad its language and idle time. Each client applies them when it reads the hall: at
its start and after every ``hall_changed``. What the command line gives (``--lang``; the
launcher's ``options``) wins over them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QApplication

from hallapp.ui.common.errors import is_english
from hallapp.ui.common.qt_app import set_language


@dataclass(frozen=True)
class Device:
    printer: str | None = None  # a Qt printer's name; None: save PDFs
    roll_width_mm: int = 80
    idle_seconds: int = 60
    language: str = "zh"


def device_for(settings: Mapping[str, Any], terminal: str | None, kind: str) -> Device | None:
    """The settings saved for ``terminal`` if it was saved as a ``kind`` terminal."""
    devices = settings.get("devices")
    entry = devices.get(terminal) if isinstance(devices, Mapping) and terminal else None
    if not isinstance(entry, Mapping) or entry.get("kind") != kind:
        return None
    roll, idle = entry.get("roll_width_mm"), entry.get("idle_seconds")
    return Device(printer=str(entry.get("printer") or "") or None,
                  roll_width_mm=roll if roll in (58, 80) else 80,
                  idle_seconds=idle if isinstance(idle, int) and idle > 0 else 60,
                  language="en" if entry.get("language") == "en" else "zh")


def follow_language(device: Device | None, options: Mapping[str, Any]) -> bool:
    """Switch the application to the device's language, unless the command line named one
    (``options["lang"]``); True when it switched."""
    if device is None or options.get("lang"):
        return False
    app = QApplication.instance()
    if not isinstance(app, QApplication) or is_english() == (device.language == "en"):
        return False
    set_language(app, device.language)
    return True
