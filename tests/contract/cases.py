"""The contract cases: loading, `${...}` references, expectations.

A case file (cases/*.yaml) holds `description` and an ordered list of
`steps`, run against a fresh database. tests/contract/README.md documents the
step format; this module turns a step into the JSON line a driver executes
and judges the driver's answer. Drivers only execute: every judgement is made
here, once, for every language.
"""

from __future__ import annotations

import copy
import json
import math
import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
import yaml
from google.protobuf import json_format

from spark_grpc.gen.spark.v1 import spark_pb2

CASES = Path(__file__).resolve().parent / "cases"

# The response type of each RPC, used to normalise a driver's JSON answer.
RESPONSES = {
    name: getattr(spark_pb2, method.output_type.name)
    for name, method in spark_pb2.DESCRIPTOR.services_by_name[
        "SparkService"
    ].methods_by_name.items()
}
# What one item of a stream step is.
STREAM_ITEMS = {"ListEvents": spark_pb2.Event, "WatchMemories": spark_pb2.WatchMemoriesResponse}
STREAM_OPS = ("open", "next", "end", "close")
DEFAULT_STREAM_TIMEOUT_MS = 10_000
CODES = {code.value[0]: code.name for code in grpc.StatusCode}

_REFERENCE = re.compile(r"\$\{([^}]+)\}")


class CaseError(Exception):
    """A case file or a driver's answer is malformed (not a contract failure)."""


@dataclass
class Step:
    """One step of a case, as written in the case file."""

    number: int
    spec: dict[str, Any]

    @property
    def op(self) -> str:
        for op in STREAM_OPS:
            if op in self.spec:
                return op
        if "rpc" in self.spec:
            return "call"
        raise CaseError(f"step {self.number}: needs `rpc` or one of {STREAM_OPS}")

    @property
    def label(self) -> str:
        spec = self.spec
        op = self.op
        what = spec.get("rpc", "") if op == "call" else f"{op} {spec[op]}"
        note = f" ({spec['note']})" if "note" in spec else ""
        return f"step {self.number}: {what}{note}"


@dataclass
class Case:
    name: str
    description: str
    steps: list[Step]

    @classmethod
    def load(cls, path: Path) -> Case:
        doc = yaml.safe_load(path.read_text())
        if not isinstance(doc, dict) or not isinstance(doc.get("steps"), list):
            raise CaseError(f"{path.name}: expected a mapping with a `steps` list")
        steps = [Step(n, spec) for n, spec in enumerate(doc["steps"], 1)]
        return cls(path.stem, doc.get("description", ""), steps)


def case_files() -> list[Path]:
    return sorted(CASES.glob("*.yaml"))


# ── references: ${name}, ${name.path.0.field}, ${i} in repeated steps ────────


def lookup(values: dict[str, Any], reference: str) -> Any:
    name, *path = reference.split(".")
    if name not in values:
        raise CaseError(f"unknown reference ${{{reference}}}: saved so far {sorted(values)}")
    value = values[name]
    for part in path:
        if isinstance(value, list) and part.lstrip("-").isdigit():
            value = value[int(part)]
        elif isinstance(value, dict) and part in value:
            value = value[part]
        else:
            raise CaseError(f"${{{reference}}}: no `{part}` in {value!r}")
    return value


def substitute(template: Any, values: dict[str, Any]) -> Any:
    """Replace references: a string that is one reference takes the value as
    it is (any type); references inside a longer string are interpolated."""
    if isinstance(template, dict):
        return {key: substitute(item, values) for key, item in template.items()}
    if isinstance(template, list):
        return [substitute(item, values) for item in template]
    if isinstance(template, str):
        whole = _REFERENCE.fullmatch(template)
        if whole:
            return lookup(values, whole.group(1))
        return _REFERENCE.sub(lambda m: str(lookup(values, m.group(1))), template)
    return template


def expand(template: Any) -> Any:
    """Expand `{$repeat: N, item: {...}}` into a list of N items (`${i}` = 0..N-1)."""
    if isinstance(template, dict):
        if "$repeat" in template:
            return [_indexed(expand(template["item"]), i) for i in range(template["$repeat"])]
        return {key: expand(item) for key, item in template.items()}
    if isinstance(template, list):
        return [expand(item) for item in template]
    return template


