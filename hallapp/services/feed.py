"""The change feed as terminals use it (see ``hallapp.store.feed`` for the design)."""

from __future__ import annotations

from hallapp.store.feed import FeedEvent, FeedReader
from hallapp.store.uow import Database

__all__ = ["FeedEvent", "FeedReader", "open_feed"]


def open_feed(db: Database, from_id: int | None = None) -> FeedReader:
    """A reader starting at the current head (only what happens from now on)."""
    return FeedReader(db, from_id=from_id)
