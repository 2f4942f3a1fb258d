"""Changing opened appointment slots: another capacity, or removing a slot never booked.

An administrator who opened a slot with the wrong capacity, or for hours the hall then
cannot staff, mends it here (opening is ``appointments.create_slots``). Both are single
conditional statements, so a booking made at the same moment is never lost: the capacity
cannot fall below the places booked (``booked <= :capacity``, against the booking's own
``booked < capacity``), and a slot goes only while nobody holds or held a place in it (a
cancelled booking still points at its slot: history is never deleted).
"""

from __future__ import annotations

from sqlalchemy import delete, exists, select, update
from sqlalchemy.orm import Session

from hallapp.core.errors import NotFound, StateError, ValidationError
from hallapp.core.roles import Perm
from hallapp.services.appointments import SlotInfo, slot_info
from hallapp.services.catalogue import item_names
from hallapp.services.context import Ctx, action
from hallapp.store.models import Appointment, AppointmentSlot, Queue
from hallapp.store.uow import UnitOfWork


@action(Perm.EDIT_HALL)
def set_capacity(ctx: Ctx, slot_id: int, capacity: int) -> SlotInfo:
    """The slot's places become ``capacity``: at least 1, and not below those booked."""
    if capacity < 1:
        raise ValidationError("容量至少为 1", field="capacity", code="slot_invalid")
    with ctx.uow() as uow:
        slot = _open_slot(uow, slot_id)
        before = slot.capacity
        changed = uow.session.execute(
            update(AppointmentSlot).where(AppointmentSlot.id == slot_id,
                                          AppointmentSlot.booked <= capacity)
            .values(capacity=capacity)
            .execution_options(synchronize_session=False)).rowcount  # type: ignore[attr-defined]
        uow.session.refresh(slot)
        if changed != 1:
            raise ValidationError(f"该时段已有 {slot.booked} 人预约，容量不能少于 {slot.booked}",
                                  field="capacity", code="capacity_below_booked",
                                  booked=slot.booked)
        uow.audit("slot_capacity", "appointment_slot", slot_id, before={"capacity": before},
                  after={"capacity": capacity})
        info = _changed(uow, slot)
        uow.commit()
        return info


@action(Perm.EDIT_HALL)
def remove_slot(ctx: Ctx, slot_id: int) -> SlotInfo:
    """Remove a slot nobody has booked (a cancelled booking counts: it stays on record)."""
    with ctx.uow() as uow:
        slot = _open_slot(uow, slot_id)
        info = _changed(uow, slot)
        s = uow.session
        never_booked = ~exists().where(Appointment.slot_id == AppointmentSlot.id)
        gone = s.execute(delete(AppointmentSlot).where(
            AppointmentSlot.id == slot_id, AppointmentSlot.booked == 0, never_booked)
            .execution_options(synchronize_session=False)).rowcount  # type: ignore[attr-defined]
        if gone != 1:
            raise StateError("该时段已有预约记录（含已取消的），不能删除；可将容量减至已约人数，"
                             "不再接受新的预约", code="slot_booked")
        s.expunge(slot)
        uow.audit("slot_remove", "appointment_slot", slot_id, before={
            "queue": info.queue, "starts_at": info.starts_at.isoformat(),
            "capacity": info.capacity, "item": info.item_code})
        uow.commit()
        return info


def _open_slot(uow: UnitOfWork, slot_id: int) -> AppointmentSlot:
    """The slot, if it has not ended (an ended slot is history)."""
    slot = uow.session.get(AppointmentSlot, slot_id)
    if slot is None:
        raise NotFound(f"预约时段 {slot_id} 不存在", field="slot", code="unknown_slot",
                       slot=slot_id)
    if slot.ends_at <= uow.now:
        raise StateError("该时段已结束，不能修改", code="slot_past")
    return slot


def _changed(uow: UnitOfWork, slot: AppointmentSlot) -> SlotInfo:
    """The slot's view, and the event that makes the admin and counter tabs reload."""
    code = _queue_code(uow.session, slot.queue_id)
    uow.emit("appointment_slots_changed", queue=code, slot=slot.id)
    return slot_info(slot, code, item_names(uow.session, {slot.item_code}).get(
        slot.item_code or ""))


def _queue_code(s: Session, queue_id: int) -> str:
    return str(s.scalar(select(Queue.code).where(Queue.id == queue_id)))
