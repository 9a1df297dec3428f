"""seed_reference.py is the seed module's code, token for token.

The seed (../shared/seed/000_439c61b33a6602ee.txt) is stored as one line, so
the copy is compared with all whitespace removed, against the digest of the
seed's text taken the same way. The digest keeps the tests independent of
the shared folder."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from tests.integration import seed_reference
from tests.integration.seed_module import query, seed_at

SEED_DIGEST = "a7ea3456894a48cb1d967610ab85317bc8e1b40276b829dea323d17090cb0cdd"


def _digest_without_whitespace(text: str) -> str:
    return hashlib.sha256(re.sub(r"\s+", "", text).encode("utf-8")).hexdigest()


def test_reference_is_the_seed_code():
    lines = Path(seed_reference.__file__).read_text(encoding="utf-8").splitlines()
    # Our header comment (how the copy was made) is not the seed's.
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    assert _digest_without_whitespace("\n".join(lines)) == SEED_DIGEST


def test_reference_writes_where_db_path_points(tmp_path):
    path = tmp_path / "nested" / "spark.db"
    with seed_at(path) as seed:
        event_id = seed.record_event("task_posted", "hello", data='{"bid_sats": 99}')
        assert seed.count_events() == 1
        [event] = seed.get_events()
    assert event.id == event_id and event.importance == 0.55
    assert query(path, "SELECT id FROM spark_events") == [(event_id,)]
    assert Path("data/spark.db") == seed_reference.DB_PATH
