"""After a decision: what was decided and where its document went, with a reprint button
when printing failed (the decision itself is already recorded; only the paper is missing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from hallapp.ui.common.errors import user_message
from hallapp.ui.common.widgets import make_button, make_label
from hallapp.ui.counter.base import CounterEnv, CounterPanel
from hallapp.ui.counter.printing import CaseDocumentPrinter, print_decision

if TYPE_CHECKING:
    from hallapp.services.printing import PrintRecord  # reportlab: loaded at the first print


class DocumentStatus(CounterPanel):
    printed = Signal(object)  # PrintRecord

    def __init__(self, env: CounterEnv, printer: CaseDocumentPrinter,
                 parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.printer = printer
        self.last: tuple[str, str] | None = None  # (case, decision) of the last document
        self.result = make_label("", "result", wrap=True)
        self.error = make_label("", "error", wrap=True)
        self.reprint_button = make_button("", "secondary", "reprint")
        self.reprint_button.clicked.connect(self._on_reprint_clicked)
        self.reprint_button.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.result, 1)
        row.addWidget(self.error, 1)
        row.addWidget(self.reprint_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.reprint_button.setText(self.tr("重新打印"))

    def set_online(self, online: bool) -> None:
        self.reprint_button.setEnabled(online)

    def print_document(self, summary: str, case: str, decision: str,
                       reprint: bool = False) -> None:
        """Print (or save) the document of ``decision``; off the GUI thread."""
        self.last = (case, decision)
        self.result.setText(summary)
        self.error.clear()
        self.reprint_button.hide()
        ctx, printer = self.env.ctx, self.printer
        self.call(lambda: print_decision(ctx, printer, case, decision, reprint),
                  self._on_printed, self._on_print_failed)

    def _on_printed(self, record: PrintRecord | None) -> None:
        if record is None:
            return
        # The document by name, where it went in words (not "receipt pdf:/…", not "Saved：")
        document = self._document_name(record.document)
        place = (record.printer or "").removeprefix("pdf:")
        line = (self.tr("{0}已保存为 PDF：{1}") if record.outcome == "saved"
                else self.tr("{0}已打印：{1}")).format(document, place)
        self.result.setText(f"{self.result.text()}\n{line}")
        self.printed.emit(record)

    def _document_name(self, document: str) -> str:
        names = {"receipt": self.tr("受理回执"), "notice_missing": self.tr("一次性告知书"),
                 "notice_refusal": self.tr("不予受理通知书"),
                 "notice_correction": self.tr("补正材料通知书"),
                 "notice_supplement": self.tr("容缺受理补交材料通知书"),
                 "notice_result": self.tr("办结通知书")}
        return names.get(document, document)

    def _on_print_failed(self, exc: BaseException) -> None:
        self.error.setText(self.tr("打印失败：{0}").format(user_message(exc, "counter: print")))
        self.reprint_button.show()

    def _on_reprint_clicked(self) -> None:
        if self.last is not None:
            self.print_document(self.result.text().split("\n")[0], *self.last, reprint=True)
