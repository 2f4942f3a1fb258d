"""Sample documents: for the admin's "test print", the benchmark and the tests.

``long=True`` gives the worst case the layout must survive: a 60-character item name and
15 materials with long names, requirements and sources. Personal data here is fictitious
and already masked, as a service would pass it for a public print.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hallapp.documents.model import (
    CaseRef,
    ChecklistData,
    ChecklistMaterial,
    CorrectionNotice,
    HallInfo,
    MaterialLine,
    MaterialProblem,
    MissingNotice,
    NoticeData,
    NoticeHead,
    ReceiptData,
    RefusalNotice,
    ResultNotice,
    SupplementNotice,
    TicketData,
)

HALL = HallInfo(code="SZFT01", name="深圳市福田区政务服务中心",
                address="深圳市福田区福中三路市民中心B区一楼政务服务大厅", phone="0755-88888888")
# 2026-11-25 09:03 in Shanghai, given in UTC as the store keeps it.
TAKEN_AT = datetime(2026, 11, 25, 1, 3, 27, tzinfo=UTC)
SHORT_ITEM = "个体工商户设立登记"
LONG_ITEM = ("深圳市福田区外商投资企业设立登记及经营范围涉及前置审批项目的核定与变更备案"
             "（含中国跨境电子商务综合试验区内新设立的企业）")
MASKED_APPLICANT = "张*三 4403**********1234"
FORMS = ("original", "copy", "original_and_copy", "electronic")
STATUSES = ("received", "verified_online", "commitment", "tolerated")


def sample_ticket(*, number: str = "A001", green: bool = True) -> TicketData:
    return TicketData(hall=HALL, hall_day=date(2026, 11, 25), number=number, ticket_id=20417,
                      queue_name="商事登记", taken_at=TAKEN_AT, people_ahead=12,
                      estimated_wait_minutes=35,
                      green_channel="60岁以上老人" if green else None,
                      appointment_slot="09:00-09:30", applicant_display="138****5678",
                      item_name=SHORT_ITEM)


def _material_name(i: int, long: bool) -> str:
    if not long:
        return ("申请人身份证明", "经营场所使用证明", "登记申请书")[i % 3]
    return (f"第{i + 1}项：由法定代表人签署并加盖公章的外商投资企业设立登记申请书"
            f"及全体投资者主体资格证明或自然人身份证明（境外公证认证件）")


def sample_case(long: bool = False) -> CaseRef:
    return CaseRef(case_number="440304-2026-000123", verification_code="7F3KQ2",
                   item_name=LONG_ITEM if long else SHORT_ITEM,
                   item_code="11440304MB2C12345X4440117001",
                   applicant_display=MASKED_APPLICANT)


def sample_receipt(long: bool = False) -> ReceiptData:
    count = 15 if long else 3
    materials = tuple(MaterialLine(_material_name(i, long), FORMS[i % 4], i % 3 + 1,
                                   STATUSES[i % 4]) for i in range(count))
    return ReceiptData(hall=HALL, case=sample_case(long), materials=materials,
                       accepted_at=TAKEN_AT + timedelta(minutes=20), window="3号窗口",
                       clerk="李*明（工号 A0312）", promised_date=date(2026, 12, 9),
                       commitments=("本人承诺所提交的经营场所使用证明真实有效，"
                                    "如有虚假，愿意承担相应法律责任并接受失信联合惩戒。",))


def _problems(long: bool) -> tuple[MaterialProblem, ...]:
    count = 15 if long else 2
    return tuple(MaterialProblem(
        name=_material_name(i, long), problem="faulty" if i % 2 else "missing",
        detail="复印件不清晰，无法辨认公章" if i % 2 else None,
        requirement="提交原件一份，复印件两份，复印件须注明“与原件一致”并由申请人签名",
        where_to_get="户籍所在地派出所或“i深圳”App在线开具") for i in range(count))


def sample_head(long: bool = False) -> NoticeHead:
    return NoticeHead(hall=HALL, case=sample_case(long), issued_at=TAKEN_AT, window="3号窗口",
                      clerk="李*明（工号 A0312）", authority="深圳市市场监督管理局福田监管局")


def sample_notice(kind: str, long: bool = False) -> NoticeData:
    head = sample_head(long)
    if kind == "missing":
        return MissingNotice(head, _problems(long))
    if kind == "refusal":
        return RefusalNotice(
            head, applied_on=date(2026, 11, 25),
            reason="申请事项依法不需要取得行政许可。" * (6 if long else 1),
            legal_basis=("《中华人民共和国行政许可法》第三十二条第一款第（一）项",),
            review_body="深圳市福田区人民政府", court="深圳市福田区人民法院")
    if kind == "correction":
        return CorrectionNotice(head, _problems(long), due_date=date(2026, 12, 2))
    if kind == "supplement":
        return SupplementNotice(head, accepted_on=date(2026, 11, 25), problems=_problems(long),
                                due_date=date(2026, 12, 16))
    return ResultNotice(head, outcome="准予登记", documents=("营业执照（正本、副本）",),
                        pickup_place="福田区政务服务中心一楼出件窗口（12号窗口）",
                        pickup_hours="工作日 9:00-12:00，14:00-18:00")


def sample_checklist(long: bool = False) -> ChecklistData:
    count = 15 if long else 4
    materials = tuple(ChecklistMaterial(
        name=_material_name(i, long), form=FORMS[i % 4], copies=i % 3 + 1,
        required=i % 5 != 4, requirement="须在有效期内" if i % 2 else None,
        commitment_replaceable=i % 3 == 1, online_verifiable=i % 4 == 1)
        for i in range(count))
    return ChecklistData(hall=HALL, item_name=LONG_ITEM if long else SHORT_ITEM,
                         item_code="11440304MB2C12345X4440117001", materials=materials,
                         printed_at=TAKEN_AT, promised_limit="3个工作日", fee=None,
                         notes="经营场所为自有房产的，可提交不动产权证书代替租赁合同。")
