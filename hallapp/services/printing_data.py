"""Store rows → the plain values :mod:`hallapp.documents` prints.

Everything here reads the ORM rows directly (ticket, case, item version, staff, department)
and returns frozen document dataclasses, so the documents never look anything up and the
printing service needs of the case workflow only its department check (an approver prints
their own department's cases, as they see only those). Masking happens here:
tickets are always masked; receipts and notices follow the hall setting ``mask_names``.

Choices not fixed by DOMAIN.md:

* A notice is printed only in the states where its decision stands (``NOTICE_STATES``); the
  容缺 supplement notice needs a supplement deadline instead.
* A notice is dated when the step it records was taken (``NOTICE_STEPS``), however late
  the copy is printed.
* The 补正 due date is ``correction_due_days`` (hall setting, default 15) natural days after
  the approver's ``request_correction`` transition (else after the clock stopped); the case
  row has no due date of its own. It lists every material the request flagged (a 容缺
  material still owed too: supplying the 补正 supplies it) and only those, so what it asks
  for is what the 补正 submission clears; without flagged materials the request's opinion
  is the problem.
* On a receipt, a missing or faulty mark shows as 容缺后补 when the case has a supplement
  deadline (printed with it, while a material is owed); otherwise it is an optional material
  not handed in and is left off.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallapp.core.case_rules import STATE_LABELS, as_state
from hallapp.core.errors import NotFound, StateError
from hallapp.core.hallday import hall_zone
from hallapp.core.masking import MaskingPolicy, mask_name
from hallapp.core.roles import Actor
from hallapp.documents.labels import DEFAULT_LABELS
from hallapp.documents.model import (
    CaseRef,
    CorrectionNotice,
    HallInfo,
    MaterialLine,
    MaterialProblem,
    MissingNotice,
    NoticeData,
    NoticeHead,
    ReceiptData,
    RefusalNotice,
    ResultNotice,
    SupplementNotice,
    TicketData,
)
from hallapp.services.calendar_admin import build_calendar
from hallapp.services.catalogue import item_names
from hallapp.services.queue_common import ticket_info
from hallapp.store.models import (
    Appointment,
    AppointmentSlot,
    Case,
    CaseTransition,
    Department,
    Hall,
    Queue,
    ServiceItem,
    Staff,
    Ticket,
)

# Receipt lines of materials the applicant did not hand in on paper.
NOT_HANDED_IN = frozenset({"commitment", "tolerated", "verified_online"})

NOTICE_STATES: dict[str, frozenset[str] | None] = {
    "missing": frozenset({"notified_missing"}),
    "refusal": frozenset({"refused"}),
    "correction": frozenset({"correction_requested", "corrected"}),
    "supplement": None,  # any state, as long as a supplement deadline is set
    "result": frozenset({"approved", "denied", "result_ready", "delivered",
                         "completed_on_spot"}),
}
PROBLEM_MARKS = ("missing", "faulty")
RECEIPT_MARKS = ("received", "verified_online", "commitment")


def hall_info(hall: Hall, english: bool = False) -> HallInfo:
    return HallInfo(code=hall.code, name=_local(hall.name, hall.name_en, english),
                    address=(hall.address_en if english else None) or hall.address,
                    phone=hall.phone, timezone=hall.timezone)


def _local_date(moment: datetime, tz: str) -> date:
    return moment.astimezone(hall_zone(tz)).date()


def ticket_ref(ticket: Ticket) -> str:
    """The print-log reference of a ticket: ``2026-11-24/A001`` (unique, and readable)."""
    return f"{ticket.hall_day.isoformat()}/{ticket.number}"


def ticket_data(session: Session, hall: Hall, ticket: Ticket, now: datetime,
                english: bool = False) -> TicketData:
    """A ticket as printed: masked phone (or ID), green channel class, appointment slot.
    ``english``: the hall, queue, item and class by their English names where the hall gave
    them (for an applicant who chose English at the kiosk). ``now``: the moment the people
    ahead are counted at, and for an appointment checked in before its slot, when it is
    called with priority."""
    info = ticket_info(session, ticket, now)
    held = info.held_until(now)
    classes = {str(p.get("code")): _local(p.get("name"), p.get("name_en"), english)
               for p in hall.priority_classes}
    queue = session.get(Queue, ticket.queue_id) if english else None
    return TicketData(
        hall=hall_info(hall, english), hall_day=ticket.hall_day, number=ticket.number,
        ticket_id=ticket.id, queue_name=(queue.name_en if queue else None) or info.queue_name,
        # Nobody is "ahead" of a ticket called, passed or done: a reprint says nothing of it.
        taken_at=ticket.taken_at,
        people_ahead=info.people_ahead if ticket.state == "waiting" else None,
        estimated_wait_minutes=(info.estimated_minutes
                                if ticket.state == "waiting" and info.people_ahead else None),
        green_channel=classes.get(ticket.priority, ticket.priority) if ticket.priority else None,
        appointment_slot=_slot_text(session, hall, ticket) if ticket.appointment else None,
        priority_from=None if held is None else _clock(held, hall.timezone),
        applicant_display=info.phone_masked or info.id_number_masked or None,
        item_name=item_name(session, ticket.item_code, english))


def _clock(moment: datetime, tz: str) -> str:
    return f"{moment.astimezone(hall_zone(tz)):%H:%M}"


def _local(name: object, name_en: object, english: bool) -> str:
    return str(name_en) if english and name_en else str(name)


def item_name(session: Session, code: str | None, english: bool = False) -> str | None:
    """The item's name as printed: the version in force, else the latest one; ``english``:
    its English name where the catalogue gives one."""
    return item_names(session, {code}, english).get(code or "")


def _slot_text(session: Session, hall: Hall, ticket: Ticket) -> str | None:
    slot = session.scalars(select(AppointmentSlot).join(
        Appointment, Appointment.slot_id == AppointmentSlot.id).where(
        Appointment.ticket_id == ticket.id)).first()
    if slot is None:
        return None
    zone = hall_zone(hall.timezone)
    return (f"{slot.starts_at.astimezone(zone):%H:%M}-"
            f"{slot.ends_at.astimezone(zone):%H:%M}")


def case_by_number(session: Session, number: str) -> Case:
    case = session.scalars(select(Case).where(Case.number == number.strip().upper())).first()
    if case is None:
        raise NotFound(f"办件 {number} 不存在", field="case", code="unknown_case")
    return case


def _item(session: Session, case: Case) -> dict[str, Any]:
    row = session.get(ServiceItem, case.item_id)
    if row is None:  # the foreign key makes this a broken database, not a user error
        raise NotFound(f"办件 {case.number} 的事项版本不存在", code="unknown_item")
    return {**row.data, "name": row.name, "code": row.code}


def _item_materials(item: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {str(m.get("code")): m for m in item.get("materials") or []}


def _policy(hall: Hall) -> MaskingPolicy:
    masked = bool(hall.settings.get("mask_names", True))
    return MaskingPolicy(mask_names=masked, mask_ids=masked, mask_phones=masked)


def case_ref(hall: Hall, case: Case, item: dict[str, Any]) -> CaseRef:
    if case.applicant_kind == "legal":
        # A company's name and credit code are public (the national enterprise credit
        # register): masked, "深****）" addressed the notice to nobody.
        who = f"{case.applicant_name or ''} {case.applicant_id or ''}"
    else:
        policy = _policy(hall)
        who = f"{policy.apply('name', case.applicant_name)} " \
              f"{policy.apply('id_number', case.applicant_id)}"
    return CaseRef(case_number=case.number, verification_code=case.verification,
                   item_name=str(item["name"]), item_code=str(item["code"]),
                   applicant_display=who.strip())


def _clerk_text(session: Session, case: Case, actor: Actor) -> str:
    """经办人: the case's clerk, else whoever prints; name masked, account shown as 工号."""
    staff = session.get(Staff, case.clerk_id) if case.clerk_id else None
    name, account = (staff.name, staff.username) if staff else (actor.name, actor.username)
    return f"{mask_name(name or account)}（工号 {account}）"


