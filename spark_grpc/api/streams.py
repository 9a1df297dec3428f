"""Writing a server stream one message at a time.

Each message is written with ``context.write`` and awaited: gRPC completes a
write only once the message has gone out within the client's flow-control
window, so a stream holds at most the message it is writing beyond what the
client accepted. A write that the client does not accept for
``stall_seconds`` ends the stream with RESOURCE_EXHAUSTED naming the resume
point; a caller whose token is revoked meanwhile is ended within a second.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import grpc

from spark_grpc.core.errors import ResourceExhausted, SparkError

# How often a write that waits looks whether its caller is still allowed.
LOOK_SECONDS = 0.25


class StreamWriter:
    def __init__(
        self,
        context: grpc.aio.ServicerContext,
        *,
        stall_seconds: float,
        why_not: Callable[[], SparkError | None],
        resume: Callable[[], str],
    ) -> None:
        self._context = context
        self._stall = stall_seconds
        self._why_not = why_not
        self._resume = resume

    async def send(self, message: Any) -> None:
        reason = self._why_not()
        if reason is not None:
            raise reason
        loop = asyncio.get_running_loop()
        write = asyncio.ensure_future(self._context.write(message))
        give_up = loop.time() + self._stall
        try:
            while True:
                left = give_up - loop.time()
                done, _ = await asyncio.wait((write,), timeout=max(0.0, min(LOOK_SECONDS, left)))
                if done:
                    write.result()
                    return
                reason = self._why_not()
                if reason is not None:
                    raise reason
                if loop.time() >= give_up:
                    raise ResourceExhausted(
                        f"the stream accepted nothing for {self._stall:g} s and was ended;"
                        f" {self._resume()}"
                    )
        except BaseException:
            write.cancel()
            raise
