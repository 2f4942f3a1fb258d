"""Screenshots of the clients on a demo hall, for docs/screenshots/ and for looking at layouts.

    python tools/screenshots.py            # every shot
    python tools/screenshots.py display    # only some

Each entry of ``SHOTS`` maps a name to a function that writes its images into the output
folder and returns their paths. Shots share one demo hall (built once per run, in a temporary
SQLite file, with some tickets taken and called) through :func:`demo_database`. Runs offscreen
unless QT_QPA_PLATFORM says otherwise; nothing speaks.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from shotkit import (
    COMPANY_SETUP,
    DEMO_PASSWORD,
    OUT,
    ROOT,
    SIZES,
    TMP,
    ctx_as,
    demo_database,
    save,
    settle,
)
from shots_booking import appointments_shots, desk_shot

from hallapp.core.errors import DomainError
from hallapp.core.roles import SYSTEM_ACTOR
from hallapp.services import tickets, windows
from hallapp.services.context import Ctx
from hallapp.services.staff import login
from hallapp.ui.common.qt_app import application
from hallapp.ui.common.tasks import wait_for_tasks


def shoot_display(path: Path, size: tuple[int, int]) -> Path:
    """The 综合屏 at ``size``, after the demo calls have loaded."""
    from hallapp.ui.board.announcer import Announcer
    from hallapp.ui.board.display import DisplayWindow
    from hallapp.ui.board.speech import SilentEngine
    from hallapp.ui.common.feed import FeedWatcher

    ctx = ctx_as("display1")
    window = DisplayWindow(ctx, FeedWatcher(ctx.db), Announcer(engine=SilentEngine(), chime=None))
    window.resize(*size)
    window.show()
    settle(window, lambda: window.calls_model.rowCount() > 0
           and window.waiting_model.rowCount() > 0 and not window._dirty)
    result = save(window, path)
    window.close()
    window.deleteLater()
    return result


def _display(out: Path) -> list[Path]:
    return [shoot_display(out / f"display-{name}.png", size) for name, size in SIZES.items()]


class _NoPrinter:
    """Screenshots print nothing; the kiosk still shows the number."""

    def print_ticket(self, ticket: object, lang: str = "zh") -> None:
        return None


def _kiosk_window(size: tuple[int, int]) -> Any:
    from hallapp.ui.common.feed import FeedWatcher
    from hallapp.ui.kiosk.window import create

    ctx = ctx_as("kiosk1")
    window = create(ctx, FeedWatcher(ctx.db), {"printer": _NoPrinter(), "speaker": print,
                                               "idle_seconds": 3600})
    window.resize(*size)
    window.show()
    settle(window, lambda: window.env.hall is not None and bool(window.home.queue_buttons)
           and not window.home._refreshing)
    return window


def _kiosk_done(window: Any) -> None:
    wait_for_tasks()  # the font warm-up may still run: it answers to the window
    window.allow_close()
    window.close()
    window.deleteLater()


def _kiosk(out: Path) -> list[Path]:
    """自助取号机: home (1920×1080), an item's materials (1280×800), a result (1920×1080),
    the home page and the item in English (1280×800)."""
    paths = []
    window = _kiosk_window(SIZES["1920x1080"])
    paths.append(save(window, out / "kiosk-home-1920x1080.png"))
    window.home.queue_buttons["A"].click()
    window.take.confirm_button.click()
    settle(window, lambda: window.current_page() is window.result)
    paths.append(save(window, out / "kiosk-result-1920x1080.png"))
    _kiosk_done(window)
    window = _kiosk_window(SIZES["1280x800"])
    window.search.item_chosen.emit(COMPANY_SETUP)
    settle(window, lambda: window.item.item is not None)
    for _ in range(3):  # the new material rows are laid out over a few event-loop turns
        settle(window, lambda: True)
    paths.append(save(window, out / "kiosk-item-1280x800.png"))
    _kiosk_done(window)
    window = _kiosk_window(SIZES["1280x800"])  # as an applicant who pressed "English" sees it
    window.home.language_button.click()
    settle(window, lambda: True)
    paths.append(save(window, out / "kiosk-home-en-1280x800.png"))
    window.search.item_chosen.emit(COMPANY_SETUP)  # the catalogue's English names
    settle(window, lambda: window.item.item is not None)
    for _ in range(3):
        settle(window, lambda: True)
    paths.append(save(window, out / "kiosk-item-en-1280x800.png"))
    window.home.language_button.click()  # back to Chinese for the next shots
    _kiosk_done(window)
    return paths


def _kiosk_status(out: Path) -> list[Path]:
    """号票查询 · 过号重排 (1280×800): a ticket passed as absent at window 11, scanned at the
    kiosk, may re-join. Runs last: the no-show would show on the other clients' shots."""
    clerk = ctx_as("clerk11")
    windows.open_window(clerk, 11)
    passed = windows.call_next(clerk, 11)
    windows.noshow(clerk, 11)
    window = _kiosk_window(SIZES["1280x800"])
    window.home.scan_received.emit(f"HALLAPP:T:SZ-FT:{passed.hall_day.isoformat()}:"
                                   f"{passed.number}:{passed.id}")
    page = window.ticket_status
    settle(window, lambda: page.status is not None)
    path = save(window, out / "kiosk-status-1280x800.png")
    _kiosk_done(window)
    return [path]


