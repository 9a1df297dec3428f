"""Domain errors: what the store and the service report to a caller.

They know nothing of gRPC; ``spark_grpc.api.status`` holds the one table that
maps them to status codes. Messages start with ``spark:`` and name the field
at fault, e.g. ``spark: importance must be within [0, 1], got 1.5``.

An error about one item of a batch carries the item's ``index``; the API
names the item (``events[3].importance``) with ``in_item``, in the message
and in the field alike.
"""

from __future__ import annotations


class SparkError(Exception):
    """Base of every error the service reports to a caller."""

    def __init__(self, message: str, *, index: int | None = None) -> None:
        if not message.startswith("spark: "):
            message = f"spark: {message}"
        super().__init__(message)
        # The batch item at fault, when the error is about one item.
        self.index = index

    @property
    def message(self) -> str:
        return str(self.args[0])

    def in_item(self, collection: str, index: int | None = None) -> SparkError:
        """This error as said of item ``index`` (default: its own) of the
        request's repeated field ``collection``; itself when no item is at
        fault."""
        index = self.index if index is None else index
        if index is None:
            return self
        prefix = f"{collection}[{index}]."
        error = type(self).__new__(type(self))
        error.__dict__.update(self.__dict__)
        error.index = None
        error.args = (f"spark: {prefix}{self.message.removeprefix('spark: ')}",)
        if isinstance(error, InvalidArgument):
            error.field = prefix + error.field
        return error


class InvalidArgument(SparkError):
    """The request cannot be accepted; ``field`` names the part at fault."""

    def __init__(self, field: str, description: str, *, index: int | None = None) -> None:
        self.field = field
        self.description = description
        super().__init__(f"{field} {description}", index=index)


class AlreadyExists(SparkError):
    """A client-chosen id is taken by a record with different content."""


class NotFound(SparkError):
    """No record has the id the request names."""


class FailedPrecondition(SparkError):
    """The request is sound but the state it depends on is not as the caller
    expected; ``reason`` and ``metadata`` go into a google.rpc.ErrorInfo."""

    def __init__(self, message: str, *, reason: str, metadata: dict[str, str]) -> None:
        super().__init__(message)
        self.reason = reason
        self.metadata = metadata


def append_condition_failed(conflicting_sequence: int) -> FailedPrecondition:
    return FailedPrecondition(
        f"the append condition failed: event {conflicting_sequence} matches it"
        " (read again from there, decide, and retry)",
        reason="APPEND_CONDITION_FAILED",
        metadata={"conflicting_sequence": str(conflicting_sequence)},
    )


def consumer_not_found(name: str) -> NotFound:
    return NotFound(f"no consumer is named {name!r}")


class ResourceExhausted(SparkError):
    """A limit was reached: a full disk, too many streams, a slow reader."""


class Unavailable(SparkError):
    """The store cannot serve the call now (read-only, locked, shutting down)."""


class PermissionDenied(SparkError):
    """The caller's role does not allow the call."""


class Unauthenticated(SparkError):
    """The call carries no valid credentials."""


def memory_not_found(memory_id: str) -> NotFound:
    return NotFound(f"no memory has id {memory_id!r}")


def resume_after(sequence: int) -> str:
    """How a follower resumes: the request field, and the CLI's flag."""
    return f"resume with after_sequence={sequence} on reconnect (spark-grpc: --after {sequence})"


def shutting_down(resume: str = "") -> Unavailable:
    """The server is stopping; ``resume`` says how to continue elsewhere."""
    return Unavailable("the server is shutting down" + (f"; {resume}" if resume else ""))
