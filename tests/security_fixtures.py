"""Bearer tokens for tests that run the server with a tokens file.

``TOKENS`` holds one token per role; ``write_tokens(path)`` writes them as a
tokens file (``TOKEN NAME ROLE`` lines, mode 0600) for ``--tokens-file``.
Certificates for TLS are in tests/certificates.py.
"""

from __future__ import annotations

from pathlib import Path

from spark_grpc.api.auth import Role

TOKENS = {
    Role.READ: "read-token-0123456789abcdef",
    Role.WRITE: "write-token-0123456789abcdef",
    Role.ADMIN: "admin-token-0123456789abcdef",
}


def write_tokens(path: Path) -> str:
    lines = ["# token name role"] + [
        f"{token} {role}-caller {role}" for role, token in TOKENS.items()
    ]
    path.write_text("\n".join(lines) + "\n")
    path.chmod(0o600)
    return str(path)
