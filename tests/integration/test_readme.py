"""The README and docs do what they say: their Python blocks and `spark-grpc`
command lines run against a real server (the README's default address
replaced by the test server's), the examples run, the Go client's install
step builds a module, and every flag the docs name exists."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from spark_grpc.cli.run import build_parser
from tests.support import REPO, ServerProcess

README = (REPO / "README.md").read_text()
DEFAULT_ADDRESS = "127.0.0.1:50051"
SCRIPT_DIR = Path(sys.executable).parent


def blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.S | re.M)


def command_lines(block: str) -> Iterator[str]:
    """The block's commands, continuation lines joined."""
    for line in block.replace("\\\n", " ").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            yield line.strip()


def runnable(line: str) -> bool:
    """A spark-grpc client command that ends by itself."""
    words = shlex.split(line, comments=True)
    if not words or Path(words[0]).name != "spark-grpc":
        return False
    if len(words) > 1 and words[1] in ("serve", "token"):
        return False
    return not (("--follow" in words or words[1:2] == ["watch"]) and "--limit" not in words)


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[ServerProcess]:
    with ServerProcess(tmp_path_factory.mktemp("readme") / "spark.db") as server:
        yield server
        server.terminate()


def env_for(served: ServerProcess) -> dict[str, str]:
    return {
        **os.environ,
        "SPARK_GRPC_ADDR": served.address,
        "PATH": f"{SCRIPT_DIR}{os.pathsep}{os.environ.get('PATH', '')}",
    }


def test_the_readme_has_what_this_test_runs():
    assert len(blocks(README, "python")) >= 3
    lines = [line for block in blocks(README, "sh") for line in command_lines(block)]
    assert sum(runnable(line) for line in lines) >= 10
    assert any(line.startswith(".venv/bin/spark-grpc record") for line in lines)


@pytest.mark.parametrize("number", range(len(blocks(README, "python"))))
def test_readme_python_blocks_run(served, number):
    code = blocks(README, "python")[number].replace(DEFAULT_ADDRESS, served.address)
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env=env_for(served),
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_readme_command_lines_run(served):
    lines = [
        line for block in blocks(README, "sh") for line in command_lines(block) if runnable(line)
    ]
    for line in lines:
        command = line.replace(".venv/bin/spark-grpc", str(SCRIPT_DIR / "spark-grpc"), 1)
        done = subprocess.run(
            ["bash", "-c", command],
            capture_output=True,
            text=True,
            timeout=60,
            env=env_for(served),
            cwd=REPO,
        )
        assert done.returncode == 0, (line, done.stderr)
        assert done.stderr == "", (line, done.stderr)


@pytest.mark.parametrize("example", sorted((REPO / "examples").glob("*.py")), ids=lambda p: p.name)
def test_examples_run(served, example):
    done = subprocess.run(
        [sys.executable, str(example), served.address],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout


@pytest.mark.skipif(
    shutil.which("go") is None and os.environ.get("CI") != "true", reason="go not found"
)
def test_the_go_clients_install_step_builds_a_module(tmp_path):
    go_readme = (REPO / "clients/go/README.md").read_text()
    [install] = [b for b in blocks(go_readme, "sh") if "go mod edit" in b]
    module = tmp_path / "app"
    module.mkdir()
    (module / "main.go").write_text(
        'package main\n\nimport (\n\t"fmt"\n\n\tspark "github.com/spark-memory/spark/clients/go"\n)'
        "\n\nfunc main() { fmt.Println(spark.Dial != nil) }\n"
    )
    env = {**os.environ, "GOFLAGS": "-mod=mod"}

    def run(command: str) -> None:
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=module,
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        assert done.returncode == 0, (command, done.stderr)

    run("go mod init example.com/app")
    for line in command_lines(install):
        run(line.replace("/path/to/spark-memory", str(REPO)))
    run("go build -o app . && ./app")


# Flags of other tools that the docs show.
OTHER_TOOLS = {
    "--protocol",  # buf curl
    "--http2-prior-knowledge",
    "--list-methods",
    "--import",  # node
    "--test",
    "--strict",  # mypy
}


def spark_grpc_flags() -> set[str]:
    top, commands = build_parser()
    return {
        option
        for parser in (top, *commands.values())
        for action in parser._actions  # noqa: SLF001
        for option in action.option_strings
    }


@pytest.mark.parametrize(
    "doc", ["README.md", "docs/POSTGRES.md", "docs/SECURITY.md"], ids=lambda d: d
)
def test_every_flag_the_docs_name_exists(doc):
    text = (REPO / doc).read_text()
    named = set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*[a-z0-9]", text))
    unknown = named - spark_grpc_flags() - OTHER_TOOLS
    assert not unknown, f"{doc} names flags that spark-grpc does not have: {sorted(unknown)}"