def unrolled(step: Step) -> Iterator[dict[str, Any]]:
    """The step once, or `repeat: N` times with `${i}` set to 0..N-1."""
    times = step.spec.get("repeat")
    if times is None:
        yield step.spec
        return
    for i in range(times):
        spec = {key: item for key, item in step.spec.items() if key != "repeat"}
        yield _indexed(spec, i)


def _indexed(template: Any, i: int) -> Any:
    """`${i}` replaced by i, before other references are resolved."""
    if isinstance(template, dict):
        return {key: _indexed(item, i) for key, item in template.items()}
    if isinstance(template, list):
        return [_indexed(item, i) for item in template]
    if isinstance(template, str):
        return template.replace("${i}", str(i))
    return template


# ── the line a driver executes ───────────────────────────────────────────────


@dataclass
class Streams:
    """Which RPC each open stream of a run was started with."""

    rpcs: dict[str, str] = field(default_factory=dict)


def driver_step(spec: dict[str, Any], op: str, streams: Streams) -> dict[str, Any]:
    if op == "call":
        if spec["rpc"] not in RESPONSES:
            raise CaseError(f"unknown rpc {spec['rpc']}")
        if spec["rpc"] == "WatchMemories":
            raise CaseError("WatchMemories never ends: use `open`")
        return {"op": "call", "rpc": spec["rpc"], "request": spec.get("request", {})}
    name = spec[op]
    line: dict[str, Any] = {"op": op, "stream": name}
    if op == "open":
        if spec.get("rpc") not in STREAM_ITEMS:
            raise CaseError(f"open {name}: rpc must be one of {sorted(STREAM_ITEMS)}")
        streams.rpcs[name] = spec["rpc"]
        line.update(rpc=spec["rpc"], request=spec.get("request", {}))
    elif name not in streams.rpcs:
        raise CaseError(f"{op} {name}: no such stream was opened")
    if op == "next":
        line["count"] = spec.get("count", 1)
    if op in ("open", "next", "end"):
        line["timeout_ms"] = spec.get("timeout_ms", DEFAULT_STREAM_TIMEOUT_MS)
    return line


# ── normalising and judging the answer ───────────────────────────────────────


def as_dict(message) -> dict[str, Any]:
    return json_format.MessageToDict(
        message, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
    )


def normalise(answer: dict[str, Any], line: dict[str, Any], streams: Streams) -> dict[str, Any]:
    """Parse a driver's answer with the Python protobuf runtime, so that every
    language's JSON (camelCase or not, timestamp precision, defaults left out)
    compares the same. Errors become {"error": {"code": NAME, "message": ...}}."""
    if "driver_error" in answer:
        raise CaseError(f"the driver failed: {answer['driver_error']}")
    if "error" in answer:
        error = answer["error"]
        return {
            "error": {
                "code": CODES.get(error["code"], str(error["code"])),
                "message": error.get("message", ""),
            }
        }
    response = answer.get("response")
    if not isinstance(response, dict):
        raise CaseError(f"the driver answered neither response nor error: {answer!r}")
    try:
        if line["op"] == "call":
            return as_dict(json_format.ParseDict(response, RESPONSES[line["rpc"]]()))
        item_type = STREAM_ITEMS[streams.rpcs[line["stream"]]]
        return {
            "items": [
                as_dict(json_format.ParseDict(item, item_type()))
                for item in response.get("items", [])
            ],
            "caught_up": bool(response.get("caught_up", False)),
            "ended": bool(response.get("ended", False)),
            "timed_out": bool(response.get("timed_out", False)),
        }
    except json_format.ParseError as exc:
        raise CaseError(
            f"the driver's answer is not valid proto3 JSON: {exc}: {response!r}"
        ) from exc


