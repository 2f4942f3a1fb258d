"""Free text people type (a reason, a name): required where it must be, and never longer than
its column. Refused by name when too long; cutting it would store something nobody wrote
(and PostgreSQL refuses an overlong value outright, as an internal error)."""

from __future__ import annotations

from hallapp.core.errors import ValidationError

MAX_REASON = 200  # window.state_reason; a ticket's note holds 300
MAX_PERSON_NAME = 100  # appointment.name


def required_reason(reason: str | None, what: str) -> str:
    """``reason`` stripped; ``what`` names the action ("暂停") in the refusal."""
    text = optional_reason(reason)
    if text is None:
        raise ValidationError(f"{what}须填写原因", field="reason", code="reason_required")
    return text


def optional_reason(reason: str | None) -> str | None:
    text = (reason or "").strip()
    return bounded(text, "原因", "reason", MAX_REASON) if text else None


def bounded(text: str, label: str, field: str, limit: int) -> str:
    if len(text) > limit:
        raise ValidationError(f"{label}过长（{len(text)} 字，最多 {limit} 字）", field=field,
                              code="too_long", limit=limit, length=len(text))
    return text
