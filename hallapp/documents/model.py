"""What a printed document shows, as plain frozen values.

The services fill these from the store and hand them over; the documents package never
looks anything up. Masking is the caller's job: every ``applicant_display`` field holds the
string to print as it is (``张*三 4403**********1234`` on public paper, the full name on a
clerk's copy). QR payloads are built from codes only, never from these display strings.

Times: a naive ``datetime`` is taken to be hall local time already; an aware one is
converted to ``HallInfo.timezone`` before printing, so a UTC timestamp from the store
cannot print as the wrong wall-clock time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

MATERIAL_STATUSES = ("received", "verified_online", "commitment", "tolerated")
PROBLEM_KINDS = ("missing", "faulty")
NOTICE_KINDS = ("missing", "refusal", "correction", "supplement", "result")


@dataclass(frozen=True)
class HallInfo:
    code: str  # short hall code used in QR payloads, e.g. "SZFT01"
    name: str
    address: str | None = None
    phone: str | None = None
    timezone: str = "Asia/Shanghai"


@dataclass(frozen=True)
class TicketData:
    hall: HallInfo
    hall_day: date
    number: str  # e.g. "A001"
    ticket_id: int | str
    queue_name: str
    taken_at: datetime
    people_ahead: int | None  # None: not waiting (a reprint after the call): no wait lines
    estimated_wait_minutes: int | None = None
    green_channel: str | None = None  # class shown after 绿色通道·, e.g. "60岁以上老人"
    appointment_slot: str | None = None  # e.g. "09:00-09:30"
    # An appointment checked in before its slot: called with priority from then ("11:00"),
    # instead of the people ahead and the wait, which do not count down until it starts.
    priority_from: str | None = None
    applicant_display: str | None = None  # already masked, e.g. "138****5678"
    item_name: str | None = None


@dataclass(frozen=True)
class AppointmentSlipData:
    """预约凭条: what the applicant needs to come back and check in; the QR holds the code."""

    hall: HallInfo
    code: str  # 8 characters, hallapp.services.appointments.CODE_ALPHABET
    queue_name: str
    item_name: str | None
    slot_start: datetime
    slot_end: datetime
    applicant_display: str  # already masked, e.g. "王*明 138****5678"; "" prints no line
    booked_at: datetime
    grace_minutes: int  # check-in after the slot start still counts as on time
    early_minutes: int = 60  # check-in opens this long before the slot start


@dataclass(frozen=True)
class CaseRef:
    """Identifies a case on paper; the QR holds only number and verification code."""

    case_number: str
    verification_code: str
    item_name: str
    item_code: str
    applicant_display: str  # a person masked per the hall's setting; a company in full


@dataclass(frozen=True)
class MaterialLine:
    name: str
    form: str  # hallapp.core.catalogue.MATERIAL_FORMS; "" when not handed in on paper
    copies: int  # 0 when not handed in on paper
    status: str  # one of MATERIAL_STATUSES


@dataclass(frozen=True)
class ReceiptData:
    hall: HallInfo
    case: CaseRef
    materials: tuple[MaterialLine, ...]
    accepted_at: datetime
    window: str
    clerk: str
    promised_date: date | None  # None: completed on the spot (即办件)
    commitments: tuple[str, ...] = ()
    promised_time: time | None = None  # an hours limit ends within the day: its time
    supplement_due: date | None = None  # 容缺: the materials owed are due by then


@dataclass(frozen=True)
class MaterialProblem:
    """One missing or faulty material, with what is required and where to get it."""

    name: str
    problem: str = "missing"  # one of PROBLEM_KINDS
    detail: str | None = None  # what is wrong with it, for faulty ones
    requirement: str | None = None
    where_to_get: str | None = None


@dataclass(frozen=True)
class NoticeHead:
    """What every notice carries: who issues it, for which case, when and where."""

    hall: HallInfo
    case: CaseRef
    issued_at: datetime
    window: str
    clerk: str
    authority: str  # issuing department, printed above the stamp area


@dataclass(frozen=True)
class MissingNotice:
    """一次性告知书: every missing or faulty material at once."""

    head: NoticeHead
    problems: tuple[MaterialProblem, ...]


@dataclass(frozen=True)
class RefusalNotice:
    """不予受理通知书."""

    head: NoticeHead
    applied_on: date
    reason: str
    legal_basis: tuple[str, ...]
    review_body: str | None = None  # 行政复议机关; a generic phrase is printed when None
    court: str | None = None  # 人民法院 for 行政诉讼


@dataclass(frozen=True)
class CorrectionNotice:
    """补正通知: the case clock is stopped until the corrections arrive."""

    head: NoticeHead
    problems: tuple[MaterialProblem, ...]
    due_date: date
    opinion: str | None = None  # the approver's request, printed once below the table


@dataclass(frozen=True)
class SupplementNotice:
    """容缺 supplement notice: secondary materials owed; the result is withheld meanwhile."""

    head: NoticeHead
    accepted_on: date
    problems: tuple[MaterialProblem, ...]
    due_date: date


@dataclass(frozen=True)
class ResultNotice:
    """办结/出件 notice: pick up at ``pickup_place`` or see the express tracking number."""

    head: NoticeHead
    outcome: str  # e.g. "准予许可"
    documents: tuple[str, ...] = ()
    pickup_place: str | None = None
    pickup_hours: str | None = None
    express_carrier: str | None = None
    tracking_number: str | None = None
    # 不予批准: the reasons, their legal basis and the remedies, as a refusal states them
    # (行政许可法 第三十八条: a denial gives its reasons and the right to review or sue)
    reason: str | None = None
    legal_basis: tuple[str, ...] = ()
    review_body: str | None = None
    court: str | None = None


NoticeData = MissingNotice | RefusalNotice | CorrectionNotice | SupplementNotice | ResultNotice


@dataclass(frozen=True)
class ChecklistMaterial:
    name: str
    form: str
    copies: int
    required: bool = True
    requirement: str | None = None
    commitment_replaceable: bool = False
    online_verifiable: bool = False


@dataclass(frozen=True)
class ChecklistData:
    hall: HallInfo
    item_name: str
    item_code: str
    materials: tuple[ChecklistMaterial, ...]
    printed_at: datetime
    promised_limit: str | None = None  # already worded, e.g. "10个工作日"
    fee: str | None = None  # None prints "不收费"
    notes: str | None = None
