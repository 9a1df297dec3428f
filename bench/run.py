"""``python -m bench [--quick] [--only NAME,...]``: run the benchmarks, print a
table and write it as JSON (default ``bench/results/latest.json``).

Every scenario starts the real server (``python -m spark_grpc serve``) as a
subprocess on its own database file, and the same server on its own database
of a throwaway PostgreSQL cluster (default durability: fsync on) beside it,
when PostgreSQL is installed. Each figure is the median of several runs,
shown with the min and max; each comparison is a ratio of two figures
measured side by side in the same run.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from bench import coordination, follow, ingest, memory, reads
from bench.context import FULL, QUICK, Scale, Workspace
from bench.postgres import describe, start_cluster
from bench.report import machine, markdown, table
from bench.stats import POSTGRES, SQLITE, ScenarioResult
from tests.pg import PostgresCluster

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"

# In this order: the query scenario reads the large database before any
# server has opened it; the memory scenario then reuses it.
SCENARIOS: dict[str, Callable[[Workspace], ScenarioResult]] = {
    "ingest_unary": ingest.unary,
    "ingest_batched": ingest.batched,
    "read": reads.read,
    "query": reads.query,
    "follow": follow.follow,
    "memory": memory.memory,
    "coordination": coordination.coordination,
}


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="everything scaled down (CI)")
    parser.add_argument(
        "--only",
        help=f"comma-separated scenarios to run (of {', '.join(SCENARIOS)})",
    )
    parser.add_argument("--runs", type=int, help="runs per figure (default 5, quick 3)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="the JSON report")
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    parser.add_argument("--workdir", type=Path, help="keep the database files here")
    parser.add_argument(
        "--stores",
        default=f"{SQLITE},{POSTGRES}",
        help="run the server on these stores (default: sqlite,postgres; PostgreSQL is"
        " skipped, loudly, when its binaries are missing)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    names = list(SCENARIOS)
    if args.only:
        wanted = {name.strip() for name in args.only.split(",") if name.strip()}
        unknown = wanted - set(SCENARIOS)
        if unknown:
            print(f"unknown scenario(s): {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        names = [name for name in SCENARIOS if name in wanted]
    stores = {name.strip() for name in args.stores.split(",") if name.strip()}
    if SQLITE not in stores or stores - {SQLITE, POSTGRES}:
        print("--stores: sqlite, optionally with postgres", file=sys.stderr)
        return 2
    scale = QUICK if args.quick else FULL
    if args.runs:
        scale = type(scale)(**{**vars(scale), "runs": args.runs})
    started = datetime.now(UTC)
    host = machine()
    cluster, skipped = start_cluster() if POSTGRES in stores else (None, "--stores sqlite")
    try:
        if cluster is not None:
            host["postgres"] = describe(cluster)
        results, total = _run(args, names, scale, host, cluster)
    finally:
        if cluster is not None:
            cluster.stop()
    print()
    print(table(results))
    for result in results:
        for note in result.notes:
            print(f"  {result.title}: {note}")
    if cluster is None:
        print(f"  PostgreSQL: SKIPPED, no PostgreSQL column ({skipped})")
    print(f"total {total:.0f} s")
    if args.markdown:
        print()
        print(markdown(results))
    report = {
        "mode": "quick" if args.quick else "full",
        "started": started.isoformat(timespec="seconds"),
        "seconds": round(total, 1),
        "machine": host,
        "scale": vars(scale),
        "stores": [SQLITE, POSTGRES] if cluster is not None else [SQLITE],
        "scenarios": {result.name: result.as_json() for result in results},
    }
    if cluster is None:
        report["postgres_skipped"] = skipped
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {args.output}")
    return 0


def _run(
    args: argparse.Namespace,
    names: Sequence[str],
    scale: Scale,
    host: dict,
    cluster: PostgresCluster | None,
) -> tuple[list[ScenarioResult], float]:
    """Run the scenarios ``names``; returns their results and the seconds taken."""
    line = (
        f"spark bench ({'quick' if args.quick else 'full'}, {scale.runs} runs):"
        f" {host['nproc']} x {host['cpu']}, Python {host['python']},"
        f" SQLite {host['sqlite']}, grpcio {host['grpcio']}"
    )
    if cluster is not None:
        pg = host["postgres"]
        line += (
            f"\n  PostgreSQL {pg['version']} ({pg['cluster']} cluster): fsync={pg['fsync']},"
            f" synchronous_commit={pg['synchronous_commit']},"
            f" full_page_writes={pg['full_page_writes']}, shared_buffers={pg['shared_buffers']}"
        )
    print(line, flush=True)
    clock = time.perf_counter()
    results: list[ScenarioResult] = []
    with tempfile.TemporaryDirectory(prefix="spark-bench-") as scratch:
        root = args.workdir or Path(scratch)
        root.mkdir(parents=True, exist_ok=True)
        workspace = Workspace(root, scale, postgres=cluster)
        for name in names:
            print(f"  {name} ...", end="", flush=True)
            begun = time.perf_counter()
            result = SCENARIOS[name](workspace)
            result.seconds = time.perf_counter() - begun
            print(f" {result.seconds:.0f} s", flush=True)
            results.append(result)
        if cluster is not None and cluster.root is None:  # not ours: leave it as found
            for url in workspace.postgres_databases:
                cluster.drop_database(url)
    return results, time.perf_counter() - clock
