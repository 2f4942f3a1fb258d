"""Domain errors.

Core and services raise these with a stable machine-readable ``code`` and the facts
needed to explain them; the UI and CLI turn them into translated text. The message given
here is a Simplified Chinese default for logs and the CLI.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A refusal by the rules of the hall: bad input, wrong state, not allowed."""

    code: str = "domain_error"
    exit_code: int = 10

    def __init__(self, message: str, *, code: str | None = None, **facts: Any) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.facts = facts

    def __str__(self) -> str:
        return self.message


class ValidationError(DomainError):
    """Input that does not fit: names the field (and row, for imports)."""

    code = "invalid"
    exit_code = 11

    def __init__(self, message: str, *, field: str | None = None, row: int | None = None,
                 code: str | None = None, **facts: Any) -> None:
        super().__init__(message, code=code, field=field, row=row, **facts)
        self.field = field
        self.row = row

    def restated(self, message: str, *, field: str | None = None, row: int | None = None,
                 **where: Any) -> ValidationError:
        """This refusal in a caller's words and place (its ``field``, ``row``, ``sheet``):
        the code and the other facts stay, so its translated text still reads right."""
        facts = {k: v for k, v in self.facts.items() if k not in ("field", "row", "sheet")}
        return ValidationError(message, field=field, row=row, code=self.code, **facts, **where)


class NotFound(DomainError):
    code = "not_found"
    exit_code = 12

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None,
                 **facts: Any) -> None:
        super().__init__(message, code=code, field=field, **facts)
        self.field = field  # the input that named it, shown next to that field as a
        # ValidationError is


class StateError(DomainError):
    """An action in the wrong state (calling a ticket already called, deciding a closed case)."""

    code = "wrong_state"
    exit_code = 13


class PermissionDenied(DomainError):
    code = "permission_denied"
    exit_code = 14


class WindowHeld(PermissionDenied):
    """The window is held by another clerk (who opened or claimed it and works it): acting
    on it, or taking it over without naming that clerk, is refused. Its own exit code, so a
    script can tell "someone else works here" from any other refusal."""

    code = "window_held"
    exit_code = 22


class AuthError(DomainError):
    code = "auth_failed"
    exit_code = 15


class QuotaExhausted(DomainError):
    code = "quota_exhausted"
    exit_code = 16


class EmptyQueue(DomainError):
    code = "queue_empty"
    exit_code = 17


class WindowPaused(DomainError):
    code = "window_paused"
    exit_code = 18


class RuleViolation(DomainError):
    """A decision the case rules forbid (e.g. 容缺 with a core material missing)."""

    code = "rule_violation"
    exit_code = 19


class Conflict(DomainError):
    """The action met another terminal's in the database (a deadlock, a serialization
    failure) and was undone, more than once: nothing of it was saved, and it may be tried
    again. Not a lost connection."""

    code = "db_conflict"
    exit_code = 21


class OutputError(DomainError):
    """A printer, file or font the command needs failed it (not the database, not input)."""

    code = "print_failed"
    exit_code = 20
