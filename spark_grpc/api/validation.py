"""Request validation: proto in, validated domain values out, or
``InvalidArgument`` naming the field. No I/O here."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from typing import Any

from google.protobuf.timestamp_pb2 import Timestamp

from spark_grpc.core.errors import InvalidArgument

MAX_ID_LENGTH = 128
# Timestamps the store can write in the seed's ISO format.
_MIN_SECONDS = int(datetime(1, 1, 1, tzinfo=UTC).timestamp())
_MAX_SECONDS = int(datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC).timestamp())


def required_text(field: str, value: str) -> str:
    if not value:
        raise InvalidArgument(field, "is required and must not be empty")
    return value


def unit_interval(field: str, value: float) -> float:
    """A number within [0, 1] (importance, confidence)."""
    if math.isnan(value) or not 0.0 <= value <= 1.0:
        raise InvalidArgument(field, f"must be within [0, 1], got {value!r}")
    return value


def minimum(field: str, value: float) -> float:
    """A lower bound on a [0, 1] score (min_importance, min_confidence)."""
    if math.isnan(value):
        raise InvalidArgument(field, "must be a number, got nan")
    return value


def not_negative(field: str, value: int) -> int:
    if value < 0:
        raise InvalidArgument(field, f"must not be negative, got {value}")
    return value


def client_id(field: str, value: str) -> str:
    """A client-chosen id: 1-128 visible ASCII characters."""
    if not value:
        raise InvalidArgument(field, "must not be empty when given")
    if len(value) > MAX_ID_LENGTH:
        raise InvalidArgument(
            field, f"must be at most {MAX_ID_LENGTH} characters, got {len(value)}"
        )
    for char in value:
        if not "!" <= char <= "~":
            raise InvalidArgument(
                field,
                f"must be visible ASCII characters (no spaces or control characters), got {char!r}",
            )
    return value


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def nesting_depth(value: Any) -> int:
    """How deeply objects and arrays nest in a parsed JSON value (without
    recursion: a hostile depth cannot exhaust the stack here)."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest


def json_object(field: str, text: str, max_depth: int = 64) -> tuple[str, dict[str, Any]]:
    """JSON object text, returned as given (empty means ``{}``), and the
    object it holds, nested at most ``max_depth`` deep."""
    if text == "":
        return "{}", {}
    try:
        value = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as exc:
        raise InvalidArgument(field, f"must be a JSON object, got invalid JSON ({exc})") from None
    if not isinstance(value, dict):
        raise InvalidArgument(
            field, f"must be a JSON object, got a JSON {type(value).__name__}"
        ) from None
    # Only text with that many brackets can nest that deep.
    if text.count("{") + text.count("[") > max_depth:
        depth = nesting_depth(value)
        if depth > max_depth:
            raise InvalidArgument(
                field, f"must nest objects and arrays at most {max_depth} deep, got {depth}"
            )
    if "\\u" in text:
        # An escaped lone surrogate ("\ud800") parses to a string that is
        # not Unicode text: it could be neither hashed nor stored as JSON by
        # every store.
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidArgument(
                field, "must not hold an unpaired surrogate escape such as \\ud800"
            ) from None
    return text, value


def timestamp(field: str, value: Timestamp) -> datetime:
    if not _MIN_SECONDS <= value.seconds <= _MAX_SECONDS:
        raise InvalidArgument(field, f"must be within years 1-9999, got seconds={value.seconds}")
    if not 0 <= value.nanos <= 999_999_999:
        raise InvalidArgument(field, f"nanos must be within [0, 999999999], got {value.nanos}")
    return value.ToDatetime(tzinfo=UTC)


def optional_filter(message: Any, name: str) -> str | None:
    """An optional string filter: absent or empty means no filter."""
    if message.HasField(name):
        value = getattr(message, name)
        return value or None
    return None


def max_length(field: str, value: str, limit: int) -> str:
    """A string of at most ``limit`` characters."""
    if len(value) > limit:
        raise InvalidArgument(field, f"must be at most {limit} characters, got {len(value)}")
    return value


def max_bytes(field: str, value: str, limit: int) -> str:
    """A string of at most ``limit`` bytes in UTF-8."""
    size = len(value) if value.isascii() else len(value.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise InvalidArgument(field, f"must be at most {limit} bytes (UTF-8), got {size}")
    return value
