"""``spark-grpc mcp`` driven by the official MCP SDK client: over stdio (a
real subprocess per session) and Streamable HTTP, against a real server on
both stores."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from contextlib import asynccontextmanager
from typing import Any

import pytest

mcp = pytest.importorskip("mcp")

from mcp import ClientSession, StdioServerParameters  # noqa: E402
from mcp.client.stdio import stdio_client  # noqa: E402
from mcp.client.streamable_http import streamable_http_client  # noqa: E402

TOOLS = {
    "record_event",
    "list_events",
    "search_events",
    "store_memory",
    "search_memories",
    "list_memories",
    "update_memory",
    "delete_memory",
    "memory_history",
    "count",
}


@asynccontextmanager
async def stdio_session(address: str, *flags: str):
    params = StdioServerParameters(
        command=sys.executable, args=["-m", "spark_grpc", "mcp", "--addr", address, *flags]
    )
    async with (
        stdio_client(params) as (read, write),
        ClientSession(read, write) as session,
    ):
        await session.initialize()
        yield session


async def call(session: ClientSession, tool: str, **arguments: Any) -> dict[str, Any]:
    result = await session.call_tool(tool, arguments)
    assert not result.isError, result.content
    assert result.structuredContent is not None
    return result.structuredContent


def test_tools_over_stdio(server):
    async def main() -> None:
        async with stdio_session(server.address) as session:
            listed = (await session.list_tools()).tools
            assert {tool.name for tool in listed} == TOOLS
            for tool in listed:
                assert tool.description and "\n" not in tool.description
                assert tool.inputSchema["type"] == "object"
                assert tool.outputSchema is not None
            schema = {tool.name: tool.inputSchema for tool in listed}
            assert set(schema["store_memory"]["properties"]) == {
                "memory_type",
                "subject",
                "content",
                "confidence",
                "expires_at",
                "id",
            }
            assert set(schema["search_memories"]["properties"]) == {
                "query",
                "subject",
                "memory_type",
                "limit",
            }
            assert set(schema["record_event"]["properties"]) == {
                "event_type",
                "description",
                "agent_id",
                "task_id",
                "data",
                "importance",
                "id",
            }
            assert set(schema["memory_history"]["properties"]) == {"memory_id"}

            recorded = await call(
                session,
                "record_event",
                event_type="task_failed",
                description="agent-7 timed out on ECONNRESET",
                agent_id="agent-7",
                data={"error": "ECONNRESET"},
            )
            assert recorded["duplicate"] is False
            assert recorded["event"]["agent_id"] == "agent-7"
            assert recorded["event"]["sequence"] >= 1
            assert json.loads(recorded["event"]["data"]) == {"error": "ECONNRESET"}

            stored = await call(
                session,
                "store_memory",
                memory_type="pattern",
                subject="agent-7",
                content="agent-7 fails on ECONNRESET under load",
                confidence=0.8,
            )
            memory = stored["memory"]
            assert (memory["subject"], memory["confidence"]) == ("agent-7", 0.8)
            await call(session, "store_memory", memory_type="insight", content="bids rise at night")

            found = await call(session, "search_memories", query="ECONNRESET")
            assert [hit["memory"]["id"] for hit in found["hits"]] == [memory["id"]]
            assert found["hits"][0]["score"] > 0
            events = await call(session, "search_events", query="ECONNRESET")
            assert [hit["event"]["id"] for hit in events["hits"]] == [recorded["event"]["id"]]

            await call(session, "update_memory", id=memory["id"], content="agent-7 recovered")
            history = await call(session, "memory_history", memory_id=memory["id"])
            assert [r["kind"] for r in history["revisions"]] == ["created", "updated"]
            assert [r["memory"]["content"] for r in history["revisions"]] == [
                "agent-7 fails on ECONNRESET under load",
                "agent-7 recovered",
            ]
            assert (await call(session, "count", target="memories"))["count"] == 2
            listed_memories = await call(session, "list_memories", subject="agent-7")
            assert [m["id"] for m in listed_memories["memories"]] == [memory["id"]]
            assert len((await call(session, "list_events"))["events"]) == 1

            # A refused call is a tool error carrying the gRPC message.
            refused = await session.call_tool(
                "store_memory", {"memory_type": "pattern", "content": "x", "confidence": 1.5}
            )
            assert refused.isError
            text = refused.content[0].text
            assert "INVALID_ARGUMENT" in text and "confidence" in text
            missing = await session.call_tool("memory_history", {"memory_id": "nope"})
            assert missing.isError and "NOT_FOUND" in missing.content[0].text

            # Resources: the newest events, a subject's memories.
            recent = await session.read_resource("spark://events/recent")
            assert json.loads(recent.contents[0].text)[0]["id"] == recorded["event"]["id"]
            mine = await session.read_resource("spark://memories/agent-7")
            assert [m["id"] for m in json.loads(mine.contents[0].text)] == [memory["id"]]

    asyncio.run(main())


def test_two_mcp_processes_storing_concurrently_leave_every_memory(server):
    async def store_twenty(name: str) -> None:
        async with stdio_session(server.address) as session:
            for index in range(20):
                await call(
                    session,
                    "store_memory",
                    memory_type="pattern",
                    subject=name,
                    content=f"{name} memory {index}",
                )

    async def main() -> None:
        await asyncio.gather(store_twenty("first"), store_twenty("second"))
        async with stdio_session(server.address) as session:
            assert (await call(session, "count", target="memories"))["count"] == 40

    asyncio.run(main())


def test_streamable_http(server):
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "spark_grpc",
            "mcp",
            "--addr",
            server.address,
            "--http",
            "127.0.0.1:0",
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        assert "serving MCP on " in line, line
        url = line.rsplit(" ", 1)[-1].strip()

        async def main() -> None:
            async with (
                streamable_http_client(url) as (read, write, _),
                ClientSession(read, write) as session,
            ):
                await session.initialize()
                assert {t.name for t in (await session.list_tools()).tools} == TOOLS
                stored = await call(
                    session, "store_memory", memory_type="insight", content="over http"
                )
                found = await call(session, "search_memories", query="http")
                assert [h["memory"]["id"] for h in found["hits"]] == [stored["memory"]["id"]]

        asyncio.run(main())
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_token_reaches_the_server_and_the_history(tmp_path):
    from spark_grpc.api.auth import Role
    from tests.security_fixtures import TOKENS, write_tokens
    from tests.support import start_in_process

    running = start_in_process(
        tmp_path / "spark.db", auto_consolidate=False, tokens_file=write_tokens(tmp_path / "t")
    )

    async def main() -> None:
        async with stdio_session(running.address, "--token", TOKENS[Role.WRITE]) as session:
            stored = await call(session, "store_memory", memory_type="insight", content="mine")
            history = await call(session, "memory_history", memory_id=stored["memory"]["id"])
            assert [r["actor"] for r in history["revisions"]] == ["write-caller"]
            denied = await session.call_tool("delete_memory", {"id": stored["memory"]["id"]})
            assert denied.isError and "PERMISSION_DENIED" in denied.content[0].text
        async with stdio_session(running.address) as anonymous:
            refused = await anonymous.call_tool("count", {"target": "events"})
            assert refused.isError and "UNAUTHENTICATED" in refused.content[0].text

    try:
        asyncio.run(main())
    finally:
        running.stop()
