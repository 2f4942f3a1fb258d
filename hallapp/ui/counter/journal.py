"""The local journal of a half-entered intake, so nothing the clerk typed is lost.

Every edit of the intake (item, applicant form, checklist marks) rewrites
``<user data dir>/counter-journal-<window>.json`` atomically. The file survives a crash or a
restart of the client and an outage of the database: marks the database has not taken yet
are listed in ``pending`` and sent when the connection returns. A decision recorded (or the
clerk discarding the intake, or the ticket it was for leaving the window) deletes the file.
The draft names its ticket (id and number): it is that applicant's, never the next one's.
No Qt here.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hallapp.config import data_dir

if TYPE_CHECKING:
    from hallapp.services.case_views import CaseDetail
    from hallapp.services.queue_common import TicketInfo

log = logging.getLogger("hallapp.ui.counter")


@dataclass
class IntakeDraft:
    """Everything of one intake that exists only on this screen until it is recorded."""

    ticket: str | None = None  # its number, as the clerk knows it
    ticket_id: int | None = None  # None in a journal written before ids were kept
    item_code: str | None = None
    item_name: str | None = None
    applicant: dict[str, str] = field(default_factory=dict)  # kind, name, id_number, phone
    agent: dict[str, str] | None = None  # name, id_number, authorisation, phone
    case: str | None = None  # case number once opened
    marks: dict[str, dict[str, Any]] = field(default_factory=dict)  # code -> status, copies…
    pending: list[str] = field(default_factory=list)  # mark codes not yet recorded
    saved_at: str | None = None

    def is_empty(self) -> bool:
        return not (self.item_code or self.case or self.marks
                    or any(v for k, v in self.applicant.items() if k != "kind")
                    or (self.agent and any(self.agent.values())))

    def is_for(self, ticket: TicketInfo | None) -> bool:
        """Whether this is the intake of ``ticket`` (one begun with no ticket at the window
        is the next one's)."""
        if self.ticket_id is None and self.ticket is None:
            return True
        if ticket is None:
            return False
        if self.ticket_id is not None:
            return self.ticket_id == ticket.id
        return self.ticket == ticket.number  # a journal from before ticket ids were kept

    def of_case(self, ticket_id: int, ticket: str, found: CaseDetail) -> IntakeDraft:
        """The intake of an undecided case opened before (its ticket suspended and back):
        what the database holds, with marks made here meanwhile (the same item's, on
        materials the database has none for) as pending."""
        case = found.case
        marks: dict[str, dict[str, Any]] = {
            m.code: {"status": m.status, "copies": m.copies, "note": m.note}
            for m in found.materials if m.status}
        kept = {c: m for c, m in self.marks.items() if self.item_code == case.item_code
                and c not in marks and m.get("status")}
        agent = None if case.agent is None else {
            "agent_name": case.agent.get("name") or "",
            "agent_id_number": case.agent.get("id_number") or "",
            "authorisation": case.agent.get("authorisation") or "",
            "agent_phone": case.agent.get("phone") or ""}
        return IntakeDraft(
            ticket=ticket, ticket_id=ticket_id, item_code=case.item_code,
            item_name=case.item_name, applicant={
                "kind": case.applicant_kind, "name": case.applicant_name,
                "id_number": case.applicant_id, "phone": case.phone or ""},
            agent=agent, case=case.number, marks={**marks, **kept}, pending=list(kept))


def _utc_now() -> datetime:
    return datetime.now(UTC)


class IntakeJournal:
    def __init__(self, window: int, folder: Path | None = None,
                 clock: Callable[[], datetime] = _utc_now) -> None:
        self.path = (folder or data_dir()) / f"counter-journal-{window}.json"
        self.clock = clock  # the hall's (the client's ``ctx.clock``)

    def save(self, draft: IntakeDraft) -> None:
        """Write the draft whole or not at all; an empty draft removes the file."""
        if draft.is_empty():
            self.clear()
            return
        draft.saved_at = self.clock().astimezone(UTC).isoformat(timespec="seconds")
        partial = self.path.with_name(f".{self.path.name}.part")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_text(json.dumps(asdict(draft), ensure_ascii=False, indent=1),
                               encoding="utf-8")
            os.replace(partial, self.path)
        except OSError as exc:  # a full disk must not stop the counter
            log.warning("counter journal not written: %s", exc)

    def load(self) -> IntakeDraft | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("counter journal unreadable, kept aside: %s", exc)
            self.path.replace(self.path.with_suffix(".broken"))
            return None
        known = IntakeDraft.__dataclass_fields__
        draft = IntakeDraft(**{k: v for k, v in data.items() if k in known})
        return None if draft.is_empty() else draft

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


def saved_at_text(saved_at: str | None, zone: tzinfo | None, now: datetime) -> str:
    """When a draft was saved, on the hall's clock (``zone``; None: this machine's): "09:12"
    today, "2026-11-27 23:08" another day; "" if unknown."""
    try:
        moment = datetime.fromisoformat(saved_at or "")
    except ValueError:
        return saved_at or ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(zone)
    if local.date() == now.astimezone(zone).date():
        return f"{local:%H:%M}"
    return f"{local:%Y-%m-%d %H:%M}"
