"""Importance scoring keeps the seed module's rules exactly, and never raises."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spark_grpc.core.event_data import is_real_number, parse_event_data
from spark_grpc.core.scoring import BASE_SCORES, score_event, score_importance
from tests.integration import seed_reference

# The seed module's own score_importance is the reference oracle: the
# hash-checked copy of the seed in tests/integration/seed_reference.py.
seed_score_importance = seed_reference.score_importance


# Reference vectors read off the seed text: (event type, score without a bid
# boost, score with one).
SEED_VECTORS = [
    ("task_posted", 0.4, 0.55),
    ("bid_submitted", 0.2, 0.35),
    ("task_assigned", 0.5, 0.65),
    ("task_completed", 0.6, 0.75),
    ("task_failed", 1.0, 1.0),  # 0.9 + 0.1 failure boost, capped at 1.0
    ("agent_joined", 0.5, 0.65),
    ("prediction_result", 0.7, 0.85),
    ("something_else", 0.5, 0.65),  # unknown types score 0.5
    ("", 0.5, 0.65),
]


def test_base_table_has_the_seeds_types():
    assert set(BASE_SCORES) == {v[0] for v in SEED_VECTORS} - {"something_else", ""}


@pytest.mark.parametrize(("event_type", "plain", "boosted"), SEED_VECTORS)
def test_base_scores_match_seed(event_type, plain, boosted):
    assert score_importance(event_type, {}) == plain
    assert seed_score_importance(event_type, {}) == plain


@pytest.mark.parametrize(("event_type", "plain", "boosted"), SEED_VECTORS)
@pytest.mark.parametrize(
    ("bid_sats", "boost"),
    [
        (0, False),
        (-100, False),
        (79, False),
        (80, False),  # the boost needs strictly more than 80
        (80.0, False),
        (80.0001, True),
        (80.5, True),
        (81, True),
        (1_000_000, True),
        (10**400, True),  # larger than any float: compared as an int, like the seed
        (math.inf, True),
        (-math.inf, False),
        (math.nan, False),  # NaN > 80 is false in the seed too
        (None, False),
    ],
)
def test_bid_boost_edges_match_seed(event_type, plain, boosted, bid_sats, boost):
    expected = boosted if boost else plain
    data = {"bid_sats": bid_sats}
    assert score_importance(event_type, data) == expected
    assert seed_score_importance(event_type, data) == expected


@pytest.mark.parametrize("bid_sats", ["90", "abc", [90], {"sats": 90}, (90,)])
def test_non_numeric_bid_counts_as_zero_where_the_seed_raised(bid_sats):
    with pytest.raises(TypeError):
        seed_score_importance("bid_submitted", {"bid_sats": bid_sats})
    assert score_importance("bid_submitted", {"bid_sats": bid_sats}) == 0.2
    assert score_importance("task_failed", {"bid_sats": bid_sats}) == 1.0


@pytest.mark.parametrize("bid_sats", [True, False, "", [], {}])
def test_bool_and_empty_values_give_no_boost(bid_sats):
    assert score_importance("task_completed", {"bid_sats": bid_sats}) == 0.6


@pytest.mark.parametrize("data", [None, [], ["bid_sats"], "bid_sats", 90, 1.5, True])
def test_non_dict_data_counts_as_empty(data):
    assert score_importance("task_posted", data) == 0.4
    assert score_importance("task_failed", data) == 1.0


@pytest.mark.parametrize(
    ("data_text", "expected"),
    [
        ('{"bid_sats": 81}', 0.35),
        ('{"bid_sats": 80}', 0.2),
        ('{"bid_sats": 80.5}', 0.35),
        ('{"bid_sats": "81"}', 0.2),
        ('{"bid_sats": true}', 0.2),
        ('{"bid_sats": NaN}', 0.2),
        ('{"bid_sats": Infinity}', 0.35),
        ('{"bid_sats": 1e400}', 0.35),  # parses to inf
        ("{}", 0.2),
        ("", 0.2),
        ("not json", 0.2),
        ("[81]", 0.2),
        ("81", 0.2),
        ("null", 0.2),
        ('{"bid_sats": ' + "9" * 5000 + "}", 0.2),  # beyond Python's int digit limit
        ("[" * 100_000 + "]" * 100_000, 0.2),  # nesting too deep to parse
    ],
)
def test_score_event_parses_data_text(data_text, expected):
    assert score_event("bid_submitted", data_text) == expected


def test_score_event_agrees_with_record_event_of_the_seed():
    # The seed's record_event parsed the JSON text and scored the dict.
    for event_type, _, _ in SEED_VECTORS:
        for bid in (0, 50, 80, 81, 99.9):
            text = json.dumps({"bid_sats": bid, "other": "x"})
            assert score_event(event_type, text) == seed_score_importance(
                event_type, json.loads(text)
            )


numbers_strategy = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=78, max_value=83),
    st.floats(min_value=79.0, max_value=82.0),
)
event_types = st.one_of(st.sampled_from([v[0] for v in SEED_VECTORS]), st.text(max_size=20))


@given(
    event_type=event_types,
    bid_sats=numbers_strategy,
    extra=st.dictionaries(st.text(), st.integers(), max_size=3),
)
def test_numbers_score_exactly_as_the_seed(event_type, bid_sats, extra):
    data = {**extra, "bid_sats": bid_sats}
    assert score_importance(event_type, data) == seed_score_importance(event_type, data)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)


@given(
    event_type=event_types,
    data_text=st.one_of(
        st.text(),
        json_values.map(json.dumps),
        st.dictionaries(st.just("bid_sats"), json_values).map(json.dumps),
    ),
)
def test_score_event_never_raises_and_stays_in_range(event_type, data_text):
    score = score_event(event_type, data_text)
    assert 0.0 <= score <= 1.0
    assert score == round(score, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": 1}', {"a": 1}),
        ("{}", {}),
        ("[]", {}),
        ('"text"', {}),
        ("", {}),
        ("{", {}),
        (None, {}),
        (42, {}),
        (b'{"a": 1}', {"a": 1}),
        (b"\xff\xfe{", {}),
    ],
)
def test_parse_event_data(text, expected):
    assert parse_event_data(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, True),
        (1.5, True),
        (math.nan, True),
        (math.inf, True),
        (True, False),
        (False, False),
        ("1", False),
        (None, False),
        ([1], False),
    ],
)
def test_is_real_number(value, expected):
    assert is_real_number(value) is expected
