"""Printed documents: queue tickets, receipts, notices and checklists as PDF bytes.

Plain frozen dataclasses in (:mod:`hallapp.documents.model`), PDF bytes out; no database,
no Qt. See :mod:`hallapp.documents.api` for the calls.

The builders and QR helpers load on first use (PEP 562 ``__getattr__``): they pull in
reportlab and qrcode (~0.25 s, ~15 MB), which a client that only fills the data classes
(e.g. at start-up) must not pay for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from hallapp.documents.api import (
        build_checklist,
        build_notice,
        build_receipt,
        build_ticket,
        warm_up,
    )
    from hallapp.documents.qr import case_payload, ticket_payload

_LAZY = {
    "build_checklist": "hallapp.documents.api",
    "build_notice": "hallapp.documents.api",
    "build_receipt": "hallapp.documents.api",
    "build_ticket": "hallapp.documents.api",
    "warm_up": "hallapp.documents.api",
    "case_payload": "hallapp.documents.qr",
    "ticket_payload": "hallapp.documents.qr",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


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
