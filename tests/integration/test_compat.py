"""spark_grpc.compat gives what the seed module gives: the same operations run
through both (the seed on its own SQLite file, compat over gRPC) return the
same values, in the same order, with the same signatures and types."""

from __future__ import annotations

import dataclasses
import inspect
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from spark_grpc import compat
from tests.integration.seed_module import seed_at

FUNCTIONS = [
    "record_event",
    "get_events",
    "count_events",
    "store_memory",
    "get_memories",
    "count_memories",
    "score_importance",
]


class Twins:
    """Runs each call on the seed and on compat and compares the answers.

    Ids differ (each side makes its own UUIDs), so records are compared with
    their id replaced by the position of the call that made them; created_at
    differs by when the call ran, so it is compared only through the order
    of the lists and its format."""

    def __init__(self, seed) -> None:
        self.seed = seed
        self.labels: dict[str, str] = {}

    def write(self, name: str, *args, **kwargs) -> tuple[str, str]:
        seed_id = getattr(self.seed, name)(*args, **kwargs)
        compat_id = getattr(compat, name)(*args, **kwargs)
        for made in (seed_id, compat_id):
            assert isinstance(made, str)
            assert str(uuid.UUID(made)) == made  # a UUID, like the seed's
        label = f"{name}#{len(self.labels) // 2}"
        self.labels[seed_id] = self.labels[compat_id] = label
        return seed_id, compat_id

    def same(self, name: str, *args, **kwargs):
        expected = getattr(self.seed, name)(*args, **kwargs)
        actual = getattr(compat, name)(*args, **kwargs)
        assert type(actual).__name__ == type(expected).__name__
        if isinstance(expected, list):
            assert [self._plain(r) for r in actual] == [self._plain(r) for r in expected], (
                f"{name}{args}{kwargs}"
            )
        else:
            assert actual == expected, f"{name}{args}{kwargs}"
        return actual

    def _plain(self, record) -> dict:
        assert type(record).__name__ in ("SparkEvent", "SparkMemory")
        values = dataclasses.asdict(record)
        values["id"] = self.labels[values["id"]]
        created = datetime.fromisoformat(values.pop("created_at"))
        assert created.utcoffset() == timedelta(0)
        if values.get("expires_at") is not None:
            expiry = datetime.fromisoformat(values["expires_at"])
            values["expires_at"] = expiry if expiry.tzinfo else expiry.replace(tzinfo=UTC)
        return values


@pytest.fixture
def twins(server, tmp_path, monkeypatch):
    monkeypatch.setenv("SPARK_GRPC_ADDR", server.address)
    monkeypatch.delenv("SPARK_TOKEN", raising=False)
    with seed_at(tmp_path / "seed.db") as seed:
        yield Twins(seed)
    compat.close()


def test_same_signatures_types_and_constants(tmp_path):
    with seed_at(tmp_path / "seed.db") as seed:
        for name in FUNCTIONS:
            ours = inspect.signature(getattr(compat, name)).parameters
            theirs = inspect.signature(getattr(seed, name)).parameters
            assert [(p.name, p.kind, p.default) for p in ours.values()] == [
                (p.name, p.kind, p.default) for p in theirs.values()
            ], name
        for cls in ("SparkEvent", "SparkMemory"):
            ours = [f.name for f in dataclasses.fields(getattr(compat, cls))]
            assert ours == [f.name for f in dataclasses.fields(getattr(seed, cls))]
        for constant in ("IMPORTANCE_LOW", "IMPORTANCE_MEDIUM", "IMPORTANCE_HIGH"):
            assert getattr(compat, constant) == getattr(seed, constant)


EVENT_TYPES = [
    "task_posted",
    "bid_submitted",
    "task_assigned",
    "task_completed",
    "task_failed",
    "agent_joined",
    "prediction_result",
    "custom",
    "",
]
NUMERIC_DATA = [
    {},
    {"bid_sats": 0},
    {"bid_sats": 80},
    {"bid_sats": 80.0001},
    {"bid_sats": 81},
    {"bid_sats": -90},
    {"bid_sats": None},
    {"bid_sats": False},
    {"bid_sats": True},
    {"bid_sats": 10**12},
    {"other": 100},
]


def test_score_importance_matches(tmp_path):
    with seed_at(tmp_path / "seed.db") as seed:
        for event_type in EVENT_TYPES:
            for data in NUMERIC_DATA:
                assert compat.score_importance(event_type, data) == seed.score_importance(
                    event_type, data
                ), (event_type, data)


