"""How often the database failed, by kind, for the metrics.

Each store turns what its driver raised into a domain error in one function
(``domain_error``); ``counted`` wraps that function and notes every failure
of the database itself (a full disk, a read-only file, an I/O error, a busy
or unreachable database). A conflict with a stored record or a call that its
caller cancelled is not a store error. The counts are per process.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable

from spark_grpc.core.errors import ResourceExhausted, Unavailable

KINDS = ("full", "read_only", "io", "busy", "unreachable", "failed")

counts: Counter[str] = Counter()


def kind_of(error: BaseException) -> str | None:
    """The kind of store error a domain error reports, or None."""
    if isinstance(error, ResourceExhausted):
        return "full"
    if not isinstance(error, Unavailable):
        return None
    text = str(error)
    if "cancelled" in text or "shutting down" in text:
        return None
    for words, kind in (
        (("read-only",), "read_only"),
        (("I/O error",), "io"),
        (("busy", "no database connection is free", "aborted the transaction"), "busy"),
        (("unreachable",), "unreachable"),
    ):
        if any(word in text for word in words):
            return kind
    return "failed"


def counted(translate: Callable[[BaseException], BaseException]) -> Callable:
    """Wrap a store's ``domain_error`` so that each failure it reports is counted."""

    @functools.wraps(translate)
    def wrapper(exc: BaseException) -> BaseException:
        error = translate(exc)
        if error is not exc:  # a driver error just translated, not one passed through
            kind = kind_of(error)
            if kind is not None:
                counts[kind] += 1
        return error

    return wrapper
