# Spark Memory. `make run` and `make test` work on a fresh machine: each sets
# itself up first. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
GRPC_TOOLS_PROTO = $(shell $(PY) -c 'import grpc_tools, os; print(os.path.join(os.path.dirname(grpc_tools.__file__), "_proto"))')

# Node and Go: buf and protoc-gen-es (root package.json), the TypeScript client
# (clients/typescript) and the Go client (clients/go). The Go plugins are pinned
# here and installed into .tools/bin; keep protoc-gen-go on the
# google.golang.org/protobuf version of clients/go/go.mod.
NPM ?= npm
GO ?= go
BUF := node_modules/.bin/buf
TOOLS := .tools
PROTOC_GEN_GO_VERSION := v1.36.12
PROTOC_GEN_GO_GRPC_VERSION := v1.6.2
GO_TOOL_STAMPS := $(TOOLS)/protoc-gen-go@$(PROTOC_GEN_GO_VERSION) $(TOOLS)/protoc-gen-go-grpc@$(PROTOC_GEN_GO_GRPC_VERSION)
TS_DIR := clients/typescript
GO_DIR := clients/go

# A missing Node or Go toolchain skips that part with a warning, except in CI
# (CI=true), where it is an error. Use inside an `if`.
missing = echo "make: $(1) not found: skipping $(2)" >&2; if [ "$$CI" = true ]; then exit 1; fi

.PHONY: help setup setup-python run test test-python generate generate-python check-generated lint bench bench-quick clean
.PHONY: setup-node setup-go setup-postgres setup-browser screenshot generate-go generate-ts generate-buf breaking lint-proto lint-go lint-ts test-ts test-go

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

setup: setup-python setup-node setup-go setup-postgres setup-browser ## install everything the project needs (.venv, npm packages, Go modules, PostgreSQL, Chromium)

# The stamp is rebuilt when pyproject.toml changes, so `make setup` is cheap
# when nothing changed.
$(VENV)/.stamp: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check --upgrade pip
	$(PIP) install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

setup-python: $(VENV)/.stamp

# PostgreSQL binaries for the PostgreSQL store's tests (tests/pg.py starts a
# throwaway cluster from them). When none are found, Debian's `postgresql` is
# installed, as root or with password-less sudo; otherwise the tests say they
# are skipped (and fail in CI).
PG_FOUND = command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1
setup-postgres:
	@if $(PG_FOUND); then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=; \
	elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo -n"; \
	else $(call missing,PostgreSQL (and no root or sudo to install it),the PostgreSQL tests); exit 0; fi; \
	if ! command -v apt-get >/dev/null; then $(call missing,PostgreSQL (and apt-get),the PostgreSQL tests); exit 0; fi; \
	echo "make: installing Debian's postgresql for the PostgreSQL tests"; \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null && \
	( $(PG_FOUND) ) || { echo "make: installing postgresql failed" >&2; exit 1; }

# Chromium and its WebDriver for the live view's browser test
# (tests/operations/test_live_view.py, driven by Selenium): Debian's
# `chromium` and `chromium-driver` when missing, installed like PostgreSQL.
BROWSER_FOUND = command -v chromedriver >/dev/null && (command -v chromium >/dev/null || command -v chromium-browser >/dev/null)
setup-browser:
	@if $(BROWSER_FOUND); then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=; \
	elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo -n"; \
	else $(call missing,Chromium (and no root or sudo to install it),the browser test); exit 0; fi; \
	if ! command -v apt-get >/dev/null; then $(call missing,Chromium (and apt-get),the browser test); exit 0; fi; \
	echo "make: installing Debian's chromium and chromium-driver for the browser test"; \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null && \
	( $(BROWSER_FOUND) ) || { echo "make: installing chromium failed" >&2; exit 1; }

screenshot: setup ## retake docs/live-view.png with the browser test
	SPARK_SCREENSHOT=1 $(PY) -m pytest -q tests/operations/test_live_view.py

run: setup ## serve on the embedded SQLite default (data/spark.db, 127.0.0.1:50051)
	$(VENV)/bin/spark-grpc serve

test: setup ## run every test
	$(PY) -m pytest
	@$(MAKE) --no-print-directory test-ts test-go

generate-python: setup-python
	$(PY) -m grpc_tools.protoc -Ispark_grpc/gen=protos -I$(GRPC_TOOLS_PROTO) \
		--python_out=. --pyi_out=. --grpc_python_out=. protos/spark/v1/spark.proto

generate: generate-python generate-go generate-ts ## regenerate the code of every language from the proto

check-generated: generate ## fail if the committed generated code is stale
	@git add -N -- spark_grpc/gen clients >/dev/null 2>&1 || true
	@if ! git diff --exit-code --stat -- spark_grpc/gen clients; then \
		echo "generated code is stale: run 'make generate' and commit the result" >&2; exit 1; fi

lint: setup lint-proto lint-go lint-ts ## buf lint, buf format, ruff, go vet, tsc --noEmit
	$(VENV)/bin/ruff check spark_grpc tests bench
	$(VENV)/bin/ruff format --check spark_grpc tests bench

# The benchmarks start the real server on fresh databases (bench/README.md).
# Pass options with BENCH_ARGS, e.g. make bench BENCH_ARGS='--only query --markdown'.
BENCH_ARGS ?=
bench: setup-python ## run the benchmarks (a few minutes): table + bench/results/latest.json
	$(PY) -m bench $(BENCH_ARGS)

