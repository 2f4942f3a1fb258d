"""Printing service: documents built from real rows, masking, and the print log.

Every test runs on SQLite and PostgreSQL (``hall_db``) with the demo hall. Tickets come from
``take_ticket``, appointments from ``book``; cases are inserted as rows directly (the case
workflow services are not used), in the state each document belongs to. PDF text is read
back with pypdf.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from conftest import FakeClock
from pypdf import PdfReader
from sqlalchemy import select

from hallapp.cli.main import main
from hallapp.core.case_rules import verification_code
from hallapp.core.errors import NotFound, PermissionDenied, StateError, ValidationError
from hallapp.services import appointments, printing, tickets, windows
from hallapp.services.context import Ctx
from hallapp.store.models import (
    AuditEntry,
    Case,
    CaseTransition,
    Event,
    Hall,
    PrintLog,
    ServiceItem,
    Staff,
)
from hallapp.store.uow import Database

CtxFor = Callable[[str], Ctx]
ITEM = "440300000000069391780002"  # 公司变更登记 (SZAMR, 容缺 allowed) in the demo catalogue
NAME, ID_NUMBER, PHONE = "张小三", "440301199001011234", "13812345678"
ELDER_ID = "11010519491231002X"


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "".join("".join((p.extract_text() or "").split()) for p in reader.pages)


def missing(text: str, *parts: str) -> list[str]:
    return [p for p in parts if p not in text]


def leaked(text: str, *parts: str) -> list[str]:
    return [p for p in parts if p in text]


def insert_case(db: Database, number: str = "SZFT-20261124-00001", *, state: str = "accepted",
                marks: list[dict[str, Any]] | None = None, **fields: Any) -> str:
    """A case row of the demo item, taken in at window 3 by clerk3 on 2026-11-24."""
    with db.write_session() as s:
        hall = s.scalars(select(Hall)).one()
        item = s.scalars(select(ServiceItem).where(ServiceItem.code == ITEM)).one()
        clerk = s.scalars(select(Staff).where(Staff.username == "clerk3")).one()
        received = datetime(2026, 11, 24, 1, 10, tzinfo=UTC)
        values: dict[str, Any] = {
            "number": number, "verification": verification_code(number, hall.secret),
            "hall_id": hall.id, "item_id": item.id, "department_id": item.department_id,
            "window_number": 3, "clerk_id": clerk.id, "state": state,
            "applicant_kind": "person", "applicant_name": NAME, "applicant_id": ID_NUMBER,
            "phone": PHONE, "received_at": received,
            "accepted_at": received if state not in ("notified_missing", "refused") else None,
            "deadline": datetime(2026, 12, 8, 10, 0, tzinfo=UTC),
            "materials": marks if marks is not None else [
                {"code": "M01", "status": "received", "form": "original", "copies": 1},
                {"code": "M02", "status": "received", "form": "original", "copies": 1},
                {"code": "M05", "status": "verified_online"},
            ], **fields}
        s.add(Case(**values))
        s.commit()
    return number


def correction_requested(db: Database, number: str, at: datetime, opinion: str) -> None:
    """The approver's 补正 request of ``number``, as the case workflow records it."""
    with db.write_session() as s:
        case = s.scalars(select(Case).where(Case.number == number)).one()
        s.add(CaseTransition(case_id=case.id, at=at, actor="approver_szamr",
                             action="request_correction", from_state="in_review",
                             to_state="correction_requested", opinion=opinion))
        s.commit()


PROBLEM_MARKS = [
    {"code": "M01", "status": "received", "form": "original", "copies": 1},
    {"code": "M02", "status": "missing"},
    {"code": "M03", "status": "faulty", "note": "未经法定代表人签署"},
]


def test_ticket_is_masked_and_shows_queue_and_green_channel(ctx_for: CtxFor) -> None:
    info = tickets.take_ticket(ctx_for("kiosk1"), "A", priority="elderly", id_number=ELDER_ID,
                               phone=PHONE)
    job = printing.ticket_document(ctx_for("kiosk1"), info.id, width_mm=58)
    text = pdf_text(job.pdf)
    assert (job.document, job.ref) == ("ticket", f"2026-11-24/{info.number}")
    assert info.number in text
    assert "60岁以上老人" in text
    assert "138****5678" in text
    assert leaked(text, PHONE, ELDER_ID) == []


