"""The self-service kiosk (自助取号机): ``hallapp.ui.kiosk.window.create`` builds it.

Pages: home (queues, search, check-in, elder mode, language), search results, item
(materials before queueing), take (ID/phone, green channel), result, check-in, offline;
the admin PIN dialog unlocks it. Printing falls back to PDF files (``printing.py``).
"""
