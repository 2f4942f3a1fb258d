"""Where things live: the database URL, data and log directories, terminal settings.

Order of precedence for the database: ``--db URL`` on the command line, then the
``HALLAPP_DB_URL`` environment variable, then one SQLite file in the user data directory.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import platformdirs

APP_NAME = "hallapp"


def data_dir() -> Path:
    path = Path(os.environ.get("HALLAPP_DATA_DIR") or platformdirs.user_data_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = Path(os.environ.get("HALLAPP_LOG_DIR") or platformdirs.user_log_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_url() -> str:
    return f"sqlite:///{data_dir() / 'hallapp.sqlite3'}"


def resolve_db_url(cli_value: str | None = None) -> str:
    return cli_value or os.environ.get("HALLAPP_DB_URL") or default_db_url()


def terminal_name() -> str:
    """Names this terminal in the audit and print logs (set HALLAPP_TERMINAL per machine)."""
    return os.environ.get("HALLAPP_TERMINAL") or socket.gethostname()


def resources_dir() -> Path:
    """The repository's resources/ folder (demo data, styles, sounds)."""
    return Path(__file__).resolve().parent.parent / "resources"