def test_a_reprint_of_a_passed_ticket_says_nothing_of_people_ahead(ctx_for: CtxFor) -> None:
    info = tickets.take_ticket(ctx_for("kiosk1"), "A")
    clerk = ctx_for("clerk11")
    windows.open_window(clerk, 11)
    windows.call_next(clerk, 11)
    windows.noshow(clerk, 11)
    text = pdf_text(printing.ticket_document(ctx_for("kiosk1"), info.id).pdf)
    assert info.number in text
    assert "您前面" not in text  # it said 您前面没有人等候


def test_a_ticket_in_english_for_an_applicant_who_chose_english(ctx_for: CtxFor) -> None:
    """The kiosk prints in the language the applicant chose: its words and, where the hall
    gave them, the English names of the hall, queue, item and green channel."""
    company = "440300000000069391780001"  # 有限责任公司设立登记, in queue A
    info = tickets.take_ticket(ctx_for("kiosk1"), "A", priority="elderly", id_number=ELDER_ID,
                               item_code=company)
    text = pdf_text(printing.ticket_document(ctx_for("kiosk1"), info.id, lang="en").pdf)
    assert missing(text, "Yournumber", info.number, "Service:Businessregistration",
                   "Establishmentregistrationofalimitedcompany", "Priority·Aged60+",
                   "ShenzhenAdministrativeServiceHall", "Scantoseeyourplaceinline",
                   "Applicant:") == []
    assert leaked(text, "您的号码", "商事登记", "60岁以上老人", ELDER_ID) == []
    chinese = pdf_text(printing.ticket_document(ctx_for("kiosk1"), info.id).pdf)
    assert missing(chinese, "您的号码", "办理业务：商事登记", "60岁以上老人") == []
    with pytest.raises(ValidationError) as refused:
        printing.ticket_document(ctx_for("kiosk1"), info.id, lang="fr")
    assert refused.value.code == "unknown_language"


def test_print_and_reprint_are_logged_and_audited(ctx_for: CtxFor, hall_db: Database) -> None:
    info = tickets.take_ticket(ctx_for("kiosk1"), "A")
    job = printing.ticket_document(ctx_for("kiosk1"), info.number)
    failed = printing.record_print(ctx_for("kiosk1"), job, "kiosk-printer", "failed",
                                   detail="缺纸")
    first = printing.record_print(ctx_for("kiosk1"), job, "kiosk-printer", "printed")
    again = printing.record_print(ctx_for("clerk1"), job, "window-1", "printed")
    assert (failed.reprint, first.reprint, again.reprint) == (False, False, True)
    history = printing.print_history(ctx_for("clerk1"), info.number)
    assert [(h.outcome, h.actor, h.terminal, h.reprint) for h in history] == [
        ("failed", "kiosk1", "test", False), ("printed", "kiosk1", "test", False),
        ("printed", "clerk1", "test", True)]
    assert history[0].detail == "缺纸"
    assert printing.print_history(ctx_for("clerk1"), job.ref) == history
    with hall_db.read_session() as s:
        audits = s.scalars(select(AuditEntry).where(AuditEntry.action == "document_print")
                           .order_by(AuditEntry.id)).all()
        assert len(s.scalars(select(PrintLog)).all()) == 3
        events = s.scalars(select(Event).where(Event.kind == "print_failed")).all()
    assert [a.after["outcome"] for a in audits] == ["failed", "printed", "printed"]
    assert (audits[-1].after["reprint"], audits[-1].after["ref"]) == (True, job.ref)
    assert [e.payload["printer"] for e in events] == ["kiosk-printer"]


def test_explicit_reprint_flag_and_bad_outcome(ctx_for: CtxFor) -> None:
    info = tickets.take_ticket(ctx_for("kiosk1"), "A")
    job = printing.ticket_document(ctx_for("kiosk1"), info.id)
    assert printing.record_print(ctx_for("clerk1"), job, None, "saved", reprint=True).reprint
    with pytest.raises(ValidationError, match="打印结果"):
        printing.record_print(ctx_for("clerk1"), job, None, "lost")
    with pytest.raises(NotFound, match="SZFT-20991231-00001"):  # no such case: not "none"
        printing.print_history(ctx_for("clerk1"), "SZFT-20991231-00001")
    unprinted = tickets.take_ticket(ctx_for("kiosk1"), "A")  # its ticket not printed yet
    assert printing.print_history(ctx_for("clerk1"), f"2026-11-24/{unprinted.number}") == []


