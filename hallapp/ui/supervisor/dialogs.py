"""The supervisor's dialogs; each has a classmethod ``ask(...)`` that tests replace.

* :class:`ProfileDialog`: the queues a window serves, their precedence and ratio, the mode,
  and the (audited) reason;
* :class:`MoveDialog`: from which queue to which, which tickets (numbers, or the first N,
  or all), and the reason;
* :class:`DrillDialog`: the table behind a figure (not modal for the test: ``show``);
* :class:`ExportDialog`: which report, for which day/month/period, where to write it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hallapp.services.hall import ProfileInfo
from hallapp.services.kpi_drill import Drill
from hallapp.services.supervisor import ProfileEntryInput
from hallapp.ui.counter.base import make_label
from hallapp.ui.counter.dialogs import FieldsDialog, Submit
from hallapp.ui.supervisor.base import py_date
from hallapp.ui.supervisor.models import DrillModel


class AssignDialog(FieldsDialog):
    """改派窗口: to which clerk (or nobody: the next clerk to act there takes it), and why."""

    def __init__(self, window: int, holder: str | None, clerks: Sequence[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        now = (self.tr("现由 {0} 使用。").format(holder) if holder
               else self.tr("现无人使用。"))
        presets = [("", self.tr("（空出窗口，下一位在此操作的工作人员接手）")),
                   *((user, f"{user} {name}") for user, name in clerks)]
        self.setup(self.tr("改派窗口"),
                   self.tr("{0} 号窗口{1}改派后，正在办理的号随窗口交给新的工作人员，"
                           "原工作人员在此窗口的操作将被拒绝。").format(window, now),
                   [("clerk", self.tr("工作人员"), False), ("reason", self.tr("原因"), True)],
                   {"clerk": presets})

    def answer(self) -> tuple[str | None, str]:
        """(the clerk's account or None to free the window, the reason)."""
        values = self.values()
        return values["clerk"] or None, values["reason"]

    @classmethod
    def ask(cls, parent: QWidget | None, window: int, holder: str | None,
            clerks: Sequence[tuple[str, str]], submit: Submit | None = None) -> Any:
        """Without ``submit``: ``answer()``, or None. With it, the dialog stays open while
        the service answers and shows a refusal (a clerk at another window…) with what was
        typed kept: the service's result, or None (cancelled)."""
        dialog = cls(window, holder, clerks, parent)
        if submit is not None:
            return dialog.run_submitted(submit)
        return None if dialog.run() is None else dialog.answer()


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


@dataclass(frozen=True)
class ProfileAnswer:
    entries: tuple[ProfileEntryInput, ...]
    mode: str
    reason: str


class ProfileDialog(QDialog):
    """One row per queue of the hall: served or not, precedence, ratio."""

    def __init__(self, window: int, queues: Sequence[str], current: Sequence[ProfileInfo],
                 mode: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("调整 {0} 号窗口工作配置").format(window))
        self.setMinimumWidth(560)
        now = {p.queue: p for p in current}
        grid = QGridLayout()
        for col, text in enumerate((self.tr("队列"), self.tr("优先级"), self.tr("比例"))):
            grid.addWidget(make_label(text, "hint"), 0, col)
        self.rows: list[tuple[str, QCheckBox, QSpinBox, QSpinBox]] = []
        for i, label in enumerate(queues, 1):
            code = label.split()[0]
            served, prec, ratio = QCheckBox(label), QSpinBox(), QSpinBox()
            prec.setRange(1, 9)
            ratio.setRange(1, 9)
            served.setChecked(code in now)
            prec.setValue(now[code].precedence if code in now else i)
            ratio.setValue(now[code].ratio if code in now else 1)
            for col, widget in enumerate((served, prec, ratio)):
                grid.addWidget(widget, i, col)
            self.rows.append((code, served, prec, ratio))
        self.mode = QComboBox()
        self.mode.addItem(self.tr("按优先级"), "precedence")
        self.mode.addItem(self.tr("按比例轮叫"), "ratio")
        self.mode.setCurrentIndex(1 if mode == "ratio" else 0)
        self.reason = QLineEdit()
        self.error = make_label("", "error", wrap=True)
        form = QFormLayout()
        form.addRow(self.tr("叫号方式"), self.mode)
        form.addRow(self.tr("原因"), self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(make_label(self.tr("修改立即生效，下一次叫号即按新配置；"
                                            "修改记入审计日志，日终不会自动恢复。"),
                                    "hint", wrap=True))
        layout.addLayout(grid)
        layout.addLayout(form)
        layout.addWidget(self.error)
        buttons = _buttons(self)
        buttons.accepted.disconnect()
        buttons.accepted.connect(self.try_accept)
        layout.addWidget(buttons)

    def answer(self) -> ProfileAnswer:
        entries = tuple(ProfileEntryInput(code, prec.value(), ratio.value())
                        for code, served, prec, ratio in self.rows if served.isChecked())
        return ProfileAnswer(entries, str(self.mode.currentData()), self.reason.text().strip())

    def try_accept(self) -> None:
        a = self.answer()
        message = (self.tr("至少选择一个队列") if not a.entries else
                   self.tr("请填写原因") if not a.reason else "")
        self.error.setText(message)
        if not message:
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, window: int, queues: Sequence[str],
            current: Sequence[ProfileInfo], mode: str) -> ProfileAnswer | None:
        dialog = cls(window, queues, current, mode, parent)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True)
