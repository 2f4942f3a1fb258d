"""Every action and object the code writes to the audit log has a name people can read.

The codes are found where they are written: the string literals handed to ``uow.audit`` and
to the window operations' ``done``/``done_with_row``, the supervisor's window actions, and the
case transitions (``case_<action>``).
"""

from __future__ import annotations

import re
from pathlib import Path

from hallapp.core.audit_labels import ACTION_LABELS, ENTITY_LABELS, action_label, entity_label
from hallapp.core.case_rules import CaseAction

SOURCES = Path(__file__).resolve().parents[2] / "hallapp"
WRITTEN = re.compile(r"""(?:\baudit|\bdone|\bdone_with_row)\(\s*"([a-z_]+)"(?:,\s*"([a-z_]+)")?"""
                     r"""|action_name="([a-z_]+)"|"(staff_disable)" """.strip())


def written_codes() -> tuple[set[str], set[str]]:
    actions, entities = set(), {"ticket", "window"}  # window_op.done picks one of the two
    for path in SOURCES.rglob("*.py"):
        for m in WRITTEN.finditer(path.read_text(encoding="utf-8")):
            actions.add(m.group(1) or m.group(3) or m.group(4))
            if m.group(2):
                entities.add(m.group(2))
    return actions, entities


def test_every_logged_action_and_object_has_a_chinese_name() -> None:
    actions, entities = written_codes()
    assert {"ticket_call", "login", "staff_disable", "supervisor_window_pause"} <= actions
    actions |= {"case_open"} | {f"case_{a.value}" for a in CaseAction}
    unnamed = sorted(a for a in actions if action_label(a) == a)
    assert unnamed == [], "name these in hallapp/core/audit_labels.py"
    assert sorted(e for e in entities if entity_label(e) == e) == []


def test_no_name_is_kept_for_a_code_nothing_writes() -> None:
    actions, entities = written_codes()
    assert set(ACTION_LABELS) - actions == set()
    assert set(ENTITY_LABELS) - entities - {"case"} == set()  # case: case_common.record


def test_case_actions_take_the_workflow_names_and_unknown_codes_stay_as_they_are() -> None:
    assert action_label("case_accept_tolerant") == "容缺受理"
    assert action_label("case_open") == "收件"
    assert action_label("case_checklist") == "核对材料"
    assert action_label("future_action") == "future_action"
    assert action_label("case_future") == "case_future"
    assert entity_label("service_item") == "服务事项"
