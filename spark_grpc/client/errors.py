"""``SparkRpcError``: the one error type of the Python clients."""

from __future__ import annotations

from typing import Any

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status


class SparkRpcError(Exception):
    """A call failed; ``code`` is the gRPC status code, ``details`` the
    server's message, ``field`` the request field at fault (for
    ``INVALID_ARGUMENT``), ``reason`` and ``metadata`` the
    ``google.rpc.ErrorInfo`` (for ``FAILED_PRECONDITION``: reason
    ``APPEND_CONDITION_FAILED`` and metadata ``conflicting_sequence``, or
    ``CONSUMER_FILTERS_DIFFER``)."""

    def __init__(
        self,
        code: grpc.StatusCode,
        details: str,
        field: str | None = None,
        reason: str | None = None,
        metadata: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{code.name}: {details}")
        self.code = code
        self.details = details
        self.field = field
        self.reason = reason
        self.metadata = dict(metadata or {})

    @property
    def conflicting_sequence(self) -> int | None:
        """The event that made an append condition fail, if that is why."""
        if self.reason != "APPEND_CONDITION_FAILED":
            return None
        return int(self.metadata["conflicting_sequence"])

    @classmethod
    def from_rpc_error(cls, error: grpc.RpcError) -> SparkRpcError:
        """From a blocking call's error (a ``grpc.Call``)."""
        call: Any = error
        code = call.code() if hasattr(call, "code") else grpc.StatusCode.UNKNOWN
        details = (call.details() if hasattr(call, "details") else None) or str(error)
        try:
            status = rpc_status.from_call(call)
        except (AttributeError, ValueError):
            status = None
        found = status.details if status is not None else ()
        return cls(code, details, _bad_field(found), *_error_info(found))

    @classmethod
    def from_aio_error(cls, error: grpc.aio.AioRpcError) -> SparkRpcError:
        """From an asyncio call's error (the details are in its trailers)."""
        details = error.details() or str(error)
        found: Any = ()
        for key, value in error.trailing_metadata() or ():
            if key == "grpc-status-details-bin" and isinstance(value, bytes):
                from google.rpc import status_pb2

                found = status_pb2.Status.FromString(value).details
        return cls(error.code(), details, _bad_field(found), *_error_info(found))


def _bad_field(details: Any) -> str | None:
    """The first field named by a ``google.rpc.BadRequest`` detail."""
    for detail in details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            if bad.field_violations:
                return str(bad.field_violations[0].field)
    return None


def _error_info(details: Any) -> tuple[str | None, dict[str, str]]:
    """The reason and metadata of a ``google.rpc.ErrorInfo`` detail."""
    for detail in details:
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            return str(info.reason), dict(info.metadata)
    return None, {}