def _window_text(case: Case, actor: Actor) -> str:
    number = case.window_number or actor.window_number
    return f"{number}号窗口" if number else ""


def receipt_data(session: Session, hall: Hall, case: Case, actor: Actor) -> ReceiptData:
    """受理回执 of an accepted (or on-the-spot completed) case."""
    if case.accepted_at is None and case.state != "completed_on_spot":
        raise StateError(f"办件 {case.number} 尚未受理，不能打印受理回执", code="not_accepted",
                         case=case.number)
    item = _item(session, case)
    catalogue = _item_materials(item)
    lines: list[MaterialLine] = []
    commitments: list[str] = []
    for mark in case.materials or []:
        spec = catalogue.get(str(mark.get("code")), {})
        name = str(spec.get("name") or mark.get("code"))
        status = str(mark.get("status"))
        if status in PROBLEM_MARKS:
            if not (mark.get("owed") or case.supplement_deadline):
                continue
            status = "tolerated"
        elif status not in RECEIPT_MARKS:
            continue
        if status == "commitment":
            commitments.append(str(mark.get("commitment") or mark.get("note") or
                                   f"申请人承诺：{name}所涉事项真实有效，如有虚假，"
                                   "愿意承担相应法律责任。"))
        if status in NOT_HANDED_IN:  # no paper: no form, no copies (a 1 was printed)
            lines.append(MaterialLine(name, "", 0, status))
            continue
        lines.append(MaterialLine(name, str(mark.get("form") or spec.get("form") or "original"),
                                  int(mark.get("copies") or spec.get("copies") or 1), status))
    immediate = item.get("handling_type") == "immediate" or case.state == "completed_on_spot"
    promised = None if immediate or case.deadline is None else _local_date(case.deadline,
                                                                             hall.timezone)
    hours = (item.get("promised_limit") or {}).get("unit") == "hour" and promised is not None
    due_time = case.deadline.astimezone(hall_zone(hall.timezone)).time() \
        if hours and case.deadline else None
    commitments = list(dict.fromkeys(commitments))  # one signed text for several materials
    owed = case.supplement_deadline is not None and any(
        line.status == "tolerated" for line in lines)
    return ReceiptData(hall=hall_info(hall), case=case_ref(hall, case, item),
                       materials=tuple(lines), accepted_at=case.accepted_at or case.received_at,
                       window=_window_text(case, actor), clerk=_clerk_text(session, case, actor),
                       promised_date=promised, commitments=tuple(commitments),
                       promised_time=due_time,
                       supplement_due=_local_date(case.supplement_deadline, hall.timezone)
                       if owed and case.supplement_deadline else None)