TOLERANT_ITEM = "440300000000069391780002"  # 公司变更登记: 容缺 allowed, M03 secondary
SHOT_ID_NUMBER = "440301199001011236"


def _counter_window(size: tuple[int, int]) -> Any:
    """Window 1 serving its called ticket, an intake half done (item, applicant, checklist)."""
    from hallapp.ui.common.feed import FeedWatcher
    from hallapp.ui.counter.printing import PdfCaseDocumentPrinter
    from hallapp.ui.counter.window import create

    ctx = ctx_as("clerk1")
    state = windows.window_state(ctx, 1)
    if state.ticket is not None and state.ticket.state == "called":
        windows.start(ctx, 1)
    window = create(ctx, FeedWatcher(ctx.db), {
        "window": 1, "journal_dir": TMP / f"journal-{size[0]}",
        "printer": PdfCaseDocumentPrinter(ctx, TMP / "counter-documents")})
    window.resize(*size)
    window.show()
    settle(window, lambda: window.state is not None and window.queues.model.rowCount() > 0)
    intake = window.intake
    if intake.draft.case is None:
        intake.choose_item(TOLERANT_ITEM, None)
        settle(window, lambda: intake.item is not None)
        form = intake.form
        for name, text in (("name", "深圳市示例科技有限公司"), ("phone", "13800138000")):
            form.edits[name].setText(text)
        form.legal.setChecked(True)
        form.edits["id_number"].setText("91440300MA5FAKE01G")
        form.check_field("id_number")
        for code in ("M01", "M02", "M05"):
            intake.checklist.set_status(code, "received")
        intake.checklist.set_status("M03", "missing")
        intake.open_case()
    settle(window, lambda: intake.view is not None and not intake.busy)
    return window


def _counter(out: Path) -> list[Path]:
    """窗口工作台 at both sizes, with a ticket being served and an intake under way."""
    paths = []
    for name, size in SIZES.items():
        window = _counter_window(size)
        paths.append(save(window, out / f"counter-{name}.png"))
        window.close()
        window.deleteLater()
    return paths


def _rating(out: Path) -> list[Path]:
    """评价器 (1280×800) asking for the rating of a ticket just finished at window 1."""
    from hallapp.ui.common.feed import FeedWatcher
    from hallapp.ui.counter.rating import create

    ctx = ctx_as("display1")
    pad = create(ctx, FeedWatcher(ctx.db), {"window": 1})
    pad.resize(*SIZES["1280x800"])
    pad.show()
    pad.ask(1, "A001")
    settle(pad, lambda: True)
    path = save(pad, out / "rating-pad-1280x800.png")
    pad.close()
    pad.deleteLater()
    return [path]


# 后台审批: SZAMR cases accepted at window 2 (queue A) at different times, so the queue shows
# overdue, warning and normal deadlines; (item, decision, marks, days before now)
BACKOFFICE_CASES = (
    ("440300000000069391780003", "accept", {}, 4),  # 企业注销登记, 1 wd: overdue
    ("440300000000069391780001", "accept_commitment", {"M05": "commitment"}, 0),
    ("440300000000069391780008", "accept_tolerant", {"M04": "missing", "M05": "commitment"}, 0),
    ("440300000000069391780002", "accept", {}, 2),
    ("440300000000069391780006", "accept", {}, 0),
    ("440300000000069391780008", "accept", {}, 0),
)
BACKOFFICE_NAMES = ("王建国", "深圳市前海示例贸易有限公司", "李晓梅", "深圳市福田区示例餐饮店",
                    "陈思远", "赵一鸣")


