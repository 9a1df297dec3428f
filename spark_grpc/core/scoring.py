"""Importance scoring: how much an event matters, from its type and data.

The rules are exactly the seed module's `score_importance`, which existing
callers rely on, with two deliberate differences for inputs on which the seed
raised or misbehaved:

- a `bid_sats` that is not a real number (a string, list, bool, ...) counts
  as 0, i.e. no bid boost (the seed raised TypeError comparing e.g. "90" > 80;
  `true` was compared as 1);
- data that is not a dict counts as `{}` (the seed raised AttributeError).

Numbers keep the seed's behaviour exactly, NaN (no boost: NaN > 80 is false)
and infinity (boost) included.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from spark_grpc.core.event_data import is_real_number, parse_event_data

# The seed's base score per event type.
BASE_SCORES: Mapping[str, float] = {
    "task_posted": 0.4,
    "bid_submitted": 0.2,
    "task_assigned": 0.5,
    "task_completed": 0.6,
    "task_failed": 0.9,
    "agent_joined": 0.5,
    "prediction_result": 0.7,
}
# Base score of an event type missing from BASE_SCORES.
DEFAULT_BASE_SCORE = 0.5
# Added to a task_failed: failures are always worth learning from.
FAILURE_BOOST = 0.1
# Added to any event whose data.bid_sats is above HIGH_BID_SATS.
HIGH_BID_BOOST = 0.15
HIGH_BID_SATS = 80


def score_importance(event_type: str, data: Mapping[str, Any] | object) -> float:
    """The importance of an event within [0, 1], rounded to 2 decimals."""
    score = BASE_SCORES.get(event_type, DEFAULT_BASE_SCORE)
    if event_type == "task_failed":
        score = min(1.0, score + FAILURE_BOOST)
    bid_sats = data.get("bid_sats", 0) if isinstance(data, Mapping) else 0
    if not is_real_number(bid_sats):
        bid_sats = 0
    if bid_sats and bid_sats > HIGH_BID_SATS:
        score = min(1.0, score + HIGH_BID_BOOST)
    return round(score, 2)


def score_event(event_type: str, data_text: str) -> float:
    """`score_importance` of an event whose data is JSON text (invalid text is `{}`)."""
    return score_importance(event_type, parse_event_data(data_text))
