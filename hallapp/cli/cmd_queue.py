"""ticket take|show|reactivate|resume, window call…close, queue status, appointment, day close."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from hallapp.cli.common import (
    CliEnv,
    add_json,
    date_arg,
    emit,
    group,
    int_arg,
    local_time,
    plain,
    table,
)
from hallapp.cli.lang import _, count
from hallapp.cli.words import APPOINTMENT_STATE, TICKET_STATE, WINDOW_STATE, local, word
from hallapp.core.hallday import parse_hhmm
from hallapp.core.roles import Role
from hallapp.services import (
    appointment_slots,
    appointments,
    day,
    hall,
    tickets,
    window_holder,
    windows,
)
from hallapp.services.queue_common import TicketInfo

# Help texts used by several actions, in Chinese and English (chosen when the parser is built).
TICKET_HELP = ("号码（如 A001）或 id", "Ticket number (e.g. A001) or id")
WINDOW_HELP = ("窗口号", "Window number")
DAY_HELP = ("日期（YYYY-MM-DD，默认今天）", "Date (YYYY-MM-DD, default today)")
QUEUE_FILTER_HELP = ("只看此队列（队列编码）", "Only this queue (its code)")


def register(sub: Any) -> None:
    _register_ticket(sub)
    _register_window(sub)
    _register_appointment(sub)
    d = group(sub, "day", _("大厅日", "The hall day"))
    close = d.add_parser("close", help=_("日终：未办结的号记为弃号（不删除），关闭窗口；"
                                         "当日不再取号、开窗",
                                         "End the day: open tickets become abandoned (not "
                                         "deleted), windows close; no more tickets or windows "
                                         "that day"))
    add_json(close)
    close.set_defaults(func=lambda env: _show(env, day.close_day(env.ctx()), _day_text))
    reopen = d.add_parser("reopen", help=_("误操作日终后重新开厅：可再取号、开窗"
                                           "（已记弃号的号不恢复）",
                                           "Reopen the hall after a day closed by mistake: "
                                           "tickets and windows again (abandoned tickets stay "
                                           "so)"))
    reopen.add_argument("--reason", required=True, help=_("重新开厅的原因（记入审计日志）",
                                                          "Why the hall reopens (written to the "
                                                          "audit log)"))
    add_json(reopen)
    reopen.set_defaults(func=lambda env: _show(
        env, {"hall_day": day.reopen_day(env.ctx(), env.args.reason)},
        lambda r: _(f"{r['hall_day']} 已重新开厅：可以取号、开窗",
                    f"{r['hall_day']} reopened: tickets can be taken and windows opened")))


def _register_ticket(sub: Any) -> None:
    t = group(sub, "ticket", _("取号与查号", "Take and look up tickets"))
    take = t.add_parser("take", help=_("取号", "Take a ticket"))
    take.add_argument("queue", help=_("队列编码（如 A）", "Queue code (e.g. A)"))
    take.add_argument("--priority", help=_("绿色通道类别（如 elderly）",
                                           "Green channel class (e.g. elderly)"))
    take.add_argument("--id-number", help=_("身份证号码", "Resident ID number"))
    take.add_argument("--phone", help=_("手机号码", "Mobile phone number"))
    take.add_argument("--item", help=_("事项实施编码", "Service item code"))
    take.add_argument("--channel", choices=("kiosk", "window", "online"),
                      help=_("取号渠道（默认：自助机账号为 kiosk，工作人员为 window；预约号由 "
                             "appointment checkin 签到取得）",
                             "Channel (default: kiosk for a kiosk account, window for staff; "
                             "an appointment's ticket comes from appointment checkin)"))
    add_json(take)
    take.set_defaults(func=_cmd_take)
    show = t.add_parser("show", help=_("查询号码（A001、2026-11-25/A001、id 或号票二维码内容）",
                                       "Look up a ticket (A001, 2026-11-25/A001, id or the "
                                       "ticket's QR code)"))
    show.add_argument("ticket", help=_(*TICKET_HELP))
    add_json(show)
    show.set_defaults(func=lambda env: _show_status(
        env, tickets.ticket_status(env.ctx(), env.args.ticket)))
    for name, fn, text in (("reactivate", tickets.reactivate, _("过号后在规定时间内重新激活",
                                                                "Reactivate a no-show within the "
                                                                "allowed time")),
                           ("resume", tickets.resume_suspended, _("挂起的号补齐材料后回到队列",
                                                                  "Return a suspended ticket to "
                                                                  "the queue once its materials "
                                                                  "are complete"))):
        p = t.add_parser(name, help=text)
        p.add_argument("ticket", help=_(*TICKET_HELP))
        add_json(p)
        p.set_defaults(func=lambda env, f=fn: _show(env, f(env.ctx(), env.args.ticket)))


WINDOW_SIMPLE = {
    "open": (windows.open_window, ("开放窗口（登录到此窗口）", "Open the window (log in at it)")),
    "call": (windows.call_next, ("按工作配置叫下一个号",
                                 "Call the next ticket by the work profile")),
    "next": (windows.finish_and_call_next, ("办结当前号并叫下一个号（一键）",
                                            "Finish the current ticket and call the next (one "
                                            "step)")),
    "start": (windows.start, ("开始办理当前号", "Start serving the current ticket")),
    "finish": (windows.finish, ("办结当前号", "Finish the current ticket")),
    "resume": (windows.resume, ("恢复暂停的窗口", "Resume a paused window")),
    "close": (windows.close_window, ("关闭窗口", "Close the window")),
    "status": (windows.window_state, ("窗口当前状态", "The window's current state")),
}


def _register_window(sub: Any) -> None:
    ws = group(sub, "window", _("窗口：列表与操作", "Windows: list and operations"))
    for name, (fn, texts) in WINDOW_SIMPLE.items():
        p = ws.add_parser(name, help=_(*texts))
        p.add_argument("window", type=int_arg, help=_(*WINDOW_HELP))
        add_json(p)
        p.set_defaults(func=lambda env, f=fn: _show(env, f(env.ctx(), env.args.window)))
    rc = ws.add_parser("recall", help=_("重呼当前号", "Recall the current ticket"))
    rc.add_argument("window", type=int_arg, help=_(*WINDOW_HELP))
    add_json(rc)
    rc.set_defaults(func=_recall)
    ct = ws.add_parser("call-ticket", help=_("指定叫号（须填原因）",
                                             "Call a given ticket (a reason is required)"))
    ct.add_argument("window", type=int_arg, help=_(*WINDOW_HELP))
    ct.add_argument("ticket", help=_(TICKET_HELP[0] + "（须在等候中）",
                                           TICKET_HELP[1] + " (must be waiting)"))
    ct.add_argument("--reason", required=True,
                    help=_("指定叫号的原因", "Why this ticket is called"))
    add_json(ct)
    ct.set_defaults(func=lambda env: _show(env, windows.call_ticket(
        env.ctx(), env.args.window, env.args.ticket, env.args.reason)))
    with_reason: list[tuple[str, Callable[..., Any], str, str | None, str]] = [
        ("noshow", windows.noshow, _("过号",
                                     "Mark the current ticket as a no-show"), "多次呼叫未到",
         _("过号原因（默认“多次呼叫未到”）",
           "Reason for the no-show (default: called several times, did not come)")),
        ("suspend", windows.suspend, _("挂起（材料不齐，补齐后回到本窗口）",
                                       "Suspend (materials missing; back to this window once "
                                       "complete)"), None,
         _("挂起原因（如 缺少的材料）", "Reason for suspending (e.g. the missing material)")),
        ("pause", windows.pause, _("暂停窗口（须填原因）",
                                   "Pause the window (a reason is required)"), None,
         _("暂停原因", "Reason for the pause"))]
    for name, fn, text, default, reason_help in with_reason:
        p = ws.add_parser(name, help=text)
        p.add_argument("window", type=int_arg, help=_(*WINDOW_HELP))
        p.add_argument("--reason", required=default is None, default=default, help=reason_help)
        add_json(p)
        p.set_defaults(func=lambda env, f=fn: _show(env, f(env.ctx(), env.args.window,
                                                           env.args.reason)))
    _register_holder(ws)
    tr = ws.add_parser("transfer", help=_("转移当前号到其他队列或窗口（保留原取号时间）",
                                          "Transfer the current ticket to another queue or window "
                                          "(keeping its time taken)"))
    tr.add_argument("window", type=int_arg, help=_("窗口号（转出当前号的窗口）",
                                                   "Window number (the window transferring its "
                                                   "current ticket)"))
    tr.add_argument("--to-queue", help=_("转入的队列编码（默认原队列；与 --to-window 至少给一项）",
                                         "Queue code to transfer to (default its own; give this or "
                                         "--to-window)"))
    tr.add_argument("--to-window", type=int_arg,
                    help=_("指定由此窗口号办理（该窗口须办理目标队列）",
                           "Window number to serve it (it must serve the target queue)"))
    tr.add_argument("--reason", default="", help=_("转移原因（可不填）",
                                                   "Reason for the transfer (optional)"))
    add_json(tr)
    tr.set_defaults(func=lambda env: _show(env, windows.transfer(
        env.ctx(), env.args.window, to_queue=env.args.to_queue, to_window=env.args.to_window,
        reason=env.args.reason)))
    st = group(sub, "queue", _("队列", "Queues")).add_parser(
        "status", help=_("各队列等候人数、最长等候、预计等候；各窗口状态",
                         "Each queue's waiting, longest and expected wait; each window's state"))
    add_json(st)
    st.set_defaults(func=lambda env: _show(env, day.hall_status(env.ctx(reads_only=True)),
                                           _status_text))


def _register_holder(ws: Any) -> None:
    """window claim / release / assign: who holds a window (``window_holder``)."""
    cl = ws.add_parser("claim", help=_(
        "接手窗口：他人使用中的窗口须用 --replacing 指明接手自谁（该窗口无正在办理的号时）；"
        "被他人使用时退出码 22",
        "Take over a window: one in use by another clerk needs --replacing naming them (when "
        "it serves no ticket); exit code 22 while someone else holds it"))
    cl.add_argument("window", type=int_arg, help=_(*WINDOW_HELP))
    cl.add_argument("--replacing", help=_("当前使用该窗口的工作人员账号（确认对方已离开）",
                                          "The account now using the window (once sure they have "
                                          "left)"))
    add_json(cl)
    cl.set_defaults(func=lambda env: _show(env, window_holder.claim_window(
        env.ctx(), env.args.window, replacing=env.args.replacing)))
    rel = ws.add_parser("release", help=_(
        "离开窗口（不关窗）：窗口保持开放、无人使用，可由他人接手；有已叫或正在办理的号时不能离开",
        "Leave the window without closing it: it stays open with nobody at it, for another "
        "clerk to take over; refused while a ticket is called or in service"))
    rel.add_argument("window", type=int_arg, help=_(*WINDOW_HELP))
    rel.add_argument("--reason", default="", help=_("离开原因（可不填，记入审计日志）",
                                                    "Why (optional; written to the audit log)"))
    add_json(rel)
    rel.set_defaults(func=lambda env: _show(env, window_holder.release_window(
        env.ctx(), env.args.window, env.args.reason)))
    asg = ws.add_parser("assign", help=_("值班长改派窗口给某工作人员，或 --release 空出",
                                         "Supervisor: reassign the window to a clerk, or free it "
                                         "with --release"))
    asg.add_argument("window", type=int_arg, help=_(*WINDOW_HELP))
    who = asg.add_mutually_exclusive_group(required=True)
    who.add_argument("--to", help=_("改派给此窗口工作人员账号", "Reassign to this clerk's account"))
    who.add_argument("--release", action="store_true", help=_("空出窗口：下一位在此操作的人员接手",
                                                              "Free the window: the next clerk to "
                                                              "work at it takes it over"))
    asg.add_argument("--reason", required=True, help=_("改派原因（记入审计日志）",
                                                       "Reason for the reassignment (written to "
                                                       "the audit log)"))
    add_json(asg)
    asg.set_defaults(func=lambda env: _show(env, window_holder.assign_window(
        env.ctx(), env.args.window, None if env.args.release else env.args.to,
        env.args.reason)))


def _register_appointment(sub: Any) -> None:
    a = group(sub, "appointment", _("预约", "Appointments"))
    slots = a.add_parser("slots", help=_("为某日开放预约时段", "Open appointment slots for a day"))
    slots.add_argument("queue", help=_("队列编码（如 A）", "Queue code (e.g. A)"))
    slots.add_argument("day", type=date_arg, help=_("日期（YYYY-MM-DD）", "Date (YYYY-MM-DD)"))
    slots.add_argument("--start", default="09:00",
                       help=_("第一个时段的开始时间 HH:MM（默认 09:00）",
                              "Start of the first slot, HH:MM (default 09:00)"))
    slots.add_argument("--end", default="12:00",
                       help=_("最后一个时段的结束时间 HH:MM（默认 12:00；"
                              "不足一个时段的余下时间不开放）",
                              "End of the last slot, HH:MM (default 12:00; time left short "
                              "of a slot stays closed)"))
    slots.add_argument("--minutes", type=int_arg, default=30,
                       help=_("每个时段的分钟数（默认 30，至少 5）",
                              "Minutes per slot (default 30, at least 5)"))
    slots.add_argument("--capacity", type=int_arg, default=4,
                       help=_("每个时段可预约人数（默认 4，至少 1）",
                              "Bookings per slot (default 4, at least 1)"))
    slots.add_argument("--item", help=_("只供预约该事项（须为该队列办理的事项）",
                                        "Only for this service item (one the queue handles)"))
    add_json(slots)
    slots.set_defaults(func=_cmd_slots)
    ls = a.add_parser("list", help=_("某日（默认今天）的预约时段与已约人数",
                                     "A day's slots (default today) and their bookings"))
    ls.add_argument("day", type=date_arg, nargs="?", help=_(*DAY_HELP))
    ls.add_argument("--queue", help=_(*QUEUE_FILTER_HELP))
    add_json(ls)
    ls.set_defaults(func=lambda env: _show(env, appointments.list_slots(
        env.ctx(), env.args.day, env.args.queue), _slots_text))
    cap = a.add_parser("capacity", help=_("修改时段容量（不少于已约人数）",
                                          "Change a slot's capacity (not below its bookings)"))
    cap.add_argument("slot", type=int_arg, help=_("时段id（见 list）", "Slot id (see list)"))
    cap.add_argument("capacity", type=int_arg, help=_("新容量（至少 1，且不少于已约人数）",
                                                      "New capacity (at least 1, not below the "
                                                      "bookings)"))
    add_json(cap)
    cap.set_defaults(func=lambda env: _show(env, [appointment_slots.set_capacity(
        env.ctx(), env.args.slot, env.args.capacity)], _slots_text))
    rm = a.add_parser("remove", help=_("删除无人预约过的时段", "Remove a slot nobody has booked"))
    rm.add_argument("slot", type=int_arg, help=_("时段id（见 list）", "Slot id (see list)"))
    add_json(rm)
    rm.set_defaults(func=lambda env: _show(env, [appointment_slots.remove_slot(
        env.ctx(), env.args.slot)], _slots_text))
    book = a.add_parser("book", help=_("预约一个时段，返回预约码（及二维码内容）",
                                       "Book a slot; prints the booking code (and its QR code)"))
    book.add_argument("slot", type=int_arg, help=_("时段id（见 list）", "Slot id (see list)"))
    book.add_argument("--id-number",
                      help=_("预约人身份证号码", "The applicant's resident ID number"))
    book.add_argument("--phone", help=_("预约人联系电话（手机或固定电话）",
                                        "The applicant's phone (mobile or landline)"))
    book.add_argument("--name", help=_("预约人姓名", "The applicant's name"))
    book.add_argument("--item", help=_("预约办理的事项（限定事项的时段无须填写）",
                                       "The service item booked (not needed for a slot tied "
                                       "to one)"))
    add_json(book)
    book.set_defaults(func=lambda env: _show(env, appointments.book(
        env.ctx(), env.args.slot, id_number=env.args.id_number, phone=env.args.phone,
        name=env.args.name, item_code=env.args.item)))
    bk = a.add_parser("bookings", help=_("某日（默认今天）的预约：状态与号码，个人信息已遮蔽",
                                         "A day's bookings (default today): states and tickets, "
                                         "personal data masked"))
    bk.add_argument("day", type=date_arg, nargs="?", help=_(*DAY_HELP))
    bk.add_argument("--queue", help=_(*QUEUE_FILTER_HELP))
    add_json(bk)
    bk.set_defaults(func=lambda env: _show(env, appointments.list_bookings(
        env.ctx(), env.args.day, env.args.queue), _bookings_text))
    cancel = a.add_parser("cancel", help=_("取消未签到的预约（释放名额）",
                                           "Cancel a booking not yet checked in (frees its place)"))
    cancel.add_argument("code", help=_("预约码或二维码内容", "Booking code or its QR code"))
    cancel.add_argument("--reason", required=True, help=_("取消原因", "Reason for cancelling"))
    add_json(cancel)
    cancel.set_defaults(func=lambda env: _show(env, appointments.cancel(
        env.ctx(), env.args.code, env.args.reason)))
    ci = a.add_parser("checkin", help=_("凭预约码或扫描二维码签到取号",
                                        "Check in with the booking code or QR code and take the "
                                        "ticket"))
    ci.add_argument("code", help=_("预约码或二维码内容", "Booking code or its QR code"))
    add_json(ci)
    ci.set_defaults(func=lambda env: _show(env, appointments.checkin(env.ctx(), env.args.code)))


def _cmd_take(env: CliEnv) -> int:
    a, ctx = env.args, env.ctx()
    # A number taken by staff for an applicant is a window ticket, as the counter's 取号 tab
    # records it; the figures by channel would count it as the kiosk's otherwise.
    channel = a.channel or ("kiosk" if ctx.actor.role is Role.KIOSK else "window")
    return _show(env, tickets.take_ticket(ctx, a.queue, priority=a.priority,
                                          id_number=a.id_number, phone=a.phone,
                                          item_code=a.item, channel=channel))


def _cmd_slots(env: CliEnv) -> int:
    a = env.args
    start, end = parse_hhmm(a.start, field="start"), parse_hhmm(a.end, field="end")
    return _show(env, appointments.create_slots(env.ctx(), a.queue, a.day, start, end,
                                                a.minutes, a.capacity, a.item), _slots_text)


def _show(env: CliEnv, value: Any, text: Any = None) -> int:
    if getattr(env.args, "json", False):
        value = _json_shape(value)
    emit(env.args, value, text or (lambda v: _text(v, env.ctx().clock())))
    return 0


def _json_shape(value: Any) -> Any:
    """A window in --json with the fields every window output has: ``state_reason`` (as
    ``window list``), ``current`` and ``current_state`` (as ``queue status``), the older
    names kept."""
    if isinstance(value, windows.WindowState):
        ticket = value.ticket
        return {**plain(value), "state_reason": value.reason,
                "current": ticket.number if ticket else None,
                "current_state": ticket.state if ticket else None}
    if isinstance(value, day.HallStatus):
        shaped = plain(value)
        for w in shaped["windows"]:
            w["state_reason"] = w["reason"]
        return shaped
    return value


def _recall(env: CliEnv) -> int:
    """The recalled ticket, said to be a recall and which one of the hall's limit (the line
    read as a first call's)."""
    info = windows.recall(env.ctx(), env.args.window)
    if getattr(env.args, "json", False):
        return _show(env, info)
    limit = int(hall.get_hall(env.ctx(reads_only=True)).setting("recall_max"))
    n = info.recalls
    print(_text(info, env.ctx().clock()) + _(f"（重呼 {n}/{limit}，第 {n + 1} 次呼叫）",
                                              f" (recall {n} of {limit}, call {n + 1})"))
    return 0


