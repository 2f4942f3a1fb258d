"""Printed documents: queue tickets, receipts, notices and checklists as PDF bytes.

Plain frozen dataclasses in (:mod:`hallapp.documents.model`), PDF bytes out; no database,
no Qt. See :mod:`hallapp.documents.api` for the calls.
"""

from hallapp.documents.api import (
    build_checklist,
    build_notice,
    build_receipt,
    build_ticket,
    warm_up,
)
from hallapp.documents.labels import DEFAULT_LABELS, Labels
from hallapp.documents.model import (
    NOTICE_KINDS,
    CaseRef,
    ChecklistData,
    ChecklistMaterial,
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
from hallapp.documents.qr import case_payload, ticket_payload

__all__ = [
    "DEFAULT_LABELS",
    "NOTICE_KINDS",
    "CaseRef",
    "ChecklistData",
    "ChecklistMaterial",
    "CorrectionNotice",
    "HallInfo",
    "Labels",
    "MaterialLine",
    "MaterialProblem",
    "MissingNotice",
    "NoticeData",
    "NoticeHead",
    "ReceiptData",
    "RefusalNotice",
    "ResultNotice",
    "SupplementNotice",
    "TicketData",
    "build_checklist",
    "build_notice",
    "build_receipt",
    "build_ticket",
    "case_payload",
    "ticket_payload",
    "warm_up",
]
