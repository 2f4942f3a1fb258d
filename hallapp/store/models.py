"""All ORM models, imported in one place so metadata is complete for Alembic and tests."""

from hallapp.store.base import Base
from hallapp.store.models_audit import AuditEntry, BatchRequest, Event, FeedHead, PrintLog
from hallapp.store.models_case import (
    BlacklistEntry,
    CalendarDay,
    CalendarYear,
    Case,
    CaseTransition,
    Followup,
    Rating,
    Visit,
)
from hallapp.store.models_catalogue import ServiceItem
from hallapp.store.models_hall import Department, Hall, Queue, Staff, Window, WorkProfileEntry
from hallapp.store.models_kpi import KpiRollup, KpiState, KpiSummary
from hallapp.store.models_queue import (
    Appointment,
    AppointmentSlot,
    DailyCounter,
    ServiceRecord,
    Ticket,
)

__all__ = [
    "Appointment", "AppointmentSlot", "AuditEntry", "Base", "BatchRequest", "BlacklistEntry",
    "CalendarDay", "CalendarYear", "Case", "CaseTransition", "DailyCounter", "Department",
    "Event", "FeedHead", "Followup", "Hall", "KpiRollup", "KpiState", "KpiSummary", "PrintLog",
    "Queue", "Rating", "ServiceItem", "ServiceRecord", "Staff", "Ticket", "Visit", "Window",
    "WorkProfileEntry",
]
