# SMPP Console: build, run, lint and test entry points. `make test` is what CI runs
# (through .ci/run). The app crate embeds ui/dist at compile time, so the `ui` target runs
# before anything that compiles the workspace (build, clippy, tests).

CARGO ?= cargo
NPM ?= npm

# Where cargo puts its output; honours CARGO_TARGET_DIR like cargo does.
TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
# tests/interop/smpp34-bench (peers on the third-party smpp34 crate; its own Cargo project,
# outside the workspace) builds here; tests/src/lib.rs and scripts/bench-clients.sh use the
# same rule.
SMPP34_TARGET_DIR ?= $(TARGET_DIR)/smpp34-bench
# Scratch HOME-like dirs for the test run, so GTK/WebKit/keyring write nothing to $HOME.
TEST_HOME := $(TARGET_DIR)/test-home

HAVE_NEXTEST := $(shell $(CARGO) nextest --version >/dev/null 2>&1 && echo yes)
ifeq ($(HAVE_NEXTEST),yes)
RUST_TESTS := $(CARGO) nextest run --workspace && $(CARGO) test --workspace --doc
else
RUST_TESTS := $(CARGO) test --workspace
endif

# Inside the private D-Bus session: a scratch gnome-keyring (Secret Service) unlocked for the
# credential tests (scripts/test-session.sh), then every Rust test (the end-to-end ones use the
# Xvfb display).

.PHONY: all deps ui build run lint fmt bindings test clean-test-home interop-bins

all: build

## Install system packages, tauri-driver and npm packages (idempotent).
deps:
	bash scripts/bootstrap.sh

## Build the front end into ui/dist (embedded by the app at compile time).
ui:
	cd ui && $(NPM) run build

## Build the whole workspace, tests included.
build: deps ui
	$(CARGO) build --workspace --all-targets

## Launch the app against its built-in simulator.
run: deps ui
	$(CARGO) run -p smpp-console

## Formatting, clippy (warnings are errors), svelte-check and eslint.
lint: deps ui
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	cd ui && $(NPM) run check
	cd ui && $(NPM) run lint

## Format the Rust code.
fmt:
	$(CARGO) fmt --all

## Regenerate the UI's TypeScript types (ui/src/lib/bindings) from the Rust types (ts-rs).
bindings:
	UPDATE_BINDINGS=1 $(CARGO) test -p console-core --test bindings

## Build the smpp34 interop peers (smpp34-smsc, smpp34-bench) for tests/tests/interop_smpp34.rs
## (about a minute from cold in release on 2 cores; downloads its crates the first time).
interop-bins:
	CARGO_TARGET_DIR=$(SMPP34_TARGET_DIR) $(CARGO) build --release --manifest-path tests/interop/smpp34-bench/Cargo.toml

clean-test-home:
	rm -rf $(TEST_HOME)
	mkdir -p $(TEST_HOME)/data $(TEST_HOME)/cache $(TEST_HOME)/config

## Everything CI checks: lint, UI unit tests, then all Rust tests (unit, interop with
## node-smpp and smpp34, end-to-end in the real window) under Xvfb and a private D-Bus session.
test: deps ui lint
	cd ui && $(NPM) run test
	$(CARGO) build --workspace --all-targets
	$(MAKE) interop-bins
	$(MAKE) clean-test-home
	SMPP34_TARGET_DIR=$(SMPP34_TARGET_DIR) XDG_DATA_HOME=$(TEST_HOME)/data XDG_CACHE_HOME=$(TEST_HOME)/cache XDG_CONFIG_HOME=$(TEST_HOME)/config \
		xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- sh scripts/test-session.sh '$(RUST_TESTS)'
