"""Asserting on the status of a failed call."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import grpc

from spark_grpc.client import SparkError


@dataclass
class Failure:
    error: SparkError | None = None


@contextmanager
def fails_with(code: grpc.StatusCode, field: str | None = None) -> Iterator[Failure]:
    """The block must raise SparkError with ``code``; with ``field``, the
    message must name it and the google.rpc.BadRequest detail must carry it
    (SparkError.field is read from that detail)."""
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
        assert field in error.details, f"message does not name {field!r}: {error.details!r}"
        assert error.field == field, f"BadRequest names {error.field!r}, expected {field!r}"
