"""Translate the Chinese labels that core and services hand to the UI.

Core and services stay free of Qt, so their label tables (case states and actions, roles,
rating levels, item types, hall settings) are plain Chinese. Their texts are listed here once
more, literally, so pyside6-lupdate puts them in the .ts; tests/ui/test_translations.py fails
when core or services gain a label missing here.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from hallapp.core.audit_labels import ACTION_LABELS, CASE_PREFIX, action_label, entity_label

CASE_CONTEXT = "CaseLabels"
ROLE_CONTEXT = "RoleLabels"
LEVEL_CONTEXT = "RatingLevels"
ITEM_TYPE_CONTEXT = "ItemTypes"
DRILL_CONTEXT = "DrillLabels"
AUDIT_ACTION_CONTEXT = "AuditActions"
AUDIT_ENTITY_CONTEXT = "AuditObjects"

CASE_LABELS = (
    # states (hallapp.core.case_rules.STATE_LABELS)
    QT_TRANSLATE_NOOP("CaseLabels", "已收件"), QT_TRANSLATE_NOOP("CaseLabels", "已受理"),
    QT_TRANSLATE_NOOP("CaseLabels", "审查中"), QT_TRANSLATE_NOOP("CaseLabels", "待补正"),
    QT_TRANSLATE_NOOP("CaseLabels", "已补正"), QT_TRANSLATE_NOOP("CaseLabels", "特别程序"),
    QT_TRANSLATE_NOOP("CaseLabels", "已批准"),
    QT_TRANSLATE_NOOP("CaseLabels", "容缺批准（待补齐）"),
    QT_TRANSLATE_NOOP("CaseLabels", "不予批准"), QT_TRANSLATE_NOOP("CaseLabels", "待出件"),
    QT_TRANSLATE_NOOP("CaseLabels", "已出件"), QT_TRANSLATE_NOOP("CaseLabels", "当场办结"),
    QT_TRANSLATE_NOOP("CaseLabels", "已一次性告知"), QT_TRANSLATE_NOOP("CaseLabels", "不予受理"),
    QT_TRANSLATE_NOOP("CaseLabels", "已撤回"), QT_TRANSLATE_NOOP("CaseLabels", "已撤销"),
    QT_TRANSLATE_NOOP("CaseLabels", "退回待重新受理"),  # case_rules.RETURNED_LABEL
    QT_TRANSLATE_NOOP("CaseLabels", "容缺材料待补齐"),  # case_rules.SUPPLEMENT_DUE_LABEL
    # actions (hallapp.core.case_rules.ACTION_LABELS, plus the intake "收件")
    QT_TRANSLATE_NOOP("CaseLabels", "收件"), QT_TRANSLATE_NOOP("CaseLabels", "受理"),
    QT_TRANSLATE_NOOP("CaseLabels", "容缺受理"), QT_TRANSLATE_NOOP("CaseLabels", "告知承诺受理"),
    QT_TRANSLATE_NOOP("CaseLabels", "一次性告知"), QT_TRANSLATE_NOOP("CaseLabels", "撤回申请"),
    QT_TRANSLATE_NOOP("CaseLabels", "认领审查"), QT_TRANSLATE_NOOP("CaseLabels", "退回待审"),
    QT_TRANSLATE_NOOP("CaseLabels", "批准"), QT_TRANSLATE_NOOP("CaseLabels", "要求补正"),
    QT_TRANSLATE_NOOP("CaseLabels", "提交补正材料"),
    QT_TRANSLATE_NOOP("CaseLabels", "启动特别程序"),
    QT_TRANSLATE_NOOP("CaseLabels", "结束特别程序"), QT_TRANSLATE_NOOP("CaseLabels", "退回窗口"),
    QT_TRANSLATE_NOOP("CaseLabels", "补齐容缺材料"), QT_TRANSLATE_NOOP("CaseLabels", "制证完成"),
    QT_TRANSLATE_NOOP("CaseLabels", "出件"), QT_TRANSLATE_NOOP("CaseLabels", "撤销"),
    # visit purposes (hallapp.core.case_rules.VISIT_LABELS; the others are actions above)
    QT_TRANSLATE_NOOP("CaseLabels", "补正材料"),
)
ROLE_LABELS = (  # hallapp.core.roles.ROLE_NAMES_ZH
    QT_TRANSLATE_NOOP("RoleLabels", "窗口人员"), QT_TRANSLATE_NOOP("RoleLabels", "后台审批人员"),
    QT_TRANSLATE_NOOP("RoleLabels", "值班长"), QT_TRANSLATE_NOOP("RoleLabels", "管理员"),
    QT_TRANSLATE_NOOP("RoleLabels", "自助取号机"), QT_TRANSLATE_NOOP("RoleLabels", "显示屏/评价器"),
    QT_TRANSLATE_NOOP("RoleLabels", "系统"),
)
LEVEL_LABELS = (  # hallapp.services.ratings.LEVEL_LABELS, levels 5 down to 1
    QT_TRANSLATE_NOOP("RatingLevels", "非常满意"), QT_TRANSLATE_NOOP("RatingLevels", "满意"),
    QT_TRANSLATE_NOOP("RatingLevels", "基本满意"), QT_TRANSLATE_NOOP("RatingLevels", "不满意"),
    QT_TRANSLATE_NOOP("RatingLevels", "非常不满意"),
)
# Level -> label as the ratings service has it (a test keeps them equal), for the rating pad:
# its buttons are on the first frame, the service and what it imports (~50 ms) load later.
LEVEL_TEXTS = {level: str(text) for level, text in zip((5, 4, 3, 2, 1), LEVEL_LABELS, strict=True)}

ITEM_TYPE_LABELS = (  # hallapp.core.catalogue.ITEM_TYPES
    QT_TRANSLATE_NOOP("ItemTypes", "行政许可"), QT_TRANSLATE_NOOP("ItemTypes", "行政给付"),
    QT_TRANSLATE_NOOP("ItemTypes", "行政确认"), QT_TRANSLATE_NOOP("ItemTypes", "行政奖励"),
    QT_TRANSLATE_NOOP("ItemTypes", "行政裁决"), QT_TRANSLATE_NOOP("ItemTypes", "行政征收"),
    QT_TRANSLATE_NOOP("ItemTypes", "行政备案"), QT_TRANSLATE_NOOP("ItemTypes", "其他行政权力"),
    QT_TRANSLATE_NOOP("ItemTypes", "公共服务"),
)
DRILL_LABELS = (  # the figures' drill-downs (hallapp.services.kpi_drill, reports)
    # ticket states
    QT_TRANSLATE_NOOP("DrillLabels", "等候"), QT_TRANSLATE_NOOP("DrillLabels", "已叫号"),
    QT_TRANSLATE_NOOP("DrillLabels", "办理中"), QT_TRANSLATE_NOOP("DrillLabels", "已办结"),
    QT_TRANSLATE_NOOP("DrillLabels", "过号"), QT_TRANSLATE_NOOP("DrillLabels", "挂起"),
    QT_TRANSLATE_NOOP("DrillLabels", "弃号"),
    # case outcomes, follow-up states, on the spot, the total row
    QT_TRANSLATE_NOOP("DrillLabels", "提前办结"), QT_TRANSLATE_NOOP("DrillLabels", "按时办结"),
    QT_TRANSLATE_NOOP("DrillLabels", "超时办结"), QT_TRANSLATE_NOOP("DrillLabels", "待回访"),
    QT_TRANSLATE_NOOP("DrillLabels", "申诉中"), QT_TRANSLATE_NOOP("DrillLabels", "是"),
    QT_TRANSLATE_NOOP("DrillLabels", "合计"),
)
SETTING_LABELS = (  # hallapp.services.admin.SETTINGS, shown by hallapp.ui.admin.settings
    QT_TRANSLATE_NOOP("AdminSettings", "重呼次数上限"),
    QT_TRANSLATE_NOOP("AdminSettings", "过号后可重新激活的分钟数"),
    QT_TRANSLATE_NOOP("AdminSettings", "过号激活后排在其后的人数"),
    QT_TRANSLATE_NOOP("AdminSettings", "连续优先叫号上限"),
    QT_TRANSLATE_NOOP("AdminSettings", "低优先级队列最长等候（分钟，0 为不启用）"),
    QT_TRANSLATE_NOOP("AdminSettings", "办件预警（剩余工作日）"),
    QT_TRANSLATE_NOOP("AdminSettings", "差评整改期限（工作日）"),
    QT_TRANSLATE_NOOP("AdminSettings", "回执上隐去申请人姓名"),
    QT_TRANSLATE_NOOP("AdminSettings", "叫号播报模板"),
    QT_TRANSLATE_NOOP("AdminSettings", "叫号播报次数"),
    QT_TRANSLATE_NOOP("AdminSettings", "叫号时加播英文"),
    QT_TRANSLATE_NOOP("AdminSettings", "综合屏滚动通知"),
    QT_TRANSLATE_NOOP("AdminSettings", "自助机管理密码"),
    QT_TRANSLATE_NOOP("AdminSettings", "等候超过目标的倍数告警"),
    QT_TRANSLATE_NOOP("AdminSettings", "办理超过标准时长的倍数告警"),
    QT_TRANSLATE_NOOP("AdminSettings", "窗口空闲告警（分钟，有人等候时）"),
    QT_TRANSLATE_NOOP("AdminSettings", "差评提醒保留（分钟）"),
    QT_TRANSLATE_NOOP("AdminSettings", "预约失约上限（0 为不限）"),
    QT_TRANSLATE_NOOP("AdminSettings", "失约统计天数"),
)

AUDIT_ACTION_LABELS = (  # hallapp.core.audit_labels.ACTION_LABELS (case actions: CaseLabels)
    QT_TRANSLATE_NOOP("AuditActions", "取号"), QT_TRANSLATE_NOOP("AuditActions", "叫号"),
    QT_TRANSLATE_NOOP("AuditActions", "选号呼叫"), QT_TRANSLATE_NOOP("AuditActions", "重呼"),
    QT_TRANSLATE_NOOP("AuditActions", "开始办理"), QT_TRANSLATE_NOOP("AuditActions", "办结"),
    QT_TRANSLATE_NOOP("AuditActions", "过号"), QT_TRANSLATE_NOOP("AuditActions", "过号激活"),
    QT_TRANSLATE_NOOP("AuditActions", "挂起"), QT_TRANSLATE_NOOP("AuditActions", "挂起恢复"),
    QT_TRANSLATE_NOOP("AuditActions", "转移"), QT_TRANSLATE_NOOP("AuditActions", "调整队列"),
    QT_TRANSLATE_NOOP("AuditActions", "撤销未出票的号"),
    QT_TRANSLATE_NOOP("AuditActions", "原号转为预约号"),
    QT_TRANSLATE_NOOP("AuditActions", "开放窗口"), QT_TRANSLATE_NOOP("AuditActions", "暂停窗口"),
    QT_TRANSLATE_NOOP("AuditActions", "恢复窗口"), QT_TRANSLATE_NOOP("AuditActions", "关闭窗口"),
    QT_TRANSLATE_NOOP("AuditActions", "接手窗口"),
    QT_TRANSLATE_NOOP("AuditActions", "接手他人离开的窗口"),
    QT_TRANSLATE_NOOP("AuditActions", "值班长改派窗口"),
    QT_TRANSLATE_NOOP("AuditActions", "窗口释放（离开窗口或账号停用、调岗）"),
    QT_TRANSLATE_NOOP("AuditActions", "修改窗口叫号配置"),
    QT_TRANSLATE_NOOP("AuditActions", "值班长开放窗口"),
    QT_TRANSLATE_NOOP("AuditActions", "值班长暂停窗口"),
    QT_TRANSLATE_NOOP("AuditActions", "值班长恢复窗口"),
    QT_TRANSLATE_NOOP("AuditActions", "值班长关闭窗口"),
    QT_TRANSLATE_NOOP("AuditActions", "日终处理"), QT_TRANSLATE_NOOP("AuditActions", "重新开厅"),
    QT_TRANSLATE_NOOP("AuditActions", "开始实时模拟"),
    QT_TRANSLATE_NOOP("AuditActions", "结束实时模拟"),
    QT_TRANSLATE_NOOP("AuditActions", "预约"),
    QT_TRANSLATE_NOOP("AuditActions", "取消预约"), QT_TRANSLATE_NOOP("AuditActions", "预约签到"),
    QT_TRANSLATE_NOOP("AuditActions", "撤销预约签到"),
    QT_TRANSLATE_NOOP("AuditActions", "预约失约"), QT_TRANSLATE_NOOP("AuditActions", "撤销失约"),
    QT_TRANSLATE_NOOP("AuditActions", "生成预约时段"),
    QT_TRANSLATE_NOOP("AuditActions", "修改时段容量"),
    QT_TRANSLATE_NOOP("AuditActions", "删除预约时段"),
    QT_TRANSLATE_NOOP("AuditActions", "列入失信名单"),
    QT_TRANSLATE_NOOP("AuditActions", "移出失信名单"),
    QT_TRANSLATE_NOOP("AuditActions", "核对材料"),
    QT_TRANSLATE_NOOP("AuditActions", "接手退回件"),
    QT_TRANSLATE_NOOP("AuditActions", "补交容缺材料"), QT_TRANSLATE_NOOP("AuditActions", "评价"),
    QT_TRANSLATE_NOOP("AuditActions", "差评待回访"), QT_TRANSLATE_NOOP("AuditActions", "回访办结"),
    QT_TRANSLATE_NOOP("AuditActions", "差评申诉"), QT_TRANSLATE_NOOP("AuditActions", "创建大厅"),
    QT_TRANSLATE_NOOP("AuditActions", "修改大厅设置"),
    QT_TRANSLATE_NOOP("AuditActions", "修改大厅名称地址电话"),
    QT_TRANSLATE_NOOP("AuditActions", "修改开放时间"),
    QT_TRANSLATE_NOOP("AuditActions", "修改优先类别"),
    QT_TRANSLATE_NOOP("AuditActions", "配置窗口"), QT_TRANSLATE_NOOP("AuditActions", "保存队列"),
    QT_TRANSLATE_NOOP("AuditActions", "停用队列"), QT_TRANSLATE_NOOP("AuditActions", "启用队列"),
    QT_TRANSLATE_NOOP("AuditActions", "停用窗口"), QT_TRANSLATE_NOOP("AuditActions", "窗口改名"),
    QT_TRANSLATE_NOOP("AuditActions", "恢复使用窗口"),
    QT_TRANSLATE_NOOP("AuditActions", "保存部门"), QT_TRANSLATE_NOOP("AuditActions", "保存事项"),
    QT_TRANSLATE_NOOP("AuditActions", "停用事项"),
    QT_TRANSLATE_NOOP("AuditActions", "恢复事项"), QT_TRANSLATE_NOOP("AuditActions", "导入事项"),
    QT_TRANSLATE_NOOP("AuditActions", "导入事项目录"),
    QT_TRANSLATE_NOOP("AuditActions", "导入队列"), QT_TRANSLATE_NOOP("AuditActions", "导入部门"),
    QT_TRANSLATE_NOOP("AuditActions", "载入节假日"),
    QT_TRANSLATE_NOOP("AuditActions", "调整工作日"), QT_TRANSLATE_NOOP("AuditActions", "设置终端"),
    QT_TRANSLATE_NOOP("AuditActions", "打印单据"), QT_TRANSLATE_NOOP("AuditActions", "备份数据库"),
    QT_TRANSLATE_NOOP("AuditActions", "恢复数据库"),
    QT_TRANSLATE_NOOP("AuditActions", "登录"), QT_TRANSLATE_NOOP("AuditActions", "登录失败"),
    QT_TRANSLATE_NOOP("AuditActions", "新增人员"), QT_TRANSLATE_NOOP("AuditActions", "启用账号"),
    QT_TRANSLATE_NOOP("AuditActions", "停用账号"), QT_TRANSLATE_NOOP("AuditActions", "账号改名"),
    QT_TRANSLATE_NOOP("AuditActions", "修改账号"),
    QT_TRANSLATE_NOOP("AuditActions", "修改密码"),
    QT_TRANSLATE_NOOP("AuditActions", "修改密码失败"),
    QT_TRANSLATE_NOOP("AuditActions", "重设密码"),
)
AUDIT_ENTITY_LABELS = (  # hallapp.core.audit_labels.ENTITY_LABELS
    QT_TRANSLATE_NOOP("AuditObjects", "大厅"), QT_TRANSLATE_NOOP("AuditObjects", "服务事项"),
    QT_TRANSLATE_NOOP("AuditObjects", "队列"), QT_TRANSLATE_NOOP("AuditObjects", "部门"),
    QT_TRANSLATE_NOOP("AuditObjects", "终端"), QT_TRANSLATE_NOOP("AuditObjects", "人员账号"),
    QT_TRANSLATE_NOOP("AuditObjects", "工作日历"), QT_TRANSLATE_NOOP("AuditObjects", "事项目录"),
    QT_TRANSLATE_NOOP("AuditObjects", "号票"), QT_TRANSLATE_NOOP("AuditObjects", "窗口"),
    QT_TRANSLATE_NOOP("AuditObjects", "办件"), QT_TRANSLATE_NOOP("AuditObjects", "预约"),
    QT_TRANSLATE_NOOP("AuditObjects", "预约时段"), QT_TRANSLATE_NOOP("AuditObjects", "失信名单"),
    QT_TRANSLATE_NOOP("AuditObjects", "差评回访"), QT_TRANSLATE_NOOP("AuditObjects", "评价"),
    QT_TRANSLATE_NOOP("AuditObjects", "打印记录"), QT_TRANSLATE_NOOP("AuditObjects", "数据库"),
)


def case_label(text: str) -> str:
    """A case state or action label from core, in the terminal's language."""
    return QCoreApplication.translate(CASE_CONTEXT, text)


