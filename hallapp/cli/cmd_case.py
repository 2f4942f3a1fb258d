"""case open|take-up|checklist|decide|show|list|withdraw|supplement|ready|deliver|revoke|figures,
backoffice queue|show|claim|release|approve|deny|correct|resume|special|special-end|return|
ready. Ratings, the calendar and the blacklist are in :mod:`hallapp.cli.cmd_case_admin`.

Marks on the checklist: ``--mark CODE=STATUS[:NOTE]`` (status received, verified_online,
commitment, missing, faulty), ``--form CODE=FORM`` and ``--copies CODE=N``; ``--all STATUS``
marks every material not marked otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hallapp.cli import cmd_case_admin
from hallapp.cli.case_text import case_text, decision_text, figures_text, intake_text, list_text
from hallapp.cli.common import (
    CliEnv,
    UsageError,
    action_parser,
    add_json,
    date_arg,
    emit,
    group,
    int_arg,
)
from hallapp.cli.lang import _
from hallapp.core.case_rules import ACTION_LABELS, STATE_LABELS
from hallapp.core.catalogue import MATERIAL_FORMS
from hallapp.core.errors import ValidationError
from hallapp.core.intake import (
    DECISION_ACTIONS,
    DECISIONS,
    MARK_LABELS,
    MARK_STATUSES,
    MaterialMark,
)
from hallapp.core.roles import Role
from hallapp.documents.labels import DEFAULT_LABELS
from hallapp.services import (
    backoffice,
    blacklist,
    case_clock,
    case_decide,
    case_kpi,
    cases,
    delivery,
)


def _case() -> tuple[str, str]:
    """The case argument, with its help in the command line's language."""
    return ("case", _("办件编号（如 SZFT-20261125-00012）或 id",
                      "case number (such as SZFT-20261125-00012) or id"))


def _decision_help() -> str:
    return _("收件决定：" + "、".join(f"{d} {ACTION_LABELS[DECISION_ACTIONS[d]]}"
                                 for d in DECISIONS), "intake decision: " + ", ".join(DECISIONS))


def _state_help() -> str:
    return _("只看此状态的办件：" + "、".join(f"{s.value} {label}"
                                      for s, label in STATE_LABELS.items()),
             "only cases in this state: " + ", ".join(s.value for s in STATE_LABELS))


def register(sub: Any) -> None:
    _register_intake(sub)
    _register_after(sub)
    _register_backoffice(sub)
    cmd_case_admin.register(sub)


