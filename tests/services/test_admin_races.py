"""Two administrators creating the same thing at the same moment get a refusal in words.

On PostgreSQL both read the new department code, queue code or prefix, or item version as
free; the second insert waits for the first and then breaks the unique constraint. That
``IntegrityError`` reached the screen as "系统错误（参考号…）". Now each is refused by the
constraint it broke, with its own code, and nothing of the second save is kept. (SQLite's one
write lock lets the second read what the first wrote: it never gets that far.)
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
from racekit import Statement, in_flight
from sqlalchemy import func, select

from hallapp.core.errors import DomainError, StateError, ValidationError
from hallapp.services import admin
from hallapp.services.catalogue import export_catalogue, import_catalogue
from hallapp.services.context import Ctx
from hallapp.store.models import AuditEntry, Department, Queue, ServiceItem
from hallapp.store.uow import Database

pytestmark = pytest.mark.parametrize("engine_name", ["postgresql"])  # SQLite has no race
ITEM = "440300000000069391780001"


@pytest.fixture
def ctx(ctx_for: Callable[[str], Ctx]) -> Ctx:
    return ctx_for("admin1")


def _refused_after_waiting(db: Database, other: list[Statement], save: Callable[[], Any],
                           kind: type[DomainError], code: str) -> DomainError:
    """``save`` waits for the other administrator's insert in flight, which then commits;
    ``save`` is refused with ``code`` and writes no audit entry."""
    with db.read_session() as s:
        audits = s.scalar(select(func.count()).select_from(AuditEntry))
    outcome = in_flight(db, other, save)
    assert outcome.waited
    assert isinstance(outcome.error, kind), outcome.error
    assert outcome.error.code == code
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == audits
    return outcome.error


def test_a_department_added_at_the_same_moment(ctx: Ctx, hall_db: Database) -> None:
    other = ("INSERT INTO department (code, name) VALUES ('SZNEW', '新部门甲')", {})
    refusal = _refused_after_waiting(
        hall_db, [other], lambda: admin.save_department(ctx, "SZNEW", "新部门乙"),
        StateError, "department_added_meanwhile")
    assert refusal.message.startswith("部门 SZNEW 刚由其他终端同时建立，本次保存未生效")
    with hall_db.read_session() as s:
        assert s.scalars(select(Department.name).where(Department.code == "SZNEW")).all() == [
            "新部门甲"]
    admin.save_department(ctx, "SZNEW", "新部门乙")  # tried again: it is an edit now


def _queue_insert(code: str, prefix: str) -> Statement:
    return ("INSERT INTO queue (hall_id, code, name, prefix, time_quotas, target_wait_minutes,"
            " active) VALUES (1, :code, '新队列甲', :prefix, '[]', 20, true)",
            {"code": code, "prefix": prefix})


def test_a_queue_added_at_the_same_moment(ctx: Ctx, hall_db: Database) -> None:
    refusal = _refused_after_waiting(
        hall_db, [_queue_insert("Q", "Q")],
        lambda: admin.save_queue(ctx, {"code": "Q", "name": "新队列乙", "prefix": "QA"}),
        StateError, "queue_added_meanwhile")
    assert refusal.message.startswith("队列 Q 刚由其他终端同时建立，本次保存未生效")
    with hall_db.read_session() as s:
        assert s.scalars(select(Queue.prefix).where(Queue.code == "Q")).all() == ["Q"]


def test_a_prefix_given_to_another_queue_at_the_same_moment(ctx: Ctx,
                                                            hall_db: Database) -> None:
    refusal = _refused_after_waiting(
        hall_db, [_queue_insert("Q1", "Q")],
        lambda: admin.save_queue(ctx, {"code": "Q2", "name": "新队列乙", "prefix": "Q"}),
        ValidationError, "prefix_taken_meanwhile")
    assert isinstance(refusal, ValidationError)
    assert refusal.field == "prefix"
    assert refusal.message.startswith("前缀 Q 刚被其他终端同时保存的队列占用")
    with hall_db.read_session() as s:
        assert s.scalar(select(func.count()).where(Queue.code == "Q2")) == 0


def _item_insert(hall_db: Database, code: str, version: int) -> Statement:
    with hall_db.read_session() as s:
        dept, queue = s.execute(select(ServiceItem.department_id, ServiceItem.queue_id)
                                .where(ServiceItem.code == ITEM)).one()
    return ("INSERT INTO service_item (code, version, in_force, name, department_id, queue_id,"
            " handling_type, data, created_at) VALUES (:code, :version, true, '甲的事项', :dept,"
            " :queue, 'promised', :data, now())",
            {"code": code, "version": version, "dept": dept, "queue": queue,
             "data": json.dumps({"code": code})})


def _item(ctx: Ctx, code: str) -> dict[str, Any]:
    data = next(i for i in export_catalogue(ctx)["items"] if i["code"] == ITEM)
    return {**copy.deepcopy(data), "code": code, "version": 1, "name": "乙的事项"}


def test_a_new_item_saved_at_the_same_moment(ctx: Ctx, hall_db: Database) -> None:
    data = _item(ctx, "NEW1")
    refusal = _refused_after_waiting(
        hall_db, [_item_insert(hall_db, "NEW1", 1)],
        lambda: admin.save_item(ctx, data, based_on=0), StateError, "item_saved_meanwhile")
    assert refusal.message.startswith("事项 NEW1 刚由其他终端同时保存，本次保存未生效")
    with hall_db.read_session() as s:
        assert s.scalars(select(ServiceItem.name).where(ServiceItem.code == "NEW1")).all() == [
            "甲的事项"]


def test_an_import_beside_an_edit_of_the_same_item(ctx: Ctx, hall_db: Database) -> None:
    """The edit (version 2, in flight) retires version 1 and adds version 2; the import,
    reading version 1 in force, waited for it and then numbered its version 2 as well."""
    edit = [("UPDATE service_item SET in_force = false WHERE code = :code",
             {"code": ITEM}), _item_insert(hall_db, ITEM, 2)]
    data = {**_item(ctx, ITEM), "name": "导入的新名称"}
    doc = {"format": "hallapp-catalogue", "version": 1, "departments": [], "queues": [],
           "items": [data]}
    _refused_after_waiting(hall_db, edit, lambda: import_catalogue(ctx, doc), StateError,
                           "item_saved_meanwhile")
    with hall_db.read_session() as s:
        assert s.execute(select(ServiceItem.version, ServiceItem.name).where(
            ServiceItem.code == ITEM, ServiceItem.in_force.is_(True))).all() == [(2, "甲的事项")]
