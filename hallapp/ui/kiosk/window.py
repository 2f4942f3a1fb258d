"""The self-service kiosk (自助取号机): pages, change feed, idle return, lock, offline state.

``create(ctx, feed, options)`` is what the launcher calls. Options (all optional):
``printer`` (a ``TicketPrinter``; default: save PDFs, see ``printing.py``), ``speaker``
(callable taking the text of a spoken prompt; default espeak-ng if installed),
``idle_seconds`` (back to the home page after this long without input; default 60),
``admin_pin`` (used when the hall setting ``kiosk_admin_pin`` is not set), ``lang`` (the
command line's ``--lang``). Where these leave them open, the kiosk takes its printer, roll
width, idle time and language from its terminal's settings (管理 → 终端设备, see
``hallapp.ui.common.device``) each time it reads the hall.

The kiosk stands in public: it cannot be closed without the admin PIN (tap the hall title
five times, or Ctrl+Alt+Shift+A), it returns to a clean home page when left alone, and a
lost database shows a full-screen 暂停取号 page until the feed reports it back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hallapp.services.context import Ctx
from hallapp.services.feed import FeedEvent
from hallapp.services.hall import HallInfo, get_hall
from hallapp.services.search import note_events
from hallapp.ui.common.deferred import after_first_frame
from hallapp.ui.common.device import Device, device_for
from hallapp.ui.common.errors import is_english, local_name, user_message
from hallapp.ui.common.feed import FeedWatcher
from hallapp.ui.common.gc_pin import drop_module_sources
from hallapp.ui.common.qt_app import set_language
from hallapp.ui.common.tasks import run_task
from hallapp.ui.common.widgets import make_label
from hallapp.ui.kiosk.guard import ConnectionProbe, IdleWatcher
from hallapp.ui.kiosk.home import HomePage, is_ticket_scan
from hallapp.ui.kiosk.offline import OfflinePage
from hallapp.ui.kiosk.pin import DEFAULT_PIN, AdminPinDialog, pin_matches
from hallapp.ui.kiosk.printing import PdfTicketPrinter
from hallapp.ui.kiosk.speech import default_speaker
from hallapp.ui.kiosk.style import KIOSK_QSS
from hallapp.ui.kiosk.widgets import KioskEnv, KioskPage, TapLabel

if TYPE_CHECKING:
    from hallapp.ui.common.printer_api import TicketPrinter
    from hallapp.ui.kiosk.checkin import CheckinPage
    from hallapp.ui.kiosk.flow import IssueOutcome
    from hallapp.ui.kiosk.item import ItemPage
    from hallapp.ui.kiosk.result import ResultPage
    from hallapp.ui.kiosk.search import SearchPage
    from hallapp.ui.kiosk.status import TicketStatusPage
    from hallapp.ui.kiosk.take import TakePage

log = logging.getLogger("hallapp.ui.kiosk")
# Feed events that can change what the home page shows (waiting counts, the queues).
COUNT_EVENTS = ("ticket_", "window", "day_", "catalogue_", "appointment_", "queue")
PageT = TypeVar("PageT", bound=KioskPage)


def _warm_up_documents() -> None:
    """On a worker: load the CJK font, import reportlab and lay out a throw-away ticket.

    The font first: reading it takes ~20 MB for a moment, of which ~9 MB is freed again once
    its tables are packed; importing the rest of reportlab afterwards reuses that memory.
    """
    from hallapp.documents.fonts import cjk_font

    cjk_font()
    from hallapp.documents.api import warm_up

    warm_up()


def _named_printer(ctx: Ctx, name: str, width_mm: int) -> TicketPrinter:
    """Tickets on the Qt printer ``name`` (the terminal's 终端设备 setting); a printer that is
    not there fails each print, which withdraws the number, as a jammed one does."""
    from hallapp.ui.common.printing import KioskTicketPrinter, QtPrinter  # QtPrintSupport

    return KioskTicketPrinter(ctx, QtPrinter(name=name), width_mm)


class KioskWindow(QWidget):
    def __init__(self, ctx: Ctx, feed: FeedWatcher, options: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        options = dict(options or {})
        self.options = options
        self.feed = feed
        self._device_printer: tuple[str | None, int] | None = None  # (name, roll) in use
        self.env = KioskEnv(ctx, printer=options.get("printer"),
                            speaker=options.get("speaker") or default_speaker())
        self.admin_pin_option = str(options.get("admin_pin") or DEFAULT_PIN)
        self.start_english = is_english()
        self.offline = False
        self._closable = False
        self.probe = ConnectionProbe(ctx, lambda: self.offline and self.feed.online,
                                     self.resume, self)
        self.setObjectName("kiosk")
        self.setProperty("elder", "false")
        self.setWindowTitle(self.tr("自助取号机"))
        self.setStyleSheet(KIOSK_QSS)
        self._build_pages()
        self._build_layout()
        self._connect(feed)
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(max(1, int(float(options.get("idle_seconds", 60)) * 1000)))
        self.idle_timer.timeout.connect(self._on_idle_timer_timeout)
        self._idle_watcher = IdleWatcher(self, self.idle_timer)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._idle_watcher)
        QShortcut(QKeySequence("Ctrl+Alt+Shift+A"), self, self.request_unlock)
        self.load_hall()
        # The first ticket must not wait for reportlab and the CJK font, and the first
        # frame must not wait for them either: warm up once the window is on screen.
        after_first_frame(self, self._warm_up)

    def _warm_up(self) -> None:
        # The start-up imports are done: free their source texts first, so that reportlab
        # and the font (~30 MB) reuse that memory instead of growing the process.
        drop_module_sources()
        run_task(_warm_up_documents, lambda _r: None,
                 lambda exc: log.warning("font warm-up: %s", exc))

    # --- construction ----------------------------------------------------------------------

    def _build_pages(self) -> None:
        # The first frame shows the home page. The others are built when first needed: their
        # modules (ID checks, appointments, ticket issuing, the catalogue; ~50 ms) are not.
        self._pages: list[KioskPage] = []
        self.stack = QStackedWidget()
        self.home = self._add_page(HomePage(self.env))
        self.offline_page = self._add_page(OfflinePage(self.env))

    def _add_page(self, page: PageT) -> PageT:
        self._pages.append(page)
        self.stack.addWidget(page)
        page.home_requested.connect(self.go_home)
        page.connection_failed.connect(self._on_page_connection_failed)
        if self.env.elder:
            page.set_elder(True)
        return page

    def _lazy_page(self, kind: type[PageT],
                   connect: Callable[[PageT], object] | None = None) -> PageT:
        """The page of this class, built (and its own signals connected) on first use."""
        page = next((p for p in self._pages if isinstance(p, kind)), None)
        if page is None:
            page = self._add_page(kind(self.env))
            if connect is not None:
                connect(page)
        return page

    @property
    def search(self) -> SearchPage:
        from hallapp.ui.kiosk.search import SearchPage

        return self._lazy_page(SearchPage,
                               lambda p: p.item_chosen.connect(self._on_search_item_chosen))

    @property
    def item(self) -> ItemPage:
        from hallapp.ui.kiosk.item import ItemPage

        return self._lazy_page(ItemPage,
                               lambda p: p.take_requested.connect(self._on_item_take_requested))

    @property
    def take(self) -> TakePage:
        from hallapp.ui.kiosk.take import TakePage

        return self._lazy_page(TakePage, lambda p: p.issued.connect(self._on_ticket_issued))

    @property
    def result(self) -> ResultPage:
        from hallapp.ui.kiosk.result import ResultPage

        return self._lazy_page(ResultPage)

    @property
    def checkin(self) -> CheckinPage:
        from hallapp.ui.kiosk.checkin import CheckinPage

        def connect(page: CheckinPage) -> None:
            page.issued.connect(self._on_ticket_issued)
            page.ticket_scanned.connect(self._on_home_scan_received)

        return self._lazy_page(CheckinPage, connect)

    @property
    def ticket_status(self) -> TicketStatusPage:
        from hallapp.ui.kiosk.status import TicketStatusPage

        return self._lazy_page(TicketStatusPage)

    def pages(self) -> Sequence[KioskPage]:
        """The pages built so far (home and offline always)."""
        return tuple(self._pages)

    def _build_layout(self) -> None:
        header = QFrame()
        header.setObjectName("header")
        self.title = TapLabel()
        self.title.setObjectName("hallTitle")
        self.title.setWordWrap(True)  # a long hall name in elder-mode type: two lines
        self.title.setText(self.tr("自助取号机"))
        self.title.tapped_enough.connect(self.request_unlock)
        self.header_hint = make_label("", "subtitle")
        row = QHBoxLayout(header)
        row.setContentsMargins(40, 12, 40, 12)
        row.addWidget(self.title, 1)
        row.addWidget(self.header_hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.stack, 1)
        self.retranslate()

    def _connect(self, feed: FeedWatcher) -> None:
        h = self.home
        h.queue_chosen.connect(self._on_home_queue_chosen)
        h.search_requested.connect(self._on_home_search_requested)
        h.checkin_requested.connect(self._on_home_checkin_requested)
        h.status_requested.connect(self._on_home_status_requested)
        h.scan_received.connect(self._on_home_scan_received)
        h.elder_toggled.connect(self._on_home_elder_toggled)
        h.language_toggled.connect(self._on_home_language_toggled)
        feed.events_arrived.connect(self._on_feed_events_arrived)
        feed.connection_lost.connect(self._on_feed_connection_lost)
        feed.connection_restored.connect(self._on_feed_connection_restored)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("自助取号机"))
        self.header_hint.setText(self.tr("自助取号 · 事项查询 · 预约签到"))
        hall = self.env.hall
        self.title.setText(self.tr("自助取号机") if hall is None
                           else local_name(hall.name, hall.name_en))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- hall and counts -------------------------------------------------------------------

    def load_hall(self) -> None:
        """Read the hall (name, green channels, PIN), then the waiting counts."""
        self.home.call(lambda: get_hall(self.env.ctx), self._on_hall_loaded,
                       lambda exc: self.home.show_error(user_message(exc, "kiosk: hall")))

    def _on_hall_loaded(self, hall: HallInfo) -> None:
        env = self.env
        env.hall = hall
        self.apply_device(device_for(hall.settings, env.ctx.terminal, "kiosk"))
        self.title.setText(local_name(hall.name, hall.name_en))
        for page in self.pages():
            page.set_hall(hall)
        self.home.refresh()

    def apply_device(self, device: Device | None) -> None:
        """This terminal's settings (管理 → 终端设备) where the options leave them open: the
        printer and roll width for the next ticket, the idle time, and the language the kiosk
        greets each applicant in (at once if nobody is using it)."""
        env, roll = self.env, device.roll_width_mm if device else 80
        if env.fallback is None or env.fallback.width_mm != roll:
            env.fallback = PdfTicketPrinter(env.ctx, width_mm=roll)
        if self.options.get("printer") is None:
            name = device.printer if device else None
            if env.printer is None or (name, roll) != self._device_printer:
                self._device_printer = (name, roll)
                env.printer = env.fallback if name is None else _named_printer(env.ctx, name, roll)
        if self.options.get("idle_seconds") is None:
            self.idle_timer.setInterval(1000 * (device.idle_seconds if device else 60))
        if device is not None and not self.options.get("lang"):
            self.start_english = device.language == "en"
            if (is_english() != self.start_english and self.current_page() is self.home
                    and self.home.untouched() and not env.elder):
                self.set_english(self.start_english)

    def admin_pin(self) -> str:
        hall = self.env.hall
        configured = hall.settings.get("kiosk_admin_pin") if hall else None
        return str(configured or self.admin_pin_option)

    def _on_feed_events_arrived(self, events: list[FeedEvent]) -> None:
        note_events(self.env.ctx.db, events)
        if self.offline:
            return
        if any(e.kind == "hall_changed" for e in events):
            self.load_hall()  # settings and green channels, as the admin saved them; counts too
        elif any(e.kind.startswith(COUNT_EVENTS) for e in events):
            self.home.refresh()
            follow = getattr(self.current_page(), "follow_feed", None)
            if follow is not None:  # the 号票查询 page, showing a ticket's place
                follow()

    # --- navigation ------------------------------------------------------------------------

    def show_page(self, page: KioskPage) -> None:
        if not self.offline:
            self.stack.setCurrentWidget(page)

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def go_home(self) -> None:
        for page in self.pages():
            page.reset()
        self.show_page(self.home)
        self.env.speak(self.home.prompt.text())

    def _on_home_queue_chosen(self, code: str, name: str) -> None:
        self.take.enter(code, name)
        self.show_page(self.take)

    def _on_home_search_requested(self, text: str) -> None:
        self.show_page(self.search)
        self.search.start(text)

    def _on_home_checkin_requested(self) -> None:
        self.show_page(self.checkin)
        self.checkin.enter()

    def _on_home_status_requested(self) -> None:
        self.show_page(self.ticket_status)
        self.ticket_status.enter()

    def _on_home_scan_received(self, text: str) -> None:
        """A QR code scanned on the home page: a ticket's (its status) or a booking's."""
        if is_ticket_scan(text):
            self._on_home_status_requested()
            self.ticket_status.submit(text)
        else:
            self._on_home_checkin_requested()
            self.checkin.submit(text)

    def _on_search_item_chosen(self, code: str) -> None:
        self.show_page(self.item)
        self.item.open(code)

    def _on_item_take_requested(self, queue: str, item_code: str, item_name: str) -> None:
        self.take.enter(queue, self.env.queue_name(queue, queue), item_code, item_name)
        self.show_page(self.take)

    def _on_ticket_issued(self, outcome: IssueOutcome) -> None:
        self.result.show_outcome(outcome)
        self.show_page(self.result)

    # --- elder mode and language -----------------------------------------------------------

    def set_elder(self, on: bool) -> None:
        self.env.elder = on
        self.setProperty("elder", "true" if on else "false")
        self.setStyleSheet(KIOSK_QSS)  # re-polish every child for the new property
        # It names search and check-in, which elder mode hides; the hall's name gets the row.
        self.header_hint.setVisible(not on)
        for page in self.pages():
            page.set_elder(on)
            layout = page.layout()
            if layout is not None:
                layout.invalidate()  # hidden pages must not keep their old minimum size
        self.stack.updateGeometry()
        if on:
            self.env.speak(self.tr("已进入适老模式，请点击要办理的业务"))

    def _on_home_elder_toggled(self) -> None:
        self.set_elder(not self.env.elder)

    def set_english(self, english: bool) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            set_language(app, "en" if english else "zh")
        # Without a .qm no LanguageChange arrives, yet data names (English item names,
        # green channels) must still switch: retranslate explicitly.
        self.retranslate()
        for page in self.pages():
            page.retranslate()

    def _on_home_language_toggled(self) -> None:
        self.set_english(not is_english())

    # --- idle, lock, offline ---------------------------------------------------------------

    def _on_idle_timer_timeout(self) -> None:
        """Nobody touched the kiosk for a while: clean slate for the next applicant."""
        if not self.offline:
            self.start_over()

    def start_over(self) -> None:
        """The next applicant's kiosk: home, standard mode, the kiosk's own language."""
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.parentWidget() is self:
            modal.close()
        if self.env.elder:
            self.set_elder(False)
        if is_english() != self.start_english:
            self.set_english(self.start_english)
        if self.current_page() is not self.home or not self.home.untouched():
            self.go_home()

    def request_unlock(self) -> None:
        """Ask for the admin PIN; the right one lets the kiosk close."""
        pin = AdminPinDialog.ask(self)
        if not pin_matches(pin, self.admin_pin()):
            if pin is not None:
                log.warning("kiosk: wrong admin PIN entered")
            return
        self.allow_close()
        self.close()

    def allow_close(self) -> None:
        """Let the next close() through (admin PIN given, or the application shutting down)."""
        self._closable = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closable:
            event.ignore()
            return
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._idle_watcher)
        self.idle_timer.stop()
        super().closeEvent(event)

    def go_offline(self) -> None:
        if not self.offline:
            self.stack.setCurrentWidget(self.offline_page)
            self.offline = True

    def resume(self) -> None:
        """The database answers again: a fresh home page with fresh counts, as after the idle
        timeout (which does nothing while offline): the applicant of before the outage has
        gone, and their English or elder mode must not greet the next one."""
        if self.offline:
            self.offline = False
            self.start_over()  # from the offline page: always back home
            self.load_hall()

    def _on_feed_connection_lost(self, _why: str) -> None:
        self.go_offline()

    def _on_feed_connection_restored(self) -> None:
        self.resume()

    def _on_page_connection_failed(self, exc: BaseException) -> None:
        """A service call lost the database. The feed may not have noticed (a short
        outage): then probe with backoff until the database answers."""
        log.warning("kiosk: database unreachable: %s", exc)
        was_offline = self.offline
        self.go_offline()
        if self.feed.online and not was_offline:
            self.probe.start()


def create(ctx: Ctx, feed: FeedWatcher, options: dict[str, Any] | None = None) -> KioskWindow:
    """Launcher entry point (``hallapp run kiosk``)."""
    return KioskWindow(ctx, feed, options)

