"""Keeps the gRPC core's informational chatter (``Got goaway`` when a peer
closes a connection, tracer lines) out of the command line's stderr:
``GRPC_VERBOSITY=ERROR`` unless the environment says otherwise.

The core reads the variable when it loads, so this module is imported by
the command line before anything imports grpc; a library user's process is
left alone.
"""

from __future__ import annotations

import os

if not os.environ.get("GRPC_VERBOSITY"):  # unset or empty
    os.environ["GRPC_VERBOSITY"] = "ERROR"
