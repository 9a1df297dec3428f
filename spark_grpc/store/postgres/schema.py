"""The PostgreSQL schema: versioned migrations, applied at start inside one
transaction that holds an advisory lock, so replicas that start together
apply each migration once; ``spark_schema_version`` records what is applied.
"""

from __future__ import annotations

import logging

import psycopg

from spark_grpc.core.errors import Unavailable
from spark_grpc.store.postgres.recall_schema import RECALL_STATEMENTS

logger = logging.getLogger(__name__)

# The channels that commits are announced on; the payload is the last
# sequence of the events, or of the memory changes, that the commit made.
CHANNEL = "spark_events"
MEMORY_CHANNEL = "spark_memory_changes"

# Advisory lock keys (first half of the two-int form): migrations, the rule
# slots of apply_rule_outcomes, and whole consolidation runs per subject.
MIGRATION_LOCK = 0x5350_0001
SLOT_LOCKS = 0x5350_0002
SUBJECT_LOCKS = 0x5350_0003

# (version, description, statements). Append new versions; never edit one
# that has shipped.
MIGRATIONS: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (
        1,
        "events, the log position, memories",
        (
            """
            CREATE TABLE spark_log_position (
                singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                last bigint NOT NULL
            )
            """,
            "INSERT INTO spark_log_position (singleton, last) VALUES (true, 0)",
            """
            CREATE TABLE spark_events (
                seq bigint PRIMARY KEY,
                id text NOT NULL UNIQUE,
                event_type text NOT NULL,
                agent_id text,
                task_id text,
                description text NOT NULL DEFAULT '',
                data text NOT NULL DEFAULT '{}',
                importance double precision NOT NULL DEFAULT 0.5,
                created_at timestamptz NOT NULL,
                fingerprint text
            )
            """,
            # Newest-first pages read these backwards, filtered or not.
            "CREATE INDEX spark_events_type ON spark_events (event_type, created_at, seq)",
            "CREATE INDEX spark_events_agent ON spark_events (agent_id, created_at, seq)",
            "CREATE INDEX spark_events_task ON spark_events (task_id, created_at, seq)",
            "CREATE INDEX spark_events_created ON spark_events (created_at, seq)",
            """
            CREATE TABLE spark_memories (
                id text PRIMARY KEY,
                memory_type text NOT NULL,
                subject text NOT NULL DEFAULT 'system',
                content text NOT NULL,
                confidence double precision NOT NULL DEFAULT 0.5,
                source_events bigint NOT NULL DEFAULT 0,
                created_at timestamptz NOT NULL,
                expires_at timestamptz,
                updated_at timestamptz NOT NULL,
                rule text NOT NULL DEFAULT '',
                holds_slot boolean NOT NULL DEFAULT false,
                source_event_ids text[] NOT NULL DEFAULT '{}',
                fingerprint text,
                pos bigint GENERATED ALWAYS AS IDENTITY
            )
            """,
            # One live memory per rule slot, whichever replica writes it.
            "CREATE UNIQUE INDEX spark_memories_live_slot"
            " ON spark_memories (rule, subject, memory_type) WHERE holds_slot",
            "CREATE INDEX spark_memories_created ON spark_memories (created_at, pos)",
            "CREATE INDEX spark_memories_subject ON spark_memories (subject, created_at, pos)",
            "CREATE INDEX spark_memories_type ON spark_memories (memory_type, created_at, pos)",
            "CREATE INDEX spark_memories_expires ON spark_memories (expires_at)"
            " WHERE expires_at IS NOT NULL",
        ),
    ),
    (
        2,
        "the log of memory changes",
        (
            # Numbered like the events (a locked counter row), so that
            # watchers see the changes of every replica in commit order.
            """
            CREATE TABLE spark_memory_change_position (
                singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                last bigint NOT NULL
            )
            """,
            "INSERT INTO spark_memory_change_position (singleton, last) VALUES (true, 0)",
            """
            CREATE TABLE spark_memory_changes (
                seq bigint PRIMARY KEY,
                kind text NOT NULL,
                memory_id text NOT NULL,
                memory jsonb NOT NULL,
                changed_at timestamptz NOT NULL
            )
            """,
            "CREATE INDEX spark_memory_changes_changed ON spark_memory_changes (changed_at)",
            "CREATE INDEX spark_memory_changes_memory ON spark_memory_changes (memory_id)",
        ),
    ),
    (
        3,
        "durable consumers",
        (
            """
            CREATE TABLE spark_consumers (
                name text PRIMARY KEY,
                event_type text,
                agent_id text,
                task_id text,
                min_importance double precision NOT NULL DEFAULT 0,
                acked_sequence bigint NOT NULL DEFAULT 0,
                updated_at timestamptz NOT NULL
            )
            """,
        ),
    ),
    (4, "full-text search, memory revisions", RECALL_STATEMENTS),
)

SCHEMA_VERSION = MIGRATIONS[-1][0]


async def migrate(conn: psycopg.AsyncConnection) -> int:
    """Bring the schema up to ``SCHEMA_VERSION``; returns the version found.

    One transaction under an advisory lock: a replica starting at the same
    time waits here, then finds the migrations applied."""
    async with conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        # Asked first, so that a role without CREATE can start on a
        # database that is already up to date.
        cur = await conn.execute("SELECT to_regclass('spark_schema_version') IS NOT NULL")
        row = await cur.fetchone()
        if not (row and row[0]):
            await conn.execute(
                "CREATE TABLE spark_schema_version ("
                " version integer PRIMARY KEY,"
                " description text NOT NULL,"
                " applied_at timestamptz NOT NULL DEFAULT now())"
            )
        cur = await conn.execute("SELECT COALESCE(MAX(version), 0) FROM spark_schema_version")
        row = await cur.fetchone()
        found = row[0] if row is not None else 0
        if found > SCHEMA_VERSION:
            raise Unavailable(
                f"the database has schema version {found}, newer than this server's"
                f" {SCHEMA_VERSION}: upgrade the server"
            )
        for version, description, statements in MIGRATIONS:
            if version <= found:
                continue
            for statement in statements:
                await conn.execute(statement)
            await conn.execute(
                "INSERT INTO spark_schema_version (version, description) VALUES (%s, %s)",
                (version, description),
            )
            logger.info("applied PostgreSQL schema version %d (%s)", version, description)
    return found
