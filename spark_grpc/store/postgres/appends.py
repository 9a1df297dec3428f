"""Appending events to the PostgreSQL log, in commit order.

``spark_log_position`` is one row holding the last sequence handed out. An
append locks that row first (``SELECT ... FOR UPDATE``), numbers its events
after it, writes them and moves the counter in the same transaction. The
next append cannot number anything until this one has committed or rolled
back, so sequences are assigned in commit order and with no gaps: once a
reader sees sequence N, it sees every sequence below N. (A BIGSERIAL would
let a transaction that took 8 commit after one that took 9, and a follower
resuming from 9 would never see 8.) The lock is held only from numbering to
commit; appends waiting in one server are committed together by one task
(``GroupWriter``), which is what keeps the serialised part short.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import Any

import psycopg

from spark_grpc.core.errors import SparkError, append_condition_failed
from spark_grpc.core.idempotency import plan_append
from spark_grpc.core.models import AppendCondition, EventRecord, NewEvent
from spark_grpc.core.outcomes import new_event_record
from spark_grpc.store.base import NOTHING, event_filters, new_id, take_group
from spark_grpc.store.postgres.rows import EVENT_COLUMNS, domain_error, event_from_row, utc
from spark_grpc.store.postgres.schema import CHANNEL

Work = Callable[[Callable[[psycopg.AsyncConnection], Awaitable[Any]]], Awaitable[Any]]


class AppendJob:
    __slots__ = ("events", "condition", "future")

    def __init__(
        self, events: list[NewEvent], condition: AppendCondition | None, future: asyncio.Future
    ) -> None:
        self.events = events
        self.condition = condition
        self.future = future


class GroupWriter:
    """One task that commits waiting appends together, one transaction per
    group; ``on_connection`` runs work on a pooled connection."""

    def __init__(self, on_connection: Work, on_commit: Callable[[int], None]) -> None:
        self._on_connection = on_connection
        self._on_commit = on_commit
        self._queue: asyncio.Queue[AppendJob | None] = asyncio.Queue()
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="spark-pg-writer")

    async def stop(self) -> None:
        """Let every append already queued commit first."""
        if self._task is None:
            return
        self._queue.put_nowait(None)
        with contextlib.suppress(Exception):  # each append's caller was told
            await self._task

    async def append(
        self, events: list[NewEvent], condition: AppendCondition | None
    ) -> list[tuple[EventRecord, bool]]:
        future = asyncio.get_running_loop().create_future()
        self._queue.put_nowait(AppendJob(events, condition, future))
        return await future

    def _next_job(self) -> Any:
        return NOTHING if self._queue.empty() else self._queue.get_nowait()

    async def _loop(self) -> None:
        while True:
            job = await self._queue.get()
            if job is None:
                return
            jobs, stopping = take_group(job, self._next_job)
            await self._commit_group(jobs)
            if stopping:
                return

    async def _commit_group(self, jobs: list[AppendJob]) -> None:
        # A caller that gave up (cancelled, or past its deadline) has nobody
        # to tell: its events are not written.
        jobs = [job for job in jobs if not job.future.done()]
        if not jobs:
            return
        try:
            outcomes, last = await self._on_connection(lambda conn: append_jobs(conn, jobs))
        except CallersGone:
            # Some callers gave up while the transaction ran: it was rolled
            # back; the others' appends run again without them.
            await self._commit_group(jobs)
            return
        except BaseException as exc:
            if len(jobs) > 1 and not isinstance(exc, asyncio.CancelledError):
                # One job spoiled the group: run each on its own, so that
                # only the failing one fails.
                for job in jobs:
                    await self._commit_group([job])
                return
            for job in jobs:
                if not job.future.done():
                    job.future.set_exception(domain_error(exc))
            if isinstance(exc, asyncio.CancelledError):
                raise
            return
        if last:
            self._on_commit(last)
        for job, outcome in zip(jobs, outcomes, strict=True):
            if job.future.done():
                continue
            if isinstance(outcome, BaseException):
                job.future.set_exception(outcome)
            else:
                job.future.set_result(outcome)


async def append_jobs(
    conn: psycopg.AsyncConnection, jobs: list[AppendJob]
) -> tuple[list[Any], int]:
    """Append every job's events in one transaction; a job whose ids
    conflict fails alone (before it writes anything). Returns each job's
    results (or error) and the last sequence written (0 if none)."""
    async with conn.transaction():
        cur = conn.cursor()
        # The lock that orders commits: held from here to COMMIT.
        await cur.execute("SELECT last, clock_timestamp() FROM spark_log_position FOR UPDATE")
        row = await cur.fetchone()
        assert row is not None
        start, created = row[0], utc(row[1])
        last = start
        # Under the lock, this read sees every committed client id.
        wanted = list({e.id for job in jobs for e in job.events if e.id is not None})
        known: dict[str, tuple[EventRecord, str | None]] = {}
        if wanted:
            await cur.execute(
                f"SELECT {EVENT_COLUMNS}, fingerprint FROM spark_events WHERE id = ANY(%s)",
                (wanted,),
            )
            for found in await cur.fetchall():
                known[found[0]] = (event_from_row(found), found[9])
        outcomes: list[Any] = []
        rows: list[tuple] = []
        for job in jobs:
            try:
                plan = plan_append(job.events, known.get, new_id)
                if plan.fresh and job.condition is not None:
                    conflict = await _conflict(cur, job.condition, rows)
                    if conflict is not None:
                        raise append_condition_failed(conflict)
            except SparkError as error:
                outcomes.append(error)
                continue
            written: dict[int, EventRecord] = {}
            for index, event_id, event in plan.fresh:
                last += 1
                record = new_event_record(event_id, event, created, last)
                written[index] = record
                print_ = event.fingerprint if event.id is not None else None
                if event.id is not None:
                    known[event.id] = (record, print_)
                rows.append(
                    (
                        last,
                        event_id,
                        event.event_type,
                        event.agent_id,
                        event.task_id,
                        event.description,
                        event.data,
                        event.importance,
                        created,
                        print_,
                    )
                )
            outcomes.append(plan.results(written))
        if rows:
            async with cur.copy(
                "COPY spark_events (seq, id, event_type, agent_id, task_id, description,"
                " data, importance, created_at, fingerprint) FROM STDIN"
            ) as copy:
                for values in rows:
                    await copy.write_row(values)
            await cur.execute("UPDATE spark_log_position SET last = %s", (last,))
            # Delivered at commit, to every replica listening.
            await cur.execute("SELECT pg_notify(%s, %s)", (CHANNEL, str(last)))
        # The last look before COMMIT, in the same transaction: a caller
        # that gave up meanwhile (its deadline passed during an outage, say)
        # must not find its write committed when the database returns.
        if any(job.future.done() for job in jobs):
            raise CallersGone
    return outcomes, (last if rows else 0)


async def _conflict(
    cur: psycopg.AsyncCursor, condition: AppendCondition, pending: list[tuple]
) -> int | None:
    """The newest event matching ``condition`` above its after_sequence:
    among the committed ones (the position lock is held, so every append
    before this one has committed) and the rows of this group not yet
    written (``pending``: seq, id, event_type, agent_id, task_id, ...)."""
    for row in reversed(pending):
        if row[0] > condition.after_sequence and condition.matches(row[2], row[3], row[4]):
            return row[0]
    clauses, params = event_filters(
        condition.event_type, condition.agent_id, condition.task_id, mark="%s"
    )
    clauses.insert(0, "seq > %s")
    params.insert(0, condition.after_sequence)
    await cur.execute(f"SELECT max(seq) FROM spark_events WHERE {' AND '.join(clauses)}", params)
    row = await cur.fetchone()
    return row[0] if row is not None else None


class CallersGone(Exception):
    """Raised inside the transaction to roll it back."""
