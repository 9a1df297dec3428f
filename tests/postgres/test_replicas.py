"""Several server replicas on one PostgreSQL database (issue 7).

Two `spark-grpc serve` processes share a database: writers on both and
followers on both must see every event exactly once, in one order, with no
gap; a follower is woken across replicas (and still gets its events when a
notification is lost); two replicas consolidating one agent never store a
duplicate memory; replicas that start together migrate the schema once.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import grpc
import psycopg
import pytest

from spark_grpc.client import SparkClient, SparkError
from spark_grpc.core.errors import Unavailable
from spark_grpc.core.models import MemoryQuery
from spark_grpc.core.rules import Finding, RuleOutcome
from spark_grpc.gen.spark.v1 import spark_pb2
from spark_grpc.store.postgres import SCHEMA_VERSION, PostgresStore
from tests.integration.coordinators import assert_one_winner_per_task, race_to_assign
from tests.integration.follower import Follower
from tests.pg import opened_store
from tests.support import ServerProcess, start_in_process

WRITERS_PER_REPLICA = 2
EVENTS_PER_WRITER = 100  # a batch of 5 every fifth call, single events between


@pytest.fixture
def replicas(pg_db):
    """Two `spark-grpc serve` processes on one database."""
    with (
        ServerProcess(pg_db, "--no-auto-consolidate") as first,
        ServerProcess(pg_db, "--no-auto-consolidate") as second,
    ):
        yield first, second
        assert first.terminate() == 0, "".join(first.log)
        assert second.terminate() == 0, "".join(second.log)


def _write(address: str, writer: str) -> list[str]:
    """Record EVENTS_PER_WRITER events with client ids; returns the ids in
    the order they were acknowledged."""
    ids: list[str] = []
    with SparkClient(address) as client:
        n = 0
        while n < EVENTS_PER_WRITER:
            if n % 10 == 5:
                batch = [
                    {"event_type": "task_posted", "id": f"{writer}-{n + k}", "agent_id": writer}
                    for k in range(5)
                ]
                ids.extend(event.id for event in client.record_events(batch))
                n += 5
            else:
                event = client.record_event("bid_submitted", id=f"{writer}-{n}", agent_id=writer)
                ids.append(event.event.id)
                n += 1
    return ids


def test_writers_and_followers_on_two_replicas_see_every_event_once_in_one_order(replicas):
    addresses = [server.address for server in replicas]
    total = len(addresses) * WRITERS_PER_REPLICA * EVENTS_PER_WRITER
    followers = [Follower(address) for address in addresses for _ in range(2)]
    try:
        for follower in followers:
            assert follower.history() == []
        jobs = [
            (address, f"w{index}-{k}")
            for index, address in enumerate(addresses)
            for k in range(WRITERS_PER_REPLICA)
        ]
        with ThreadPoolExecutor(len(jobs)) as pool:
            written = list(pool.map(lambda job: _write(*job), jobs))
        seen = [follower.take(total, timeout=60) for follower in followers]
    finally:
        for follower in followers:
            follower.close()

    all_ids = [event_id for ids in written for event_id in ids]
    assert len(set(all_ids)) == total
    first = [(event.sequence, event.id) for event in seen[0]]
    # One order, no gaps, nothing twice, nothing missing.
    assert [sequence for sequence, _ in first] == list(range(1, total + 1))
    assert {event_id for _, event_id in first} == set(all_ids)
    for other in seen[1:]:
        assert [(event.sequence, event.id) for event in other] == first
    # Each writer's events are in the log in the order they were acknowledged.
    position = {event_id: sequence for sequence, event_id in first}
    for ids in written:
        assert [position[event_id] for event_id in ids] == sorted(position[i] for i in ids)

    # Every replica lists the same log, and a follower resuming from the
    # middle on either replica gets exactly the rest.
    for address in addresses:
        with SparkClient(address) as client:
            listed = client.list_events(limit=total, order="ORDER_OLDEST_FIRST")
            assert [(event.sequence, event.id) for event in listed] == first
            assert client.count() == total
        with Follower(address, after_sequence=total // 2) as resumed:
            rest = resumed.history()
            assert [(event.sequence, event.id) for event in rest] == first[total // 2 :]


def test_retries_of_one_id_on_both_replicas_store_it_once(replicas):
    barrier = threading.Barrier(8)

    def record(address: str) -> tuple[int, bool]:
        with SparkClient(address) as client:
            barrier.wait()
            reply = client.record_event("task_completed", "done", id="same-id", agent_id="a1")
            return reply.event.sequence, reply.duplicate

    addresses = [server.address for server in replicas] * 4
    with ThreadPoolExecutor(len(addresses)) as pool:
        results = list(pool.map(record, addresses))
    assert {sequence for sequence, _ in results} == {1}
    assert sorted(duplicate for _, duplicate in results) == [False] + [True] * 7
    with SparkClient(replicas[0].address) as client:
        assert client.count() == 1


def test_a_follower_on_one_replica_is_woken_by_a_commit_on_the_other(replicas):
    writer, reader = replicas
    with Follower(reader.address) as follower:
        assert follower.history() == []
        with SparkClient(writer.address) as client:
            recorded = client.record_event("task_posted", "from the other replica").event
        [event] = follower.take(1, timeout=5)
        assert event == recorded


def test_a_lost_notification_delays_an_event_but_never_loses_it(pg_db):
    server = start_in_process(pg_db, auto_consolidate=False)
    try:
        with Follower(server.address) as follower:
            assert follower.history() == []
            # Commit an event the way a replica does, but send no NOTIFY.
            with psycopg.connect(pg_db) as conn:
                [(last,)] = conn.execute(
                    "SELECT last FROM spark_log_position FOR UPDATE"
                ).fetchall()
                conn.execute(
                    "INSERT INTO spark_events (seq, id, event_type, created_at)"
                    " VALUES (%s, 'silent', 'task_posted', clock_timestamp())",
                    (last + 1,),
                )
                conn.execute("UPDATE spark_log_position SET last = %s", (last + 1,))
            [event] = follower.take(1, timeout=10)
            assert (event.id, event.sequence) == ("silent", 1)
    finally:
        server.stop()


def test_replicas_recover_when_the_database_drops_their_connections(pg_db, replicas):
    writer, reader = replicas
    with Follower(reader.address) as follower:
        assert follower.history() == []
        with psycopg.connect(pg_db, autocommit=True) as admin:
            dropped = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            ).fetchone()
            assert dropped is not None and dropped[0] >= 4  # pools and listeners
        with SparkClient(writer.address) as client:
            recorded = client.record_event("task_posted", "after the drop").event
        [event] = follower.take(1, timeout=15)
        assert event == recorded


def _settle(server) -> None:
    server.run(server.running.service.consolidator.idle())


def test_two_replicas_consolidating_one_agent_create_no_duplicate_memories(pg_db):
    servers = [start_in_process(pg_db, auto_consolidate=True) for _ in range(2)]
    try:
        clients = [SparkClient(server.address) for server in servers]
        stop = threading.Event()

        def consolidate_forever(client: SparkClient) -> int:
            runs = 0
            while not stop.is_set():
                client.consolidate("a1")
                client.consolidate()
                runs += 1
            return runs

        with ThreadPoolExecutor(8) as pool:
            busy = [pool.submit(consolidate_forever, client) for client in clients * 4]
            # Outcomes recorded on both replicas, each starting automatic runs.
            for n in range(12):
                client = clients[n % 2]
                client.record_event("task_posted", task_id=f"t{n}", agent_id="a1")
                client.record_event("task_completed", task_id=f"t{n}", agent_id="a1")
            stop.set()
            assert all(job.result() > 0 for job in busy)
        for server in servers:
            _settle(server)
        for client in clients:
            client.consolidate()

        memories = clients[0].list_memories(subject="a1", include_expired=True, limit=1000)
        # Every outcome was a success, so the track record held from the
        # fifth event on: one memory per slot, never a second one.
        slots = Counter((memory.rule, memory.memory_type) for memory in memories)
        assert [slot for slot, count in slots.items() if count > 1] == []
        [pattern] = [memory for memory in memories if memory.memory_type == "pattern"]
        # And it reflects all twelve outcomes (no run applied a stale read
        # after a newer one).
        assert pattern.source_events == 12
        assert pattern.content == clients[1].list_memories(subject="a1")[0].content
        for client in clients:
            client.close()
    finally:
        for server in servers:
            server.stop()


def test_two_stores_applying_one_finding_at_once_fill_its_slot_once(pg_db):
    now = datetime.now(UTC)

    def outcome(subject: str) -> RuleOutcome:
        finding = Finding(
            subject=subject,
            memory_type="pattern",
            rule="agent_track_record",
            content=f"{subject} does well",
            confidence=0.9,
            source_events=6,
            source_event_ids=("e1", "e2"),
        )
        return RuleOutcome("agent_track_record", subject, "pattern", finding)

    async def main() -> None:
        async with opened_store(pg_db) as first, opened_store(pg_db) as second:
            stores = [first, second]
            for n in range(30):
                slot = [outcome(f"agent-{n}")]
                diffs = await asyncio.gather(
                    *(store.apply_rule_outcomes(slot, now, None) for store in stores)
                )
                assert sorted(len(diff.created) for diff in diffs) == [0, 1]
            query = MemoryQuery(include_expired=True)
            assert await stores[1].count_memories(query, now) == 30

    asyncio.run(main())


def test_replicas_that_start_together_migrate_once(pg_db):
    async def main() -> None:
        stores = [PostgresStore(pg_db) for _ in range(4)]
        await asyncio.gather(*(store.open() for store in stores))
        for store in stores:
            await store.close()

    asyncio.run(main())
    with psycopg.connect(pg_db) as conn:
        rows = conn.execute("SELECT version FROM spark_schema_version").fetchall()
        assert rows == [(version,) for version in range(1, SCHEMA_VERSION + 1)]
        conn.execute(
            "INSERT INTO spark_schema_version (version, description) VALUES (%s, 'future')",
            (SCHEMA_VERSION + 1,),
        )

    async def newer() -> None:
        store = PostgresStore(pg_db)
        with pytest.raises(Unavailable, match="newer than this server"):
            await store.open()

    asyncio.run(newer())


def test_a_role_without_create_serves_a_database_already_migrated(pg_db):
    async def migrate() -> None:
        async with opened_store(pg_db):
            pass

    asyncio.run(migrate())
    role = f"spark_app_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_db, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'app-secret'")
        conn.execute(f"REVOKE CREATE ON SCHEMA public FROM PUBLIC, {role}")
        conn.execute(
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}"
        )
    _user, _, host = pg_db.partition("://")[2].partition("@")
    server = start_in_process(f"postgresql://{role}:app-secret@{host}", auto_consolidate=False)
    try:
        with SparkClient(server.address) as client:
            assert client.record_event("task_posted").event.sequence == 1
            assert client.store_memory("pattern", "fine").memory.content == "fine"
    finally:
        server.stop()
        with psycopg.connect(pg_db, autocommit=True) as conn:
            conn.execute(f"DROP OWNED BY {role}")
            conn.execute(f"DROP ROLE {role}")


def test_nul_characters_are_refused_with_the_field_named(pg_db):
    server = start_in_process(pg_db, auto_consolidate=False)
    try:
        with SparkClient(server.address) as client:
            with pytest.raises(SparkError) as caught:
                client.record_events(
                    [{"event_type": "ok"}, {"event_type": "ok", "description": "a\x00b"}]
                )
            assert caught.value.code == grpc.StatusCode.INVALID_ARGUMENT
            assert "events[1].description" in str(caught.value)
            # The BadRequest detail names the same item and field.
            assert caught.value.field == "events[1].description"
            assert client.count() == 0
            assert client.list_events(event_type="a\x00b") == []
    finally:
        server.stop()


def test_a_watcher_on_one_replica_sees_memory_changes_made_through_the_other(replicas):
    """Stored, updated and deleted through A: a watcher on B gets the three
    changes, in order, with increasing sequences."""
    first, second = replicas
    with (
        SparkClient(first.address) as writer,
        SparkClient(second.address) as reader,
        reader.watch_memories(subject="replicated") as stream,
    ):
        changes = iter(stream)
        assert next(changes).caught_up
        memory = writer.store_memory("note", "v1", "replicated").memory
        writer.update_memory(memory.id, content="v2")
        writer.delete_memory(memory.id)
        seen = [next(changes) for _ in range(3)]
    assert [m.kind for m in seen] == [
        spark_pb2.MEMORY_CHANGE_KIND_CREATED,
        spark_pb2.MEMORY_CHANGE_KIND_UPDATED,
        spark_pb2.MEMORY_CHANGE_KIND_DELETED,
    ]
    # The deletion carries the last state (earlier changes read after it
    # carry no content: the watcher may have read them before or after).
    assert seen[2].memory.content == "v2"
    assert {m.memory.content for m in seen[:2]} <= {"v1", "v2", ""}
    assert {m.memory.id for m in seen} == {memory.id}
    assert seen[0].sequence < seen[1].sequence < seen[2].sequence


def test_32_coordinators_on_two_replicas_assign_each_task_exactly_once(replicas):
    """Conditional appends are serialised across replicas: of 32
    coordinators racing for each of 200 tasks, exactly one assigns it and
    every other one is told the winner's sequence."""
    first, second = replicas
    losses = race_to_assign([first.address, second.address], tasks=200, writers=32)
    with SparkClient(second.address) as client:
        assert_one_winner_per_task(client, losses, writers=32)


def test_a_consumer_acked_on_one_replica_resumes_on_the_other(replicas):
    first, second = replicas
    with SparkClient(first.address) as one, SparkClient(second.address) as two:
        events = [one.record_event("note", task_id=f"n{n}").event for n in range(4)]
        with one.follow_events(consumer="shared") as stream:
            assert next(stream).sequence == events[0].sequence
            stream.ack(events[1].sequence)
        assert two.get_consumer("shared").lag == 2
        with two.follow_events(consumer="shared") as stream:
            assert next(stream).sequence == events[2].sequence
