"""Domain errors, and the one table that maps them to gRPC status codes.

The store and the service raise these; only the server's error interceptor
turns them into gRPC statuses (see ``status_for``). Messages start with
``spark:`` and name the field at fault, e.g.
``spark: importance must be within [0, 1], got 1.5``.
"""

from __future__ import annotations

import grpc


class SparkError(Exception):
    """Base of every error the service reports to a caller."""

    def __init__(self, message: str) -> None:
        if not message.startswith("spark: "):
            message = f"spark: {message}"
        super().__init__(message)

    @property
    def message(self) -> str:
        return str(self.args[0])


class InvalidArgument(SparkError):
    """The request cannot be accepted; ``field`` names the part at fault."""

    def __init__(self, field: str, description: str) -> None:
        self.field = field
        self.description = description
        super().__init__(f"{field} {description}")


class AlreadyExists(SparkError):
    """A client-chosen id is taken by a record with different content."""


class NotFound(SparkError):
    """No record has the id the request names."""


class ResourceExhausted(SparkError):
    """A limit was reached: a full disk, too many streams, a slow reader."""


class Unavailable(SparkError):
    """The store cannot serve the call now (read-only, locked, shutting down)."""


class PermissionDenied(SparkError):
    """The caller's role does not allow the call."""


class Unauthenticated(SparkError):
    """The call carries no valid credentials."""


STATUS_CODES: dict[type[SparkError], grpc.StatusCode] = {
    InvalidArgument: grpc.StatusCode.INVALID_ARGUMENT,
    AlreadyExists: grpc.StatusCode.ALREADY_EXISTS,
    NotFound: grpc.StatusCode.NOT_FOUND,
    ResourceExhausted: grpc.StatusCode.RESOURCE_EXHAUSTED,
    Unavailable: grpc.StatusCode.UNAVAILABLE,
    PermissionDenied: grpc.StatusCode.PERMISSION_DENIED,
    Unauthenticated: grpc.StatusCode.UNAUTHENTICATED,
}


def status_for(error: SparkError) -> grpc.StatusCode:
    """The gRPC status code of a domain error."""
    for cls in type(error).__mro__:
        code = STATUS_CODES.get(cls)
        if code is not None:
            return code
    return grpc.StatusCode.INTERNAL
