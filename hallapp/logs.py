"""Per-terminal rotating logs; errors shown to users carry a short reference into the log."""

from __future__ import annotations

import logging
import os
import secrets
import sys
import tempfile
from logging.handlers import RotatingFileHandler
from pathlib import Path

from hallapp.config import log_dir

log = logging.getLogger("hallapp")
_configured: Path | None = None


def setup_logging(role: str = "cli", level: int = logging.INFO) -> Path:
    """Log to ``<user log dir>/hallapp-<role>.log`` (5 × 2 MB, rotating). Idempotent."""
    global _configured
    if _configured is not None:
        return _configured
    name = f"hallapp-{role}.log"
    try:
        path = log_dir() / name
        handler: logging.Handler = _file_handler(path)
    except OSError as exc:
        # A log directory that cannot be written must not stop the hall: log to a new
        # private folder under the system's temporary directory instead (made for this
        # process: a folder of a guessable name could be another user's), and say so once.
        try:
            path = Path(tempfile.mkdtemp(prefix="hallapp-logs-")) / name
            handler = _file_handler(path)
        except OSError:
            path, handler = Path(os.devnull), logging.NullHandler()
        print(f"hallapp: 日志目录不可写（{exc.strerror or exc}），日志改写到 {path}",
              file=sys.stderr)
    handler.setFormatter(logging.Formatter(
        "%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(level)
    _configured = path
    return path


def _file_handler(path: Path) -> logging.Handler:
    return RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")


def log_error(exc: BaseException, context: str = "") -> str:
    """Log an unexpected error with its traceback; return the reference shown to the user."""
    ref = secrets.token_hex(3).upper()
    log.error("[ref %s] %s: %s", ref, context, exc, exc_info=exc)
    return ref


def current_log_path() -> Path | None:
    return _configured
