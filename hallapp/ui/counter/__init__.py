"""The window clerk's workstation (窗口工作台) and the counter-facing rating pad (评价器).

``hallapp.ui.counter.window.create`` and ``hallapp.ui.counter.rating.create`` are the
launcher entry points (``hallapp run counter`` / ``hallapp run rating``).
"""
