"""The one table from domain errors to gRPC statuses, and the decorator that
applies it to every handler.

``INVALID_ARGUMENT`` carries a ``google.rpc.BadRequest`` detail naming the
field; ``FAILED_PRECONDITION`` a ``google.rpc.ErrorInfo`` with its reason.
Anything that is not a domain error is a bug: it is logged with its
traceback and reported as ``INTERNAL`` without details.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

import grpc
from google.protobuf import any_pb2
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status

from spark_grpc.core.errors import (
    AlreadyExists,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    ResourceExhausted,
    SparkError,
    Unauthenticated,
    Unavailable,
)

logger = logging.getLogger(__name__)

STATUS_CODES: dict[type[SparkError], grpc.StatusCode] = {
    InvalidArgument: grpc.StatusCode.INVALID_ARGUMENT,
    AlreadyExists: grpc.StatusCode.ALREADY_EXISTS,
    NotFound: grpc.StatusCode.NOT_FOUND,
    FailedPrecondition: grpc.StatusCode.FAILED_PRECONDITION,
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


def grpc_status(error: SparkError) -> grpc.Status:
    code = status_for(error)
    status = status_pb2.Status(code=code.value[0], message=error.message)
    if isinstance(error, InvalidArgument):
        detail = any_pb2.Any()
        detail.Pack(
            error_details_pb2.BadRequest(
                field_violations=[
                    error_details_pb2.BadRequest.FieldViolation(
                        field=error.field, description=error.description
                    )
                ]
            )
        )
        status.details.append(detail)
    if isinstance(error, FailedPrecondition):
        detail = any_pb2.Any()
        detail.Pack(
            error_details_pb2.ErrorInfo(
                reason=error.reason, domain="spark.v1", metadata=error.metadata
            )
        )
        status.details.append(detail)
    return rpc_status.to_status(status)


async def _abort(context: grpc.aio.ServicerContext, error: SparkError) -> None:
    status = grpc_status(error)
    await context.abort(status.code, status.details, status.trailing_metadata)


async def _abort_internal(context: grpc.aio.ServicerContext, method: str) -> None:
    logger.exception("%s failed", method)
    await context.abort(grpc.StatusCode.INTERNAL, "spark: internal error (see the server log)")


def reported(method: Callable) -> Callable:
    """Report domain errors as gRPC statuses; log anything else as INTERNAL."""
    name = method.__name__
    if inspect.isasyncgenfunction(method):

        @functools.wraps(method)
        async def stream(self: Any, request: Any, context: Any) -> AsyncIterator:
            try:
                async for message in method(self, request, context):
                    yield message
            except SparkError as error:
                await _abort(context, error)
            except (asyncio.CancelledError, grpc.aio.AbortError):
                raise
            except Exception:
                await _abort_internal(context, name)

        return stream

    @functools.wraps(method)
    async def unary(self: Any, request: Any, context: Any) -> Any:
        try:
            return await method(self, request, context)
        except SparkError as error:
            await _abort(context, error)
        except (asyncio.CancelledError, grpc.aio.AbortError):
            raise
        except Exception:
            await _abort_internal(context, name)

    return unary
