"""Numbering and writing the audit entries and change-feed events of committed work.

Every writing unit of work ends by numbering its audit entries (the hash chain) and events
from the single ``feed_head`` row and writing them; ``UnitOfWork._write_log`` does it in its
own transaction, the batch writer's ``Batch`` once for all the operations of a batch.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from hallapp.core.audit_chain import entry_hash_of_texts, normal_json
from hallapp.core.roles import SYSTEM_ACTOR, Actor
from hallapp.store.rawsql import RawSQL

FEED_CHANNEL = "hallapp_feed"

_INSERT_AUDIT = (
    "INSERT INTO audit_log (id, at, actor_id, actor, terminal, action, entity, entity_id, "
    "before, after, prev_hash, hash) VALUES (:id, :at, :actor_id, :actor, :terminal, :action, "
    ":entity, :entity_id, :before, :after, :prev_hash, :hash)")
_INSERT_EVENT = "INSERT INTO event (id, at, kind, payload) VALUES (:id, :at, :kind, :payload)"


@dataclass(frozen=True)
class Head:
    """The last audit entry's id and hash and the last event id (``feed_head``)."""

    audit_seq: int
    audit_hash: str
    event_seq: int


@dataclass
class LogRows:
    audits: list[dict[str, Any]]
    events: list[dict[str, Any]]


def read_head(raw: RawSQL) -> Head:
    """The feed head, locked until commit (PostgreSQL; SQLite's writer holds the file)."""
    lock = "" if raw.sqlite else " FOR UPDATE"
    row = raw.row(f"SELECT audit_seq, audit_hash, event_seq FROM feed_head WHERE id = 1{lock}")
    assert row is not None, "feed_head row missing: database not initialised"
    return Head(int(row[0]), str(row[1]), int(row[2]))


def number_log(raw: RawSQL, head: Head, actor: Actor, terminal: str | None, now: datetime,
               audits: list[dict[str, Any]], events: list[tuple[str, str]],
               into: LogRows) -> Head:
    """Number ``audits`` and ``events`` after ``head`` into ``into``; the new head. Their
    JSON comes as text (``UnitOfWork.audit``, ``emit``), stored as it is."""
    audit_seq, audit_hash, event_seq = head.audit_seq, head.audit_hash, head.event_seq
    at = now.astimezone(UTC)
    at_iso, stored_at = at.isoformat(), raw.at(at)
    for a in audits:
        audit_seq += 1
        name, staff_id = (a["by"], None) if "by" in a else (actor.username, actor.staff_id)
        digest = entry_hash_of_texts(audit_hash, audit_seq, at_iso, name,
                                     a["action"], a["entity"], a["entity_id"], a["before"],
                                     a["after"])
        into.audits.append({**a, "id": audit_seq, "at": stored_at, "actor_id": staff_id,
                            "actor": name, "terminal": terminal,
                            "prev_hash": audit_hash, "hash": digest,
                            "before": raw.json_text(a["before"]),
                            "after": raw.json_text(a["after"])})
        audit_hash = digest
    for kind, payload in events:
        event_seq += 1
        into.events.append({"id": event_seq, "at": stored_at, "kind": kind,
                            "payload": raw.json_text(payload)})
    return Head(audit_seq, audit_hash, event_seq)


def write_log(raw: RawSQL, rows: LogRows, head: Head) -> None:
    """Insert the numbered rows and move the head; on PostgreSQL also wake the listeners.

    One round trip for all of it (PostgreSQL): the feed head stays locked until COMMIT, while
    every other terminal of the hall waits for that lock."""
    with raw.pipelined():
        raw.run_many(_INSERT_AUDIT, rows.audits)
        raw.run_many(_INSERT_EVENT, rows.events)
        raw.run("UPDATE feed_head SET audit_seq = :a, audit_hash = :h, event_seq = :e "
                "WHERE id = 1", a=head.audit_seq, h=head.audit_hash, e=head.event_seq)
        if not raw.sqlite and rows.events:
            raw.run("SELECT pg_notify(:c, :p)", c=FEED_CHANNEL, p=str(head.event_seq))


class SystemAudit:
    """Audit entries the system writes outside any unit of work, in the caller's transaction
    (``schema.upgrade``: the accounts a migration renamed), numbered after the chain's head
    as a unit of work's are; the actor is ``system``, as for the 秒批."""

    def __init__(self, terminal: str) -> None:
        self.terminal = terminal
        self.pending: list[dict[str, Any]] = []

    def audit(self, action: str, entity: str, entity_id: object = None, *,
              before: Any = None, after: Any = None) -> None:
        self.pending.append({
            "action": action, "entity": entity,
            "entity_id": None if entity_id is None else str(entity_id),
            "before": normal_json(before), "after": normal_json(after)})

    def write(self, raw: RawSQL, now: datetime) -> None:
        if not self.pending:
            return
        rows = LogRows([], [])
        head = number_log(raw, read_head(raw), SYSTEM_ACTOR, self.terminal, now, self.pending,
                          [], rows)
        write_log(raw, rows, head)
        self.pending = []
