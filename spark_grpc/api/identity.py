"""Who is calling: the name of the caller's token, for the history of the
memories it changes.

The token interceptor (``auth``) runs each admitted call's handler with
``CALLER`` set to the token's name; a handler reads it with ``caller_name()``
and passes it down to the store explicitly. Without token checks it is
empty.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import grpc

from spark_grpc.api.handlers import run_within

CALLER: ContextVar[str] = ContextVar("spark_caller", default="")


def caller_name() -> str:
    return CALLER.get()


def as_caller(handler: grpc.RpcMethodHandler | None, name: str) -> grpc.RpcMethodHandler | None:
    """``handler`` with its behaviour run as ``name``."""

    @contextmanager
    def named(request: object, context: object) -> Iterator[None]:
        # Not reset afterwards: each call runs in a task of its own, and a
        # streaming call's generator may be closed from another context.
        CALLER.set(name)
        yield

    return run_within(handler, named)
