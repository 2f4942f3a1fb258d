"""The hall's identity: name, English name, address (Chinese and English) and phone, set at
init and changed later.

A new hall was ``政务服务中心`` with no address or phone, and nothing could change that: the
tickets, slips, receipts and notices it printed named no place and no number to call.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from hallapp.core.errors import PermissionDenied, ValidationError
from hallapp.services import admin, printing, tickets
from hallapp.services.context import Ctx
from hallapp.services.hall import get_hall
from hallapp.services.setup import init_database, is_demo
from hallapp.store.models import AuditEntry, Event, Hall
from hallapp.store.uow import Database

CtxFor = Callable[[str], Ctx]
NEW = {"name": "深圳市南山区政务服务中心", "name_en": "Nanshan District Government Service Center",
       "address": "深圳市南山区南山大道2072号",
       "address_en": "2072 Nanshan Avenue, Nanshan District, Shenzhen", "phone": "0755 2666 1234"}


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "".join("".join((p.extract_text() or "").split()) for p in reader.pages)


def identity_audits(db: Database) -> list[tuple[Any, Any]]:
    with db.read_session() as s:
        return [(a.before, a.after) for a in s.scalars(select(AuditEntry).where(
            AuditEntry.action == "hall_identity_update").order_by(AuditEntry.id))]


def test_the_identity_is_changed_audited_with_before_and_announced(
        ctx_for: CtxFor, hall_db: Database) -> None:
    before = get_hall(ctx_for("admin1"))
    now = admin.set_identity(ctx_for("admin1"), NEW)
    assert now == {**NEW, "phone": "0755-26661234"}  # as the phone check writes it
    hall = get_hall(ctx_for("clerk1"))
    assert (hall.name, hall.name_en, hall.address, hall.phone) == (
        NEW["name"], NEW["name_en"], NEW["address"], "0755-26661234")
    assert identity_audits(hall_db) == [(
        {"name": before.name, "name_en": before.name_en, "address": before.address,
         "address_en": before.address_en, "phone": before.phone}, now)]
    with hall_db.read_session() as s:
        kinds = [e.kind for e in s.scalars(select(Event).order_by(Event.id))]
    assert kinds[-1] == "hall_changed"  # the kiosks and displays follow at once
    # only what is given changes; the same again writes nothing
    admin.set_identity(ctx_for("admin1"), {"address": ""})
    assert get_hall(ctx_for("admin1")).address is None
    assert get_hall(ctx_for("admin1")).name == NEW["name"]
    admin.set_identity(ctx_for("admin1"), {"name": NEW["name"]})
    assert len(identity_audits(hall_db)) == 2


@pytest.mark.parametrize(("changes", "field", "code"), [
    ({"name": "  "}, "name", "field_required"),
    ({"name": "名" * 201}, "name", "field_too_long"),
    ({"address": "址" * 301}, "address", "field_too_long"),
    ({"phone": "12345"}, "phone", "phone_format"),
    ({"name": "新名称", "phone": "0755-1"}, "phone", "phone_format"),  # nothing of it saved
    ({"motto": "为民服务"}, "motto", "unknown_hall_field"),
])
def test_a_bad_identity_is_refused_at_its_field_and_saves_nothing(
        ctx_for: CtxFor, hall_db: Database, changes: dict[str, str], field: str,
        code: str) -> None:
    before = get_hall(ctx_for("admin1"))
    with pytest.raises(ValidationError) as info:
        admin.set_identity(ctx_for("admin1"), changes)
    assert (info.value.field, info.value.code) == (field, code)
    assert get_hall(ctx_for("admin1")) == before
    assert identity_audits(hall_db) == []


def test_only_an_administrator_changes_the_identity(ctx_for: CtxFor) -> None:
    for user in ("clerk1", "supervisor1", "kiosk1"):
        with pytest.raises(PermissionDenied):
            admin.set_identity(ctx_for(user), {"name": "别的大厅"})


def test_tickets_print_the_identity_as_it_now_is(ctx_for: CtxFor) -> None:
    admin.set_identity(ctx_for("admin1"), NEW)
    info = tickets.take_ticket(ctx_for("kiosk1"), "A")
    text = pdf_text(printing.ticket_document(ctx_for("kiosk1"), info.id).pdf)
    for expected in (NEW["name"], "地址：深圳市南山区南山大道2072号", "咨询电话：0755-26661234"):
        assert expected in text, expected
    english = pdf_text(printing.ticket_document(ctx_for("kiosk1"), info.id, lang="en").pdf)
    assert "NanshanDistrictGovernmentServiceCenter" in english
    assert "Enquiries:0755-26661234" in english


def test_english_papers_print_the_english_address_else_the_chinese(ctx_for: CtxFor) -> None:
    """The hall had no English address: an English ticket printed the Chinese one."""
    admin.set_identity(ctx_for("admin1"), NEW)
    assert get_hall(ctx_for("clerk1")).address_en == NEW["address_en"]
    info = tickets.take_ticket(ctx_for("kiosk1"), "A")
    english = pdf_text(printing.ticket_document(ctx_for("kiosk1"), info.id, lang="en").pdf)
    assert "Address:2072NanshanAvenue,NanshanDistrict,Shenzhen" in english
    assert "南山大道" not in english
    chinese = pdf_text(printing.ticket_document(ctx_for("kiosk1"), info.id).pdf)
    assert "地址：深圳市南山区南山大道2072号" in chinese
    assert "Nanshan" not in chinese
    admin.set_identity(ctx_for("admin1"), {"address_en": ""})  # none set: the Chinese one
    english = pdf_text(printing.ticket_document(ctx_for("kiosk1"), info.id, lang="en").pdf)
    assert "Address:深圳市南山区南山大道2072号" in english


def test_init_names_a_new_hall(empty_db: Database) -> None:
    init_database(empty_db, admin_password="Init-pass-2026", identity=NEW)
    with empty_db.read_session() as s:
        hall = s.scalars(select(Hall)).one()
        assert (hall.name, hall.name_en, hall.address, hall.address_en, hall.phone) == (
            NEW["name"], NEW["name_en"], NEW["address"], NEW["address_en"], "0755-26661234")
        assert not is_demo(hall)


def test_init_refuses_a_bad_phone_and_makes_no_hall(empty_db: Database) -> None:
    with pytest.raises(ValidationError) as info:
        init_database(empty_db, admin_password="Init-pass-2026", identity={"phone": "110"})
    assert info.value.field == "phone"
    with empty_db.read_session() as s:
        assert s.scalars(select(Hall)).first() is None


def test_the_demo_hall_is_a_real_shenzhen_hall(hall_db: Database) -> None:
    with hall_db.read_session() as s:
        hall = s.scalars(select(Hall)).one()
        assert hall.address is not None
        assert hall.address.startswith("深圳市")
        assert "演示" not in hall.address
        assert hall.address_en == ("1/F, Block B, Citizen Center, 1 Fuzhong 3rd Road, "
                                   "Futian District, Shenzhen")
        assert hall.phone is not None
        assert "（演示）" in hall.name
        assert is_demo(hall)