def _register_intake(sub: Any) -> None:
    c = group(sub, "case", _("办件：收件、受理、出件", "Cases: intake, acceptance, hand-out"))
    op = c.add_parser("open", help=_("为窗口正在办理的号收件（打开办件）",
                                     "Receive a case for the ticket a window is serving (open a "
                                     "case)"))
    op.add_argument("window", type=int_arg, help=_("窗口号（须有正在办理的号）",
                                                   "window number (serving a ticket)"))
    op.add_argument("item", help=_("事项实施编码", "Service item code"))
    add_json(op)
    op.add_argument("--name", required=True, help=_("申请人姓名或单位名称",
                                                    "the applicant's name or organisation"))
    op.add_argument("--id-number", required=True, help=_("身份证号码（法人为统一社会信用代码）",
                                                         "ID number (an organisation: unified "
                                                         "social credit code)"))
    op.add_argument("--legal", action="store_true", help=_("申请人为法人",
                                                           "the applicant is an organisation"))
    op.add_argument("--phone", help=_("申请人联系电话", "the applicant's phone"))
    for flag in ("--agent-name", "--agent-id", "--agent-authorisation", "--agent-phone"):
        op.add_argument(flag, help=_("代理人信息（须有授权委托书）",
                                     "the agent's details (with a power of attorney)"))
    op.set_defaults(func=_cmd_open)
    tu = action_parser(c, "take-up", _("接手办理：将退回或未作收件决定的办件绑定到窗口正在办理的号",
                                       "Take up a case returned or not yet decided, for the "
                                       "ticket a window is serving"),
                       _case())
    tu.add_argument("--window", type=int_arg, required=True,
                    help=_("窗口号（须有正在办理的号，即来办此件的申请人）",
                           "window number (serving the ticket of the applicant who came for it)"))
    tu.set_defaults(func=lambda env: _show(env, cases.take_up(env.ctx(), env.args.case,
                                                              env.args.window)))
    ck = action_parser(c, "checklist", _("核验材料并显示可作出的决定",
                                         "Check the materials and show the decisions "
                                         "open"), _case())
    ck.add_argument("--mark", action="append", default=[], metavar="CODE=STATUS[:NOTE]",
                    help=_("材料编码=核验结果[:说明]，可重复；结果：" + "、".join(
                        f"{s} {MARK_LABELS[s]}" for s in MARK_STATUSES),
                        "material code=result[:note], repeatable; results: "
                        + ", ".join(MARK_STATUSES)))
    ck.add_argument("--form", action="append", default=[], metavar="CODE=FORM",
                    help=_("材料编码=实际提交形式，可重复；形式：" + "、".join(
                        f"{f} {DEFAULT_LABELS[f'form.{f}']}" for f in MATERIAL_FORMS),
                        "material code=form given, repeatable; forms: "
                        + ", ".join(MATERIAL_FORMS)))
    ck.add_argument("--copies", action="append", default=[], metavar="CODE=N",
                    help=_("材料编码=份数，可重复（默认：已收的材料 1 份，其他 0 份）",
                           "material code=copies, repeatable (default: 1 for a material received, "
                           "else 0)"))
    ck.add_argument("--all", choices=MARK_STATUSES, help=_("其余材料统一标记为此结果",
                                                           "mark every other material so"))
    ck.set_defaults(func=_cmd_checklist)
    de = action_parser(c, "decide", _("收件决定：", "Decide on intake: ") + "/".join(DECISIONS),
                       _case(),
                       ("decision", _decision_help()))
    de.add_argument("--reason", help=_("不予受理理由", "why the case is refused"))
    de.add_argument("--legal-basis", help=_("不予受理的法律依据", "the legal basis of the refusal"))
    de.add_argument("--commitment", help=_("告知承诺内容", "what the applicant commits to"))
    de.set_defaults(func=lambda env: _show(env, case_decide.decide(
        env.ctx(), env.args.case, env.args.decision, reason=env.args.reason,
        legal_basis=env.args.legal_basis, commitment=env.args.commitment), decision_text))
    action_parser(c, "show", _("办件详情（材料、流转、到厅次数）",
                               "Show a case (materials, steps, visits)"), _case()).set_defaults(
        func=lambda env: _show(env, cases.show_case(env.ctx(), env.args.case)))
    ls = action_parser(c, "list", _("某日收件的办件（默认今天）",
                                    "The cases received on a day (default: today)"))
    ls.add_argument("--day", type=date_arg, help=_("收件日期（YYYY-MM-DD，默认今天）",
                                                   "day received (YYYY-MM-DD, default: today)"))
    ls.add_argument("--state", help=_state_help())
    ls.add_argument("--department",
                    help=_("只看此部门（部门编码）", "only this department (its code)"))
    ls.add_argument("--applicant", help=_("按申请人证件号码查询（不限日期）",
                                          "the cases of this applicant's ID number (any day)"))
    ls.set_defaults(func=lambda env: _show(env, cases.list_cases(
        env.ctx(), day=env.args.day, state=env.args.state, department=env.args.department,
        applicant_id=env.args.applicant), list_text))


