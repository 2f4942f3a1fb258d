"""Per-terminal rotating logs; errors shown to users carry a short reference into the log."""

from __future__ import annotations

import logging
import secrets
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
    path = log_dir() / f"hallapp-{role}.log"
    handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter(
        "%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(level)
    _configured = path
    return path


def log_error(exc: BaseException, context: str = "") -> str:
    """Log an unexpected error with its traceback; return the reference shown to the user."""
    ref = secrets.token_hex(3).upper()
    log.error("[ref %s] %s: %s", ref, context, exc, exc_info=exc)
    return ref


def current_log_path() -> Path | None:
    return _configured