def problems(case: Case, item: dict[str, Any], flag: str | None = None
             ) -> tuple[MaterialProblem, ...]:
    """Every missing or faulty required material, with requirement and where to get it.

    ``flag`` narrows the list to the entries the workflow marked for this notice: for 补正
    (``correction``) every material the request flagged and only those — exactly what
    supplying the 补正 clears (``case_clock._supply_correction``), a 容缺 material still
    owed included when the approver flagged it, an optional one too; with nothing flagged
    the approver's opinion is the notice and an owed material keeps to its own notice and
    deadline. For 容缺 (``owed``) those when any entry carries it.
    """
    catalogue = _item_materials(item)
    marks = [m for m in case.materials or [] if m.get("status") in PROBLEM_MARKS
             and m.get("required", catalogue.get(str(m.get("code")), {}).get("required", True))
             is not False]
    if flag == "correction":
        marks = [m for m in case.materials or [] if m.get("correction")]
    elif flag and any(m.get(flag) for m in marks):
        marks = [m for m in marks if m.get(flag)]
    found = []
    for mark in marks:
        spec = catalogue.get(str(mark.get("code")), {})
        found.append(MaterialProblem(
            name=str(spec.get("name") or mark.get("name") or mark.get("code")),
            problem=str(mark["status"]), detail=mark.get("note"),
            requirement=spec.get("requirement"), where_to_get=spec.get("where_to_get")))
    return tuple(found)


# The step of the case each notice records: it is dated when that step was taken, so a
# copy printed weeks later bears the same date (a 补正 notice reprinted after its own
# deadline read "issued 21 December, correct by 13 December").
NOTICE_STEPS: dict[str, tuple[str, ...]] = {
    "missing": ("notify_missing",), "refusal": ("refuse",),
    "correction": ("request_correction",), "supplement": ("accept_tolerant",),
    "result": ("decide_on_spot", "approve", "deny", "mark_ready"),
}


def _issued_at(session: Session, case: Case, kind: str, now: datetime) -> datetime:
    at = session.scalar(select(CaseTransition.at).where(
        CaseTransition.case_id == case.id, CaseTransition.action.in_(NOTICE_STEPS[kind]))
        .order_by(CaseTransition.id.desc()).limit(1))
    return at or now


def notice_head(session: Session, hall: Hall, case: Case, actor: Actor, now: datetime,
                kind: str) -> NoticeHead:
    dept = session.get(Department, case.department_id)
    return NoticeHead(hall=hall_info(hall), case=case_ref(hall, case, _item(session, case)),
                      issued_at=_issued_at(session, case, kind, now),
                      window=_window_text(case, actor),
                      clerk=_clerk_text(session, case, actor),
                      authority=dept.name if dept else hall.name)


def check_notice_state(case: Case, kind: str) -> None:
    allowed = NOTICE_STATES[kind]
    if allowed is not None and case.state not in allowed:
        label = STATE_LABELS[as_state(case.state)]
        raise StateError(f"办件 {case.number} 当前为“{label}”，不能打印"
                         f"{DEFAULT_LABELS[f'{kind}.title']}",
                         code="notice_not_applicable", kind=kind, state=case.state)


