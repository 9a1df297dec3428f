"""The contract runner's own rules: references and expectations."""

from __future__ import annotations

import pytest

from tests.contract.cases import CaseError, Step, expand, judge, match, substitute, unrolled


def test_subset_match_of_objects_lists_and_numbers():
    actual = {
        "event": {"id": "e1", "sequence": "7", "importance": 0.6000000000000001},
        "duplicate": False,
    }
    assert match({"event": {"sequence": 7, "importance": 0.6}}, actual) == []
    assert match({"duplicate": False}, actual) == []
    assert match({"duplicate": 0}, actual) != []  # a bool is not a number
    assert match({"event": {"agent_id": {"$absent": True}}}, actual) == []
    assert match({"event": {"id": {"$absent": True}}}, actual) != []
    assert match({"items": [{"id": "a"}]}, {"items": [{"id": "a"}, {"id": "b"}]}) != []
    assert match({"items": {"$len": 2}}, {"items": [{"id": "a"}, {"id": "b"}]}) == []


def test_operators():
    assert match({"$gt": "3"}, "4") == []
    assert match({"$gt": 4}, "4") != []
    assert match({"$gte": 4, "$lt": 5}, 4) == []
    assert match({"$ne": ""}, "x") == []
    assert match({"$contains": "importance"}, "spark: importance must be") == []
    assert match({"$json": {"a": [1, None]}}, '{"b": 2, "a": [1, null]}') == []
    assert match({"$json": {"a": 1}}, "not json") != []
    with pytest.raises(CaseError):
        match({"$nope": 1}, 1)


def test_references_keep_their_type_unless_interpolated():
    values = {"first": {"sequence": "3", "id": "e1", "tags": ["a", "b"]}}
    assert substitute({"after_sequence": "${first.sequence}"}, values) == {"after_sequence": "3"}
    assert substitute("${first.tags}", values) == ["a", "b"]
    assert substitute("id=${first.id}/${first.tags.1}", values) == "id=e1/b"
    with pytest.raises(CaseError):
        substitute("${missing}", values)


def test_repeats_number_their_items():
    request = expand({"events": {"$repeat": 3, "item": {"description": "n${i}"}}})
    assert request == {"events": [{"description": f"n{i}"} for i in range(3)]}
    step = Step(1, {"repeat": 2, "rpc": "StoreMemory", "request": {"content": "m${i}"}})
    assert [spec["request"]["content"] for spec in unrolled(step)] == ["m0", "m1"]


def test_judging_errors():
    error = {
        "error": {"code": "INVALID_ARGUMENT", "message": "spark: importance must be within [0, 1]"}
    }
    assert judge({"expect_error": "INVALID_ARGUMENT"}, error) == []
    assert (
        judge({"expect_error": {"code": "INVALID_ARGUMENT", "contains": "importance"}}, error) == []
    )
    assert judge({"expect_error": {"code": "INVALID_ARGUMENT", "contains": "limit"}}, error) != []
    assert judge({"expect_error": "NOT_FOUND"}, error) != []
    assert judge({"expect": {}}, error) != []  # an unexpected error fails a step
    assert judge({"expect_error": "NOT_FOUND"}, {"count": "1"}) != []
