"""Asserting on the status of a failed call."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import grpc

from spark_grpc.client import SparkError


@dataclass
class Failure:
    error: SparkError | None = None


@contextmanager
def fails_with(
    code: grpc.StatusCode, field: str | tuple[str, ...] | None = None
) -> Iterator[Failure]:
    """The block must raise SparkError with ``code``; with ``field``, the
    message must name it and the google.rpc.BadRequest detail must carry it
    (SparkError.field is read from that detail). A tuple of fields accepts
    any one of them (e.g. ``since`` or ``until`` for a reversed range)."""
    failure = Failure()
    try:
        yield failure
    except SparkError as error:
        failure.error = error
    else:
        raise AssertionError(f"expected {code.name}, the call succeeded")
    error = failure.error
    assert error.code == code, f"expected {code.name}, got {error.code.name}: {error.details}"
    assert error.code not in (grpc.StatusCode.INTERNAL, grpc.StatusCode.UNKNOWN)
    if field is not None:
        fields = (field,) if isinstance(field, str) else field
        assert error.field in fields, f"BadRequest names {error.field!r}, expected {field!r}"
        named = re.search(rf"(?<!\w){re.escape(error.field)}(?!\w)", error.details)
        assert named, f"message does not name {error.field!r}: {error.details!r}"