def notice_data(session: Session, hall: Hall, case: Case, kind: str, actor: Actor,
                now: datetime) -> NoticeData:
    check_notice_state(case, kind)
    head = notice_head(session, hall, case, actor, now, kind)
    item = _item(session, case)
    if kind == "refusal":
        return _refusal(hall, case, head)
    if kind == "result":
        return _result(session, hall, case, item, head)
    found = problems(case, item, {"correction": "correction", "supplement": "owed"}.get(kind))
    if kind == "correction":
        return _correction(session, hall, case, head, found, now)
    _need_problems(case, found)
    if kind == "missing":
        return MissingNotice(head, found)
    if case.supplement_deadline is None:
        raise StateError(f"办件 {case.number} 不是容缺受理，没有补交期限",
                         code="notice_not_applicable", kind=kind, state=case.state)
    accepted = case.accepted_at or case.received_at
    return SupplementNotice(head, _local_date(accepted, hall.timezone), found,
                            _local_date(case.supplement_deadline, hall.timezone))


def _correction(session: Session, hall: Hall, case: Case, head: NoticeHead,
                found: tuple[MaterialProblem, ...], now: datetime) -> CorrectionNotice:
    """补正 from the approver's request (its opinion when no material is marked faulty)."""
    request = session.scalars(select(CaseTransition).where(
        CaseTransition.case_id == case.id, CaseTransition.action == "request_correction")
        .order_by(CaseTransition.id.desc())).first()
    opinion = request.opinion if request else case.opinion
    if not found and opinion:
        found, opinion = (MaterialProblem(name="申请材料", problem="faulty", detail=opinion),), None
    # The request's opinion is stored on every material it flags (the counter shows it by
    # each): printed there it repeated a long opinion on every row. Once, below the table.
    found = tuple(replace(p, detail=None) if opinion and p.detail == opinion else p
                  for p in found)
    _need_problems(case, found)
    asked = request.at if request else (case.stopped_since or now)
    days = int(hall.settings.get("correction_due_days", 15))
    due = _local_date(asked + timedelta(days=days), hall.timezone)
    return CorrectionNotice(head, found, _working_day_from(session, due), opinion)


def _working_day_from(session: Session, day: date) -> date:
    """``day``, or the first working day after it: a date to bring something to the hall
    must not fall on a Sunday. Kept as it is in a year whose holidays are not loaded."""
    calendar = build_calendar(session)
    try:
        return day if calendar.is_working_day(day) else calendar.next_working_day(day)
    except StateError:
        return day


def _need_problems(case: Case, found: tuple[MaterialProblem, ...]) -> None:
    if not found:
        raise StateError(f"办件 {case.number} 没有缺少或不符合要求的材料",
                         code="no_material_problems", case=case.number)


def _basis(case: Case) -> tuple[str, ...]:
    return tuple(line.strip() for line in (case.legal_basis or "").splitlines() if line.strip())


def _refusal(hall: Hall, case: Case, head: NoticeHead) -> RefusalNotice:
    basis = _basis(case)
    if not case.opinion or not basis:
        raise StateError(f"办件 {case.number} 缺少不予受理理由或法律依据",
                         code="refusal_incomplete", case=case.number)
    return RefusalNotice(head, applied_on=_local_date(case.received_at, hall.timezone),
                         reason=case.opinion, legal_basis=basis,
                         review_body=hall.settings.get("review_body"),
                         court=hall.settings.get("court"))


def _step_opinion(session: Session, case: Case, action: str) -> str | None:
    """The opinion of the case's latest ``action`` step (``case.opinion`` is the latest
    step's, whatever it was: after a denial, 结果已制作，待出件)."""
    return session.scalar(select(CaseTransition.opinion).where(
        CaseTransition.case_id == case.id, CaseTransition.action == action)
        .order_by(CaseTransition.id.desc()).limit(1))


def _result(session: Session, hall: Hall, case: Case, item: dict[str, Any],
            head: NoticeHead) -> ResultNotice:
    delivery = case.delivery or {}
    denied = case.state == "denied" or (case.decision or "") in ("deny", "denied")
    granted = "准予许可" if item.get("item_type") == "行政许可" else "准予办理"
    tracking = delivery.get("tracking_number") or delivery.get("tracking")
    # A denial states its reasons, legal basis and remedies (the approver's are required).
    why: dict[str, Any] = {"outcome": granted}
    if denied:
        reason = _step_opinion(session, case, "deny") or case.opinion
        why = {"outcome": "不予批准", "reason": reason, "legal_basis": _basis(case),
               "review_body": hall.settings.get("review_body"),
               "court": hall.settings.get("court")}
    if tracking:
        return ResultNotice(head, express_carrier=delivery.get("carrier") or delivery.get(
            "express_carrier"), tracking_number=str(tracking), **why)
    place = (delivery.get("pickup_place") or delivery.get("place")
             or hall.settings.get("pickup_place") or f"{hall.name}出件窗口")
    return ResultNotice(head, pickup_place=str(place), pickup_hours=_hours_text(hall), **why)


def _hours_text(hall: Hall) -> str | None:
    periods = (hall.opening_hours or {}).get("periods") or []
    if not periods:
        return None
    return "工作日 " + "，".join(f"{start}-{end}" for start, end in periods)
