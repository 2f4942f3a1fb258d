"""Written notices to the applicant: 一次性告知书, 不予受理通知书, 补正, 容缺 and 办结.

Each notice is the legal trace of a decision, so it names every material concerned (the
一次性告知 promise: nothing beyond this list will be asked for), the dates that bind the
hall, and for a refusal the reason, the legal basis and the appeal routes, above a stamp
area for the issuing department's seal.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from hallapp.core.errors import ValidationError
from hallapp.documents._layout import (
    StampBox,
    Styles,
    base_size,
    build_sheet,
    date_text,
    frame_width,
    grid_table,
    local,
    minute_text,
    para,
    styles,
)
from hallapp.documents.labels import Labels
from hallapp.documents.model import (
    CorrectionNotice,
    MaterialProblem,
    MissingNotice,
    NoticeData,
    NoticeHead,
    RefusalNotice,
    ResultNotice,
    SupplementNotice,
)
from hallapp.documents.receipt import case_rows, hall_contact, header_with_qr

_Body = Callable[[NoticeData, Labels, str, Styles], list[Flowable]]


def problems_table(problems: tuple[MaterialProblem, ...], page: str, labels: Labels,
                   st: Styles) -> Table:
    """Every missing or faulty material with what is required and where to get it."""
    header = [labels["no"], labels["material"], labels["problem"], labels["requirement"],
              labels["where_to_get"]]
    rows = []
    for i, p in enumerate(problems, start=1):
        problem = labels.get(f"problem.{p.problem}", p.problem)
        if p.detail:
            problem = f"{problem}：{p.detail}"
        rows.append([str(i), p.name, problem, p.requirement or "", p.where_to_get or ""])
    if page == "A5":  # five columns are too narrow on A5: requirement and source share one
        header[3:] = [f"{labels['requirement']} / {labels['where_to_get']}"]
        rows = [[*r[:3], "\n".join(x for x in r[3:] if x)] for r in rows]
        fractions: tuple[float, ...] = (0.08, 0.3, 0.24, 0.38)
    else:
        fractions = (0.07, 0.25, 0.2, 0.28, 0.2)
    return grid_table(header, rows, fractions, frame_width(page), st, centered=frozenset({0}))


def _intro(head: NoticeHead, labels: Labels, key: str, **extra: str) -> str:
    return labels.fmt(key, applicant=head.case.applicant_display, item=head.case.item_name,
                      **extra)


def _missing(data: NoticeData, labels: Labels, page: str, st: Styles) -> list[Flowable]:
    assert isinstance(data, MissingNotice)
    return [para(_intro(data.head, labels, "missing.intro"), st.body),
            problems_table(data.problems, page, labels, st), Spacer(1, 2 * mm),
            para(labels["missing.closing"], st.body)]


def _refusal(data: NoticeData, labels: Labels, page: str, st: Styles) -> list[Flowable]:
    assert isinstance(data, RefusalNotice)
    applied = date_text(data.applied_on, labels)
    return [para(_intro(data.head, labels, "refusal.intro", date=applied), st.body),
            *_reasons(labels["refusal.reason"], data, labels, st)]


def _reasons(heading: str, data: RefusalNotice | ResultNotice, labels: Labels,
             st: Styles) -> list[Flowable]:
    """The reasons of a refusal or denial, their legal basis, and the applicant's remedies."""
    appeal = labels.fmt("refusal.appeal",
                        review_body=data.review_body or labels["refusal.review_body_default"],
                        court=data.court or labels["refusal.court_default"])
    return [para(heading, st.heading), para(data.reason or "", st.body),
            para(labels["refusal.legal_basis"], st.heading),
            *[para(basis, st.body) for basis in data.legal_basis],
            Spacer(1, 2 * mm), para(appeal, st.body)]


def _correction(data: NoticeData, labels: Labels, page: str, st: Styles) -> list[Flowable]:
    assert isinstance(data, CorrectionNotice)
    due = date_text(data.due_date, labels)
    opinion = [para(labels["correction.opinion"], st.heading), para(data.opinion, st.body)] \
        if data.opinion else []
    return [para(_intro(data.head, labels, "correction.intro"), st.body),
            problems_table(data.problems, page, labels, st), *opinion, Spacer(1, 2 * mm),
            para(labels.fmt("correction.due", date=due), st.body),
            para(labels["correction.clock"], st.body)]


