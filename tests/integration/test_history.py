"""Memory history on both stores: every change of a memory is a revision,
kept after deletion; ListMemories as_of answers from the revisions."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import grpc
from google.protobuf.timestamp_pb2 import Timestamp

from spark_grpc.client import SparkClient, from_timestamp
from spark_grpc.gen.spark.v1 import spark_pb2
from tests.integration.seed_module import seed_at
from tests.integration.status import fails_with
from tests.support import start_in_process

K = spark_pb2


def _pause() -> datetime:
    """A moment strictly between two changes."""
    time.sleep(0.01)
    moment = datetime.now(UTC)
    time.sleep(0.01)
    return moment


def test_every_change_is_a_revision(client: SparkClient):
    memory = client.store_memory("pattern", "first words", "a1", confidence=0.4).memory
    expiry = datetime.now(UTC) + timedelta(days=2)
    client.update_memory(memory.id, content="second words", confidence=0.8, expires_at=expiry)
    client.update_memory(memory.id, clear_expires_at=True)
    client.delete_memory(memory.id)
    revisions = client.list_memory_revisions(memory.id)
    assert [r.revision for r in revisions] == [1, 2, 3, 4]
    assert [r.kind for r in revisions] == [
        K.MEMORY_CHANGE_KIND_CREATED,
        K.MEMORY_CHANGE_KIND_UPDATED,
        K.MEMORY_CHANGE_KIND_UPDATED,
        K.MEMORY_CHANGE_KIND_DELETED,
    ]
    assert [r.memory.content for r in revisions] == [
        "first words",
        "second words",
        "second words",
        "second words",  # a deletion keeps the last state, content included
    ]
    assert [r.memory.confidence for r in revisions] == [0.4, 0.8, 0.8, 0.8]
    assert from_timestamp(revisions[1].memory.expires_at) == expiry
    assert not revisions[2].memory.HasField("expires_at")
    assert all(r.actor == "" for r in revisions)  # no tokens on this server
    times = [from_timestamp(r.changed_at) for r in revisions]
    assert times == sorted(times)
    assert all(r.memory.id == memory.id for r in revisions)


def test_rule_changes_are_revisions(client: SparkClient):
    for index in range(6):
        client.record_event("task_failed", f"failure {index}", agent_id="a9", task_id=f"t{index}")
    created = client.consolidate("a9").created
    assert created
    revisions = client.list_memory_revisions(created[0].id)
    assert revisions[0].kind == K.MEMORY_CHANGE_KIND_CREATED
    assert revisions[0].memory.rule == created[0].rule != ""
    assert list(revisions[0].memory.source_event_ids) == list(created[0].source_event_ids)


def test_unknown_and_missing_ids(client: SparkClient):
    with fails_with(grpc.StatusCode.NOT_FOUND):
        client.list_memory_revisions("no-such-memory")
    with fails_with(grpc.StatusCode.INVALID_ARGUMENT, "memory_id"):
        client.list_memory_revisions("")


def test_list_memories_as_of(client: SparkClient):
    before_all = _pause()
    kept = client.store_memory("pattern", "kept v1", "a1").memory
    gone = client.store_memory("insight", "gone soon", "a2").memory
    after_store = _pause()
    client.update_memory(kept.id, content="kept v2")
    client.delete_memory(gone.id)
    after_changes = _pause()
    short = client.store_memory(
        "anomaly", "short lived", "a1", expires_at=datetime.now(UTC) + timedelta(milliseconds=30)
    ).memory
    time.sleep(0.05)
    assert client.list_memories(as_of=before_all) == []
    then = client.list_memories(as_of=after_store)
    assert [(m.id, m.content) for m in then] == [(gone.id, "gone soon"), (kept.id, "kept v1")]
    assert [m.content for m in client.list_memories(as_of=after_store, subject="a1")] == ["kept v1"]
    assert [m.content for m in client.list_memories(as_of=after_store, memory_type="insight")] == [
        "gone soon"
    ]
    assert [m.content for m in client.list_memories(as_of=after_changes)] == ["kept v2"]
    now = datetime.now(UTC)
    assert [m.id for m in client.list_memories(as_of=now)] == [kept.id]
    assert {m.id for m in client.list_memories(as_of=now, include_expired=True)} == {
        kept.id,
        short.id,
    }
    assert len(client.list_memories(as_of=now, include_expired=True, limit=1)) == 1
    with fails_with(grpc.StatusCode.INVALID_ARGUMENT, "as_of"):
        client.list_memories(as_of=Timestamp(seconds=-(10**12)))


def test_existing_memories_get_a_first_revision(db_path):
    """A file of the old module: its memories are history from the start."""
    with seed_at(db_path) as seed:
        memory_id = seed.store_memory("pattern", "a1", "written by the old module")
    running = start_in_process(db_path, auto_consolidate=False)
    try:
        with SparkClient(running.address) as client:
            client.update_memory(memory_id, content="changed by the server")
            revisions = client.list_memory_revisions(memory_id)
            assert [r.memory.content for r in revisions] == [
                "written by the old module",
                "changed by the server",
            ]
            assert [m.content for m in client.list_memories(as_of=datetime.now(UTC))] == [
                "changed by the server"
            ]
    finally:
        running.stop()


def test_revisions_name_the_token(tmp_path):
    """With tokens, each revision names the caller's token; a rule's does not."""
    from spark_grpc.api.auth import Role
    from tests.security_fixtures import TOKENS, write_tokens

    running = start_in_process(
        tmp_path / "spark.db",
        auto_consolidate=False,
        tokens_file=write_tokens(tmp_path / "tokens"),
    )
    try:
        with (
            SparkClient(running.address, token=TOKENS[Role.WRITE]) as writer,
            SparkClient(running.address, token=TOKENS[Role.ADMIN]) as admin,
            SparkClient(running.address, token=TOKENS[Role.READ]) as reader,
        ):
            memory = writer.store_memory("pattern", "who wrote me", "a1").memory
            writer.update_memory(memory.id, content="who changed me")
            admin.delete_memory(memory.id)
            revisions = reader.list_memory_revisions(memory.id)
            assert [r.actor for r in revisions] == ["write-caller", "write-caller", "admin-caller"]
            assert reader.search_memories("who") == []
            for index in range(6):
                writer.record_event("task_failed", f"f{index}", agent_id="a5", task_id=f"t{index}")
            made = admin.consolidate("a5").created[0]
            assert [r.actor for r in reader.list_memory_revisions(made.id)] == [""]
    finally:
        running.stop()
