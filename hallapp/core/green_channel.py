"""The hall's green-channel classes (绿色通道: the elderly, the disabled, the military…).

A class is ``{"code", "name", "name_en"?}``: the code is what tickets store and what the
rules know (``elderly`` is checked against the age on the ID number), the names are what
kiosks, tickets and counters show. The list is set when the hall is created and changed by
an administrator; both go through :func:`check_priority_classes`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from hallapp.core.errors import ValidationError

FIELD = "priority_classes"
_CODE = re.compile(r"[a-z][a-z0-9_]{0,31}")
NAME_MAX, NAME_EN_MAX = 30, 60


def check_priority_classes(raw: Any) -> list[dict[str, str]]:
    """The classes as stored, in their order; the first fault is named with its entry."""
    if not isinstance(raw, list | tuple):
        raise ValidationError("绿色通道类别应为列表", field=FIELD, code="priority_classes_shape")
    out: list[dict[str, str]] = []
    for n, entry in enumerate(raw, 1):
        out.append(_check_class(entry, n, {c["code"] for c in out}))
    return out


def _check_class(entry: Any, n: int, taken: set[str]) -> dict[str, str]:
    where = f"{FIELD}[{n - 1}]"
    if not isinstance(entry, Mapping):
        raise ValidationError(f"第 {n} 个绿色通道类别应为对象", field=where,
                              code="priority_class_shape", entry=n)
    code, name, name_en = (str(entry.get(k) or "").strip() for k in ("code", "name", "name_en"))
    if not _CODE.fullmatch(code):
        raise ValidationError(f"第 {n} 个绿色通道类别的编码“{code}”无效：应以小写字母开头，"
                              "由小写字母、数字或下划线组成，至多 32 个字符",
                              field=f"{where}.code", code="priority_code_invalid", entry=n,
                              value=code)
    if code in taken:
        raise ValidationError(f"绿色通道类别编码“{code}”重复", field=f"{where}.code",
                              code="priority_code_duplicate", entry=n, value=code)
    if not name or len(name) > NAME_MAX:
        raise ValidationError(f"第 {n} 个绿色通道类别的名称应为 1–{NAME_MAX} 个字符",
                              field=f"{where}.name", code="priority_name_invalid", entry=n,
                              most=NAME_MAX)
    if len(name_en) > NAME_EN_MAX:
        raise ValidationError(f"第 {n} 个绿色通道类别的英文名称至多 {NAME_EN_MAX} 个字符",
                              field=f"{where}.name_en", code="priority_name_invalid", entry=n,
                              most=NAME_EN_MAX)
    return {"code": code, "name": name, **({"name_en": name_en} if name_en else {})}