def _serve_case(system: Ctx, clerk: Ctx, item: str, decision: str, marks: dict[str, str],
                days_ago: int, seq: int) -> str:
    """One case taken in at window 2 ``days_ago`` days ago (the window itself works now)."""
    from datetime import timedelta

    from stdnum.cn import ric

    from hallapp.core.intake import MaterialMark
    from hallapp.services import case_decide, cases

    state = windows.window_state(system, 2)
    if state.ticket is None or state.ticket.state != "called":
        if state.ticket is not None:
            windows.finish(system, 2)
        tickets.take_ticket(system, "A")
        windows.call_next(system, 2)
    windows.start(system, 2)
    when = clerk.db.clock() - timedelta(days=days_ago)  # the shots' hall clock (shotkit)
    past = Ctx(clerk.db, clerk.actor, clock=lambda: when, terminal="shots")
    legal = "有限公司" in BACKOFFICE_NAMES[seq] or "店" in BACKOFFICE_NAMES[seq]
    body = f"44030419850312{seq:03d}"
    ident = (uscc_code(seq) if legal else body + ric.calc_check_digit(body + "0"))
    detail = cases.open_case(past, 2, item, cases.ApplicantInput(
        "legal" if legal else "person", BACKOFFICE_NAMES[seq], ident, f"1380013{seq:04d}"))
    cases.record_checklist(past, detail.case.number, [
        MaterialMark(m.code, marks.get(m.code, "received"),
                     form="copy" if marks.get(m.code, "received") == "received" else None,
                     copies=1 if marks.get(m.code, "received") == "received" else 0)
        for m in detail.materials])
    case_decide.decide(past, detail.case.number, decision,
                       commitment="申请人承诺所填住所真实有效" if "M05" in marks else None)
    windows.finish(system, 2)
    return detail.case.number


def uscc_code(seq: int) -> str:
    from stdnum.cn import uscc

    body = f"91440300MA5F{seq % 100000:05d}"
    return body + uscc.calc_check_digit(body)


@cache
def backoffice_cases() -> tuple[str, ...]:
    """The screenshot cases: one claimed by the approver with a correction round behind it."""
    from hallapp.services import backoffice, case_clock

    system, clerk = Ctx(demo_database(), SYSTEM_ACTOR, terminal="shots"), ctx_as("clerk2")
    numbers = tuple(_serve_case(system, clerk, *spec, seq=i)
                    for i, spec in enumerate(BACKOFFICE_CASES))
    approver = ctx_as("approver_szamr")
    backoffice.claim(approver, numbers[3])
    case_clock.request_correction(approver, numbers[3], "股东会决议缺少全体股东签字，请补正",
                                  ["M02"])
    backoffice.claim(approver, numbers[2])
    return numbers


def shoot_backoffice(path: Path, size: tuple[int, int], number: str) -> Path:
    """The approver's desk at ``size`` with case ``number`` open."""
    from hallapp.ui.backoffice.window import create
    from hallapp.ui.common.feed import FeedWatcher

    ctx = ctx_as("approver_szamr")
    window = create(ctx, FeedWatcher(ctx.db), {"refresh_ms": 3_600_000})
    window.resize(*size)
    window.show()
    settle(window, lambda: window.queue.loaded_once)
    window.queue.select(number)
    settle(window, lambda: window.detail.detail is not None)
    for _ in range(3):  # tables resize to their contents over a few event-loop turns
        settle(window, lambda: True)
    result = save(window, path)
    window.close()
    window.deleteLater()
    return result


def _backoffice(out: Path) -> list[Path]:
    """后台审批 at both sizes: the SZAMR queue, a 容缺 + 告知承诺 case claimed and open."""
    number = backoffice_cases()[2]
    return [shoot_backoffice(out / f"backoffice-{name}.png", size, number)
            for name, size in SIZES.items()]


def _admin(out: Path) -> list[Path]:
    """管理 at both sizes: the catalogue with an item open in the editor; the 绿色通道 tab at
    1280×800."""
    from hallapp.ui.admin.window import create
    from hallapp.ui.common.feed import FeedWatcher

    paths = []
    for name, size in SIZES.items():
        ctx = ctx_as("admin1")
        window = create(ctx, FeedWatcher(ctx.db), {})
        window.resize(*size)
        window.show()
        settle(window, lambda w=window: w.catalogue.model.rowCount() > 0
               and not any(p.busy for p in w.pages()))
        window.catalogue.open_item(COMPANY_SETUP)
        settle(window, lambda w=window: w.catalogue.editor.versions.rowCount() > 0
               and not w.catalogue.editor.busy)
        paths.append(save(window, out / f"admin-{name}.png"))
        if name == "1280x800":
            window.tabs.setCurrentWidget(window.green)
            settle(window, lambda w=window: w.green.model.rowCount() > 0)
            paths.append(save(window, out / f"admin-green-{name}.png"))
        window.close()
        window.deleteLater()
    return paths