bench-quick: setup-python ## the benchmarks scaled down, under a minute (CI runs it)
	$(PY) -m bench --quick $(BENCH_ARGS)

clean: ## remove the virtualenv, node_modules and caches
	rm -rf $(VENV) $(TOOLS) node_modules clients/typescript/node_modules .pytest_cache .ruff_cache

# --- Node and Go -------------------------------------------------------------
# Each install step leaves a stamp, so `make setup` is quick when nothing changed.

setup-node: node_modules/.stamp $(TS_DIR)/node_modules/.stamp

node_modules/.stamp: package.json package-lock.json
	@if command -v $(NPM) >/dev/null; then \
		$(NPM) ci --no-audit --no-fund --loglevel=error && touch $@; \
	else $(call missing,npm,buf and protoc-gen-es); fi

$(TS_DIR)/node_modules/.stamp: $(TS_DIR)/package.json $(TS_DIR)/package-lock.json
	@if command -v $(NPM) >/dev/null; then \
		cd $(TS_DIR) && $(NPM) ci --no-audit --no-fund --loglevel=error && touch node_modules/.stamp; \
	else $(call missing,npm,the TypeScript client); fi

setup-go: $(GO_TOOL_STAMPS) $(TOOLS)/go-mod.stamp

$(TOOLS)/protoc-gen-go@%:
	@if command -v $(GO) >/dev/null; then \
		GOBIN=$(CURDIR)/$(TOOLS)/bin $(GO) install google.golang.org/protobuf/cmd/protoc-gen-go@$* && touch $@; \
	else $(call missing,go,protoc-gen-go); fi

$(TOOLS)/protoc-gen-go-grpc@%:
	@if command -v $(GO) >/dev/null; then \
		GOBIN=$(CURDIR)/$(TOOLS)/bin $(GO) install google.golang.org/grpc/cmd/protoc-gen-go-grpc@$* && touch $@; \
	else $(call missing,go,protoc-gen-go-grpc); fi

$(TOOLS)/go-mod.stamp: $(GO_DIR)/go.mod $(GO_DIR)/go.sum
	@if command -v $(GO) >/dev/null; then \
		(cd $(GO_DIR) && $(GO) mod download) && mkdir -p $(TOOLS) && touch $@; \
	else $(call missing,go,the Go client); fi

# buf.gen.yaml holds the Go and TypeScript plugins; one `buf generate` writes both.
generate-buf: setup-node setup-go
	$(BUF) generate

generate-go: generate-buf ## regenerate the Go client's code (clients/go/gen)
	@:

generate-ts: generate-buf ## regenerate the TypeScript client's code (clients/typescript/src/gen)
	@:

# `make breaking` compares protos/ with its previous version, so it means the
# same on a branch, on main and in CI (where HEAD is main): against HEAD when
# protos/ has uncommitted changes, otherwise against the parent of the last
# commit that changed protos/ (that commit must not break what came before).
# Compare with anything else by naming a buf input, e.g.
#   make breaking BREAKING_AGAINST='.git#branch=main,subdir=protos'
BREAKING_AGAINST ?=
breaking: setup-node ## buf breaking: protos/ against its previous version (BREAKING_AGAINST=... to choose)
	@set -e; against='$(BREAKING_AGAINST)'; \
	if [ -z "$$against" ]; then \
		if [ "$$(git rev-parse --is-shallow-repository)" = true ]; then \
			echo "make breaking: shallow clone, run 'git fetch --unshallow' first" >&2; exit 1; fi; \
		if ! git diff --quiet HEAD -- protos; then ref=HEAD; \
		else ref=$$(git rev-parse -q --verify "$$(git log -1 --format=%H -- protos)^" || true); fi; \
		if [ -z "$$ref" ] || [ -z "$$(git ls-tree -r --name-only "$$ref" -- protos)" ]; then \
			echo "make breaking: no earlier version of protos/ to compare with"; exit 0; fi; \
		tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
		git archive "$$ref" protos | tar -x -C "$$tmp"; \
		against="$$tmp/protos"; echo "buf breaking against protos/ at $$(git rev-parse --short "$$ref")"; \
	fi; \
	$(BUF) breaking --against "$$against"

lint-proto: setup-node
	$(BUF) lint
	$(BUF) format -d --exit-code

lint-go: setup-go
	@if command -v $(GO) >/dev/null; then \
		cd $(GO_DIR) && unformatted=$$(gofmt -l .) && \
		if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted" >&2; exit 1; fi && \
		$(GO) vet ./...; \
	else $(call missing,go,go vet); fi

lint-ts: setup-node
	@if command -v node >/dev/null; then \
		cd $(TS_DIR) && node_modules/.bin/tsc --noEmit; \
	else $(call missing,node,tsc --noEmit); fi

# `npm test` runs node --test on the files that clients/typescript/package.json
# lists: on Node 20, node --test without a file list runs nothing.
test-ts: setup ## TypeScript client tests (node --test) against a real server
	@if command -v node >/dev/null; then \
		cd $(TS_DIR) && $(NPM) test --silent; \
	else $(call missing,node,the TypeScript tests); fi

test-go: setup ## Go client tests (go test) against a real server
	@if command -v $(GO) >/dev/null; then \
		cd $(GO_DIR) && $(GO) test ./...; \
	else $(call missing,go,the Go tests); fi