def _show_status(env: CliEnv, status: tickets.TicketStatus) -> int:
    """The ticket as ``_show`` gives it, and until when a no-show may be reactivated."""
    until = status.reactivate_until
    if getattr(env.args, "json", False):
        emit(env.args, {**plain(status.ticket), "reactivate_until": plain(until)})
    else:
        again = "" if until is None else _(f"；{local_time(until)[-5:]} 前可重新激活",
                                           f"; can be reactivated until {local_time(until)[-5:]}")
        print(_text(status.ticket, env.ctx().clock()) + again)
    return 0


def _text(v: Any, now: datetime | None = None) -> str:
    """``v`` in words; ``now`` (the command's clock) tells an appointment checked in before
    its slot, which says what its ticket and the kiosk say instead of people ahead."""
    if isinstance(v, TicketInfo):
        return _ticket_text(v, now)
    if isinstance(v, windows.WindowState):
        state = word(WINDOW_STATE, v.state)
        cur = (_(f"，当前 {v.ticket.number}（{word(TICKET_STATE, v.ticket.state)}）",
                 f", current {v.ticket.number} ({word(TICKET_STATE, v.ticket.state)})")
               if v.ticket else "")
        why = _(f"（{v.reason}）", f" ({v.reason})") if v.reason else ""
        since = local_time(v.holder_since)[-5:] if v.holder_since else ""
        hold = _(f"（自 {since}）", f" since {since}") if since else ""
        holder = (_(f"，{v.holder}（{v.holder_user}）使用中{hold}",
                    f", in use by {v.holder_user}{hold}") if v.holder else "")
        return _(f"{v.number} 号窗口 {state}{why}{holder}{cur}",
                 f"Window {v.number} {state}{why}{holder}{cur}")
    if isinstance(v, windows.NextCall):
        done = (_(f"{v.finished.number} 已办结；", f"{v.finished.number} done; ")
                if v.finished else "")
        return done + (_text(v.called, now) if v.called
                       else _("暂无等候，未叫号", "nobody waiting, no ticket called"))
    if isinstance(v, appointments.AppointmentInfo) and v.state != "booked":
        return _(f"预约码 {v.code} {word(APPOINTMENT_STATE, v.state)}",
                 f"Booking {v.code} {word(APPOINTMENT_STATE, v.state)}")
    if isinstance(v, appointments.AppointmentInfo):
        item = f"，{v.item_name or v.item_code}" if v.item_code else ""
        slot = f"{local_time(v.slot_start)}–{local_time(v.slot_end)[-5:]}"
        return _(f"预约码 {v.code}，{slot}{item}，二维码内容 {v.qr_payload}",
                 f"Booking {v.code}, {slot}" + (f", item {v.item_code}" if v.item_code else "")
                 + f", QR code {v.qr_payload}")
    return str(v)


