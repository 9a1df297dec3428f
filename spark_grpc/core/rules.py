"""Consolidation rules: distil recent events into findings (patterns, insights, anomalies).

Pure functions over `EventRecord`s: no I/O, no SQL, no clock. The store fetches
the events, calls `evaluate_agent` / `evaluate_system`, and turns each
`RuleOutcome` into a memory change:

- every rule owns fixed *slots* (rule, memory_type) per subject; the functions
  return one outcome for every slot, whether the condition holds or not;
- an outcome with a `Finding` means "this memory should be live with exactly
  this content, confidence and sources" (create it, or update it when any
  field differs); an outcome whose finding is None means "the condition does
  not hold", so a live memory in that slot must be expired.

Findings are deterministic: the same events (in any order) and config give
equal findings, so the store can compare them with the live memory to decide
whether an update is needed. Events are ordered by `sequence` (then `id`), and
only the last `config.window` of them are read.

The rules (issue 5; every threshold is a field of `ConsolidationConfig`):

agent_track_record (pattern and anomaly slots)
    Over the agent's last `window` events, with at least `min_events` events
    and at least `min_outcomes` outcomes T (task_completed C + task_failed):
    C/T >= `strong_success_rate` gives a pattern, C/T <=
    `struggling_success_rate` an anomaly. Confidence
    min(confidence_max, confidence_base + confidence_step * T); source events
    are the T outcome events.
failure_streak (anomaly slot)
    At least `failure_streak_min_failures` task_failed among the agent's last
    `window` events. As issue 5 defines it, this is a count within the
    window, not a run of consecutive failures. Confidence grows with the
    number of failures F like the track record's with T; source events are
    the F failure events. The content names the failed tasks (distinct task
    ids, at most five, then "and N more") but not the window's size, so it
    changes only when the set of failures changes.
bid_behaviour (insight slot)
    The agent's bid_submitted events whose `data.bid_sats` is a bid amount
    (see `bid_amount`); with at least `min_bids` of them: an average above
    `high_bid_average_sats`, or a spread (max - min) above `bid_spread_ratio`
    times the average, gives an insight. Bid events without an amount do not
    count towards `min_bids`. Confidence grows with the number of bids;
    source events are the counted bids.
stalled_work (anomaly slot, subject "system")
    Over the last `window` events of the whole log, a task is open when it
    has a task_posted with no task_completed or task_failed after it (a task
    posted again after failing is open again). More than `stalled_open_tasks`
    open tasks (distinct task ids) give an anomaly. Events without a task id
    are ignored. Confidence grows with the number of open tasks; source
    events are the latest task_posted of each open task.

Events whose `data` is not a JSON object never raise: they simply carry no
bid amount.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from spark_grpc.core.event_data import is_real_number, parse_event_data
from spark_grpc.core.models import EventRecord

# Memory types.
PATTERN = "pattern"
INSIGHT = "insight"
ANOMALY = "anomaly"

# Rule names, stored with each memory; stable across releases.
RULE_AGENT_TRACK_RECORD = "agent_track_record"
RULE_FAILURE_STREAK = "failure_streak"
RULE_BID_BEHAVIOUR = "bid_behaviour"
RULE_STALLED_WORK = "stalled_work"

# The subject of system-wide findings.
SYSTEM_SUBJECT = "system"

# The (rule, memory_type) slots, in the order the functions return them.
AGENT_SLOTS: tuple[tuple[str, str], ...] = (
    (RULE_AGENT_TRACK_RECORD, PATTERN),
    (RULE_AGENT_TRACK_RECORD, ANOMALY),
    (RULE_FAILURE_STREAK, ANOMALY),
    (RULE_BID_BEHAVIOUR, INSIGHT),
)
SYSTEM_SLOTS: tuple[tuple[str, str], ...] = ((RULE_STALLED_WORK, ANOMALY),)

# Event types the rules read.
TASK_POSTED = "task_posted"
TASK_COMPLETED = "task_completed"
TASK_FAILED = "task_failed"
BID_SUBMITTED = "bid_submitted"
OUTCOME_TYPES = frozenset({TASK_COMPLETED, TASK_FAILED})

# Defaults of every threshold (the ones the swarm already relies on).
DEFAULT_WINDOW = 50
DEFAULT_MIN_EVENTS = 5
DEFAULT_MIN_OUTCOMES = 3
DEFAULT_STRONG_SUCCESS_RATE = 0.8
DEFAULT_STRUGGLING_SUCCESS_RATE = 0.3
DEFAULT_CONFIDENCE_BASE = 0.6
DEFAULT_CONFIDENCE_STEP = 0.05
DEFAULT_CONFIDENCE_MAX = 0.95
DEFAULT_FAILURE_STREAK_MIN_FAILURES = 2
DEFAULT_MIN_BIDS = 5
DEFAULT_HIGH_BID_AVERAGE_SATS = 70.0
DEFAULT_BID_SPREAD_RATIO = 1.5
DEFAULT_STALLED_OPEN_TASKS = 3

# No bid can exceed every satoshi there will ever be; larger numbers are
# garbage, and bounding them keeps the bid arithmetic finite.
MAX_BID_SATS = 21_000_000 * 100_000_000

# How many task ids a content string lists before "and N more".
LISTED_TASKS = 5


@dataclass(frozen=True)
class ConsolidationConfig:
    """The thresholds of the rules. Construction validates every field.

    Build it from the server's settings with `from_overrides`.
    """

    # How many of the most recent events each rule reads (per agent for the
    # agent rules, of the whole log for the system rules).
    window: int = DEFAULT_WINDOW
    # Track record: at least this many events and this many outcomes.
    min_events: int = DEFAULT_MIN_EVENTS
    min_outcomes: int = DEFAULT_MIN_OUTCOMES
    # Track record: success rate at or above gives a pattern ...
    strong_success_rate: float = DEFAULT_STRONG_SUCCESS_RATE
    # ... at or below gives an anomaly. Must be below strong_success_rate.
    struggling_success_rate: float = DEFAULT_STRUGGLING_SUCCESS_RATE
    # Confidence of a finding drawn from n events:
    # min(confidence_max, confidence_base + confidence_step * n).
    confidence_base: float = DEFAULT_CONFIDENCE_BASE
    confidence_step: float = DEFAULT_CONFIDENCE_STEP
    confidence_max: float = DEFAULT_CONFIDENCE_MAX
    # Failure streak: at least this many task_failed in the window.
    failure_streak_min_failures: int = DEFAULT_FAILURE_STREAK_MIN_FAILURES
    # Bids: at least this many bids with an amount ...
    min_bids: int = DEFAULT_MIN_BIDS
    # ... and an average above this many sats ...
    high_bid_average_sats: float = DEFAULT_HIGH_BID_AVERAGE_SATS
    # ... or a spread above this many times the average.
    bid_spread_ratio: float = DEFAULT_BID_SPREAD_RATIO
    # Stalled work: more than this many open tasks.
    stalled_open_tasks: int = DEFAULT_STALLED_OPEN_TASKS

    def __post_init__(self) -> None:
        for name, (kind, low, high) in _LIMITS.items():
            value = _checked(name, getattr(self, name), kind, low, high)
            object.__setattr__(self, name, value)
        if self.struggling_success_rate >= self.strong_success_rate:
            raise ValueError(
                "consolidation: struggling_success_rate must be below strong_success_rate, "
                f"got {self.struggling_success_rate} >= {self.strong_success_rate}"
            )
        for name in ("min_events", "min_outcomes", "failure_streak_min_failures", "min_bids"):
            if getattr(self, name) > self.window:
                raise ValueError(
                    f"consolidation: {name} must be at most window ({self.window}), "
                    f"got {getattr(self, name)}"
                )

    @classmethod
    def from_overrides(cls, overrides: Mapping[str, object]) -> ConsolidationConfig:
        """The defaults with `overrides` applied, e.g. `{"strong_success_rate": 0.9}`.

        Values may be numbers or their text (as read from flags or the
        environment). Raises ValueError naming the key for an unknown key, a
        value of the wrong type, or a value out of range.
        """
        changes: dict[str, object] = {}
        for key, value in overrides.items():
            if key not in _LIMITS:
                raise ValueError(
                    f"consolidation: unknown setting {key!r} (known: {', '.join(_LIMITS)})"
                )
            changes[key] = _parsed(key, value, _LIMITS[key][0])
        return dataclasses.replace(cls(), **changes)


# Per field: its type and the inclusive range of valid values (None: unbounded).
_LIMITS: dict[str, tuple[type, float, float | None]] = {
    "window": (int, 1, None),
    "min_events": (int, 0, None),
    "min_outcomes": (int, 1, None),
    "strong_success_rate": (float, 0.0, 1.0),
    "struggling_success_rate": (float, 0.0, 1.0),
    "confidence_base": (float, 0.0, 1.0),
    "confidence_step": (float, 0.0, 1.0),
    "confidence_max": (float, 0.0, 1.0),
    "failure_streak_min_failures": (int, 1, None),
    "min_bids": (int, 1, None),
    "high_bid_average_sats": (float, 0.0, None),
    "bid_spread_ratio": (float, 0.0, None),
    "stalled_open_tasks": (int, 0, None),
}


def _parsed(name: str, value: object, kind: type) -> object:
    """`value`, or the number its text spells."""
    if not isinstance(value, str):
        return value
    try:
        return kind(value.strip())
    except ValueError:
        noun = "an integer" if kind is int else "a number"
        raise ValueError(f"consolidation: {name} must be {noun}, got {value!r}") from None


def _checked(name: str, value: object, kind: type, low: float, high: float | None) -> int | float:
    """`value` as `kind` when it is valid for field `name`; ValueError naming it otherwise."""
    if kind is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"consolidation: {name} must be an integer, got {value!r}")
        number: int | float = value
    else:
        try:
            number = float(value) if is_real_number(value) else math.nan
        except OverflowError:  # an int too large for a float
            number = math.inf
        if not math.isfinite(number):
            raise ValueError(f"consolidation: {name} must be a finite number, got {value!r}")
    if number < low or (high is not None and number > high):
        bounds = f"within [{low}, {high}]" if high is not None else f"at least {low}"
        raise ValueError(f"consolidation: {name} must be {bounds}, got {value!r}")
    return number


DEFAULT_CONFIG = ConsolidationConfig()


@dataclass(frozen=True)
class Finding:
    """What a rule found: the content of one live memory."""

    subject: str  # the agent id, or SYSTEM_SUBJECT
    memory_type: str  # PATTERN, INSIGHT or ANOMALY
    rule: str
    content: str
    confidence: float  # within [0, 1]
    source_events: int
    source_event_ids: tuple[str, ...]  # in log order


@dataclass(frozen=True)
class RuleOutcome:
    """The verdict of one rule for one slot (subject, memory_type, rule).

    `finding` is None when the condition does not hold: any live memory in
    the slot must then be expired.
    """

    rule: str
    subject: str
    memory_type: str
    finding: Finding | None


def evaluate_agent(
    agent_id: str, events: Iterable[EventRecord], config: ConsolidationConfig = DEFAULT_CONFIG
) -> list[RuleOutcome]:
    """The outcome of every agent rule for `agent_id`, one per slot of AGENT_SLOTS, in order.

    `events` are the agent's recent events in any order (events of other
    agents are ignored); the rules read the last `config.window` of them.
    Raises ValueError when `agent_id` is not a non-empty string: events
    without an agent have no agent rules.
    """
    if not isinstance(agent_id, str) or not agent_id:
        raise ValueError(f"consolidation: agent_id must be a non-empty string, got {agent_id!r}")
    recent = _last([e for e in events if e.agent_id == agent_id], config.window)
    return [
        *_track_record(agent_id, recent, config),
        _failure_streak(agent_id, recent, config),
        _bid_behaviour(agent_id, recent, config),
    ]


def evaluate_system(
    events: Iterable[EventRecord], config: ConsolidationConfig = DEFAULT_CONFIG
) -> list[RuleOutcome]:
    """The outcome of every system rule, one per slot of SYSTEM_SLOTS, in order.

    `events` are the log's recent events (of every agent) in any order; the
    rules read the last `config.window` of them.
    """
    recent = _last(list(events), config.window)
    return [_stalled_work(recent, config)]


def bid_amount(data_text: str) -> float | None:
    """The `bid_sats` of an event's data, or None when it holds no bid amount.

    A bid amount is an int or float (not bool, not text such as "90") within
    [0, MAX_BID_SATS]; NaN, infinities, negative numbers and data that is not
    a JSON object give None.
    """
    value = parse_event_data(data_text).get("bid_sats")
    if not is_real_number(value) or not 0 <= value <= MAX_BID_SATS:
        return None
    return float(value)


def _last(events: list[EventRecord], window: int) -> list[EventRecord]:
    """The last `window` events in log order."""
    events.sort(key=lambda e: (e.sequence, e.id))
    return events[-window:]


def _confidence(count: int, config: ConsolidationConfig) -> float:
    """The confidence of a finding drawn from `count` events."""
    raw = config.confidence_base + config.confidence_step * count
    return round(min(config.confidence_max, raw), 6)


def _finding(
    rule: str,
    subject: str,
    memory_type: str,
    content: str,
    sources: Sequence[EventRecord],
    config: ConsolidationConfig,
) -> Finding:
    return Finding(
        subject=subject,
        memory_type=memory_type,
        rule=rule,
        content=content,
        confidence=_confidence(len(sources), config),
        source_events=len(sources),
        source_event_ids=tuple(e.id for e in sources),
    )


def _track_record(
    agent_id: str, recent: list[EventRecord], config: ConsolidationConfig
) -> tuple[RuleOutcome, RuleOutcome]:
    rule = RULE_AGENT_TRACK_RECORD
    outcomes = [e for e in recent if e.event_type in OUTCOME_TYPES]
    total = len(outcomes)
    completed = sum(1 for e in outcomes if e.event_type == TASK_COMPLETED)
    strong = struggling = None
    if len(recent) >= config.min_events and total >= config.min_outcomes:
        rate = completed / total
        if rate >= config.strong_success_rate:
            content = (
                f"Agent {agent_id} has a strong track record: "
                f"{completed}/{total} tasks completed successfully."
            )
            strong = _finding(rule, agent_id, PATTERN, content, outcomes, config)
        elif rate <= config.struggling_success_rate:
            content = (
                f"Agent {agent_id} is struggling: "
                f"only {completed}/{total} tasks completed successfully."
            )
            struggling = _finding(rule, agent_id, ANOMALY, content, outcomes, config)
    return (
        RuleOutcome(rule, agent_id, PATTERN, strong),
        RuleOutcome(rule, agent_id, ANOMALY, struggling),
    )


def _failure_streak(
    agent_id: str, recent: list[EventRecord], config: ConsolidationConfig
) -> RuleOutcome:
    rule = RULE_FAILURE_STREAK
    failures = [e for e in recent if e.event_type == TASK_FAILED]
    finding = None
    if len(failures) >= config.failure_streak_min_failures:
        tasks = _listed_tasks(failures)
        content = f"Agent {agent_id} has {_count(len(failures), 'recent task failure')}"
        content += f" (tasks {tasks})." if tasks else "."
        finding = _finding(rule, agent_id, ANOMALY, content, failures, config)
    return RuleOutcome(rule, agent_id, ANOMALY, finding)


def _bid_behaviour(
    agent_id: str, recent: list[EventRecord], config: ConsolidationConfig
) -> RuleOutcome:
    rule = RULE_BID_BEHAVIOUR
    bids: list[EventRecord] = []
    amounts: list[float] = []
    for event in recent:
        if event.event_type == BID_SUBMITTED:
            amount = bid_amount(event.data)
            if amount is not None:
                bids.append(event)
                amounts.append(amount)
    finding = None
    if len(bids) >= config.min_bids:
        average = sum(amounts) / len(amounts)
        low, high = min(amounts), max(amounts)
        is_high = average > config.high_bid_average_sats
        is_uneven = high - low > config.bid_spread_ratio * average
        if is_high or is_uneven:
            manner = " and ".join(
                word for word, holds in (("high", is_high), ("unevenly", is_uneven)) if holds
            )
            content = (
                f"Agent {agent_id} bids {manner}: {_count(len(bids), 'bid')} averaging "
                f"{_sats(average)} sats, from {_sats(low)} to {_sats(high)} sats."
            )
            finding = _finding(rule, agent_id, INSIGHT, content, bids, config)
    return RuleOutcome(rule, agent_id, INSIGHT, finding)


def _stalled_work(recent: list[EventRecord], config: ConsolidationConfig) -> RuleOutcome:
    rule = RULE_STALLED_WORK
    open_posts: dict[str, EventRecord] = {}  # task id -> its latest post, in posting order
    for event in recent:
        if not event.task_id:
            continue
        if event.event_type == TASK_POSTED:
            open_posts.pop(event.task_id, None)
            open_posts[event.task_id] = event
        elif event.event_type in OUTCOME_TYPES:
            open_posts.pop(event.task_id, None)
    finding = None
    if len(open_posts) > config.stalled_open_tasks:
        posts = list(open_posts.values())
        content = (
            f"Work may be stalled: {_count(len(posts), 'posted task')} without completion or "
            f"failure in the last {config.window} events (tasks {_listed_tasks(posts)})."
        )
        finding = _finding(rule, SYSTEM_SUBJECT, ANOMALY, content, posts, config)
    return RuleOutcome(rule, SYSTEM_SUBJECT, ANOMALY, finding)


def _listed_tasks(events: Sequence[EventRecord]) -> str:
    """The distinct task ids of `events` in order, at most LISTED_TASKS, then "and N more"."""
    tasks = list(dict.fromkeys(e.task_id for e in events if e.task_id))
    listed = ", ".join(tasks[:LISTED_TASKS])
    if len(tasks) > LISTED_TASKS:
        listed += f" and {len(tasks) - LISTED_TASKS} more"
    return listed


def _count(n: int, noun: str) -> str:
    """`n` and `noun`, plural unless n is 1: "1 bid", "5 bids"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _sats(amount: float) -> str:
    """An amount of sats with at most two decimals and no trailing zeros: 75, 75.5."""
    return f"{amount:.2f}".rstrip("0").rstrip(".")
