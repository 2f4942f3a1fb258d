"""Translatable words printed on documents, with Simplified Chinese defaults.

Documents never hard-code printed words: each builder reads them from a :class:`Labels`
mapping, so the UI can pass English (or other) text for a foreign applicant while the data
stays the same. Values may hold ``str.format`` placeholders (``{n}``, ``{date}``…); an
override must keep the placeholders of the default it replaces.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from string import Formatter
from typing import Any

from hallapp.core.errors import ValidationError

DEFAULT_LABELS: Mapping[str, str] = {
    # --- common -----------------------------------------------------------------------
    "case_number": "办件编号",
    "verification_code": "查询码",
    "item": "事项名称",
    "item_code": "实施编码",
    "applicant": "申请人",
    "window": "受理窗口",
    "clerk": "经办人",
    "issued_at": "出具时间",
    "address": "地址：{address}",
    "phone": "咨询电话：{phone}",
    "page": "第 {page} 页，共 {pages} 页",
    "scan_case": "扫码或凭办件编号和查询码查询办理进度",
    "stamp": "（盖章）",
    "date_format": "{year}年{month}月{day}日",
    "no": "序号",
    "material": "材料名称",
    "requirement": "要求",
    "where_to_get": "获取途径",
    "problem": "问题",
    "problem.missing": "缺少",
    "problem.faulty": "不符合要求",
    "form": "形式",
    "copies": "份数",
    "copies_n": "{n}份",
    "status": "状态",
    "form.original": "原件",
    "form.copy": "复印件",
    "form.original_and_copy": "原件及复印件",
    "form.electronic": "电子件",
    # --- queue ticket -----------------------------------------------------------------
    "ticket.your_number": "您的号码",
    "ticket.queue": "办理业务：{queue}",
    "ticket.ahead": "您前面还有 {n} 人等候",
    "ticket.ahead_none": "您前面没有人等候",
    "ticket.wait": "预计等候约 {minutes} 分钟",
    "ticket.priority_from": "预约号：{time} 起优先叫号",
    "ticket.taken_at": "取号时间：{time}",
    "ticket.instructions": "请留意叫号屏幕和语音提示，过号请到服务台。",
    "ticket.green": "绿色通道·{kind}",
    "ticket.appointment": "预约号·{slot}",
    "ticket.applicant": "办事人：{who}",
    "ticket.scan": "扫码查看排队进度",
    # --- appointment slip -------------------------------------------------------------
    "slip.title": "预约凭条",
    "slip.queue": "预约业务：{queue}",
    "slip.slot_label": "预约时段",
    "slip.slot": "{date} {start}–{end}",
    "slip.code_label": "预约码",
    "slip.scan": "签到时扫描此二维码",
    "slip.applicant": "预约人：{who}",
    "slip.booked_at": "登记时间：{time}",
    "slip.rule": "请于预约时段开始前 {early} 分钟至开始后 {grace} 分钟内，在自助取号机"
                 "「预约签到」扫码或输入预约码取号；逾时按普通号排队。",
    # --- acceptance receipt -----------------------------------------------------------
    "receipt.title": "受理回执",
    "receipt.intro": "您提交的申请材料已收到，经审查符合受理条件，予以受理。",
    "receipt.accepted_at": "受理时间",
    "receipt.promised_date": "承诺办结日期",
    "receipt.promised_immediate": "当场办结",
    "receipt.supplement_due": "容缺材料补交期限",
    "receipt.supplement_date": "{date}前",
    "receipt.materials": "申请材料",
    "receipt.commitments": "已签署的告知承诺",
    "receipt.note": "本回执是受理凭证，请妥善保管，领取办理结果时请出示。",
    "status.received": "已收",
    "status.verified_online": "网上核验",
    "status.commitment": "告知承诺",
    "status.tolerated": "容缺后补",
    # --- notices ----------------------------------------------------------------------
    "missing.title": "一次性告知书",
    "missing.intro": "{applicant}：您申请办理的“{item}”事项，申请材料不齐全或者不符合法定形式。"
                     "现将需要补齐补正的全部材料一次性告知如下：",
    "missing.closing": "请按上述要求准备材料后再来办理。除本告知书所列材料外，"
                       "不会要求您提供其他材料。",
    "refusal.title": "不予受理通知书",
    "refusal.intro": "{applicant}：您于 {date} 申请办理的“{item}”事项，经审查，决定不予受理。",
    "refusal.reason": "不予受理理由",
    "refusal.legal_basis": "法律依据",
    "refusal.appeal": "如不服本决定，可以自收到本通知书之日起六十日内向{review_body}申请"
                      "行政复议，或者自收到本通知书之日起六个月内向{court}提起行政诉讼。",
    "refusal.review_body_default": "有管辖权的行政复议机关",
    "refusal.court_default": "有管辖权的人民法院",
    "correction.title": "补正材料通知书",
    "correction.intro": "{applicant}：您申请办理的“{item}”事项，经审查，需要补正以下材料或内容：",
    "correction.opinion": "补正意见",
    "correction.due": "请于 {date} 前补正。",
    "correction.clock": "补正期间办理时限暂停计算，补正材料收齐后继续计算。",
    "supplement.title": "容缺受理补交材料通知书",
    "supplement.intro": "{applicant}：您申请办理的“{item}”事项已于 {date} 容缺受理。"
                        "请补交以下材料：",
    "supplement.due": "请于 {date} 前补交上述材料。",
    "supplement.withheld": "材料补齐前，办理结果暂不发放；逾期未补交的，按有关规定处理。",
    "result.title": "办结通知书",
    "result.intro": "{applicant}：您申请办理的“{item}”事项已办结。",
    "result.outcome": "办理结果",
    "result.reason": "不予批准理由",
    "result.documents": "结果文书",
    "result.pickup": "请携带本通知书和有效身份证件到{place}领取。",
    "result.hours": "领取时间：{hours}",
    "result.express": "办理结果已通过{carrier}寄出，运单号：{tracking}。",
    # --- material checklist -----------------------------------------------------------
    "checklist.title": "办事材料清单",
    "checklist.code": "实施编码：{code}",
    "checklist.separator": "；",
    "checklist.form_copies": "（{form} {copies}）",
    "checklist.limit": "承诺时限：{limit}",
    "checklist.fee": "收费：{fee}",
    "checklist.fee_none": "收费：不收费",
    "checklist.required": "必交",
    "checklist.optional": "视情况提交",
    "checklist.commitment_ok": "可告知承诺",
    "checklist.online_ok": "可网上核验，无需提交",
    "limit.working_day": "{n}个工作日",
    "limit.natural_day": "{n}个自然日",
    "limit.hour": "{n}小时",
    "limit.immediate": "即来即办",
    "checklist.printed_at": "打印时间：{time}",
    "checklist.conditions": "办理条件：{conditions}",
    "checklist.note": "请按清单准备材料后取号办理；清单以外的材料，窗口不会要求提供。",
}


class Labels(Mapping[str, str]):
    """The default labels with some replaced; unknown keys are refused to catch typos."""

    __slots__ = ("_values",)

    def __init__(self, overrides: Mapping[str, str] | None = None) -> None:
        values = dict(DEFAULT_LABELS)
        for key, value in (overrides or {}).items():
            if key not in DEFAULT_LABELS:
                raise ValidationError(f"未知的打印标签：{key}", field="labels",
                                      code="unknown_label", label=key)
            unknown = _fields(value) - _allowed_fields(DEFAULT_LABELS[key])
            if unknown:
                raise ValidationError(
                    f"打印标签 {key} 含未知占位符：{'、'.join(sorted(unknown))}",
                    field="labels", code="unknown_label_placeholder", label=key,
                    placeholders=", ".join(sorted(unknown)))
            values[key] = value
        self._values = values

    def __getitem__(self, key: str) -> str:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def fmt(self, key: str, **values: Any) -> str:
        """The label with its placeholders filled in.

        A label with a count ``{n}`` may also use ``{s}``: "s" unless n is 1, for English
        plurals ("{n} working day{s}"); Chinese has none and does not use it.
        """
        if "n" in values:
            values.setdefault("s", "" if values["n"] == 1 else "s")
        return self._values[key].format(**values)


def _allowed_fields(default: str) -> set[str]:
    """The placeholders a replacement of ``default`` may use (see :meth:`Labels.fmt`)."""
    fields = _fields(default)
    return fields | {"s"} if "n" in fields else fields


def _fields(text: str) -> set[str]:
    """Placeholder names in a format string (``{n}`` → ``n``)."""
    return {name.split(".")[0].split("[")[0].split(":")[0]
            for _, name, _, _ in Formatter().parse(text) if name}


_DEFAULT = Labels()


def resolve(labels: Mapping[str, str] | None) -> Labels:
    """Accept None (Chinese defaults), a Labels, or a plain dict of overrides."""
    if labels is None:
        return _DEFAULT
    if isinstance(labels, Labels):
        return labels
    return Labels(labels)
