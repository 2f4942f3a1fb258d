"""Taking a service item out of service (停用) and back into it (恢复).

A withdrawal keeps the item's history: no version is in force, so kiosks and counters no
longer offer it. What was under way for it is counted first (:func:`withdrawal_impact`): the
tickets waiting for it today keep their places (a clerk serves them and tells them), and the
bookings made for it from today on that are not checked in yet are cancelled by the hall,
their codes returned for staff to tell the applicants (left booked, an applicant told not
to come would be recorded as missed at the close). While either count is not zero, the
withdrawal is refused unless ``force``: the administrator has seen the counts and confirms.

Reinstating puts the item's latest version back in force, as it was when withdrawn; the
bookings cancelled then stay cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hallapp.core.errors import NotFound, StateError
from hallapp.core.hallday import hall_day, hall_day_bounds
from hallapp.core.roles import Perm
from hallapp.services.calendar_admin import cancel_booked
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.services.hall_lock import lock_hall
from hallapp.store.constraints import violates
from hallapp.store.models import Appointment, AppointmentSlot, ServiceItem, Ticket

WITHDRAWN_REASON = "事项已停用"


@dataclass(frozen=True)
class WithdrawalImpact:
    """What is under way for an item: tickets waiting for it today, bookings not yet
    checked in for it from today on."""

    code: str
    name: str
    waiting_tickets: int
    bookings: int


@dataclass(frozen=True)
class Withdrawn:
    code: str
    version: int
    waiting_tickets: int
    cancelled_bookings: tuple[str, ...]  # their codes, for staff to tell the applicants


def _in_force(s: Session, code: str, *, lock: bool = False) -> ServiceItem:
    stmt = select(ServiceItem).where(ServiceItem.code == code, ServiceItem.in_force.is_(True))
    row = s.scalars(stmt.with_for_update() if lock else stmt).first()
    if row is None:
        raise NotFound(f"事项 {code} 不存在或已停用", field="item", code="unknown_item")
    return row


def _impact(s: Session, row: ServiceItem, today_start: datetime, today: date
            ) -> tuple[int, list[tuple[int, str, int]]]:
    waiting = s.scalar(select(func.count()).select_from(Ticket).where(
        Ticket.item_code == row.code, Ticket.hall_day == today,
        Ticket.state == "waiting")) or 0
    bookings = s.execute(select(Appointment.id, Appointment.code, Appointment.slot_id)
                         .join(AppointmentSlot)
                         .where(Appointment.item_code == row.code,
                                Appointment.state == "booked",
                                AppointmentSlot.starts_at >= today_start)
                         .order_by(AppointmentSlot.starts_at, Appointment.id)).all()
    return int(waiting), [(a, c, slot) for a, c, slot in bookings]


def _today(s: Session, now: datetime) -> tuple[date, datetime]:
    hall = get_hall_row(s)
    today = hall_day(now, hall.timezone)
    return today, hall_day_bounds(today, hall.timezone)[0]


@action(Perm.EDIT_CATALOGUE)
def withdrawal_impact(ctx: Ctx, code: str) -> WithdrawalImpact:
    """What withdrawing item ``code`` would touch, to show before asking to confirm."""
    with ctx.uow(readonly=True) as uow:
        row = _in_force(uow.session, code)
        today, start = _today(uow.session, uow.now)
        waiting, bookings = _impact(uow.session, row, start, today)
        return WithdrawalImpact(code, row.name, waiting, len(bookings))


@action(Perm.EDIT_CATALOGUE)
def retire_item(ctx: Ctx, code: str, *, force: bool = False) -> Withdrawn:
    """Take an item out of service (no version in force); its history stays. Refused while
    tickets wait for it or bookings are made for it, unless ``force`` (see the module)."""
    with ctx.uow() as uow:
        s = uow.session
        # After the bookings in flight, and before any made meanwhile, which then find the
        # item withdrawn (``hall_lock``): one committed after the count stayed booked.
        lock_hall(s)
        row = _in_force(s, code, lock=True)
        today, start = _today(s, uow.now)
        waiting, bookings = _impact(s, row, start, today)
        if (waiting or bookings) and not force:
            raise StateError(f"事项 {code} 今日仍有 {waiting} 人等候，另有 {len(bookings)} 个"
                             "未签到的预约（停用将取消这些预约）：确认后再停用（命令行加 --force）",
                             code="item_in_use", item=code, waiting=waiting,
                             bookings=len(bookings))
        row.in_force = False
        cancelled = tuple(c for appt, c, slot in bookings
                          if cancel_booked(uow, appt, slot, WITHDRAWN_REASON))
        uow.audit("item_retire", "service_item", code, before={"version": row.version},
                  after={"waiting_tickets": waiting, "cancelled_bookings": list(cancelled)})
        uow.emit("catalogue_changed", item=code)
        uow.commit()
        return Withdrawn(code, row.version, waiting, cancelled)


@action(Perm.EDIT_CATALOGUE)
def reinstate_item(ctx: Ctx, code: str) -> int:
    """Put a withdrawn item's latest version back in force; that version's number."""
    with ctx.uow() as uow:
        s = uow.session
        # Locked, as save_item: a save and a reinstatement of one item take turns.
        rows = s.scalars(select(ServiceItem).where(ServiceItem.code == code)
                         .order_by(ServiceItem.version).with_for_update()).all()
        if not rows:
            raise NotFound(f"事项 {code} 不存在", field="item", code="unknown_item")
        if any(r.in_force for r in rows):
            raise StateError(f"事项 {code} 未停用，无需恢复", code="item_not_withdrawn",
                             item=code)
        latest = rows[-1]
        latest.in_force = True
        try:
            s.flush()
        except IntegrityError as exc:  # another terminal saved or reinstated it meanwhile
            if not violates(exc, "ix_service_item_current"):
                raise
            raise StateError(f"事项 {code} 刚由其他终端同时保存或恢复，本次未生效：请刷新",
                             code="item_saved_meanwhile", item=code) from None
        uow.audit("item_reinstate", "service_item", code, before=None,
                  after={"version": latest.version})
        uow.emit("catalogue_changed", item=code)
        uow.commit()
        return latest.version
