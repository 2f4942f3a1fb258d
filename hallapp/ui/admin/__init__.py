"""The administration client (管理): catalogue, queues, windows, staff, hours and calendar,
devices, hall settings and the audit log. ``hallapp run admin`` opens
:class:`hallapp.ui.admin.window.AdminWindow`."""