def test_events_match(twins: Twins):
    records = [
        ("task_posted", "post t1", "a1", "t1"),
        ("bid_submitted", "bid", "a2", "t1", '{"bid_sats": 95}'),
        ("bid_submitted", "small bid", "a3", "t1", '{"bid_sats": 50}'),
        ("task_assigned", "assign", "a2", "t1"),
        ("task_failed", "boom", "a4", "t2"),
        ("task_failed", "explicit", "a4", "t2", "{}", 0.25),
        ("agent_joined", "hello", "a5"),
        ("prediction_result", "pred", None, None, '{"bid_sats": 81}'),
        ("custom", "unicode ✓ 'quotes'; DROP TABLE spark_events;--", "", ""),
        ("task_posted", "post t2", "a1", "t2", '{"bid_sats": 80}'),
    ]
    for args in records:
        twins.write("record_event", *args)
    twins.write(
        "record_event",
        event_type="task_completed",
        description="done",
        agent_id="a2",
        task_id="t1",
        data='{"result": "ok", "n": [1, 2]}',
    )
    twins.write("record_event", "task_completed", "zero importance", importance=0.0)

    everything = twins.same("get_events")
    assert len(everything) == 12
    assert [e.importance for e in everything][-3:] == [0.2, 0.35, 0.4]  # the oldest three
    for filters in [
        {"event_type": "task_posted"},
        {"event_type": "bid_submitted", "agent_id": "a2"},
        {"agent_id": "a2"},
        {"agent_id": ""},  # empty means no filter, in both
        {"event_type": "", "task_id": ""},
        {"task_id": "t2"},
        {"task_id": "t1", "min_importance": 0.5},
        {"min_importance": 0.6},
        {"min_importance": 1.0},
        {"min_importance": 0.0},
        {"event_type": "nothing"},
        {"limit": 3},
        {"limit": 1, "agent_id": "a4"},
        {"limit": 0},
        {"limit": -1},
    ]:
        twins.same("get_events", **filters)
    twins.same("get_events", "task_failed", "a4", "t2", 1, 0.5)  # positionally

    for args in [(), ("task_posted",), ("custom",), ("nothing",), ("",), (None,)]:
        twins.same("count_events", *args)
    assert compat.count_events() == 12


def test_default_and_large_limits_match(twins: Twins):
    for i in range(105):
        twins.write("record_event", "bid_submitted", f"bid {i}", f"a{i % 3}")
    assert len(twins.same("get_events")) == 100
    assert len(twins.same("get_events", limit=150)) == 105
    assert len(twins.same("get_events", agent_id="a1", limit=20)) == 20
    assert twins.same("count_events", "bid_submitted") == 105


def test_memories_match(twins: Twins):
    future = (datetime.now(UTC) + timedelta(days=2)).isoformat()
    memories = [
        ("pattern", "a1", "a1 is reliable", 0.9, 12),
        ("insight", "system", "bids are low"),
        ("anomaly", "a4", "a4 fails", 0.7, 2, "2020-01-01T00:00:00+00:00"),  # expired
        ("pattern", "a2", "a2 wins", 0.6, 3, future),
        ("insight", "a1", "naive expiry", 0.4, 0, "2031-02-03T04:05:06"),
        ("insight", "a1", "zero confidence", 0.0),
        ("anomaly", "system", 'unicode ✓ "quoted" \'); DROP TABLE spark_memories;--', 1.0),
    ]
    for args in memories:
        twins.write("store_memory", *args)
    twins.write(
        "store_memory",
        memory_type="pattern",
        subject="a3",
        content="by keyword",
        confidence=0.55,
        source_events=7,
        expires_at=None,
    )

    everything = twins.same("get_memories")
    assert len(everything) == 8  # the seed hides no expired memory, nor does compat
    for filters in [
        {"memory_type": "pattern"},
        {"subject": "a1"},
        {"memory_type": "insight", "subject": "a1"},
        {"memory_type": "", "subject": ""},
        {"min_confidence": 0.6},
        {"min_confidence": 1.0},
        {"limit": 2},
        {"limit": 0},
        {"limit": -1},
        {"subject": "nobody"},
    ]:
        twins.same("get_memories", **filters)
    twins.same("get_memories", "anomaly", "a4", 0.5, 5)  # positionally

    for args in [(), ("insight",), ("anomaly",), ("none",), ("",), (None,)]:
        twins.same("count_memories", *args)
    assert compat.count_memories("anomaly") == 2  # the expired one counts, as in the seed
