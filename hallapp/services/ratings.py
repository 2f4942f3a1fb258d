"""好差评: the applicant's rating after a service, follow-ups of 差评, and appeals.

Only the devices facing the applicant (rating pad, kiosk, display: ``Perm.RATE_SERVICE``)
may enter a rating; staff may not rate for applicants. A 差评 (level ≤ 2) tied to a ticket
or case opens a follow-up due N working days later (hall setting
``rating_followup_working_days``, closing time of that day); a supervisor closes it with a
note. A clerk who believes a rating malicious may appeal it (state ``appealed``, with the
reason); the supervisor then closes the appeal with a note.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from hallapp.core.errors import NotFound, PermissionDenied, StateError, ValidationError
from hallapp.core.hallday import hall_day
from hallapp.core.kpi import BAD_LEVELS
from hallapp.core.roles import Perm, Role
from hallapp.services.calendar_admin import hall_time
from hallapp.services.case_common import case_by_ref
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.services.queue_common import ticket_by_ref
from hallapp.store.models import Case, Followup, Rating, Staff, Ticket, Window
from hallapp.store.uow import UnitOfWork

LEVEL_LABELS = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
CHANNEL_LABELS = {"pad": "评价器", "kiosk": "自助机", "display": "显示屏", "qr": "扫码",
                  "sms": "短信"}
CHANNELS = tuple(CHANNEL_LABELS)
RATED_TICKET_STATES = ("serving", "done", "suspended")
MAX_WINDOW = 2**31 - 1  # rating.window_number: an integer column


@dataclass(frozen=True)
class RatingInput:
    level: int
    efficiency: int | None = None
    skill: int | None = None
    attitude: int | None = None
    comment: str | None = None


@dataclass(frozen=True)
class RatingInfo:
    id: int
    at: datetime
    level: int
    level_label: str
    efficiency: int | None
    skill: int | None
    attitude: int | None
    comment: str | None
    ticket_id: int | None
    case_number: str | None
    window: int | None
    clerk: str | None
    channel: str
    followup_id: int | None
    followup_due: datetime | None
    ticket: str | None = None  # the ticket's number (A001), as a case names its ticket


@dataclass(frozen=True)
class FollowupInfo:
    id: int
    rating_id: int
    level: int
    window: int | None
    clerk: str | None
    opened_at: datetime
    due_at: datetime
    state: str  # open | appealed | closed
    note: str | None
    closed_at: datetime | None
    closed_by: str | None
    overdue: bool
    clerk_name: str | None = None  # as the board shows staff (``clerk`` is the username)


def _check_levels(r: RatingInput) -> None:
    for name, value in (("level", r.level), ("efficiency", r.efficiency), ("skill", r.skill),
                        ("attitude", r.attitude)):
        if value is not None and (isinstance(value, bool) or value not in LEVEL_LABELS):
            raise ValidationError(f"评价 {name} 应为 1–5（5 非常满意 … 1 非常不满意）",
                                  field=name, code="rating_level")


def _staff(uow: UnitOfWork, staff_id: int | None) -> Staff | None:
    return uow.session.get(Staff, staff_id) if staff_id else None


def _username(uow: UnitOfWork, staff_id: int | None) -> str | None:
    row = _staff(uow, staff_id)
    return row.username if row else None


@action(Perm.RATE_SERVICE)
def rate(ctx: Ctx, rating: RatingInput, *, ticket: str | None = None,
         case_ref: str | None = None, window: int | None = None,
         channel: str = "pad") -> RatingInfo:
    """Record one rating (一次一评 per ticket, 一事一评 per case)."""
    _check_levels(rating)
    if channel not in CHANNELS:
        raise ValidationError(f"评价渠道 {channel} 无效", field="channel",
                              code="rating_channel")
    if ticket is None and case_ref is None and window is None:
        raise ValidationError("评价须对应号码、办件或窗口", field="ticket",
                              code="rating_subject")
    with ctx.uow() as uow:
        s = uow.session
        hall = get_hall_row(s)
        t_row = ticket_by_ref(s, hall, ticket, hall_day(uow.now, hall.timezone)) \
            if ticket is not None else None
        case = case_by_ref(s, case_ref) if case_ref is not None else None
        if t_row is not None and t_row.state not in RATED_TICKET_STATES:
            raise StateError(f"号码 {t_row.number} 尚未办理，不能评价", code="not_served",
                             number=t_row.number)
        window = _rated_window(uow, ctx, hall.id, t_row, case, window)
        ticket_rated, case_rated = _rated(uow, t_row), _rated(uow, case)
        if ticket_rated or (case_rated and t_row is None):
            raise StateError("本次服务已评价，不能重复评价", code="already_rated")
        if case_rated:
            case = None  # a later visit of a case rated before: this rates the visit
        row = Rating(at=uow.now, ticket_id=t_row.id if t_row else None,
                     case_id=case.id if case else None, level=rating.level,
                     efficiency=rating.efficiency, skill=rating.skill,
                     attitude=rating.attitude, channel=channel,
                     comment=(rating.comment or "").strip()[:2000] or None,
                     **_where_served(uow, t_row, case, window))
        s.add(row)
        s.flush()
        followup = _open_followup(uow, row) if (t_row or case) else None
        uow.audit("rating_add", "rating", row.id, after={
            "level": row.level, "ticket": row.ticket_id, "case": case.number if case else None,
            "window": row.window_number, "followup": followup.id if followup else None})
        uow.emit("rating_added", rating=row.id, level=row.level, window=row.window_number)
        info = _rating_info(uow, row, case, followup)
        uow.commit()
    return info


def _rated_window(uow: UnitOfWork, ctx: Ctx, hall_id: int, ticket: Ticket | None,
                  case: Case | None, window: int | None) -> int | None:
    """The window a rating is for, checked: it exists (window 777 was stored, and a number
    past PostgreSQL's integer an internal error) and is in use (not retired), and a rating
    naming a ticket (else a case) and a window agrees with where that was served. A device
    account assigned a window (``staff add pad3 --role display --window 3``) rates only that
    window's services: the rating pad's own ``--window`` is the terminal's word, which the
    service cannot check."""
    device = _staff(uow, ctx.actor.staff_id)
    own = device.window_number if device is not None else None
    if own is not None and window not in (None, own):
        raise ValidationError(f"本评价终端属于 {own} 号窗口，不能评价 {window} 号窗口",
                              field="window", code="rating_device_window", own=own,
                       window=window)
    window = own if window is None else window
    retired = None if window is None or not 0 < window <= MAX_WINDOW else uow.session.scalar(
        select(Window.retired).where(Window.hall_id == hall_id, Window.number == window))
    if window is not None and retired is None:
        raise NotFound(f"窗口 {window} 不存在", field="window", code="unknown_window",
                       window=window)
    if retired:  # no one works it (``window_admin``): a pad left there rates nobody's service
        raise StateError(f"{window} 号窗口已停用，不能评价", field="window",
                         code="window_retired", window=window)
    what, served = _served_at(uow, ticket, case)
    if window is not None and served is not None and served != window:
        raise ValidationError(f"{what} 在 {served} 号窗口办理，不能作为 {window} 号窗口的评价",
                              field="window", code="rating_window_mismatch", served=served,
                       window=window)
    return window


def _served_at(uow: UnitOfWork, ticket: Ticket | None, case: Case | None
               ) -> tuple[str, int | None]:
    """What is rated, and the window that served the ticket (else took the case in)."""
    if ticket is not None:
        win = uow.session.get(Window, ticket.window_id) if ticket.window_id else None
        return f"号码 {ticket.number}", win.number if win is not None else None
    if case is not None:
        return f"办件 {case.number}", case.window_number
    return "", None


def _rated(uow: UnitOfWork, row: Ticket | Case | None) -> bool:
    """一次一评 and 一事一评: a ticket (the service) is rated once and a case (the matter)
    once, whichever way the rating named them. A rating given for a ticket and its case
    rates both: a second one for the ticket alone, or the case alone, would let a 差评 be
    watered down by a 好评 of the same service. The row is locked first, so two pads rating
    one service at the same instant are taken in turn (always the ticket, then the case)."""
    if row is None:
        return False
    uow.session.refresh(row, with_for_update=True)
    column = Rating.ticket_id if isinstance(row, Ticket) else Rating.case_id
    return uow.session.scalar(select(Rating.id).where(column == row.id).limit(1)) is not None


def _where_served(uow: UnitOfWork, ticket: Ticket | None, case: Case | None,
                  window: int | None) -> dict[str, int | None]:
    served = _served_at(uow, ticket, case)[1]
    clerk = ticket.clerk_id if ticket is not None else case.clerk_id if case else None
    return {"window_number": window if served is None else served, "clerk_id": clerk}


def _open_followup(uow: UnitOfWork, row: Rating) -> Followup | None:
    if row.level not in BAD_LEVELS:
        return None
    s = uow.session
    hall = get_hall_row(s)
    t = hall_time(s, hall)
    days = int(hall.settings.get("rating_followup_working_days", 5))
    # Into a year whose holidays are not loaded (a 差评 in late December), Monday to Friday
    # count: the rating was refused with "2027 年的节假日安排尚未载入", which the applicant at
    # the pad can do nothing about, and the bad rating was lost.
    due_day, provisional = t.calendar.add_working_days_provisionally(
        hall_day(uow.now, hall.timezone), days)
    followup = Followup(rating_id=row.id, opened_at=uow.now, due_at=t.hours.closing(due_day),
                        state="open")
    s.add(followup)
    s.flush()
    uow.audit("followup_open", "followup", followup.id,
              after={"rating": row.id, "due_at": followup.due_at.isoformat(),
                     **({"provisional": True} if provisional else {})})
    uow.emit("followup_opened", followup=followup.id, window=row.window_number)
    return followup


def _rating_info(uow: UnitOfWork, row: Rating, case: Case | None,
                 followup: Followup | None) -> RatingInfo:
    return RatingInfo(row.id, row.at, row.level, LEVEL_LABELS[row.level], row.efficiency,
                      row.skill, row.attitude, row.comment, row.ticket_id,
                      case.number if case else None, row.window_number,
                      _username(uow, row.clerk_id), row.channel,
                      followup.id if followup else None, followup.due_at if followup else None,
                      _ticket_number(uow, row.ticket_id))


def _ticket_number(uow: UnitOfWork, ticket_id: int | None) -> str | None:
    ticket = uow.session.get(Ticket, ticket_id) if ticket_id is not None else None
    return ticket.number if ticket else None


def _followup_info(uow: UnitOfWork, f: Followup) -> FollowupInfo:
    rating = uow.session.get(Rating, f.rating_id)
    assert rating is not None
    overdue = f.state != "closed" and uow.now > f.due_at
    clerk = _staff(uow, rating.clerk_id)
    return FollowupInfo(f.id, f.rating_id, rating.level, rating.window_number,
                        clerk.username if clerk else None, f.opened_at, f.due_at, f.state,
                        f.note, f.closed_at, _username(uow, f.closed_by), overdue,
                        clerk.name if clerk else None)


@action(Perm.FOLLOW_UP_RATING)
def list_followups(ctx: Ctx, state: str | None = None) -> list[FollowupInfo]:
    with ctx.uow(readonly=True) as uow:
        stmt = select(Followup).order_by(Followup.due_at, Followup.id)
        if state:
            stmt = stmt.where(Followup.state == state)
        return [_followup_info(uow, f) for f in uow.session.scalars(stmt)]


def _followup(uow: UnitOfWork, followup_id: int, *states: str) -> Followup:
    f = uow.session.get(Followup, followup_id)
    if f is None:
        raise NotFound(f"差评回访 {followup_id} 不存在", field="followup",
                       code="unknown_followup")
    if f.state not in states:
        raise StateError(f"差评回访 {followup_id} 当前状态为 {f.state}，不能执行此操作",
                         code="followup_state", state=f.state)
    return f


def _write_followup(uow: UnitOfWork, f: Followup, read: str, **changes: object) -> None:
    """Write ``changes`` if the follow-up is still in the state ``read``: a supervisor's
    close and the clerk's appeal at once both succeeded, the note of one lost (the appeal's
    state and the close's time stayed). The second is now refused, nothing written."""
    result = uow.session.execute(
        update(Followup).where(Followup.id == f.id, Followup.state == read).values(**changes)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise StateError(f"差评回访 {f.id} 已被他人处理，请刷新后重试",
                         code="followup_conflict", followup=f.id)
    uow.session.refresh(f)


def _note(text: str, label: str) -> str:
    note = (text or "").strip()
    if not note:
        raise ValidationError(f"请填写{label}", field="note", code="required")
    return note[:2000]


@action(Perm.FOLLOW_UP_RATING)
def close_followup(ctx: Ctx, followup_id: int, note: str) -> FollowupInfo:
    """Close a follow-up (called back, verified, fixed or explained), or decide an appeal."""
    text = _note(note, "回访整改情况")
    with ctx.uow() as uow:
        f = _followup(uow, followup_id, "open", "appealed")
        before = {"state": f.state}
        label = "申诉处理" if f.state == "appealed" else "整改情况"
        _write_followup(uow, f, f.state, state="closed", closed_at=uow.now,
                        closed_by=ctx.actor.staff_id,
                        note="\n".join(x for x in (f.note, f"{label}：{text}") if x))
        uow.audit("followup_close", "followup", f.id, before=before,
                  after={"state": "closed", "note": text})
        uow.emit("followup_closed", followup=f.id)
        info = _followup_info(uow, f)
        uow.commit()
    return info


@action(Perm.OPERATE_WINDOW)
def appeal(ctx: Ctx, followup_id: int, reason: str) -> FollowupInfo:
    """The rated clerk (or a supervisor) appeals a rating believed malicious."""
    text = _note(reason, "申诉理由")
    with ctx.uow() as uow:
        f = _followup(uow, followup_id, "open")
        rating = uow.session.get(Rating, f.rating_id)
        assert rating is not None
        if ctx.actor.role is Role.CLERK and rating.clerk_id != ctx.actor.staff_id:
            raise PermissionDenied("只能对自己受到的评价提出申诉", code="not_your_rating")
        _write_followup(uow, f, "open", state="appealed", note=f"申诉：{text}")
        uow.audit("followup_appeal", "followup", f.id, before={"state": "open"},
                  after={"state": "appealed", "reason": text})
        uow.emit("followup_appealed", followup=f.id)
        info = _followup_info(uow, f)
        uow.commit()
    return info