def test_receipt_masks_applicant_per_hall_setting(ctx_for: CtxFor, hall_db: Database) -> None:
    number = insert_case(hall_db, marks=[
        {"code": "M01", "status": "received", "form": "original", "copies": 1},
        {"code": "M02", "status": "commitment"},
        {"code": "M05", "status": "verified_online"}])
    job = printing.receipt_document(ctx_for("clerk3"), number)
    text = pdf_text(job.pdf)
    assert (job.document, job.ref) == ("receipt", number)
    assert missing(text, "受理回执", number, "公司变更登记") == []
    assert missing(text, "张*三", "4403**********1234") == []
    assert leaked(text, NAME, ID_NUMBER) == []
    assert missing(text, "《公司登记（备案）申请书》", "告知承诺") == []
    assert missing(text, "3号窗口", "2026年12月8日") == []
    with hall_db.write_session() as s:
        hall = s.scalars(select(Hall)).one()
        hall.settings = {**hall.settings, "mask_names": False}
        s.commit()
    text = pdf_text(printing.receipt_document(ctx_for("clerk3"), number, page="A5").pdf)
    assert missing(text, NAME, ID_NUMBER) == []


def test_a_company_applicant_is_named_in_full(ctx_for: CtxFor, hall_db: Database) -> None:
    """A company's name and credit code are public; masked, a notice was addressed to
    "深****）"."""
    company, code = "深圳市福田区某某科技有限公司（分公司）", "91440300MA5DXXXX1X"
    number = insert_case(hall_db, state="notified_missing", marks=PROBLEM_MARKS,
                         applicant_kind="legal", applicant_name=company, applicant_id=code)
    text = pdf_text(printing.notice_document(ctx_for("clerk3"), number, "missing").pdf)
    assert missing(text, f"{company}{code}：", f"{company}{code}") == []


def test_receipt_shows_tolerated_materials_of_a_tolerant_case(ctx_for: CtxFor,
                                                              hall_db: Database) -> None:
    number = insert_case(hall_db, marks=PROBLEM_MARKS[:2],
                         supplement_deadline=datetime(2026, 12, 1, 10, tzinfo=UTC))
    text = pdf_text(printing.receipt_document(ctx_for("clerk3"), number).pdf)
    assert missing(text, "关于变更事项的股东会决议或股东决定", "容缺后补",
                   "容缺材料补交期限2026年12月1日前") == []  # by when: it printed no date


def test_receipt_prints_the_commitment_signed_and_no_copies_of_what_was_not_handed_in(
        ctx_for: CtxFor) -> None:
    """The receipt printed stock wording instead of the commitment the applicant signed, and
    "1 copy" of the material the commitment replaced."""
    from casekit import COMMITMENT, ready_case

    from hallapp.services import case_decide

    number = ready_case(ctx_for, COMMITMENT, M05="commitment")
    signed = "本人承诺住所使用证明真实有效，如有虚假愿承担撤销登记等法律责任。"
    case_decide.decide(ctx_for("clerk1"), number, "accept_commitment", commitment=signed)
    text = pdf_text(printing.receipt_document(ctx_for("clerk1"), number).pdf)
    assert text.count(signed) == 1
    assert "所涉事项真实有效，如有虚假，愿意承担相应法律责任" not in text
    assert "——告知承诺" in text  # form and copies of the replaced material: none


def test_a_receipt_for_an_hours_limit_gives_the_time_it_is_due(ctx_for: CtxFor) -> None:
    """An item promised within 1 hour printed only the day as its 承诺办结日期."""
    from casekit import ready_case

    from hallapp.services import case_decide

    one_hour = "440300000000069392144003"  # 不动产抵押权注销登记, queue B (window 3)
    number = ready_case(ctx_for, one_hour, window=3)
    case_decide.decide(ctx_for("clerk3"), number, "accept")  # Tuesday 09:00
    text = pdf_text(printing.receipt_document(ctx_for("clerk3"), number).pdf)
    assert "承诺办结日期2026年11月24日10:00" in text


def test_receipt_refused_before_acceptance(ctx_for: CtxFor, hall_db: Database) -> None:
    number = insert_case(hall_db, state="notified_missing", marks=PROBLEM_MARKS)
    with pytest.raises(StateError, match="尚未受理"):
        printing.receipt_document(ctx_for("clerk3"), number)
    with pytest.raises(NotFound, match="不存在"):
        printing.receipt_document(ctx_for("clerk3"), "SZFT-20991231-00001")
    with pytest.raises(ValidationError, match="纸张"):
        printing.receipt_document(ctx_for("clerk3"), number, page="Letter")


def test_display_terminal_may_not_print(ctx_for: CtxFor) -> None:
    with pytest.raises(PermissionDenied):
        printing.ticket_document(ctx_for("display1"), "A001")


