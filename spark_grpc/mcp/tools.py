"""The MCP tools and resources, over one ``SparkClient``.

Tool names and argument names are fixed by issue 15: arguments are named
like the fields of the matching RPC's request. Every tool answers a JSON
object (structured output); a refused call is an MCP tool error whose text
carries the gRPC status and message (``INVALID_ARGUMENT: spark: confidence
must be within [0, 1], got 1.5``). The blocking client runs on worker
threads, so that one MCP process serves concurrent calls.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any, Literal, TypeVar

from mcp.server.fastmcp import FastMCP
from mcp.server.fastmcp.exceptions import ToolError

from spark_grpc.client import SparkClient, SparkError
from spark_grpc.mcp.records import event_record, memory_record, revision_record

T = TypeVar("T")
Result = dict[str, Any]

INSTRUCTIONS = (
    "Spark Memory: the event log and memories of an agent swarm. Record what happens with"
    " record_event; keep findings with store_memory; ask what is known with search_memories"
    ' (words, "quoted phrases", prefix*) and search_events; memory_history shows who'
    " changed a memory and how."
)


# One line each, for the model that picks a tool.
DESCRIPTIONS = {
    "record_event": (
        "Append an event (what happened in the swarm) to the log; a client-chosen id "
        "makes retries safe."
    ),
    "list_events": (
        "List events matching the filters, newest first (oldest first with oldest_first; "
        "resume with after_sequence)."
    ),
    "search_events": (
        'Full-text search of event descriptions and data (words, "quoted phrases", '
        "prefix*), best match first."
    ),
    "store_memory": (
        "Store a memory (a finding: pattern, insight, anomaly) about a subject (an agent "
        'id, or "system").'
    ),
    "search_memories": (
        'Find what is known: full-text search of memories (words, "quoted phrases", '
        "prefix*), best match first."
    ),
    "list_memories": (
        "List memories matching the filters, newest first; as_of (RFC 3339) lists them as"
        " they were then."
    ),
    "update_memory": (
        "Change a memory's content, confidence or expiry (the old version stays in its history)."
    ),
    "delete_memory": (
        "Delete a memory (its history is kept); needs an admin token when the server checks tokens."
    ),
    "memory_history": (
        "Every revision of a memory, oldest first: what changed, who changed it, and when."
    ),
    "count": ("Count events or (current, unless include_expired) memories, of one type if given."),
}


def build_server(client: SparkClient, **settings: Any) -> FastMCP:
    """A FastMCP server whose tools call ``client``; ``settings`` go to
    FastMCP (host, port for Streamable HTTP)."""
    server = FastMCP("spark-memory", instructions=INSTRUCTIONS, **settings)

    async def call(fn: Callable[[], T]) -> T:
        try:
            return await asyncio.to_thread(fn)
        except SparkError as error:
            raise ToolError(f"{error.code.name}: {error.details}") from None

    @server.tool(description=DESCRIPTIONS["record_event"], structured_output=True)
    async def record_event(
        event_type: str,
        description: str = "",
        agent_id: str | None = None,
        task_id: str | None = None,
        data: dict[str, Any] | str | None = None,
        importance: float | None = None,
        id: str | None = None,  # noqa: A002 (the request field's name)
    ) -> Result:
        response = await call(
            lambda: client.record_event(
                event_type,
                description,
                agent_id=agent_id,
                task_id=task_id,
                data=data,
                importance=importance,
                id=id,
            )
        )
        return {"event": event_record(response.event), "duplicate": response.duplicate}

    @server.tool(description=DESCRIPTIONS["list_events"], structured_output=True)
    async def list_events(
        event_type: str | None = None,
        agent_id: str | None = None,
        task_id: str | None = None,
        min_importance: float = 0.0,
        since: str | None = None,
        until: str | None = None,
        after_sequence: int = 0,
        limit: int = 20,
        oldest_first: bool = False,
    ) -> Result:
        events = await call(
            lambda: client.list_events(
                event_type=event_type,
                agent_id=agent_id,
                task_id=task_id,
                min_importance=min_importance,
                since=since,
                until=until,
                after_sequence=after_sequence,
                limit=limit,
                order="ORDER_OLDEST_FIRST" if oldest_first else "ORDER_NEWEST_FIRST",
            )
        )
        return {"events": [event_record(event) for event in events]}

    @server.tool(description=DESCRIPTIONS["search_events"], structured_output=True)
    async def search_events(
        query: str,
        event_type: str | None = None,
        agent_id: str | None = None,
        task_id: str | None = None,
        min_importance: float = 0.0,
        limit: int = 10,
    ) -> Result:
        hits = await call(
            lambda: client.search_events(
                query,
                event_type=event_type,
                agent_id=agent_id,
                task_id=task_id,
                min_importance=min_importance,
                limit=limit,
            )
        )
        return {"hits": [{"event": event_record(h.event), "score": h.score} for h in hits]}

    @server.tool(description=DESCRIPTIONS["store_memory"], structured_output=True)
    async def store_memory(
        memory_type: str,
        content: str,
        subject: str = "",
        confidence: float | None = None,
        expires_at: str | None = None,
        id: str | None = None,  # noqa: A002
    ) -> Result:
        response = await call(
            lambda: client.store_memory(
                memory_type, content, subject, confidence=confidence, expires_at=expires_at, id=id
            )
        )
        return {"memory": memory_record(response.memory), "duplicate": response.duplicate}

    @server.tool(description=DESCRIPTIONS["search_memories"], structured_output=True)
    async def search_memories(
        query: str, subject: str = "", memory_type: str = "", limit: int = 10
    ) -> Result:
        hits = await call(
            lambda: client.search_memories(
                query, subject=subject, memory_type=memory_type, limit=limit
            )
        )
        return {"hits": [{"memory": memory_record(h.memory), "score": h.score} for h in hits]}

    @server.tool(description=DESCRIPTIONS["list_memories"], structured_output=True)
    async def list_memories(
        memory_type: str | None = None,
        subject: str | None = None,
        min_confidence: float = 0.0,
        limit: int = 20,
        include_expired: bool = False,
        as_of: str | None = None,
    ) -> Result:
        memories = await call(
            lambda: client.list_memories(
                memory_type=memory_type,
                subject=subject,
                min_confidence=min_confidence,
                limit=limit,
                include_expired=include_expired,
                as_of=as_of,
            )
        )
        return {"memories": [memory_record(memory) for memory in memories]}

    @server.tool(description=DESCRIPTIONS["update_memory"], structured_output=True)
    async def update_memory(
        id: str,  # noqa: A002
        content: str | None = None,
        confidence: float | None = None,
        expires_at: str | None = None,
        clear_expires_at: bool = False,
    ) -> Result:
        memory = await call(
            lambda: client.update_memory(
                id,
                content=content,
                confidence=confidence,
                expires_at=expires_at,
                clear_expires_at=clear_expires_at,
            )
        )
        return {"memory": memory_record(memory)}

    @server.tool(description=DESCRIPTIONS["delete_memory"], structured_output=True)
    async def delete_memory(id: str) -> Result:  # noqa: A002
        return {"memory": memory_record(await call(lambda: client.delete_memory(id)))}

    @server.tool(description=DESCRIPTIONS["memory_history"], structured_output=True)
    async def memory_history(memory_id: str) -> Result:
        revisions = await call(lambda: client.list_memory_revisions(memory_id))
        return {"revisions": [revision_record(revision) for revision in revisions]}

    @server.tool(description=DESCRIPTIONS["count"], structured_output=True)
    async def count(
        target: Literal["events", "memories"],
        type: str | None = None,  # noqa: A002
        include_expired: bool = False,
    ) -> Result:
        wanted = "COUNT_TARGET_EVENTS" if target == "events" else "COUNT_TARGET_MEMORIES"
        total = await call(lambda: client.count(wanted, type=type, include_expired=include_expired))
        return {"count": total}

    @server.resource(
        "spark://events/recent",
        name="recent_events",
        description="The 50 newest events of the log, newest first.",
        mime_type="application/json",
    )
    async def recent_events() -> str:
        events = await call(lambda: client.list_events(limit=50))
        return json.dumps([event_record(event) for event in events], ensure_ascii=False)

    @server.resource(
        "spark://memories/{subject}",
        name="subject_memories",
        description="The current memories of a subject (an agent id, or system), newest first.",
        mime_type="application/json",
    )
    async def subject_memories(subject: str) -> str:
        memories = await call(lambda: client.list_memories(subject=subject, limit=100))
        return json.dumps([memory_record(memory) for memory in memories], ensure_ascii=False)

    return server
