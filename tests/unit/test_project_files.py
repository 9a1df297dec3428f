"""The project's own files keep their promises: `make help` lists every
target, `make run` sets up only Python, the npm scripts point at files that
exist, and the package is licensed, versioned, typed and installable without
the PostgreSQL driver."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
from importlib import metadata

import spark_grpc
from tests.support import REPO

MAKEFILE = (REPO / "Makefile").read_text()


def targets() -> list[str]:
    return re.findall(r"^([a-z][a-z-]*):", MAKEFILE, flags=re.M)


def make(*args: str) -> str:
    done = subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout


def test_make_help_lists_every_target_and_every_phony_has_a_rule():
    listed = set(re.findall(r"^  make (\S+)", make("help"), flags=re.M))
    assert set(targets()) <= listed
    phony = {
        name
        for line in re.findall(r"^\.PHONY:(.*)$", MAKEFILE, flags=re.M)
        for name in line.split()
    }
    assert phony <= set(targets()), phony - set(targets())


def test_make_run_sets_up_python_only():
    # -n: print what would run; -B: as on a fresh clone, every step.
    commands = make("-n", "-B", "run")
    assert "spark-grpc serve" in commands and "pip install" in commands
    for other in ("npm", "go install", "go mod", "apt-get", "sudo"):
        assert other not in commands, other


def test_npm_scripts_name_files_that_exist():
    for package in (REPO / "package.json", REPO / "clients/typescript/package.json"):
        scripts = json.loads(package.read_text()).get("scripts", {})
        for name, command in scripts.items():
            for path in re.findall(r"\S+\.ts\b", command):
                assert (package.parent / path).is_file(), f"{package}: {name}: {path}"


def test_packaging():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    for requirement in project["dependencies"]:
        assert "==" not in requirement and ">=" in requirement and "<" in requirement, requirement
    assert not any("psycopg" in r for r in project["dependencies"])
    assert any(r.startswith("psycopg") for r in project["optional-dependencies"]["postgres"])
    assert "spark-grpc[postgres]" in project["optional-dependencies"]["dev"]
    assert "Apache License" in (REPO / "LICENSE").read_text()
    assert (REPO / "spark_grpc" / "py.typed").is_file()
    assert spark_grpc.__version__ == metadata.version("spark-grpc")
