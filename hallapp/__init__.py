"""hallapp: queue-and-window application for government service halls."""

__version__ = "0.1.0"
