"""The text output of ``case`` and ``backoffice`` (a case, lists, the checklist, decisions,
figures), in the command line's language: in English states, actions and timeliness as the
English screens say them; the applicant, materials and opinions as stored."""

from __future__ import annotations

from typing import Any

from hallapp.cli.common import local_time, table
from hallapp.cli.lang import _, count, english
from hallapp.cli.ts_en import case_label
from hallapp.cli.words import local
from hallapp.core.audit_labels import action_label
from hallapp.core.case_rules import STATE_LABELS, VISIT_LABELS, as_state
from hallapp.core.error_text import reason_english
from hallapp.core.errors_en import EN
from hallapp.core.intake import MARK_LABELS
from hallapp.core.state_labels import TIMELINESS_LABELS
from hallapp.services import case_decide, case_kpi, cases
from hallapp.services.case_views import CaseDetail, CaseInfo


def case_text(v: Any) -> str:
    if isinstance(v, CaseDetail):
        marks = "\n".join(f"  {m.code} {local(m.name, m.name_en)} {_mark(m.status)}"
                          f"{_('（容缺待补）', ' (owed)') if m.owed else ''}" for m in v.materials)
        steps = "\n".join(f"  {local_time(t.at)} {t.actor} "
                          f"{_case_word(action_label('case_' + t.action))}"
                          f" → {_case_word(STATE_LABELS[as_state(t.to_state)])}"
                          f"{_('：', ': ') + t.opinion if t.opinion else ''}"
                          for t in v.transitions)
        visits = "\n".join(f"  {local_time(t.at)} "
                           f"{_case_word(VISIT_LABELS.get(t.purpose, t.purpose))}"
                           + (_("（网上）", " (online)") if t.online
                              else _("，号码 ", ", ticket ") + (t.ticket or "—"))
                           + ("" if t.online or t.counted
                              else _("（同日再次到厅，不另计）", " (same day again, not counted)"))
                           for t in v.visits)
        heads = _(("材料：", "流转：", "到厅："), ("Materials:", "History:", "Visits:"))
        return "\n".join([case_text(v.case), heads[0], marks, heads[1], steps, heads[2], visits])
    if isinstance(v, CaseInfo):
        return _case_text(v)
    return str(v)


# A material's check as the English counter says it (``MARK_LABELS`` in Chinese).
MARK_EN = {"received": "received", "verified_online": "verified online",
           "commitment": "commitment", "missing": "missing", "faulty": "not acceptable"}


def _mark(status: str | None) -> str:
    """A material's check (未核验 / "not checked" before any)."""
    if english():
        return MARK_EN.get(status or "", "not checked")
    return MARK_LABELS.get(status or "", "未核验")


def _case_word(chinese: str) -> str:
    """A case state's, action's or visit's label (core's Chinese) in the CLI's language."""
    return case_label(chinese) if english() else chinese


def _case_text(v: CaseInfo) -> str:
    """One case in a line: in English its item by code and its state as the screens say it."""
    due = _("，期限 ", ", due ") + local_time(v.deadline) if v.deadline else ""
    left = _timeliness(v.timeliness, v.remaining_working_days) if v.timeliness else ""
    owed = _owed_line(v)
    if english():
        return (f"{v.number} {v.item_code} {v.applicant_name} {case_label(v.state_label)}{due}"
                + (f" ({left})" if left else "") + f"; {count(v.visits, 'visit')}" + owed)
    return (f"{v.number} {v.item_name} {v.applicant_name} {v.state_label}{due}"
            + (f"（{left}）" if left else "") + f"；到厅 {v.visits} 次" + owed)


def _owed_line(v: CaseInfo) -> str:
    """The 容缺 materials still owed and their supplement deadline, which the clerk tells the
    applicant at acceptance (only the receipt and the counter said it before)."""
    if not (v.owed and v.supplement_deadline):
        return ""
    due = local_time(v.supplement_deadline)
    return _(f"\n  容缺材料 {'、'.join(v.owed)} 补交期限 {due}",
             f"\n  Materials owed {', '.join(v.owed)}, to bring by {due}")


TIMELINESS_EN = {"normal": "on track", "warning": "due soon", "overdue": "overdue",
                 "stopped": "clock stopped"}


