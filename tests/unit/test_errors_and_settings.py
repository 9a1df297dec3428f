"""A batch item's error (core/errors.in_item), the one status table
(api/status), and the settings object whose fields make the serve flags and
SPARK_* variables (config.py)."""

from __future__ import annotations

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from spark_grpc import config
from spark_grpc.api.status import grpc_status
from spark_grpc.cli.run import build_parser
from spark_grpc.config import ServerConfig
from spark_grpc.core.errors import AlreadyExists, InvalidArgument, NotFound


def test_an_item_error_names_the_item_in_the_field_and_the_message():
    error = InvalidArgument("description", "must not contain U+0000", index=3)
    named = error.in_item("events")
    assert named.field == "events[3].description"
    assert named.message == "spark: events[3].description must not contain U+0000"
    assert named.index is None and error.field == "description"  # the original is untouched
    detail = grpc_status(named)
    assert detail.code == grpc.StatusCode.INVALID_ARGUMENT
    [(_, blob)] = [m for m in detail.trailing_metadata if m[0] == "grpc-status-details-bin"]
    parsed = rpc_status.status_pb2.Status.FromString(blob)
    bad = error_details_pb2.BadRequest()
    parsed.details[0].Unpack(bad)
    assert bad.field_violations[0].field == "events[3].description"


def test_an_error_about_no_item_is_itself():
    error = NotFound("no memory has id 'x'")
    assert error.in_item("events") is error
    assert AlreadyExists("id 'a' is taken", index=0).in_item("events").message == (
        "spark: events[0].id 'a' is taken"
    )


def test_every_setting_has_a_flag_and_a_variable_named_after_it():
    flags = {action.dest: action for action in _serve_actions()}
    for item in config.settings():
        assert item.name in flags, item.name
        assert config.flag(item) in flags[item.name].option_strings
        assert config.variable(item) in flags[item.name].help
    assert config.flag(_field("auto_consolidate")) == "--no-auto-consolidate"
    assert config.flag(_field("memory_ttl")) == "--memory-ttl"


def test_flags_win_over_variables_over_defaults():
    env = {"SPARK_MAX_BATCH": "9", "SPARK_MEMORY_TTL": "30", "SPARK_AUTO_CONSOLIDATE": "off"}
    settings = ServerConfig.from_sources({"max_batch": 4}, env)
    assert (settings.max_batch, settings.memory_ttl, settings.auto_consolidate) == (4, 30.0, False)
    assert ServerConfig.from_sources({}, {}).max_batch == ServerConfig().max_batch


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({"SPARK_MAX_BATCH": "abc"}, "SPARK_MAX_BATCH must be an integer, got 'abc'"),
        ({"SPARK_INSECURE": "maybe"}, "SPARK_INSECURE must be true or false"),
        ({"SPARK_LOG_LEVEL": "verbose"}, "SPARK_LOG_LEVEL must be one of DEBUG"),
        ({"SPARK_MAX_BATCH": "0"}, "--max-batch must be at least 1"),
        ({"SPARK_RULE_SETTING": "novalue"}, "SPARK_RULE_SETTING expects NAME=VALUE"),
    ],
)
def test_a_bad_value_is_refused_naming_where_it_came_from(env, words):
    with pytest.raises(ValueError) as refused:
        ServerConfig.from_sources({}, env)
    assert words in str(refused.value)


def test_choices_are_case_blind():
    assert ServerConfig(log_level="debug", synchronous="full").log_level == "DEBUG"


def _serve_actions():
    _, commands = build_parser()
    return [a for a in commands["serve"]._actions if a.dest != "help"]


def _field(name: str):
    return next(item for item in config.settings() if item.name == name)
