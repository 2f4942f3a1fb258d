"""What a client needs from a printer; the real ones live in ``hallapp.ui.common.printing``.

A failed print raises ``DomainError(code="print_failed")`` with a message for the user
(missing printer, out of paper, offline). A kiosk that gets it must not hand out the
number: it cancels the ticket and says so on screen.
"""

from __future__ import annotations

from typing import Protocol

from hallapp.services.queue_common import TicketInfo


class TicketPrinter(Protocol):
    def print_ticket(self, ticket: TicketInfo, lang: str = "zh") -> None:
        """Print ``ticket``; ``lang="en"`` prints it in English (the kiosk's choice)."""
        ...
