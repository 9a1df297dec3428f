# Spark Memory. `make run` and `make test` work on a fresh machine: each sets
# itself up first. `make run` needs only Python (it creates .venv); `make test`
# also installs the npm packages and Go modules of the TypeScript and Go
# clients, and PostgreSQL for its tests (a system package: said before it is
# installed, and only as root or with password-less sudo). `make help` lists
# every target.
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
# Rust: clients/rust (a cargo workspace: the crate and its codegen/). The
# target dir is outside the clone so that a fresh clone reuses the build (a
# cold one takes minutes on 2 cores); tests/contract uses the same default.
CARGO ?= cargo
RUST_DIR := clients/rust
CARGO_TARGET_DIR ?= $(HOME)/.cache/spark-memory/rust-target
RUST_CARGO = cd $(CURDIR)/$(RUST_DIR) && CARGO_TARGET_DIR=$(CARGO_TARGET_DIR) $(CARGO)

# A missing Node or Go toolchain skips that part with a warning, except in CI
# (CI=true), where it is an error. Use inside an `if`.
missing = echo "make: $(1) not found: skipping $(2)" >&2; if [ "$$CI" = true ]; then exit 1; fi

.PHONY: help setup setup-python run test test-python generate generate-python check-generated lint lint-python bench bench-quick clean
.PHONY: setup-node setup-go setup-postgres setup-browser screenshot generate-go generate-ts generate-buf breaking lint-proto lint-go lint-ts test-ts test-go
.PHONY: setup-rust generate-rust lint-rust test-rust setup-java generate-java lint-java test-java

help: ## list every target
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

setup: setup-python setup-node setup-go setup-rust setup-java setup-postgres setup-browser ## install everything the project needs (.venv, npm packages, Go modules, Rust crates, Maven modules, PostgreSQL, Chromium)

# The stamp is rebuilt when pyproject.toml changes, so `make setup` is cheap
# when nothing changed.
$(VENV)/.stamp: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check --upgrade pip
	$(PIP) install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

setup-python: $(VENV)/.stamp ## create .venv and install the package with its dev tools (Python only)

# PostgreSQL binaries for the PostgreSQL store's tests (tests/pg.py starts a
# throwaway cluster from them). When none are found, Debian's `postgresql` is
# installed, as root or with password-less sudo; otherwise the tests say they
# are skipped (and fail in CI).
PG_FOUND = command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1
setup-postgres: ## install Debian's postgresql for the PostgreSQL tests, unless found (a system package)
	@if $(PG_FOUND); then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=; \
	elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo -n"; \
	else $(call missing,PostgreSQL (and no root or sudo to install it),the PostgreSQL tests); exit 0; fi; \
	if ! command -v apt-get >/dev/null; then $(call missing,PostgreSQL (and apt-get),the PostgreSQL tests); exit 0; fi; \
	echo "make: installing the system package postgresql (apt-get, as $$(id -un)) for the PostgreSQL tests;" \
		"skip it with 'make test-python' or install PostgreSQL yourself"; \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null && \
	( $(PG_FOUND) ) || { echo "make: installing postgresql failed" >&2; exit 1; }

# Chromium and its WebDriver for the live view's browser test
# (tests/operations/test_live_view.py, driven by Selenium): Debian's
# `chromium` and `chromium-driver` when missing, installed like PostgreSQL.
BROWSER_FOUND = command -v chromedriver >/dev/null && (command -v chromium >/dev/null || command -v chromium-browser >/dev/null)
setup-browser: ## install Debian's chromium and chromium-driver for the browser test, when missing
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

run: setup-python ## serve on the embedded SQLite default (data/spark.db, 127.0.0.1:50051); Python only
	$(VENV)/bin/spark-grpc serve

test: setup ## set up everything, then run every test (Python with the contract suite, TypeScript, Go, Rust, Java)
	@$(MAKE) --no-print-directory test-python test-ts test-go test-rust test-java

test-python: setup-python ## the Python tests (unit, integration, reliability, contract, postgres)
	$(PY) -m pytest

generate-python: setup-python ## regenerate the Python code (spark_grpc/gen)
	$(PY) -m grpc_tools.protoc -Ispark_grpc/gen=protos -I$(GRPC_TOOLS_PROTO) \
		--python_out=. --pyi_out=. --grpc_python_out=. protos/spark/v1/spark.proto

generate: generate-python generate-go generate-ts generate-rust generate-java ## regenerate the code of every language from the proto

check-generated: generate ## fail if the committed generated code is stale
	@git add -N -- spark_grpc/gen clients >/dev/null 2>&1 || true
	@if ! git diff --exit-code --stat -- spark_grpc/gen clients; then \
		echo "generated code is stale: run 'make generate' and commit the result" >&2; exit 1; fi

lint: setup lint-python lint-proto lint-go lint-ts lint-rust lint-java ## ruff, mypy, buf lint and format, gofmt and go vet, tsc --noEmit, cargo fmt + clippy, javac -Xlint

