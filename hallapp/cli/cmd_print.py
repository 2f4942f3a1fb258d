"""print ticket|appointment|receipt|notice|history: documents to a PDF file or to a CUPS queue.

``--printer NAME`` hands the PDF to CUPS with ``lp -d NAME`` after ``lpstat -p NAME`` has
shown the queue exists and is enabled; otherwise (or with ``--pdf PATH`` as well) the PDF is
written to a file, ``./<ref>.pdf`` by default. Every outcome — saved, printed or failed — is
logged with the printing service, so the print log also covers the command line.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hallapp.cli import lang
from hallapp.cli.common import CliEnv, add_json, emit, group, int_arg, local_time, table
from hallapp.cli.lang import _
from hallapp.core.errors import DomainError, OutputError, ValidationError
from hallapp.documents.labels import DEFAULT_LABELS
from hallapp.documents.model import NOTICE_KINDS
from hallapp.services.context import Ctx
from hallapp.services.output_file import write_file

if TYPE_CHECKING:
    # reportlab (~0.25 s, ~15 MB) comes with it: imported by the print commands when they
    # run, not by every ``hallapp`` command (``hallapp run`` builds this parser too).
    from hallapp.services.printing import PrintJob, PrintRecord

OUTCOME_ZH = {"printed": "已打印", "failed": "失败", "saved": "已保存"}
_C_LOCALE = {**os.environ, "LC_ALL": "C", "LANG": "C"}


def register(sub: Any) -> None:
    p = group(sub, "print", _("打印排队号、预约凭条、受理回执和通知书（PDF 文件或 CUPS 打印机）",
                              "Print tickets, booking slips, receipts and notices (PDF file or "
                              "CUPS printer)"))
    t = p.add_parser("ticket", help=_("打印排队号（A001、2026-11-25/A001 或 id）",
                                      "Print a ticket (A001, 2026-11-25/A001 or id)"))
    t.add_argument("ticket", help=_("号码（如 A001）或 id", "Ticket number (e.g. A001) or id"))
    _lang(t, ("号票", "the ticket's"))
    _outputs(t, roll=True)
    t.set_defaults(func=lambda env: _print(env, "ticket"))
    a = p.add_parser("appointment", help=_("打印预约凭条（尚未签到的预约）",
                                           "Print a booking slip (a booking not checked in yet)"))
    a.add_argument("code", help=_("8 位预约码或预约二维码内容",
                                  "8-character booking code or the booking's QR code text"))
    _lang(a, ("预约凭条", "the booking slip's"))
    _outputs(a, roll=True)
    a.set_defaults(func=lambda env: _print(env, "appointment"))
    r = p.add_parser("receipt", help=_("打印受理回执", "Print a case receipt"))
    r.add_argument("case", help=_("办件编号", "case number"))
    _outputs(r, page=True)
    r.set_defaults(func=lambda env: _print(env, "receipt"))
    n = p.add_parser("notice", help=_("打印通知书：", "Print a notice: ") + "/".join(NOTICE_KINDS))
    n.add_argument("case", help=_("办件编号", "case number"))
    n.add_argument("kind", choices=NOTICE_KINDS, help=_("通知书类型：" + "、".join(
        f"{k} {DEFAULT_LABELS.get(f'{k}.title', '')}".strip() for k in NOTICE_KINDS),
        "kind of notice: " + ", ".join(NOTICE_KINDS)))
    _outputs(n, page=True)
    n.set_defaults(func=lambda env: _print(env, "notice"))
    h = p.add_parser("history", help=_("某号码或办件的打印记录（含重印）",
                                       "The print record of a ticket or case (reprints too)"))
    h.add_argument("ref", help=_("办件编号、排队号或预约码",
                                 "case number, ticket number or booking code"))
    add_json(h)
    h.set_defaults(func=_history)


def _outputs(p: Any, *, page: bool = False, roll: bool = False) -> None:
    p.add_argument("--pdf", metavar="PATH", help=_("保存为 PDF 文件（默认 ./<编号>.pdf）",
                                                   "save as a PDF file (default ./<number>.pdf)"))
    p.add_argument("--printer", metavar="NAME", help=_("发送到 CUPS 打印机（lp -d NAME）",
                                                       "send to a CUPS printer (lp -d NAME)"))
    if roll:
        p.add_argument("--width", type=int_arg, choices=(58, 80), default=80,
                       help=_("热敏纸宽度（毫米，默认 80）", "paper width (mm, default 80)"))
    if page:
        p.add_argument("--page", choices=("A4", "A5"), default="A4",
                       help=_("纸张（默认 A4）", "paper (default A4)"))
    add_json(p)


def _history(env: CliEnv) -> int:
    from hallapp.services.printing import print_history

    emit(env.args, print_history(env.ctx(), env.args.ref), _history_text)
    return 0


def _lang(parser: Any, what: tuple[str, str]) -> None:
    parser.add_argument("--lang", choices=("zh", "en"), help=_(
        f"{what[0]}语言：zh 中文，en 英文（为阅读英文的办事人）；"
        "默认同命令行语言（全局 --lang 或 HALLAPP_LANG，未设置则中文）",
        f"{what[1]} language: zh or en (for an applicant who reads English); default: the "
        "command line's (the global --lang or HALLAPP_LANG, else Chinese)"))


def _make(ctx: Ctx, document: str, a: Any) -> PrintJob:
    from hallapp.services import printing

    paper_lang = getattr(a, "lang", None) or lang.current()  # the command line's unless told
    if document == "ticket":
        return printing.ticket_document(ctx, a.ticket, width_mm=a.width, lang=paper_lang)
    if document == "appointment":
        return printing.appointment_document(ctx, a.code, width_mm=a.width, lang=paper_lang)
    if document == "receipt":
        return printing.receipt_document(ctx, a.case, page=a.page)
    return printing.notice_document(ctx, a.case, a.kind, page=a.page)


def _print(env: CliEnv, document: str) -> int:

    ctx = env.ctx()
    job = _make(ctx, document, env.args)
    records: list[PrintRecord] = []
    if env.args.pdf is not None or not env.args.printer:
        records.append(_save(ctx, job, env.args.pdf))
    if env.args.printer:
        records.append(_send_to_cups(ctx, job, env.args.printer))
    emit(env.args, records, _history_text)
    return 0


def _save(ctx: Ctx, job: PrintJob, asked: str | None) -> PrintRecord:
    """Write the PDF to ``asked`` (a file, or a folder to put ``<ref>.pdf`` in; default the
    current folder). A file that cannot be written is a failed print, logged as such."""
    from hallapp.services.printing import record_print

    if asked is not None and not asked.strip():
        raise ValidationError("--pdf 的文件路径为空", field="pdf", code="pdf_path_empty")
    path = Path(asked or ".")
    if asked is None or path.is_dir():
        path = path / f"{_file_stem(job.ref)}.pdf"
    try:
        write_file(path, job.pdf)
    except OutputError as exc:  # in the print log too, then said
        record_print(ctx, job, f"pdf:{path}", "failed", detail=str(exc.facts.get("reason")))
        raise
    return record_print(ctx, job, f"pdf:{path.resolve()}", "saved")


def _file_stem(ref: str) -> str:
    """``2026-11-24/A001`` → ``2026-11-24_A001``: a ref made safe as a file name."""
    return re.sub(r"[^\w.-]+", "_", ref)


def _send_to_cups(ctx: Ctx, job: PrintJob, name: str) -> PrintRecord:
    from hallapp.services.printing import record_print

    try:
        request = cups_print(name, job)
    except DomainError as exc:
        record_print(ctx, job, name, "failed", detail=exc.message)
        raise
    return record_print(ctx, job, name, "printed", detail=request)


def _run(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    exe = shutil.which(args[0])
    if exe is None:
        raise OutputError(f"未找到 CUPS 命令 {args[0]}，请安装 cups-client（或 cups-bsd）",
                          code="print_failed", why="no_cups", command=args[0])
    return subprocess.run([exe, *args[1:]], input=stdin, capture_output=True, timeout=60,
                          env=_C_LOCALE, check=False)


def check_cups_printer(name: str) -> None:
    """Refuse a queue CUPS does not know, or one that is disabled (paused)."""
    state = _run(["lpstat", "-p", name])
    out = state.stdout.decode(errors="replace")
    err = state.stderr.decode(errors="replace").strip()
    if state.returncode != 0 and any(w in err.lower() for w in ("scheduler", "connect")):
        raise OutputError(f"无法连接打印服务 CUPS，请检查 cups 服务是否运行（{err[:200]}）",
                          code="print_failed", why="cups_down", printer=name, detail=err[:200])
    if state.returncode != 0 or f"printer {name} " not in out:
        raise OutputError(f"未找到打印机 {name}（lpstat -p 中没有此打印机）",
                          code="print_failed", why="no_printer", printer=name)
    if " disabled" in out:
        raise OutputError(f"打印机 {name} 已停用（离线或缺纸），请检查后重印",
                          code="print_failed", why="offline", printer=name)


def cups_print(name: str, job: PrintJob) -> str:
    """Queue the job's PDF on CUPS printer ``name``; returns lp's request line."""
    check_cups_printer(name)
    sent = _run(["lp", "-d", name, "-t", job.title], stdin=job.pdf)
    if sent.returncode != 0:
        detail = sent.stderr.decode(errors="replace").strip()[:200]
        raise OutputError(f"打印机 {name} 拒绝了打印任务：{detail}", code="print_failed",
                          why="refused", printer=name, detail=detail)
    return sent.stdout.decode(errors="replace").strip()


def _history_text(records: list[PrintRecord]) -> str:
    from hallapp.services.printing import document_title

    if not records:
        return "（无打印记录）"
    return table([("时间", "文书", "编号", "操作人", "终端", "打印机", "结果", "重印")] + [
        (local_time(r.at, "%Y-%m-%d %H:%M:%S"), document_title(r.document), r.ref, r.actor,
         r.terminal or "", r.printer or "", OUTCOME_ZH.get(r.outcome, r.outcome),
         "是" if r.reprint else "") for r in records])