def _timeliness(state: str, left: int | None) -> str:
    """临近期限，剩 2 个工作日 / 已逾期，超期 3 个工作日 (no count when a year's holidays are
    not loaded yet); "due soon, 2 working days left" in English."""
    label = _(TIMELINESS_LABELS.get(state, state), TIMELINESS_EN.get(state, state))
    if left is None:
        return label
    if english():
        return f"{label}, {count(abs(left), 'working day')} {'over' if left < 0 else 'left'}"
    return f"{label}，{'超期' if left < 0 else '剩'} {abs(left)} 个工作日"


def list_text(rows: Any) -> str:
    head = _("办件编号 事项 申请人 状态 期限 时效 认领",
             "Case Item Applicant State Due Timeliness Claimed").split()
    return table([head] + [
        [r.number, _(r.item_name[:16], r.item_code), r.applicant_name,
         _(r.state_label, case_label(r.state_label)),
         local_time(r.deadline, "%m-%d %H:%M") if r.deadline else "",
         _timeliness(r.timeliness, r.remaining_working_days) if r.timeliness else "",
         r.claimed_by or ""] for r in rows])


def intake_text(v: cases.IntakeView) -> str:
    yes, no = _("是", "yes"), _("否", "no")
    marks = table([_(["材料", "名称", "必需", "要件", "核验结果"],
                     ["Material", "Name", "Required", "Core", "Check"])] + [
        [m.code, m.name[:20], yes if m.required else no,
         _("主审", "core") if m.core else _("非主审", "not core"),
         _mark(m.status)]
        for m in v.materials])
    opts = "\n".join(f"  {'✓' if d.allowed else '✗'} {d.decision}"
                     f"{'' if d.allowed else _('：', ': ') + _closed(d)}" for d in v.decisions)
    if english():
        auto = ("auto-approval applies" if v.auto_approve else
                f"auto-approval does not apply: {_auto_reason_en(v)}")
        return (f"{v.number} {case_label(STATE_LABELS[as_state(v.state)])}\n{marks}\n"
                f"Decisions open:\n{opts}\nSuggested: {v.suggested}; {auto}")
    auto = "可秒批" if v.auto_approve else f"不适用秒批（{v.auto_approve_reason}）"
    return (f"{v.number} {STATE_LABELS[as_state(v.state)]}\n{marks}\n可作出的决定：\n{opts}\n"
            f"建议：{v.suggested}；{auto}")


def _closed(d: cases.DecisionOption) -> str:
    """Why a decision is closed: in English its reasons' texts by their codes, as the counter
    screen says them (the Chinese text when one has none)."""
    if english() and d.reason_codes and all(c in EN for c in d.reason_codes):
        return " ".join(EN[c] for c in d.reason_codes)
    return d.reason


def _auto_reason_en(v: cases.IntakeView) -> str:
    """Why auto-approval does not apply, in English by its code (the Chinese text when it
    has none)."""
    return reason_english(v.auto_approve_code, v.auto_approve_facts) or v.auto_approve_reason


def decision_text(r: case_decide.DecisionResult) -> str:
    lines = [case_text(r.case)]
    lines += [_(f"  需补齐：{m.code} {m.name}（{_mark(m.status)}）",
                f"  To complete: {m.code} {local(m.name, m.name_en)} ({_mark(m.status)})")
              for m in r.outstanding]
    if r.auto_approved:
        lines.append(_("  已秒批", "  Approved automatically (instant approval)"))
    return "\n".join(lines)


def figures_text(f: case_kpi.CaseFigures) -> str:
    def pct(r: case_kpi.Rate) -> str:
        return f"{r.percent}%（{r.numerator}/{r.denominator}）" if r.percent is not None else "—"

    if english():
        return "\n".join([
            f"{f.start} to {f.end}{' (' + f.department + ')' if f.department else ''}",
            f"Done on the spot {pct(f.on_spot_rate)}",
            f"At most one visit {pct(f.one_visit_rate)}", f"On time {pct(f.on_time_rate)}",
            f"Overdue {pct(f.overdue_rate)}", f"Good ratings {pct(f.good_rating_rate)}",
            f"Bad ratings rectified {pct(f.rectification_rate)}"]).replace("%（", "% (") \
            .replace("）", ")")
    return "\n".join([
        f"{f.start} 至 {f.end}{'（' + f.department + '）' if f.department else ''}",
        f"即办率 {pct(f.on_spot_rate)}", f"最多跑一次率 {pct(f.one_visit_rate)}",
        f"按时办结率 {pct(f.on_time_rate)}", f"逾期率 {pct(f.overdue_rate)}",
        f"好评率 {pct(f.good_rating_rate)}", f"差评整改率 {pct(f.rectification_rate)}"])