def _register_after(sub: Any) -> None:
    c = group(sub, "case", _("办件：收件、受理、出件", "Cases: intake, acceptance, hand-out"))
    wd = action_parser(c, "withdraw", _("申请人撤回申请",
                                        "The applicant withdraws the application"), _case())
    wd.add_argument("--reason", required=True, help=_("撤回原因", "why withdrawn"))
    wd.set_defaults(func=lambda env: _show(env, cases.withdraw(env.ctx(), env.args.case,
                                                               env.args.reason)))
    sp = action_parser(c, "supplement", _("补齐容缺材料", "Bring the materials owed"), _case())
    sp.add_argument("materials", nargs="+", metavar="CODE",
                    help=_("补齐的材料编码（可多个，须为本办件容缺待补的材料）",
                           "the codes of the materials brought (one or more, owed by this case)"))
    sp.add_argument("--online", action="store_true", help=_("网上提交（不计到厅次数）",
                                                            "given online (not a visit)"))
    sp.set_defaults(func=lambda env: _show(env, case_clock.supply_supplement(
        env.ctx(), env.args.case, env.args.materials, online=env.args.online)))
    action_parser(c, "ready", _("窗口制证完成，待出件",
                                "The window made the result: ready to hand "
                                "out"), _case()).set_defaults(
        func=lambda env: _show(env, delivery.mark_ready_at_window(env.ctx(), env.args.case)))
    dv = action_parser(c, "deliver", _("出件：凭回执二维码或身份证号码，或快递送达",
                                       "Hand out the result: on the receipt's QR code or an ID "
                                       "number, or by courier"), _case())
    dv.add_argument("--proof", help=_("回执二维码内容（HALLAPP:C:…）或领取人身份证号码",
                                      "the receipt's QR code text (HALLAPP:C:…) or the "
                                      "collector's ID number"))
    dv.add_argument("--window", type=int_arg, help=_("出件窗口号（默认为登录账号的默认窗口）",
                                                     "window handing out (default: the account's "
                                                     "window)"))
    dv.add_argument("--express", metavar="TRACKING", help=_("快递单号（快递送达）",
                                                            "tracking number (by courier)"))
    dv.add_argument("--carrier", default="EMS", help=_("快递公司（与 --express 合用，默认 EMS）",
                                                       "courier (with --express, default EMS)"))
    dv.add_argument("--address", help=_("收件地址（与 --express 合用）",
                                        "delivery address (with --express)"))
    dv.set_defaults(func=_cmd_deliver)
    rv = action_parser(c, "revoke", _("发现虚假承诺：撤销并列入失信名单",
                                      "A false commitment found: revoke and blacklist"), _case())
    rv.add_argument("--reason", required=True, help=_("撤销原因（虚假承诺的具体情况）",
                                                      "why revoked (what the false commitment "
                                                      "was)"))
    rv.add_argument("--expires", type=date_arg, help=_("失信名单到期日",
                                                       "when the blacklist entry expires"))
    rv.set_defaults(func=lambda env: _show(env, blacklist.revoke_for_false_commitment(
        env.ctx(), env.args.case, env.args.reason, expires_on=env.args.expires)))
    fg = action_parser(c, "figures", _(
        "即办率、最多跑一次率、按时办结率、逾期率、好评率、差评整改率",
        "Done on the spot, at most one visit, on time, overdue, good ratings, poor ratings put "
        "right"))
    fg.add_argument("start", type=date_arg,
                    help=_("开始日期（YYYY-MM-DD）", "start date (YYYY-MM-DD)"))
    fg.add_argument("end", nargs="?", type=date_arg, help=_(
        "结束日期（YYYY-MM-DD，默认同开始日期）", "end date (YYYY-MM-DD, default: the start date)"))
    fg.add_argument("--department",
                    help=_("只统计此部门（部门编码）", "only this department (its code)"))
    fg.set_defaults(func=_cmd_figures)


