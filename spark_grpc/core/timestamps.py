"""The stored text form of timestamps (the seed module's ISO format)."""

from __future__ import annotations

from datetime import UTC, datetime


def format_timestamp(moment: datetime) -> str:
    """The stored form of a timestamp: the seed's ISO format, always with
    microseconds (``2026-11-25T14:37:07.000000+00:00``)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_timestamp(text: str) -> datetime:
    """Read a stored timestamp, with or without microseconds; a naive one is UTC."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment
