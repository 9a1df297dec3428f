"""The pieces followers are built from: CommitSignal, RecentCommits, the
follow engine (core/follow.follow) over an in-memory log, and StreamSlots.
The engine is exercised end to end against real stores in
tests/integration/test_follow.py and test_memory_watch.py; here each rule
of it is checked on its own."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import pytest

from spark_grpc.core.commits import CommitSignal
from spark_grpc.core.errors import ResourceExhausted, Unavailable
from spark_grpc.core.follow import Page, StreamSlots, follow
from spark_grpc.store.recent import RecentCommits


@dataclass(frozen=True)
class Item:
    sequence: int
    even: bool


class ListLog:
    """A log in a list; `recent` answers from memory only when asked to."""

    def __init__(self) -> None:
        self.signal = CommitSignal()
        self.items: list[Item] = []
        self.in_memory = True
        self.pages_read = 0

    def commit(self, count: int) -> None:
        start = len(self.items)
        self.items.extend(Item(start + k + 1, (start + k + 1) % 2 == 0) for k in range(count))
        self.signal.advance(len(self.items))

    async def page(self, after: int, through: int, size: int) -> Page[Item]:
        self.pages_read += 1
        window = [
            i for i in self.items if i.sequence > after and (not through or i.sequence <= through)
        ]
        chunk = window[:size]
        reached = chunk[-1].sequence if chunk else after
        return Page([i for i in chunk if self.matches(i)], reached, len(window) > size)

    def recent(self, after: int, through: int) -> list[Item] | None:
        if not self.in_memory:
            return None
        return [i for i in self.items if after < i.sequence <= through]

    def matches(self, item: Item) -> bool:
        return item.even


def run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, 5))


def test_history_then_caught_up_then_live_matching_items_only():
    async def scenario():
        log = ListLog()
        log.commit(7)
        stream = follow(log, 0, page_size=2, stopping=lambda: False)
        history = []
        while True:
            items, caught_up = await anext(stream)
            history += [i.sequence for i in items]
            if caught_up:
                break
        log.commit(3)  # 8, 9, 10
        live, _ = await anext(stream)
        await stream.aclose()
        return history, [i.sequence for i in live]

    assert run(scenario()) == ([2, 4, 6], [8, 10])


def test_a_follower_that_fell_behind_reads_the_database_in_pages():
    async def scenario():
        log = ListLog()
        stream = follow(log, 0, page_size=3, stopping=lambda: False)
        assert await anext(stream) == ([], True)
        log.in_memory = False
        log.commit(10)
        seen = []
        while len(seen) < 5:
            items, _ = await anext(stream)
            seen += [i.sequence for i in items]
        await stream.aclose()
        return seen, log.pages_read

    seen, pages = run(scenario())
    assert seen == [2, 4, 6, 8, 10]
    assert pages >= 1 + 4  # the history's page, then 10 items in pages of 3


def test_the_limit_ends_the_stream():
    async def scenario():
        log = ListLog()
        log.commit(4)
        stream = follow(log, 0, page_size=10, limit=3, stopping=lambda: False)
        first = await anext(stream)
        log.commit(6)
        got = [i.sequence for i in first[0]]
        async for items, _ in stream:
            got += [i.sequence for i in items]
        return got

    assert run(scenario()) == [2, 4, 6]


def test_stopping_ends_the_stream_naming_the_resume_point():
    async def scenario():
        log = ListLog()
        log.commit(4)
        stopping = False
        stream = follow(log, 0, page_size=10, stopping=lambda: stopping)
        await anext(stream)
        stopping = True
        log.signal.wake()
        with pytest.raises(Unavailable) as ended:
            await anext(stream)
        return ended.value.message

    assert "resume with after_sequence=4" in run(scenario())


def test_the_commit_signal_wakes_every_waiter_once_it_grows():
    async def scenario():
        signal = CommitSignal()
        waiters = [asyncio.create_task(signal.wait(0, lambda: False)) for _ in range(3)]
        await asyncio.sleep(0)
        assert not any(w.done() for w in waiters)
        signal.advance(0)  # not beyond: nobody wakes
        await asyncio.sleep(0)
        assert not any(w.done() for w in waiters)
        signal.advance(5)
        results = await asyncio.gather(*waiters)
        # Already past: returns at once.
        return results, await signal.wait(3, lambda: False)

    assert run(scenario()) == ([5, 5, 5], 5)


def test_recent_commits_answer_only_a_complete_range():
    recent: RecentCommits[Item] = RecentCommits(lambda _: 10, max_commits=3, max_bytes=1000)
    for start in (1, 3, 5, 7):  # four commits of two items; the first is dropped
        recent.add([Item(start, False), Item(start + 1, True)])
    assert [i.sequence for i in recent.after(4, 8)] == [5, 6, 7, 8]
    assert [i.sequence for i in recent.after(2, 6)] == [3, 4, 5, 6]
    assert recent.after(1, 8) is None  # sequence 2 is no longer held
    assert recent.after(8, 9) is None  # 9 was never seen here
    assert recent.after(6, 6) == []


def test_recent_commits_are_bounded_by_bytes_but_keep_the_newest():
    recent: RecentCommits[Item] = RecentCommits(lambda _: 600, max_commits=100, max_bytes=1000)
    recent.add([Item(1, False)])
    recent.add([Item(2, False), Item(3, False)])  # 1,200 bytes on its own
    assert recent.after(0, 3) is None
    assert [i.sequence for i in recent.after(1, 3)] == [2, 3]


def test_stream_slots_refuse_beyond_the_maximum_and_free_on_exit():
    slots = StreamSlots(1)
    with slots.slot():
        assert slots.open == 1
        with pytest.raises(ResourceExhausted) as full, slots.slot():
            pass
        assert "at most 1" in full.value.message
    assert slots.open == 0