def _register_backoffice(sub: Any) -> None:
    b = group(sub, "backoffice", _("后台审批", "Back-office review"))
    q = action_parser(b, "queue", _("本部门待审办件（按紧急程度），其后为待制证的已决定办件",
                                    "The department's cases to review (most urgent first), then "
                                    "those decided awaiting the result"))
    q.add_argument("--department", help=_(
        "部门编码（审批人员只能查看本部门，默认即本部门；"
        "值班长、管理员查看各部门办件请用 case list）",
        "department code (an approver sees only their own, the default; supervisors and "
        "administrators see any department's cases with case list)"))
    q.set_defaults(func=lambda env: _show(env, backoffice.review_queue(
        env.ctx(), env.args.department), list_text))
    simple: list[tuple[str, Callable[..., Any], str]] = [
        ("show", backoffice.show_for_review, _("办件详情", "Show a case")),
        ("claim", backoffice.claim, _("认领审查", "Claim a case to review")),
        ("ready", backoffice.mark_ready,
         _("制证完成，待出件", "The result is made: ready to hand out"))]
    for name, fn, text in simple:
        action_parser(b, name, text, _case()).set_defaults(
            func=lambda env, f=fn: _show(env, f(env.ctx(), env.args.case)))
    rl = action_parser(b, "release", _("退回待审池（审批人员：本人的认领；值班长：他人的认领）",
                                       "Release a claim (approver: your own; supervisor: "
                                       "anyone's)"), _case())
    rl.add_argument("--reason", help=_("释放原因（值班长释放他人的认领时必填，记入审计日志）",
                                       "why released (required for a supervisor releasing "
                                       "another's claim; audited)"))
    rl.set_defaults(func=_cmd_release)
    ap = action_parser(b, "approve", _("批准", "Approve"), _case())
    ap.add_argument("--opinion", help=_("审批意见（默认“准予批准”）",
                                        "opinion (default: the standard approval wording in "
                                        "Chinese)"))
    ap.set_defaults(func=lambda env: _show(env, backoffice.approve(
        env.ctx(), env.args.case, env.args.opinion)))
    dn = action_parser(b, "deny", _("不予批准（须填理由与法律依据）",
                                    "Deny (with the reason and legal basis)"), _case())
    dn.add_argument("--reason", required=True, help=_("不予批准理由", "why denied"))
    dn.add_argument("--legal-basis", required=True, help=_("不予批准的法律依据",
                                                           "the legal basis of the denial"))
    dn.set_defaults(func=lambda env: _show(env, backoffice.deny(
        env.ctx(), env.args.case, env.args.reason, env.args.legal_basis)))
    co = action_parser(b, "correct", _("要求补正（一次性告知，计时暂停）",
                                       "Ask for corrections (all at once; the clock "
                                       "stops)"), _case())
    co.add_argument("--opinion", required=True, help=_("补正内容（一次性告知须补正的全部事项）",
                                                       "what to correct (everything, at once)"))
    co.add_argument("--material", action="append", default=[], metavar="CODE",
                    help=_("须补正的材料编码，可重复（标记为不符合要求）",
                           "code of a material to correct, repeatable (marked not acceptable)"))
    co.set_defaults(func=lambda env: _show(env, case_clock.request_correction(
        env.ctx(), env.args.case, env.args.opinion, env.args.material)))
    rs = action_parser(b, "resume", _("补正材料已提交，恢复计时（窗口：到厅；审批人员：网上）",
                                      "Corrections given: the clock runs again (window: in "
                                      "person; approver: online)"), _case())
    rs.add_argument("--online", action="store_true",
                    help=_("补正材料为网上提交（不计到厅次数；审批人员执行时总按网上）",
                           "the corrections came online (not a visit; always so for an approver)"))
    rs.set_defaults(func=_cmd_resume)
    with_text: list[tuple[str, Callable[..., Any], str, str, str]] = [
        ("special", case_clock.start_special,
         _("启动特别程序（计时暂停）", "Start a special procedure (the clock stops)"), "--reason",
         _("特别程序事由（如听证、专家评审、现场核查）",
           "why (such as a hearing, expert review or site check)")),
        ("special-end", case_clock.end_special,
         _("结束特别程序", "End the special procedure"), "--opinion",
         _("结束意见（默认“特别程序结束”）", "opinion (default: the standard wording in Chinese)")),
        ("return", backoffice.return_to_front,
         _("退回窗口重新审核", "Return to the window for another intake review"), "--reason",
         _("退回原因", "why returned"))]
    for name, fn, text, flag, flag_help in with_text:
        p = action_parser(b, name, text, _case())
        p.add_argument(flag, dest="text", required=flag == "--reason", help=flag_help)
        p.set_defaults(func=lambda env, f=fn: _show(env, f(env.ctx(), env.args.case,
                                                           env.args.text)))