def judge(spec: dict[str, Any], result: dict[str, Any]) -> list[str]:
    """The ways `result` departs from the step's expectation (empty: it meets it)."""
    expected_error = spec.get("expect_error")
    if expected_error is not None:
        if isinstance(expected_error, str):
            expected_error = {"code": expected_error}
        error = result.get("error")
        if error is None:
            return [f"expected error {expected_error['code']}, got a response: {_short(result)}"]
        problems = []
        if error["code"] != expected_error["code"]:
            problems.append(
                f"expected {expected_error['code']}, got {error['code']}: {error['message']}"
            )
        for part in _listed(expected_error.get("contains")):
            if part not in error["message"]:
                problems.append(f"error message {error['message']!r} does not mention {part!r}")
        return problems
    if "error" in result:
        return [f"unexpected error {result['error']['code']}: {result['error']['message']}"]
    if "expect" in spec:
        return match(spec["expect"], result)
    return []


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _short(value: Any, limit: int = 600) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[:limit] + "..."


def match(expected: Any, actual: Any, path: str = "$") -> list[str]:
    """Subset match: objects need the listed keys only, lists need the same
    length and each item matching in order, numbers compare as numbers
    (int64 arrives as text), `$`-operators test a value (see the README)."""
    if isinstance(expected, dict) and any(key.startswith("$") for key in expected):
        return _operators(expected, actual, path)
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected an object, got {_short(actual)}"]
        problems = []
        for key, item in expected.items():
            if isinstance(item, dict) and item.get("$absent"):
                if key in actual:
                    problems.append(f"{path}.{key}: expected absent, got {_short(actual[key])}")
            elif key not in actual:
                problems.append(f"{path}.{key}: missing in {_short(actual)}")
            else:
                problems += match(item, actual[key], f"{path}.{key}")
        return problems
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [f"{path}: expected a list, got {_short(actual)}"]
        if len(actual) != len(expected):
            return [f"{path}: expected {len(expected)} items, got {len(actual)}: {_short(actual)}"]
        problems = []
        for n, (want, got) in enumerate(zip(expected, actual, strict=True)):
            problems += match(want, got, f"{path}[{n}]")
        return problems
    if not _equal(expected, actual):
        return [f"{path}: expected {_short(expected)}, got {_short(actual)}"]
    return []


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _equal(expected: Any, actual: Any) -> bool:
    if isinstance(expected, int | float) and not isinstance(expected, bool):
        got = _number(actual)
        return got is not None and math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-12)
    return expected == actual


_COMPARISONS = {"$gt": operator.gt, "$gte": operator.ge, "$lt": operator.lt, "$lte": operator.le}


def _operators(expected: dict[str, Any], actual: Any, path: str) -> list[str]:
    problems = []
    for op, operand in expected.items():
        number = _number(actual)
        if op == "$len":
            if not isinstance(actual, list) or len(actual) != operand:
                size = len(actual) if isinstance(actual, list) else "not a list"
                problems.append(f"{path}: expected {operand} items, got {size}")
        elif op in _COMPARISONS:
            bound = _number(operand)
            if number is None or bound is None or not _COMPARISONS[op](number, bound):
                problems.append(f"{path}: expected {op[1:]} {operand}, got {_short(actual)}")
        elif op == "$ne":
            if _equal(operand, actual):
                problems.append(f"{path}: expected anything but {_short(operand)}")
        elif op == "$contains":
            if not isinstance(actual, str) or str(operand) not in actual:
                problems.append(
                    f"{path}: expected text containing {operand!r}, got {_short(actual)}"
                )
        elif op == "$json":
            try:
                parsed = json.loads(actual)
            except (TypeError, ValueError):
                problems.append(f"{path}: expected JSON text, got {_short(actual)}")
                continue
            problems += match(operand, parsed, f"{path}<json>")
        elif op == "$absent":
            problems.append(f"{path}: $absent applies to an object's key")
        else:
            raise CaseError(f"{path}: unknown operator {op}")
    return problems


def saved(spec: dict[str, Any], result: dict[str, Any], values: dict[str, Any]) -> None:
    """Record the step's `save: {name: path}` values from its result."""
    for name, path in (spec.get("save") or {}).items():
        values[name] = copy.deepcopy(lookup({"$": result}, f"$.{path}" if path else "$"))
