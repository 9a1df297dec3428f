"""Schema version 4 on PostgreSQL: full-text search columns and the memory
revisions table.

``search`` on events and memories is a stored generated column (the 'simple'
configuration: no stemming, no stop words, so agent ids and error strings
are kept as written), indexed with GIN; PostgreSQL computes it in the
statement that writes the row, so it is always in step. Adding it rewrites
both tables once, holding their locks: on a large log, plan the upgrade
(not measured yet; loading a million events with the column in place and
building the GIN index after took 49 s in bench/search.py).
Each text is cut at 100,000 characters before it is indexed (a tsvector
holds at most 1 MB).

Existing memories get one CREATED revision each (their current state, dated
at their creation), so that ``as_of`` sees them.
"""

from __future__ import annotations

RECALL_STATEMENTS: tuple[str, ...] = (
    "ALTER TABLE spark_events ADD COLUMN search tsvector GENERATED ALWAYS AS ("
    " to_tsvector('simple'::regconfig, left(description, 100000) || ' ' || left(data, 100000))"
    ") STORED",
    "CREATE INDEX spark_events_search ON spark_events USING gin (search)",
    "ALTER TABLE spark_memories ADD COLUMN search tsvector GENERATED ALWAYS AS ("
    " to_tsvector('simple'::regconfig, left(content, 100000) || ' ' || left(subject, 1000))"
    ") STORED",
    "CREATE INDEX spark_memories_search ON spark_memories USING gin (search)",
    """
    CREATE TABLE spark_memory_revisions (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        memory_id text NOT NULL,
        kind text NOT NULL,
        memory jsonb NOT NULL,
        actor text NOT NULL DEFAULT '',
        changed_at timestamptz NOT NULL
    )
    """,
    "CREATE INDEX spark_memory_revisions_memory ON spark_memory_revisions (memory_id, seq)",
    "CREATE INDEX spark_memory_revisions_changed ON spark_memory_revisions (changed_at)",
    """
    INSERT INTO spark_memory_revisions (memory_id, kind, memory, actor, changed_at)
    SELECT id, 'created', jsonb_build_object(
        'id', id, 'memory_type', memory_type, 'subject', subject, 'content', content,
        'confidence', confidence, 'source_events', source_events,
        'created_at', to_char(created_at AT TIME ZONE 'UTC',
                              'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"'),
        'expires_at', to_char(expires_at AT TIME ZONE 'UTC',
                              'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"'),
        'updated_at', to_char(updated_at AT TIME ZONE 'UTC',
                              'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"'),
        'rule', rule, 'source_event_ids', to_jsonb(source_event_ids)),
        '', created_at
    FROM spark_memories ORDER BY created_at, pos
    """,
)