def _kv(values: list[str], flag: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values:
        code, sep, rest = value.partition("=")
        if not sep or not code.strip() or not rest.strip():
            raise ValidationError(f"{flag} 的格式应为 材料编码=值，而不是 {value!r}", field=flag,
                                  code="material_option_format", flag=flag, value=value)
        out[code.strip().upper()] = rest.strip()
    return out


def parse_marks(args: Any, codes: list[str]) -> list[MaterialMark]:
    """Build the marks from --mark/--form/--copies/--all (errors name the flag)."""
    forms, copies = _kv(args.form, "--form"), _kv(args.copies, "--copies")
    marks: dict[str, tuple[str, str | None]] = {}
    for code, rest in _kv(args.mark, "--mark").items():
        status, _, note = rest.partition(":")
        marks[code] = (status.strip(), note.strip() or None)
    for code in codes if args.all else ():
        marks.setdefault(code, (args.all, None))
    for flag, given in (("--form", forms), ("--copies", copies)):
        if stray := [code for code in given if code not in marks]:  # was silently dropped
            raise ValidationError(f"{flag} {'、'.join(stray)}：该材料未用 --mark 或 --all 标记",
                                  field=flag, code="mark_option_unmarked", flag=flag,
                                  materials="、".join(stray))
    out = []
    for code, (status, remark) in marks.items():
        try:
            n = int(copies.get(code, "1" if status == "received" else "0"))
        except ValueError:
            raise ValidationError(f"--copies {code} 应为整数", field="--copies",
                                  code="copies_integer", material=code) from None
        out.append(MaterialMark(code, status, forms.get(code), n, remark))
    return out


def _cmd_open(env: CliEnv) -> int:
    a = env.args
    applicant = cases.ApplicantInput("legal" if a.legal else "person", a.name, a.id_number,
                                     a.phone)
    agent = None
    if a.agent_name or a.agent_id:
        agent = cases.AgentInput(a.agent_name or "", a.agent_id or "",
                                 a.agent_authorisation or "", a.agent_phone)
    return _show(env, cases.open_case(env.ctx(), a.window, a.item, applicant, agent))


def _cmd_checklist(env: CliEnv) -> int:
    ctx = env.ctx()
    if not (env.args.mark or env.args.all):
        parse_marks(env.args, [])  # --form/--copies alone: refused, not ignored
        return _show(env, cases.show_checklist(ctx, env.args.case), intake_text)
    current = cases.show_checklist(ctx, env.args.case)
    codes = [m.code for m in current.materials]
    return _show(env, cases.record_checklist(ctx, env.args.case, parse_marks(env.args, codes)),
                 intake_text)


def _cmd_deliver(env: CliEnv) -> int:
    a = env.args
    if a.express and (a.proof or a.window is not None):  # --proof was dropped unchecked
        raise UsageError("--express（快递送达）不能与 --proof、--window（窗口出件）同时使用",
                         why="express_with_window")
    if a.address and not a.express:
        raise UsageError("--address 须与 --express 合用", why="address_without_express")
    if a.express:
        return _show(env, delivery.deliver_express(env.ctx(), a.case, a.express,
                                                   carrier=a.carrier, address=a.address))
    if not a.proof:
        raise ValidationError("窗口出件须提供 --proof（回执二维码或身份证号码），"
                              "快递送达请用 --express", field="proof",
                              code="handout_proof_required")
    return _show(env, delivery.deliver(env.ctx(), a.case, a.proof, window=a.window))


def _cmd_resume(env: CliEnv) -> int:
    ctx = env.ctx()
    if ctx.actor.role is Role.APPROVER:
        return _show(env, case_clock.supply_correction_online(ctx, env.args.case))
    return _show(env, case_clock.supply_correction(ctx, env.args.case, online=env.args.online))


def _cmd_release(env: CliEnv) -> int:
    ctx = env.ctx()
    if ctx.actor.role is Role.APPROVER:
        return _show(env, backoffice.release(ctx, env.args.case))
    return _show(env, backoffice.release_claim(ctx, env.args.case, env.args.reason or ""))


def _cmd_figures(env: CliEnv) -> int:
    a = env.args
    return _show(env, case_kpi.case_figures(env.ctx(), a.start, a.end,
                                            department=a.department), figures_text)


def _show(env: CliEnv, value: Any, text: Any = None) -> int:
    emit(env.args, value, text or case_text)
    return 0
