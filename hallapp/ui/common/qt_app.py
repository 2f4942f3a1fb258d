"""The QApplication every hallapp client runs in: style, CJK font, language."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from hallapp.config import resources_dir
from hallapp.ui.common.gc_pin import pin_gc_to_gui_thread
from hallapp.ui.common.tasks import finish_tasks_on_quit

CJK_FAMILIES = ("WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans CJK SC",
                "Microsoft YaHei", "SimHei", "PingFang SC", "Source Han Sans SC")
TRANSLATIONS = Path(__file__).resolve().parents[3] / "ui" / "translations"
LANGUAGES = ("zh", "en")


def application(lang: str = "zh") -> QApplication:
    """The one QApplication of the process, set up for ``lang`` (zh default, or en)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    pin_gc_to_gui_thread(app)
    finish_tasks_on_quit(app)
    app.setApplicationName("hallapp")
    app.setFont(_cjk_font(app.font().pointSize()))
    app.setStyleSheet((resources_dir() / "styles" / "hall.qss").read_text(encoding="utf-8"))
    set_language(app, lang)
    return app


def _cjk_font(size: int) -> QFont:
    families = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in families:
            return QFont(family, max(size, 11))
    return QFont()


def set_language(app: QApplication, lang: str) -> None:
    """Switch this terminal's language; widgets retranslate on LanguageChange."""
    lang = lang if lang in LANGUAGES else "zh"
    old = app.property("hallapp_translator")
    if isinstance(old, QTranslator):
        app.removeTranslator(old)
    app.setProperty("hallapp_lang", lang)
    if lang == "en":
        translator = QTranslator(app)
        if translator.load(str(TRANSLATIONS / "hallapp_en.qm")):
            app.installTranslator(translator)
            app.setProperty("hallapp_translator", translator)
        QLocale.setDefault(QLocale(QLocale.Language.English))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    _qt_own_texts(app, lang)


def _qt_own_texts(app: QApplication, lang: str) -> None:
    """Qt's own texts (a dialog's OK / Cancel, a message box's Yes / No) in Chinese on a
    Chinese screen: Qt's translation that PySide6 ships (they read "OK" beside Chinese)."""
    old = app.property("hallapp_qt_translator")
    if isinstance(old, QTranslator):
        app.removeTranslator(old)
        app.setProperty("hallapp_qt_translator", None)
    if lang == "en":
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load("qtbase_zh_CN", folder):
        app.installTranslator(translator)
        app.setProperty("hallapp_qt_translator", translator)
