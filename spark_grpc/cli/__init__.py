"""``spark-grpc``: serve the log, or talk to a running server
(``spark_grpc.cli.run`` has the commands and the parser)."""

from __future__ import annotations

import os
from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """The command line; nothing that loads gRPC is imported before this runs.

    gRPC core logs at its INFO level by default, e.g. a ``Got goaway`` line
    each time a Go or TypeScript client disconnects: keep core to its errors
    unless ``GRPC_VERBOSITY`` is set (core reads it once, when it loads)."""
    if not os.environ.get("GRPC_VERBOSITY"):  # unset or empty
        os.environ["GRPC_VERBOSITY"] = "ERROR"
    from spark_grpc.cli.run import run

    return run(argv)