class MoveAnswer:
    from_queue: str
    to_queue: str
    numbers: tuple[str, ...]
    count: int | None
    reason: str


class MoveDialog(QDialog):
    def __init__(self, queues: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("转移等候中的号"))
        self.setMinimumWidth(520)
        self.source, self.target = QComboBox(), QComboBox()
        for combo in (self.source, self.target):
            combo.addItems(list(queues))
        self.numbers, self.reason = QLineEdit(), QLineEdit()
        self.numbers.setPlaceholderText(self.tr("如 A012 A013；留空则按数量或全部"))
        self.count = QSpinBox()
        self.count.setRange(0, 999)
        self.count.setSpecialValueText(self.tr("全部"))
        self.error = make_label("", "error", wrap=True)
        form = QFormLayout()
        rows = ((self.tr("转出队列"), self.source), (self.tr("转入队列"), self.target),
                (self.tr("号码"), self.numbers), (self.tr("数量（最早的）"), self.count),
                (self.tr("原因"), self.reason))
        for label, widget in rows:
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addWidget(make_label(self.tr("转移的号保留取号时间，在新队列中按原先的位置叫号。"),
                                    "hint", wrap=True))
        layout.addLayout(form)
        layout.addWidget(self.error)
        buttons = _buttons(self)
        buttons.accepted.disconnect()
        buttons.accepted.connect(self.try_accept)
        layout.addWidget(buttons)

    def answer(self) -> MoveAnswer:
        numbers = tuple(n for n in self.numbers.text().replace("，", " ").replace(",", " ")
                        .split() if n)
        return MoveAnswer(self.source.currentText().split()[0] if self.source.count() else "",
                          self.target.currentText().split()[0] if self.target.count() else "",
                          numbers, self.count.value() or None, self.reason.text().strip())

    def try_accept(self) -> None:
        a = self.answer()
        message = (self.tr("转出和转入队列相同") if a.from_queue == a.to_queue else
                   self.tr("请填写原因") if not a.reason else "")
        self.error.setText(message)
        if not message:
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, queues: Sequence[str]) -> MoveAnswer | None:
        dialog = cls(queues, parent)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


class DrillDialog(QDialog):
    """The records behind a figure, in a table."""

    def __init__(self, title: str, drill: Drill, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(1100, 600)
        self.model = DrillModel(self)
        self.model.set_drill(drill)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        note = self.tr("共 %n 条", "", drill.total)  # English: "1 row", "2 rows"
        if drill.truncated:
            note += self.tr("，仅显示前 {0} 条").format(len(drill.rows))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(note))
        layout.addWidget(self.table)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        layout.addWidget(box)


@dataclass(frozen=True)
class ExportAnswer:
    kind: str  # daily | monthly | overdue
    start: date
    end: date
    folder: Path


class ExportDialog(QDialog):
    KINDS = (("daily", "日报"), ("monthly", "月报"), ("overdue", "超时办结公示"))

    def __init__(self, today: date, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导出报表（Excel 与 PDF）"))
        self.kind = QComboBox()
        for key, text in self.KINDS:
            self.kind.addItem(self.tr(text), key)
        self.start, self.end = QDateEdit(), QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate(today.year, today.month, today.day))
        self.folder = QLineEdit(str(folder))
        form = QFormLayout()
        rows = ((self.tr("报表"), self.kind), (self.tr("日期/开始"), self.start),
                (self.tr("结束（公示）"), self.end), (self.tr("保存到文件夹"), self.folder))
        for label, widget in rows:
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))

    def answer(self) -> ExportAnswer:
        return ExportAnswer(str(self.kind.currentData()), py_date(self.start.date()),
                            py_date(self.end.date()), Path(self.folder.text().strip()))

    @classmethod
    def ask(cls, parent: QWidget | None, today: date, folder: Path) -> ExportAnswer | None:
        dialog = cls(today, folder, parent)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


# ExportDialog.KINDS, literally, for pyside6-lupdate (shown via self.tr).
_FOR_LUPDATE = (
    QT_TRANSLATE_NOOP("ExportDialog", "日报"),
    QT_TRANSLATE_NOOP("ExportDialog", "月报"),
    QT_TRANSLATE_NOOP("ExportDialog", "超时办结公示"),
)