def test_the_public_kiosk_prints_no_case_documents(ctx_for: CtxFor, hall_db: Database) -> None:
    """Case numbers are sequential, and a receipt names the applicant: anyone at a kiosk
    could print other people's."""
    number = insert_case(hall_db)
    with pytest.raises(PermissionDenied, match="无权打印办件文书"):
        printing.receipt_document(ctx_for("kiosk1"), number)
    with pytest.raises(PermissionDenied, match="无权打印办件文书"):
        printing.notice_document(ctx_for("kiosk1"), number, "result")
    assert printing.receipt_document(ctx_for("clerk3"), number).ref == number


def entry(code: str, status: str | None = None, **extra: Any) -> dict[str, Any]:
    """A materials entry as the case workflow stores it (every item material listed)."""
    return {"code": code, "name": code, "required": code != "M04", "core": True,
            "status": status, "form": None, "copies": 0, "note": None, "owed": False, **extra}


WORKFLOW_MARKS = [
    entry("M01", "received", form="original", copies=1),
    entry("M02", "faulty", note="缺股东签字", correction=True),
    entry("M03", "missing", owed=True),
    entry("M04", "missing"),  # optional (股权转让协议): never asked for
    entry("M05"), entry("M06"),  # not marked
]


def test_workflow_shaped_materials(ctx_for: CtxFor, hall_db: Database) -> None:
    clerk = ctx_for("clerk3")
    correction = insert_case(hall_db, state="correction_requested", marks=WORKFLOW_MARKS)
    text = pdf_text(printing.notice_document(clerk, correction, "correction").pdf)
    assert "缺股东签字" in text
    assert leaked(text, "公司章程修正案", "股权转让协议") == []
    missing_case = insert_case(hall_db, "SZFT-20261124-00002", state="notified_missing",
                               marks=WORKFLOW_MARKS)
    text = pdf_text(printing.notice_document(clerk, missing_case, "missing").pdf)
    assert missing(text, "关于变更事项的股东会决议或股东决定", "公司章程修正案") == []
    assert "股权转让协议" not in text
    tolerant = insert_case(hall_db, "SZFT-20261124-00003", marks=WORKFLOW_MARKS)
    text = pdf_text(printing.receipt_document(clerk, tolerant).pdf)
    assert missing(text, "《公司登记（备案）申请书》", "公司章程修正案", "容缺后补") == []
    assert leaked(text, "股权转让协议", "营业执照") == []


def book(ctx_for: CtxFor) -> str:
    """A booking for 公司变更登记 today 10:00–10:30 (the clock says 09:00), as clerk1."""
    slot = appointments.create_slots(ctx_for("admin1"), "A", date(2026, 11, 24), time(10),
                                     time(10, 30), item_code=ITEM)[0]
    return appointments.book(ctx_for("clerk1"), slot.id, name=NAME, id_number=ID_NUMBER,
                             phone=PHONE).code


def test_appointment_slip_is_masked_and_logged(ctx_for: CtxFor) -> None:
    code = book(ctx_for)
    job = printing.appointment_document(ctx_for("clerk1"), f"HALLAPP:A:{code.lower()}", 58)
    assert (job.document, job.ref, job.title) == ("appointment", code, f"预约凭条 {code}")
    text = pdf_text(job.pdf)
    assert missing(text, code, "预约业务：商事登记", "公司变更登记", "2026年11月24日10:00–10:30",
                   "张*三138****5678", "登记时间：2026-11-2409:00", "开始后15分钟内") == []
    assert leaked(text, NAME, PHONE, ID_NUMBER) == []
    first = printing.record_print(ctx_for("clerk1"), job, "window-1", "printed")
    again = printing.record_print(ctx_for("clerk1"), job, "window-1", "printed")
    assert (first.reprint, again.reprint) == (False, True)
    for ref in (code, code.lower(), f"HALLAPP:A:{code}"):
        assert [h.id for h in printing.print_history(ctx_for("clerk1"), ref)] == [
            first.id, again.id]


def test_an_appointment_slip_in_english(ctx_for: CtxFor) -> None:
    code = book(ctx_for)
    text = pdf_text(printing.appointment_document(ctx_for("clerk1"), code, lang="en").pdf)
    assert missing(text, "Appointment", code, "Service:Businessregistration",
                   "Changeregistrationofacompany", "Yourtime", "2026-11-2410:00–10:30",
                   "ScanthisQRcodetocheckin", "Bookedfor:张*三",
                   "Bookedat2026-11-2409:00", "15minutesafterit") == []
    assert leaked(text, "预约凭条", "商事登记", NAME, PHONE, ID_NUMBER) == []