def _supervisor_day(ctx: Ctx) -> None:
    """Some finished services, a 差评 and a paused window, so the board has things to show."""
    from hallapp.services.ratings import RatingInput, rate

    for n in (2, 3):
        state = windows.window_state(ctx, n)
        if state.ticket is not None:
            windows.start(ctx, n)
            windows.finish(ctx, n)
            if n == 3:
                rate(Ctx(ctx.db, login(ctx, "display1", DEMO_PASSWORD), terminal="shots"),
                     RatingInput(1), ticket=state.ticket.number)
    windows.call_next(ctx, 2)
    windows.pause(ctx, 5, "业务培训")
    _supervisor_bookings(ctx)


def _supervisor_bookings(ctx: Ctx) -> None:
    """Today's appointments for the board's columns: queues B and D booked for the next
    hours, one of D's checked in."""
    from datetime import time as at  # the module ``time`` is the clock here

    from hallapp.core.hallday import hall_day, hall_zone
    from hallapp.services import appointments

    hour = ctx.clock().astimezone(hall_zone()).hour + 1
    if hour > 21:
        return  # too late in the day for slots today
    day = hall_day(ctx.clock())
    for queue, booked in (("B", 3), ("D", 2)):
        [slot, *_] = appointments.create_slots(ctx, queue, day, at(hour), at(hour + 2),
                                               minutes=60, capacity=4)
        codes = [appointments.book(ctx, slot.id).code for _ in range(booked)]
    kiosk = Ctx(ctx.db, login(ctx, "kiosk1", DEMO_PASSWORD), terminal="shots")
    appointments.checkin(kiosk, codes[0])


def _supervisor(out: Path) -> list[Path]:
    """值班长看板 at both sizes (the live board), and its figures view at 1920×1080."""
    from hallapp.ui.common.feed import FeedWatcher
    from hallapp.ui.supervisor.window import create

    ctx = ctx_as("supervisor1")
    with contextlib.suppress(DomainError):  # a state the other shots left behind
        _supervisor_day(Ctx(ctx.db, SYSTEM_ACTOR, terminal="shots"))
    paths = []
    for name, size in SIZES.items():
        window = create(ctx, FeedWatcher(ctx.db), {"chime": False, "export_dir": TMP})
        window.resize(*size)
        window.show()
        settle(window, lambda w=window: w.board.board is not None and not w.kpi.busy
               and w.kpi.report is not None and w.work.loaded)
        window.board.select_window(5)
        day = window.kpi.today()
        window.kpi.set_period(day, day, "queue")
        settle(window, lambda w=window: not w.kpi.busy)
        paths.append(save(window, out / f"supervisor-{name}.png"))
        if name == "1920x1080":
            window.tabs.setCurrentWidget(window.kpi)
            settle(window, lambda: True)
            paths.append(save(window, out / f"supervisor-kpi-{name}.png"))
            window.tabs.setCurrentWidget(window.work)
            settle(window, lambda w=window: w.work.loaded)
            paths.append(save(window, out / f"supervisor-worklists-{name}.png"))
        window.close()
        window.deleteLater()
    return paths


def _supervisor_planner(out: Path) -> list[Path]:
    """排班预测 at 1920×1080 with a generated recommendation beside the forecast."""
    from hallapp.ui.common.feed import FeedWatcher
    from hallapp.ui.supervisor.window import create

    window = create(ctx_as("supervisor1"), FeedWatcher(demo_database()),
                    {"chime": False, "export_dir": TMP})
    window.resize(*SIZES["1920x1080"])
    window.show()
    window.tabs.setCurrentWidget(window.planner)
    settle(window, lambda: window.planner.profile is not None and not window.planner.busy)
    window.planner.generate()
    settle(window, lambda: window.planner.report is not None, 60.0)
    path = save(window, out / "supervisor-planner-1920x1080.png")
    window.close()
    window.deleteLater()
    return [path]


SHOTS: dict[str, Callable[[Path], list[Path]]] = {
    "display": _display,
    "kiosk": _kiosk,
    "counter": _counter,
    "rating": _rating,
    "backoffice": _backoffice,
    "admin": _admin,
    "supervisor": _supervisor,
    "supervisor-planner": _supervisor_planner,
    "appointments": appointments_shots,
    "desk": desk_shot,
    "kiosk-status": _kiosk_status,  # last: it passes a ticket as absent
}


def main(argv: list[str]) -> int:
    names = argv or list(SHOTS)
    unknown = [n for n in names if n not in SHOTS]
    if unknown:
        print(f"unknown shots: {', '.join(unknown)}; known: {', '.join(SHOTS)}", file=sys.stderr)
        return 2
    application("zh")
    for name in names:
        for path in SHOTS[name](OUT):
            print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
