"""Issue a ticket and put it on paper, or withdraw it: the one rule a kiosk must not break.

A number that was not printed must never be called, so :func:`take_and_print` and
:func:`checkin_and_print` print right after the ticket is committed and, if the printer
fails in any way, cancel the ticket (``cancel_unprinted``, state ``cancelled``: the number
is kept, so numbering has no gap). They run on the worker thread (``run_task``) and touch
no widget; the page shows the :class:`IssueOutcome`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from hallapp.core.errors import DomainError
from hallapp.logs import log_error
from hallapp.services.appointments import checkin
from hallapp.services.context import Ctx
from hallapp.services.queue_common import TicketInfo
from hallapp.services.tickets import cancel_unprinted, take_ticket
from hallapp.ui.common.printer_api import TicketPrinter

log = logging.getLogger("hallapp.ui.kiosk")


@dataclass(frozen=True)
class TakeRequest:
    queue: str
    item_code: str | None = None
    priority: str | None = None
    id_number: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class IssueOutcome:
    """``printed``: hand it out. ``existing``: already waiting, shown again, not reprinted.
    Otherwise the print failed and the ticket was withdrawn (``cancelled``) if possible:
    ``problem`` says why (in Chinese, for the log), ``error`` is the printer's refusal, which
    the page words in the screen's language."""

    ticket: TicketInfo
    printed: bool
    existing: bool = False
    cancelled: bool = False
    problem: str | None = None
    error: DomainError | None = None

    @property
    def failed(self) -> bool:
        return not self.printed and not self.existing


def take_and_print(ctx: Ctx, printer: TicketPrinter, request: TakeRequest,
                   lang: str = "zh") -> IssueOutcome:
    info = take_ticket(ctx, request.queue, priority=request.priority,
                       id_number=request.id_number, phone=request.phone,
                       item_code=request.item_code, channel="kiosk")
    if info.existing:
        # The applicant already holds a printed ticket for this queue: show it, keep it.
        return IssueOutcome(info, printed=False, existing=True)
    return print_or_cancel(ctx, printer, info, lang)


def checkin_and_print(ctx: Ctx, printer: TicketPrinter, code_or_qr: str,
                      lang: str = "zh") -> IssueOutcome:
    info = checkin(ctx, code_or_qr)
    if info.existing:
        # The booking went to the ticket the applicant already waits with (and holds on
        # paper): show it, never withdraw it.
        return IssueOutcome(info, printed=False, existing=True)
    return print_or_cancel(ctx, printer, info, lang)


def print_or_cancel(ctx: Ctx, printer: TicketPrinter, info: TicketInfo,
                    lang: str = "zh") -> IssueOutcome:
    """Print ``info`` in ``lang`` (the applicant's choice at the kiosk), or withdraw it."""
    try:
        printer.print_ticket(info, lang)
    except Exception as exc:
        problem = exc.message if isinstance(exc, DomainError) else str(exc) or type(exc).__name__
        log.warning("ticket %s (id %s) not printed: %s", info.number, info.id, problem)
        return IssueOutcome(info, printed=False, cancelled=_withdraw(ctx, info, problem),
                            problem=problem,
                            error=exc if isinstance(exc, DomainError) else None)
    return IssueOutcome(info, printed=True)


def _withdraw(ctx: Ctx, info: TicketInfo, problem: str) -> bool:
    try:
        cancel_unprinted(ctx, info.id, f"自助取号机打印失败：{problem}")
    except Exception as exc:
        log_error(exc, f"kiosk: cancel unprinted ticket {info.number} (id {info.id})")
        return False
    return True