def _supplement(data: NoticeData, labels: Labels, page: str, st: Styles) -> list[Flowable]:
    assert isinstance(data, SupplementNotice)
    accepted = date_text(data.accepted_on, labels)
    due = date_text(data.due_date, labels)
    return [para(_intro(data.head, labels, "supplement.intro", date=accepted), st.body),
            problems_table(data.problems, page, labels, st), Spacer(1, 2 * mm),
            para(labels.fmt("supplement.due", date=due), st.body),
            para(labels["supplement.withheld"], st.body)]


def _result(data: NoticeData, labels: Labels, page: str, st: Styles) -> list[Flowable]:
    assert isinstance(data, ResultNotice)
    story: list[Flowable] = [
        para(_intro(data.head, labels, "result.intro"), st.body),
        para(f"{labels['result.outcome']}：{data.outcome}", st.body),
    ]
    if data.reason:
        story += _reasons(labels["result.reason"], data, labels, st)
    if data.documents:
        story.append(para(f"{labels['result.documents']}：{'；'.join(data.documents)}",
                          st.body))
    if data.tracking_number:
        story.append(para(labels.fmt("result.express", carrier=data.express_carrier or "",
                                     tracking=data.tracking_number), st.body))
    if data.pickup_place:
        story.append(para(labels.fmt("result.pickup", place=data.pickup_place), st.body))
    if data.pickup_hours:
        story.append(para(labels.fmt("result.hours", hours=data.pickup_hours), st.body))
    return story


NOTICES: dict[str, tuple[type, _Body]] = {
    "missing": (MissingNotice, _missing),
    "refusal": (RefusalNotice, _refusal),
    "correction": (CorrectionNotice, _correction),
    "supplement": (SupplementNotice, _supplement),
    "result": (ResultNotice, _result),
}


def notice_story(kind: str, data: NoticeData, labels: Labels, page: str) -> list[Flowable]:
    """Hall and title, case facts with QR, the kind's body, then the stamp area."""
    head = data.head
    st = styles(base_size(page))
    tz = head.hall.timezone
    rows = [*case_rows(head.case, labels), (labels["window"], head.window),
            (labels["clerk"], head.clerk),
            (labels["issued_at"], minute_text(head.issued_at, tz))]
    stamp = StampBox(head.authority, date_text(local(head.issued_at, tz).date(), labels),
                     labels["stamp"], st, box=(40 if page == "A4" else 32) * mm)
    body = NOTICES[kind][1](data, labels, page, st)
    width = frame_width(page)
    foot = Table([[hall_contact(head.hall, labels, st.small), stamp]],
                 colWidths=[width * 0.52, width * 0.48])
    foot.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    # The seal never sits alone on a page: it travels with the last paragraph above it.
    return [para(head.hall.name, st.hall), para(labels[f"{kind}.title"], st.title),
            header_with_qr(rows, head.case, page, labels, st), Spacer(1, 3 * mm),
            *body[:-1], KeepTogether([body[-1], Spacer(1, 3 * mm), foot])]


def render_notice(kind: str, data: NoticeData, labels: Labels, page: str = "A4") -> bytes:
    """PDF bytes of one notice; ``kind`` must match the type of ``data``."""
    if kind not in NOTICES:
        raise ValidationError(f"未知的通知书类型：{kind}（应为 {'/'.join(NOTICES)} 之一）",
                              field="kind", code="invalid_notice_kind")
    if not isinstance(data, NOTICES[kind][0]):
        raise ValidationError(f"通知书类型 {kind} 与数据 {type(data).__name__} 不符",
                              field="kind", code="notice_kind_mismatch", kind=kind)
    footer = f"{data.head.hall.name}  {labels['case_number']} {data.head.case.case_number}"
    return build_sheet(notice_story(kind, data, labels, page), page, labels[f"{kind}.title"],
                       footer, labels)
