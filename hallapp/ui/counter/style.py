"""The counter's and the rating pad's additions to ``hall.qss``: compact one-key buttons
for a clerk's screen, disabled outlines that look disabled, large buttons for the pad."""

COUNTER_QSS = """
QWidget#counter QPushButton { font-size: 16px; padding: 5px 10px; }
QWidget#counter QPushButton[kind="secondary"]:disabled, QWidget#ratingPad
QPushButton[kind="secondary"]:disabled { background: #f3f5f8; color: #a0abb8;
    border: 2px solid #d3dae3; }
QWidget#counter QPushButton[kind="primary"] { font-weight: bold; }
QWidget#counter QPushButton[kind="primary"]:disabled { background: #b8c2ce; }
QWidget#counter QLabel#bigNumber { font-size: 72px; }
QLabel#section { font-size: 17px; font-weight: bold; color: #0b4a8b; }
QLabel#timing { font-size: 18px; }
QLabel#marks { font-size: 17px; font-weight: bold; color: #c8102e; }
QLabel#notice { background: #fff4d6; color: #6b4a00; padding: 6px; }
QLabel#reasons { color: #5b6775; font-size: 14px; }
QLabel#result { color: #0b6b2e; font-size: 15px; font-weight: bold; }
QLabel#chosenItem { font-weight: bold; }
QLabel#bookingCode { font-size: 34px; font-weight: bold; color: #0b4a8b; letter-spacing: 3px; }
QFrame#header QLabel#windowState { font-size: 20px; font-weight: bold; }
QFrame#header QWidget#holderMine { background: transparent; }
QFrame#header QLabel#windowState[state="paused"] { color: #ffd23f; }
QFrame#header QLabel#windowState[state="closed"] { color: #c9d4e2; }
QWidget#ratingPad { background: #f3f6fa; }
QWidget#ratingPad QLabel#padTitle { font-size: 34px; font-weight: bold; color: #0b4a8b;
    background: transparent; }
QWidget#ratingPad QLabel#subtitle { background: transparent; }
QWidget#ratingPad QPushButton[kind="secondary"] { font-size: 17px; padding: 8px 6px; }
QWidget#ratingPad QPushButton[kind="secondary"]:checked { background: #0b4a8b; color: #ffffff; }
QWidget#ratingPad QPushButton[kind="level"] { font-size: 30px; font-weight: bold;
    min-height: 140px; }
QWidget#ratingPad QPushButton[level="5"] { background: #0b6b2e; }
QWidget#ratingPad QPushButton[level="4"] { background: #2e8b57; }
QWidget#ratingPad QPushButton[level="3"] { background: #5b6775; }
QWidget#ratingPad QPushButton[level="2"] { background: #c2571a; }
QWidget#ratingPad QPushButton[level="1"] { background: #c8102e; }
"""
