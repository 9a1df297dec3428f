"""Reading an event's `data` payload, tolerantly.

An event's data is meant to be a JSON object as text, but rows written by the
seed module (or by careless callers) may hold anything: invalid JSON, a JSON
array or number, numbers too long to parse. The rules must never fail on such
rows, so they read data only through these two functions.
"""

from __future__ import annotations

import json
import numbers
from typing import Any, TypeGuard


def parse_event_data(text: object) -> dict[str, Any]:
    """The event data as a dict; `{}` when it is not text holding a JSON object.

    Invalid JSON, a JSON value other than an object, nesting too deep to parse
    and integers longer than Python's digit limit all give `{}`.
    """
    if not isinstance(text, str | bytes | bytearray):
        return {}
    try:
        value = json.loads(text)
    except (ValueError, TypeError, RecursionError):
        # ValueError covers JSONDecodeError, bad UTF-8 in bytes and the
        # integer digit limit.
        return {}
    return value if isinstance(value, dict) else {}


def is_real_number(value: object) -> TypeGuard[numbers.Real]:
    """True for an int or float (including NaN and infinities), False for bool.

    JSON `true`/`false` parse to bool, which Python counts as an int; a flag is
    not an amount, so bool is excluded.
    """
    return isinstance(value, numbers.Real) and not isinstance(value, bool)