def role_label(text: str) -> str:
    return QCoreApplication.translate(ROLE_CONTEXT, text)


def level_label(text: str) -> str:
    return QCoreApplication.translate(LEVEL_CONTEXT, text)


def item_type_label(text: str) -> str:
    return QCoreApplication.translate(ITEM_TYPE_CONTEXT, text)


def drill_label(text: str) -> str:
    """A label in a drill-down's cell (a state, an outcome, 是, 合计), in the terminal's
    language; any other text (names, numbers, times) as it is."""
    translated = QCoreApplication.translate(DRILL_CONTEXT, text)
    return translated if translated != text else QCoreApplication.translate(CASE_CONTEXT, text)


def audit_action_label(action: str) -> str:
    """A logged action's name (hallapp.core.audit_labels) in the terminal's language."""
    text = action_label(action)
    if action.startswith(CASE_PREFIX) and action not in ACTION_LABELS:
        return case_label(text)
    return QCoreApplication.translate(AUDIT_ACTION_CONTEXT, text)


def audit_entity_label(entity: str) -> str:
    return QCoreApplication.translate(AUDIT_ENTITY_CONTEXT, entity_label(entity))


QUEUE_CONTEXT = "Queues"
QUEUE_LABELS = (QT_TRANSLATE_NOOP("Queues", "（停用）"),)  # queue_inactive_mark


def queue_inactive_mark(active: bool) -> str:
    """After a deactivated queue's name where its tickets still waiting are shown (the
    boards, the counter): "（停用）"; empty for an active queue."""
    return "" if active else QCoreApplication.translate(QUEUE_CONTEXT, "（停用）")
