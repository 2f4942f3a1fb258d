"""Chinese names for the audit log's action and object codes.

The log stores stable codes (``ticket_call``, ``service_item``): they are hashed into the
chain and never change. People read these names instead, in the admin's audit tab and in
``hallapp audit list``. A case's state changes are logged as ``case_<action>`` and take their
names from :data:`hallapp.core.case_rules.ACTION_LABELS`.
"""

from __future__ import annotations

from hallapp.core.case_rules import ACTION_LABELS as CASE_ACTION_LABELS
from hallapp.core.case_rules import CaseAction

CASE_PREFIX = "case_"
CASE_OPEN_LABEL = "收件"  # case_open: the clerk takes in an application

ENTITY_LABELS: dict[str, str] = {
    "hall": "大厅", "service_item": "服务事项", "queue": "队列", "department": "部门",
    "device": "终端", "staff": "人员账号", "calendar": "工作日历", "catalogue": "事项目录",
    "ticket": "号票", "window": "窗口", "case": "办件", "appointment": "预约",
    "appointment_slot": "预约时段", "blacklist": "失信名单", "followup": "差评回访",
    "rating": "评价", "print_log": "打印记录", "database": "数据库",
}

ACTION_LABELS: dict[str, str] = {
    # tickets and windows
    "ticket_take": "取号", "ticket_call": "叫号", "ticket_call_chosen": "选号呼叫",
    "ticket_recall": "重呼", "ticket_start": "开始办理", "ticket_finish": "办结",
    "ticket_noshow": "过号", "ticket_reactivate": "过号激活", "ticket_suspend": "挂起",
    "ticket_resume": "挂起恢复", "ticket_transfer": "转移", "ticket_move": "调整队列",
    "ticket_cancel_unprinted": "撤销未出票的号", "ticket_appointment": "原号转为预约号",
    "window_open": "开放窗口", "window_pause": "暂停窗口", "window_resume": "恢复窗口",
    "window_close": "关闭窗口", "window_claim": "接手窗口",
    "window_takeover": "接手他人离开的窗口", "window_assign": "值班长改派窗口",
    "window_release": "窗口释放（离开窗口或账号停用、调岗）",
    "window_profile_change": "修改窗口叫号配置",
    "supervisor_window_open": "值班长开放窗口", "supervisor_window_pause": "值班长暂停窗口",
    "supervisor_window_resume": "值班长恢复窗口", "supervisor_window_close": "值班长关闭窗口",
    "day_close": "日终处理", "day_reopen": "重新开厅",
    "simulation_start": "开始实时模拟", "simulation_end": "结束实时模拟",
    # appointments
    "appointment_book": "预约", "appointment_cancel": "取消预约",
    "appointment_checkin": "预约签到", "appointment_checkin_undone": "撤销预约签到",
    "appointment_missed": "预约失约", "appointment_restore": "撤销失约",
    "slots_create": "生成预约时段",
    "slot_capacity": "修改时段容量", "slot_remove": "删除预约时段",
    "blacklist_add": "列入失信名单", "blacklist_remove": "移出失信名单",
    # cases, beside their state changes (case_<action>)
    "case_checklist": "核对材料", "case_supplement": "补交容缺材料",
    "case_take_over": "接手退回件",
    # ratings
    "rating_add": "评价", "followup_open": "差评待回访", "followup_close": "回访办结",
    "followup_appeal": "差评申诉",
    # administration
    "hall_create": "创建大厅", "settings_update": "修改大厅设置",
    "hall_identity_update": "修改大厅名称地址电话",
    "opening_hours_update": "修改开放时间", "priority_classes_update": "修改优先类别",
    "windows_configure": "配置窗口", "queue_save": "保存队列", "department_save": "保存部门",
    "queue_deactivate": "停用队列", "queue_activate": "启用队列",
    "window_retire": "停用窗口", "window_reinstate": "恢复使用窗口", "window_rename": "窗口改名",
    "item_save": "保存事项", "item_retire": "停用事项", "item_reinstate": "恢复事项",
    "item_import": "导入事项", "catalogue_import": "导入事项目录",
    "queue_import": "导入队列", "department_import": "导入部门",
    "calendar_load": "载入节假日", "calendar_set_days": "调整工作日",
    "device_set": "设置终端", "document_print": "打印单据", "backup": "备份数据库",
    "restore": "恢复数据库",
    # accounts
    "login": "登录", "login_failed": "登录失败", "staff_add": "新增人员",
    "staff_enable": "启用账号", "staff_disable": "停用账号", "staff_rename": "账号改名",
    "staff_edit": "修改账号",
    "password_change": "修改密码", "password_change_failed": "修改密码失败",
    "password_set": "重设密码",
}


def action_label(action: str) -> str:
    """The Chinese name of a logged action; an unknown code (from a newer version) as it is."""
    if action in ACTION_LABELS:
        return ACTION_LABELS[action]
    if action.startswith(CASE_PREFIX):
        name = action[len(CASE_PREFIX):]
        if name == "open":
            return CASE_OPEN_LABEL
        if name in CaseAction._value2member_map_:
            return CASE_ACTION_LABELS[CaseAction(name)]
    return action


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, entity)
