"""The PostgreSQL store on its own: sequences in commit order, group commit,
shutdown that finishes queued appends."""

from __future__ import annotations

import asyncio

import psycopg

from spark_grpc.core.models import EventQuery, NewEvent
from spark_grpc.store.postgres import PostgresStore
from tests.pg import opened_store


def _event(description: str = "") -> NewEvent:
    return NewEvent("task_posted", "a1", None, description, "{}", 0.5)


def test_an_append_waits_for_an_earlier_transaction_instead_of_overtaking_it(pg_db):
    """A BIGSERIAL lets a later transaction take 2 and commit while the one
    holding 1 is still open, so a follower that read 2 would never see 1.
    Here the later append waits; nothing past the open transaction's
    position becomes visible before it commits."""

    async def main() -> None:
        async with opened_store(pg_db) as store:
            with psycopg.connect(pg_db) as slow:
                # Another writer holds the log position, mid-transaction.
                [(last,)] = slow.execute(
                    "SELECT last FROM spark_log_position FOR UPDATE"
                ).fetchall()
                append = asyncio.create_task(store.append([_event("later")]))
                await asyncio.sleep(0.3)
                assert not append.done()
                page = await store.read_events(EventQuery(newest_first=False), 10)
                assert page.events == []
                slow.execute(
                    "INSERT INTO spark_events (seq, id, event_type, created_at)"
                    " VALUES (%s, 'earlier', 'task_posted', clock_timestamp())",
                    (last + 1,),
                )
                slow.execute("UPDATE spark_log_position SET last = %s", (last + 1,))
            [(record, duplicate)] = await append
            assert (record.sequence, duplicate) == (2, False)
            page = await store.read_events(EventQuery(newest_first=False), 10)
            assert [(e.id, e.sequence) for e in page.events] == [
                ("earlier", 1),
                (record.id, 2),
            ]

    asyncio.run(main())


def test_concurrent_appends_are_numbered_without_gaps_in_time_order(pg_db):
    async def main() -> None:
        async with opened_store(pg_db) as store:
            results = await asyncio.gather(
                *(store.append([_event(f"{n}"), _event(f"{n}b")]) for n in range(200))
            )
            sequences = sorted(record.sequence for result in results for record, _ in result)
            assert sequences == list(range(1, 401))
            # Each batch is consecutive.
            for result in results:
                first, second = (record.sequence for record, _ in result)
                assert second == first + 1
            page = await store.read_events(EventQuery(newest_first=False), 400)
            times = [event.created_at for event in page.events]
            assert times == sorted(times)
            assert store.committed_sequence == 400

    asyncio.run(main())


def test_close_commits_the_appends_already_queued(pg_db):
    async def main() -> None:
        store = PostgresStore(pg_db)
        await store.open()
        appends = [asyncio.create_task(store.append([_event(f"{n}")])) for n in range(50)]
        await asyncio.sleep(0)  # queued, not yet committed
        await store.close()
        results = await asyncio.gather(*appends)
        assert sorted(r[0][0].sequence for r in results) == list(range(1, 51))

        async with opened_store(pg_db) as again:
            assert await again.count_events(None) == 50
            assert again.committed_sequence == 50

    asyncio.run(main())
