"""The server's log: text lines or JSON objects, one per line.

``configure(level, log_format)`` sets up the root logger on stderr. JSON
lines carry ``time``, ``level``, ``logger``, ``message`` and, for access log
lines, ``method``, ``code``, ``duration_ms``, ``peer`` and ``token``. The gRPC
core's connection chatter (``Got goaway``, ...) is kept out of the log.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Attributes of an access log record, and their names in a JSON line.
FIELDS = {
    "rpc_method": "method",
    "code": "code",
    "duration_ms": "duration_ms",
    "peer": "peer",
    "token_name": "token",
}
# Connection-level messages of the gRPC core: a client going away is not news.
CHATTER = ("Got goaway", "GOAWAY received", "Connection reset by peer")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for attribute, key in FIELDS.items():
            if hasattr(record, attribute):
                line[key] = getattr(record, attribute)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


class DropChatter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not any(text in message for text in CHATTER)


def configure(level: str, log_format: str = "TEXT") -> None:
    handler = logging.StreamHandler(sys.stderr)
    if log_format.upper() == "JSON":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter(TEXT_FORMAT))
    handler.addFilter(DropChatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