# mypy --strict on the examples type-checks the Python clients they use.
lint-python: setup-python ## ruff check and format, mypy --strict on examples/
	$(VENV)/bin/ruff check spark_grpc tests bench examples
	$(VENV)/bin/ruff format --check spark_grpc tests bench examples
	$(VENV)/bin/mypy --strict examples

# The benchmarks start the real server on fresh databases (bench/README.md).
# Pass options with BENCH_ARGS, e.g. make bench BENCH_ARGS='--only query --markdown'.
BENCH_ARGS ?=
bench: setup-python ## run the benchmarks (a few minutes): table + bench/results/latest.json
	$(PY) -m bench $(BENCH_ARGS)

bench-quick: setup-python ## the benchmarks scaled down, under a minute (CI runs it)
	$(PY) -m bench --quick $(BENCH_ARGS)

clean: ## remove the virtualenv, node_modules and caches
	rm -rf $(VENV) $(TOOLS) node_modules clients/typescript/node_modules clients/java/target .pytest_cache .ruff_cache

# --- Node and Go -------------------------------------------------------------
# Each install step leaves a stamp, so `make setup` is quick when nothing changed.

setup-node: node_modules/.stamp $(TS_DIR)/node_modules/.stamp ## npm packages: buf, protoc-gen-es, the TypeScript client's

node_modules/.stamp: package.json package-lock.json
	@if command -v $(NPM) >/dev/null; then \
		$(NPM) ci --no-audit --no-fund --loglevel=error && touch $@; \
	else $(call missing,npm,buf and protoc-gen-es); fi

$(TS_DIR)/node_modules/.stamp: $(TS_DIR)/package.json $(TS_DIR)/package-lock.json
	@if command -v $(NPM) >/dev/null; then \
		cd $(TS_DIR) && $(NPM) ci --no-audit --no-fund --loglevel=error && touch node_modules/.stamp; \
	else $(call missing,npm,the TypeScript client); fi

setup-go: $(GO_TOOL_STAMPS) $(TOOLS)/go-mod.stamp ## the Go plugins (.tools/bin) and the Go client's modules

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
generate-buf: setup-node setup-go ## regenerate the Go and TypeScript code (one buf generate)
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

lint-proto: setup-node ## buf lint and buf format of protos/
	$(BUF) lint
	$(BUF) format -d --exit-code

lint-go: setup-go ## gofmt and go vet of the Go client
	@if command -v $(GO) >/dev/null; then \
		cd $(GO_DIR) && unformatted=$$(gofmt -l .) && \
		if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted" >&2; exit 1; fi && \
		$(GO) vet ./...; \
	else $(call missing,go,go vet); fi

lint-ts: setup-node ## tsc --noEmit of the TypeScript client
	@if command -v node >/dev/null; then \
		cd $(TS_DIR) && node_modules/.bin/tsc --noEmit; \
	else $(call missing,node,tsc --noEmit); fi

# `npm test` runs node --test on the files that clients/typescript/package.json
# lists: on Node 20, node --test without a file list runs nothing.
test-ts: setup-python setup-node ## TypeScript client tests (node --test) against a real server
	@if command -v node >/dev/null; then \
		cd $(TS_DIR) && $(NPM) test --silent; \
	else $(call missing,node,the TypeScript tests); fi

test-go: setup-python setup-go ## Go client tests (go test) against a real server
	@if command -v $(GO) >/dev/null; then \
		cd $(GO_DIR) && $(GO) test ./...; \
	else $(call missing,go,the Go tests); fi

# --- Rust ----------------------------------------------------------------------

setup-rust: ## fetch the Rust client's crates (cargo fetch, as pinned by Cargo.lock)
	@if command -v $(CARGO) >/dev/null; then \
		$(RUST_CARGO) fetch --locked; \
	else $(call missing,cargo,the Rust client); fi

# codegen/ runs protoc (from protoc-bin-vendored), tonic-prost-build and
# pbjson-build, all pinned, and writes clients/rust/src/generated.
generate-rust: ## regenerate the Rust client's code (clients/rust/src/generated)
	@if command -v $(CARGO) >/dev/null; then \
		$(RUST_CARGO) run --quiet --locked -p spark-memory-codegen; \
	else $(call missing,cargo,generate-rust); fi

lint-rust: ## cargo fmt --check and cargo clippy -D warnings on the Rust client
	@if command -v $(CARGO) >/dev/null; then \
		$(RUST_CARGO) fmt --all --check && \
		$(RUST_CARGO) clippy --locked --workspace --all-targets -- -D warnings; \
	else $(call missing,cargo,cargo fmt and clippy); fi

test-rust: setup ## Rust client tests (cargo test) against a real server
	@if command -v $(CARGO) >/dev/null; then \
		$(RUST_CARGO) test --locked; \
	else $(call missing,cargo,the Rust tests); fi
