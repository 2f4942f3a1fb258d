"""Kiosk-only additions to ``resources/styles/hall.qss``, set on the kiosk's root widget.

A root widget's style sheet wins over the application's whatever the specificity, so every
label size the elder mode (``elder="true"`` on the root) changes is restated here.
"""

KIOSK_QSS = """
QScrollBar:vertical { width: 26px; background: #eef1f5; border: none; }
QScrollBar::handle:vertical { background: #9aa8b8; min-height: 80px; border-radius: 8px;
                              margin: 3px; }
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0; }
QLabel#hallTitle { font-size: 30px; font-weight: bold; }
QLabel#prompt { font-size: 26px; color: #1b1f24; }
QLabel#fieldLabel { font-size: 20px; }
QLabel#hint { font-size: 17px; }
QLabel#resultQueue { font-size: 32px; color: #3a4654; }
QLabel#error { font-size: 20px; }
QLabel#notice { background: #fff4d6; color: #5c4300; font-size: 22px; padding: 10px 14px;
                border: 1px solid #e0b84d; border-radius: 6px; }
QLabel#badge { background: #e3f1e6; color: #17602d; border: 2px solid #17602d;
               border-radius: 6px; padding: 4px 14px; font-size: 20px; font-weight: bold; }
QLabel#materialName { font-size: 21px; font-weight: bold; }
QLabel#failure { font-size: 44px; font-weight: bold; color: #c8102e; }
QLabel#waitInfo { font-size: 30px; font-weight: bold; color: #1b1f24; }
QLabel#bigNumber { font-size: 160px; }
QLineEdit { font-size: 26px; padding: 10px; }
QPushButton { font-size: 22px; padding: 12px 24px; }
QPushButton#key { font-size: 26px; font-weight: bold; padding: 6px; }
QPushButton[kind="secondary"]:checked { background: #0b4a8b; color: #ffffff; }
QPushButton[kind="queue"] { font-size: 30px; font-weight: bold; min-height: 120px;
                            padding: 10px 24px; }
QPushButton#confirmButton, QPushButton#takeButton, QPushButton#doneButton,
QPushButton#checkinSubmit, QPushButton#statusSubmit, QPushButton#rejoinButton {
    min-height: 84px; font-size: 34px; }
QWidget[elder="true"] QLabel { font-size: 28px; }
QWidget[elder="true"] QLabel#title { font-size: 36px; }
QWidget[elder="true"] QLabel#prompt { font-size: 32px; }
QWidget[elder="true"] QLabel#resultQueue { font-size: 38px; }
QWidget[elder="true"] QLabel#hallTitle { font-size: 36px; }
QWidget[elder="true"] QLabel#error { font-size: 28px; }
QWidget[elder="true"] QLabel#waitInfo { font-size: 38px; }
QWidget[elder="true"] QLabel#failure { font-size: 52px; }
QWidget[elder="true"] QLabel#bigNumber { font-size: 200px; }
QWidget[elder="true"] QPushButton { font-size: 30px; min-height: 72px; }
QWidget[elder="true"] QPushButton#key { font-size: 28px; min-height: 52px; }
QWidget[elder="true"] QPushButton#confirmButton, QWidget[elder="true"] QPushButton#doneButton {
    min-height: 110px; font-size: 40px; }
QWidget[elder="true"] QPushButton[kind="queue"] { font-size: 36px; min-height: 140px;
                                                  padding: 8px 12px; }
"""
