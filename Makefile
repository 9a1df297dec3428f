# Spark Memory. `make run` and `make test` work on a fresh machine: each sets
# itself up first. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
GRPC_TOOLS_PROTO = $(shell $(PY) -c 'import grpc_tools, os; print(os.path.join(os.path.dirname(grpc_tools.__file__), "_proto"))')

.PHONY: help setup setup-python run test test-python generate generate-python check-generated lint bench bench-quick clean

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

setup: setup-python ## install everything the project needs (.venv, npm packages, Go modules)

# The stamp is rebuilt when pyproject.toml changes, so `make setup` is cheap
# when nothing changed.
$(VENV)/.stamp: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check --upgrade pip
	$(PIP) install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

setup-python: $(VENV)/.stamp

run: setup ## serve on the embedded SQLite default (data/spark.db, 127.0.0.1:50051)
	$(VENV)/bin/spark-grpc serve

test: setup ## run every test
	$(PY) -m pytest

generate-python: setup-python
	$(PY) -m grpc_tools.protoc -Ispark_grpc/gen=protos -I$(GRPC_TOOLS_PROTO) \
		--python_out=. --pyi_out=. --grpc_python_out=. protos/spark/v1/spark.proto

generate: generate-python ## regenerate the code of every language from the proto

check-generated: generate ## fail if the committed generated code is stale
	@git add -N . >/dev/null 2>&1 || true
	@if ! git diff --exit-code --stat -- spark_grpc/gen clients; then \
		echo "generated code is stale: run 'make generate' and commit the result" >&2; exit 1; fi

lint: setup ## buf lint, buf format and ruff
	$(VENV)/bin/ruff check spark_grpc tests bench
	$(VENV)/bin/ruff format --check spark_grpc tests bench

clean: ## remove the virtualenv, node_modules and caches
	rm -rf $(VENV) node_modules clients/typescript/node_modules .pytest_cache .ruff_cache
