"""Reading and verifying the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from hallapp.core.audit_chain import ChainEntry, ChainProblem, verify_chain
from hallapp.core.audit_labels import ENTITY_LABELS
from hallapp.core.errors import ValidationError
from hallapp.core.roles import Perm
from hallapp.services.context import Ctx, action, check_row_limit
from hallapp.store.models import AuditEntry, FeedHead

BATCH = 5000


@dataclass(frozen=True)
class AuditReport:
    entries: int
    ok: bool
    problems: tuple[ChainProblem, ...]


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: str
    actor: str
    terminal: str | None
    action: str
    entity: str
    entity_id: str | None
    before: Any
    after: Any


@action(Perm.VIEW_AUDIT)
def verify_audit(ctx: Ctx) -> AuditReport:
    """Recompute the whole hash chain (streamed in batches) and compare with the head row."""
    with ctx.uow(readonly=True) as uow:
        head = uow.session.get(FeedHead, 1)
        rows = uow.session.execute(
            select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=BATCH)
        ).scalars()
        entries = (ChainEntry(r.id, r.at.isoformat(), r.actor, r.action, r.entity, r.entity_id,
                              r.before, r.after, r.prev_hash, r.hash) for r in rows)
        counter = _Counter(entries)
        problems = verify_chain(counter, head.audit_seq if head else None,
                                head.audit_hash if head else None)
    return AuditReport(counter.count, not problems, tuple(problems))


class _Counter:
    def __init__(self, it: Any) -> None:
        self.it, self.count = it, 0

    def __iter__(self) -> Any:
        for e in self.it:
            self.count += 1
            yield e


@action(Perm.VIEW_AUDIT)
def list_audit(ctx: Ctx, *, limit: int = 100, entity: str | None = None,
               entity_id: str | None = None) -> list[AuditRow]:
    check_row_limit(limit)
    if entity and entity not in ENTITY_LABELS:
        raise ValidationError(f"未知的对象类型：{entity}", field="entity", code="unknown_entity",
                              entity=entity)
    with ctx.uow(readonly=True) as uow:
        stmt = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
        if entity:
            stmt = stmt.where(AuditEntry.entity == entity)
        if entity_id:
            stmt = stmt.where(AuditEntry.entity_id == entity_id)
        return [AuditRow(r.id, r.at.isoformat(), r.actor, r.terminal, r.action, r.entity,
                         r.entity_id, r.before, r.after) for r in uow.session.scalars(stmt)]
