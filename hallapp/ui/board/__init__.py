"""The public call display (综合屏): latest calls, waiting counts, spoken announcements.

Numbers and windows only: nothing on this screen or in its voice identifies a person.
"""