def test_no_slip_for_a_cancelled_or_unknown_booking(ctx_for: CtxFor) -> None:
    code = book(ctx_for)
    appointments.cancel(ctx_for("clerk1"), code, "申请人来电取消")
    with pytest.raises(StateError, match="该预约已取消，不能打印预约凭条") as exc:
        printing.appointment_document(ctx_for("clerk1"), code)
    assert exc.value.code == "not_booked"
    with pytest.raises(NotFound):
        printing.appointment_document(ctx_for("clerk1"), "ZZZZ2222")
    with pytest.raises(ValidationError):
        printing.appointment_document(ctx_for("clerk1"), "HALLAPP:T:1")
    with pytest.raises(PermissionDenied):
        printing.appointment_document(ctx_for("display1"), code)


def test_cli_saves_the_slip_as_pdf_and_logs_it(ctx_for: CtxFor, hall_db: Database,
                                               tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code = book(ctx_for)
    monkeypatch.setenv("HALLAPP_PASSWORD", "demo1234")
    monkeypatch.setenv("HALLAPP_TERMINAL", "cli-test")
    out = tmp_path / "slip.pdf"
    assert main(["print", "appointment", code, "--pdf", str(out), "--width", "58",
                 "--db", hall_db.url, "--user", "clerk1"]) == 0, capsys.readouterr().err
    assert code in pdf_text(out.read_bytes())
    [record] = printing.print_history(ctx_for("clerk1"), code)
    assert (record.document, record.outcome, record.printer, record.terminal) == (
        "appointment", "saved", f"pdf:{out}", "cli-test")
    assert main(["print", "appointment", code, "--lang", "en", "--pdf", str(out),
                 "--db", hall_db.url, "--user", "clerk1"]) == 0, capsys.readouterr().err
    assert "Appointmentcode" in pdf_text(out.read_bytes())
    appointments.checkin(ctx_for("kiosk1"), code)  # 09:00: within the hour before 10:00
    assert main(["print", "appointment", code, "--db", hall_db.url, "--user", "clerk1"]) != 0
    assert "该预约已签到，不能打印预约凭条" in capsys.readouterr().err


def test_an_approver_prints_only_their_own_departments_cases(ctx_for: CtxFor,
                                                             hall_db: Database) -> None:
    """An approver of another department printed any case's receipt and notices (the
    applicant's name, ID number and the pickup QR), which they may not even look at."""
    number = insert_case(hall_db, state="correction_requested", opinion="材料不全")
    other = ctx_for("approver_szpnr")
    with pytest.raises(PermissionDenied, match="不属于本部门") as refused:
        printing.receipt_document(other, number)
    assert refused.value.code == "other_department"
    with pytest.raises(PermissionDenied, match="不属于本部门"):
        printing.notice_document(other, number, "correction")
    own = ctx_for("approver_szamr")
    assert printing.receipt_document(own, number).ref == number
    assert printing.notice_document(own, number, "correction").ref == number


def test_an_early_checkin_ticket_says_from_when_it_is_called(ctx_for: CtxFor,
                                                             clock: FakeClock) -> None:
    """Checked in at 09:00 for 10:00, the ticket printed "您前面没有人等候" while ordinary
    tickets were called until 10:00 (the engine holds it until its slot starts)."""
    tickets.take_ticket(ctx_for("kiosk1"), "A")
    info = appointments.checkin(ctx_for("kiosk1"), book(ctx_for))
    # until 10:00, A001 is called before it (queue_sql.position): the slip says from when
    assert (info.people_ahead, info.held_until(clock())) == (1, clock().replace(hour=2))
    text = pdf_text(printing.ticket_document(ctx_for("kiosk1"), info.id).pdf)
    assert missing(text, "预约号：10:00起优先叫号") == []
    assert leaked(text, "您前面", "预计等候") == []
    english = pdf_text(printing.ticket_document(ctx_for("kiosk1"), info.id, lang="en").pdf)
    assert missing(english, "Appointment:calledwithpriorityfrom10:00") == []
    assert leaked(english, "Nobodyisahead", "Peopleahead") == []
    clock.advance(hours=1)  # the slot has begun: its place in line again
    assert info.held_until(clock()) is None
    text = pdf_text(printing.ticket_document(ctx_for("kiosk1"), info.id).pdf)
    assert missing(text, "您前面没有人等候") == []
