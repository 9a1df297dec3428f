"""Per-agent statistics from an agent's events (pure; the live view's
script computes the same figures as events arrive)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spark_grpc.core.event_data import is_real_number, parse_event_data
from spark_grpc.core.models import EventRecord
from spark_grpc.core.rules import BID_SUBMITTED, TASK_COMPLETED, TASK_FAILED
from spark_grpc.core.timestamps import format_timestamp


@dataclass(slots=True)
class AgentStats:
    agent_id: str
    events: int = 0
    completed: int = 0
    failed: int = 0
    # task_failed events since the agent's last task_completed.
    failure_streak: int = 0
    bids: int = 0
    bid_total: float = 0.0
    last_seen: str | None = None
    last_sequence: int = 0

    def add(self, event: EventRecord) -> None:
        """Count one more event (events arrive oldest first)."""
        self.events += 1
        if event.event_type == TASK_COMPLETED:
            self.completed += 1
            self.failure_streak = 0
        elif event.event_type == TASK_FAILED:
            self.failed += 1
            self.failure_streak += 1
        elif event.event_type == BID_SUBMITTED:
            bid = parse_event_data(event.data).get("bid_sats")
            if is_real_number(bid):
                self.bids += 1
                self.bid_total += float(bid)
        if event.sequence > self.last_sequence:
            self.last_sequence = event.sequence
            self.last_seen = format_timestamp(event.created_at)

    def as_json(self) -> dict[str, Any]:
        outcomes = self.completed + self.failed
        return {
            "agent_id": self.agent_id,
            "events": self.events,
            "completed": self.completed,
            "failed": self.failed,
            "success_rate": self.completed / outcomes if outcomes else None,
            "failure_streak": self.failure_streak,
            "bids": self.bids,
            "bid_total": self.bid_total,
            "average_bid": self.bid_total / self.bids if self.bids else None,
            "last_seen": self.last_seen,
            "last_sequence": self.last_sequence,
        }


def agent_stats(agent_id: str, events: Iterable[EventRecord]) -> AgentStats:
    stats = AgentStats(agent_id)
    for event in sorted(events, key=lambda e: e.sequence):
        stats.add(event)
    return stats