def _ticket_text(v: TicketInfo, now: datetime | None) -> str:
    where = (_(f"，请到 {v.window} 号窗口", f", please go to window {v.window}")
             if v.window and v.state == "called" else "")
    waiting = v.state == "waiting"  # what follows is news only while the ticket waits
    again = (_(f"（已为您现有的 {v.number} 号登记预约优先）",
               f" (your booking's precedence was given to your ticket {v.number})")
             if v.precedence_given else
             _("（您已有等候中的号）", " (you already have a waiting ticket)") if v.existing else
             _("（超过预约签到时间，按普通号排队）",
               " (checked in after the booking's time: queued as an ordinary ticket)")
             if v.late_checkin and waiting else "")
    held = v.held_until(now) if now is not None else None
    at = local_time(held)[-5:] if held is not None else ""
    ahead = (_(f"；{at} 起优先叫号，此前按原号顺序叫号",
               f"; called with priority from {at}, until then in its own turn")
             if held is not None and v.precedence_given else
             _(f"；预约号：{at} 起优先叫号", f"; booking: called with priority from {at}")
             if held is not None else
             _(f"；前面 {v.people_ahead} 人，预计等候 {v.estimated_minutes} 分钟",
               f"; {v.people_ahead} ahead, about {v.estimated_minutes} min wait")
             if waiting else "")
    queue = _(v.queue_name, f"queue {v.queue}")
    return f"{v.number}{again} {queue} {word(TICKET_STATE, v.state)}{where}{ahead}"


def _bookings_text(rows: Any) -> str:
    head = _("预约码 队列 时段 事项 状态 号码 姓名 证件 电话",
             "Code Queue Slot Item State Ticket Name ID Phone").split()
    return table([head] + [
        [b.code, b.queue, f"{local_time(b.slot_start)[-5:]}–{local_time(b.slot_end)[-5:]}",
         _item_text(b.item_code, b.item_name), word(APPOINTMENT_STATE, b.state),
         b.ticket or "", b.name_masked, b.id_number_masked, b.phone_masked] for b in rows])


def _slots_text(rows: Any) -> str:
    head = _("时段id 队列 开始 结束 容量 已约 限定事项",
             "Slot Queue Start End Capacity Booked Item").split()
    return table([head] + [
        [s.id, s.queue, local_time(s.starts_at), local_time(s.ends_at)[-5:], s.capacity, s.booked,
         _item_text(s.item_code, s.item_name)] for s in rows])


def _item_text(code: str | None, name: str | None) -> str:
    """An item as its code and name; its code alone in English (its name is Chinese)."""
    if code is None:
        return ""
    return _(f"{code} {name or ''}".strip(), code)


def _status_text(s: Any) -> str:
    head = _("队列 名称 等候 最长等候(分) 预计等候(分) 服务窗口 今日取号",
             "Queue Name Waiting Longest(min) Expected(min) Windows Taken").split()
    queues = table([head] + [
        [q.code, local(q.name, q.name_en) + ("" if q.active else _("（停用）", " (inactive)")),
         q.waiting, q.longest_wait_minutes, q.estimated_minutes, q.serving_windows,
         q.taken_today] for q in s.queues])
    wins = table([_("窗口 状态 当前号", "Window State Current").split()] + [
        [w.number, word(WINDOW_STATE, w.state) + (_(f"（{w.reason}）", f" ({w.reason})")
                                                  if w.reason else ""),
         f"{w.current} {word(TICKET_STATE, w.current_state)}" if w.current else ""]
        for w in s.windows])
    return _("大厅日", "Hall day") + f" {s.hall_day}\n{queues}\n\n{wins}"


def _day_text(r: Any) -> str:
    days = ""
    if len(r.abandoned_by_day) > 1:  # earlier days nobody closed were closed too
        days = _("（{}）", " ({})").format(_("，", ", ").join(
            _(f"当日 {n} 个", f"{n} today") if d == r.hall_day else _(f"{d} {n} 个", f"{n} on {d}")
            for d, n in r.abandoned_by_day))
    return _(f"{r.hall_day} 日终完成：弃号 {r.abandoned} 个{days}，"
             f"失约预约 {r.missed_appointments} 个，关闭窗口 {r.windows_closed} 个",
             f"{r.hall_day} closed: {count(r.abandoned, 'ticket')} abandoned{days}, "
             f"{count(r.missed_appointments, 'booking')} missed, "
             f"{count(r.windows_closed, 'window')} closed")
