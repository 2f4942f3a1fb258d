"""The supervisor's board (值班长看板): live windows, queues and alerts; KPIs; work lists."""
