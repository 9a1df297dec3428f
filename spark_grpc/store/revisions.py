"""What both stores keep of a memory revision, and how they read it back.

A deletion's revision does not repeat the content: the memory's last state
is the one its previous revision holds, so the deletion stores the rest of
the memory with ``content_elided`` and the content is taken from the
revision before it when read. Deleting a memory therefore frees space on a
full database instead of taking more (its history stays).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from spark_grpc.core.models import ChangeKind, MemoryRecord, MemoryRevision
from spark_grpc.store.base import memory_from_snapshot, memory_snapshot


def revision_snapshot(kind: ChangeKind, memory: MemoryRecord) -> dict[str, Any]:
    snapshot = memory_snapshot(memory)
    if kind is ChangeKind.DELETED:
        snapshot["content"] = ""
        snapshot["content_elided"] = True
    return snapshot


def revisions_from(
    rows: Iterable[tuple[str, dict[str, Any] | str, str, datetime]],
) -> list[MemoryRevision]:
    """Revisions from (kind, snapshot, actor, changed_at) rows, oldest first."""
    import json

    revisions: list[MemoryRevision] = []
    for number, (kind, value, actor, changed_at) in enumerate(rows, start=1):
        snapshot = json.loads(value) if isinstance(value, str) else value
        memory = memory_from_snapshot(snapshot)
        if snapshot.get("content_elided") and revisions:
            memory = dataclasses.replace(memory, content=revisions[-1].memory.content)
        revisions.append(MemoryRevision(number, ChangeKind(kind), memory, actor or "", changed_at))
    return revisions