# --- Java --------------------------------------------------------------------
# clients/java is a Maven module (Java 17, Maven 3.8 or newer); its
# dependencies go to Maven's own cache (~/.m2), outside the clone. The code
# generators are Maven artifacts too, pinned here and copied into .tools:
# protoc of the release that grpcio-tools bundles (pyproject.toml; its own
# protoc has no Java generator), so that Python and Java come from the same
# protoc release, and protoc-gen-grpc-java (1.83.1 is the newest binary served;
# its code runs on grpc-java 1.85). The Java runtime (protobuf.version in
# clients/java/pom.xml) must be at least PROTOC_JAVA_VERSION.
MVN ?= mvn
MVN_FLAGS ?= -B -ntp
JAVA_DIR := clients/java
PROTOC_JAVA_VERSION := 4.35.1
PROTOC_GEN_GRPC_JAVA_VERSION := 1.83.1
MAVEN_DEPENDENCY_PLUGIN := org.apache.maven.plugins:maven-dependency-plugin:3.11.0
# The classifier of the generator binaries: linux-x86_64, osx-aarch_64, ...
JAVA_PLATFORM := $(shell uname -s | sed 's/^Linux$$/linux/;s/^Darwin$$/osx/')-$(shell uname -m | sed 's/^aarch64$$/aarch_64/;s/^arm64$$/aarch_64/')
PROTOC_JAVA := $(TOOLS)/protoc-$(PROTOC_JAVA_VERSION)
PROTOC_GEN_GRPC_JAVA := $(TOOLS)/protoc-gen-grpc-java-$(PROTOC_GEN_GRPC_JAVA_VERSION)

setup-java: $(TOOLS)/java-deps.stamp $(PROTOC_JAVA) $(PROTOC_GEN_GRPC_JAVA) ## resolve the Java client's Maven dependencies (~/.m2) and its code generators (.tools)

# go-offline alone misses what Maven resolves only when a plugin runs (surefire's
# plexus-utils); a build without the tests fetches the rest, so that `mvn -o test`
# works afterwards.
$(TOOLS)/java-deps.stamp: $(JAVA_DIR)/pom.xml
	@if command -v $(MVN) >/dev/null; then \
		(cd $(JAVA_DIR) && $(MVN) $(MVN_FLAGS) -q dependency:go-offline package -DskipTests) && \
		mkdir -p $(TOOLS) && touch $@; \
	else $(call missing,mvn,the Java client); fi

# $(call maven_exe,group:artifact:version,file): copy a native binary from Maven Central.
maven_exe = if command -v $(MVN) >/dev/null; then \
		tmp=$$(mktemp -d) && \
		$(MVN) $(MVN_FLAGS) -q $(MAVEN_DEPENDENCY_PLUGIN):copy -Dartifact=$(1):exe:$(JAVA_PLATFORM) -DoutputDirectory=$$tmp && \
		mkdir -p $(TOOLS) && install -m 755 $$tmp/*.exe $(2) && rm -rf $$tmp; \
	else $(call missing,mvn,$(2)); fi

$(PROTOC_JAVA):
	@$(call maven_exe,com.google.protobuf:protoc:$(PROTOC_JAVA_VERSION),$@)

$(PROTOC_GEN_GRPC_JAVA):
	@$(call maven_exe,io.grpc:protoc-gen-grpc-java:$(PROTOC_GEN_GRPC_JAVA_VERSION),$@)

generate-java: setup-python $(PROTOC_JAVA) $(PROTOC_GEN_GRPC_JAVA) ## regenerate the Java client's code (clients/java/src/generated)
	@if [ -x $(PROTOC_JAVA) ] && [ -x $(PROTOC_GEN_GRPC_JAVA) ]; then \
		python_protoc=$$($(PY) -m grpc_tools.protoc --version); java_protoc=$$($(PROTOC_JAVA) --version); \
		if [ "$$python_protoc" != "$$java_protoc" ]; then \
			echo "make: warning: Java is generated by $$java_protoc, Python by $$python_protoc: update PROTOC_JAVA_VERSION" >&2; fi; \
		$(JAVA_DIR)/generate.sh $(PROTOC_JAVA) $(PROTOC_GEN_GRPC_JAVA) $(GRPC_TOOLS_PROTO); \
	else $(call missing,protoc for Java (mvn),generate-java); fi

# Compiles main, test, contract and example sources with -Xlint:all, warnings as
# errors, into a build dir of its own: classes compiled there without -Werror
# would count as up to date and hide their warnings.
lint-java: setup-java ## javac -Xlint:all on the Java client, warnings as errors
	@if command -v $(MVN) >/dev/null; then \
		cd $(JAVA_DIR) && $(MVN) $(MVN_FLAGS) -q test-compile -Dmaven.compiler.failOnWarning=true \
			-Dspark.buildDirectory=$(CURDIR)/$(JAVA_DIR)/target/lint; \
	else $(call missing,mvn,javac -Xlint); fi

test-java: setup ## Java client tests (mvn test, JUnit 5) against a real server
	@if command -v $(MVN) >/dev/null && command -v java >/dev/null; then \
		cd $(JAVA_DIR) && $(MVN) $(MVN_FLAGS) test; \
	else $(call missing,mvn or java,the Java tests); fi
