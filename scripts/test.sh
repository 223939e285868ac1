#!/usr/bin/env bash
# Runs Outpost's whole test suite: Rust (format, lint, unit and integration tests), the UI (type
# check, lint, unit tests), browser tests in headless Chromium against the real backend, and the
# desktop tests in the real Tauri window under Xvfb. Installs what it needs first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$(repo_root)
cd "$root"
started=$(date +%s)
steps=0
step() {
  local name=$1
  shift
  say "$name"
  local t0
  t0=$(date +%s)
  "$@"
  steps=$((steps + 1))
  echo "    ($name: $(($(date +%s) - t0)) s)"
}

step "system packages" bash scripts/install-system-deps.sh
need_node
need_rust_components
cargo_tool cargo-nextest cargo-nextest 0.9.143
cargo_tool tauri-driver tauri-driver 2.1.0
python_module icalendar icalendar==7.3.2
# Installed above, so the check that another program reads our .ics export may not skip itself.
export OUTPOST_REQUIRE_PYTHON_ICALENDAR=1
# ical.js (Thunderbird's parser) for the interop tests that read the exports back; libical
# (Evolution's) came with the system packages. Installed, so those checks may not skip.
readers=crates/interop/tests/readers
if [ ! -d "$readers/node_modules" ] || [ "$readers/package-lock.json" -nt "$readers/node_modules/.package-lock.json" ]; then
  say "installing ical.js for the interop read-back tests"
  (cd "$readers" && npm ci --no-audit --no-fund)
fi
export OUTPOST_REQUIRE_READERS=1
ui_deps "$root"

step "UI: type check" bash -c "cd ui && npm run --silent typecheck"
step "UI: lint" bash -c "cd ui && npm run --silent lint"
step "UI: unit and component tests" bash -c "cd ui && npm run --silent test"
step "UI: build" bash -c "cd ui && npm run --silent build"

step "Rust: format" cargo fmt --all --check
step "Rust: clippy" cargo clippy --workspace --all-targets -- -D warnings
step "Rust: build the binaries" cargo build --workspace --bins
step "Rust: tests (inside a private keyring session)" scripts/with-keyring.sh cargo nextest run --workspace --no-fail-fast

step "benchmarks: a smoke run on small data (the numbers mean nothing here)" \
  "${CARGO_TARGET_DIR:-target}/debug/outpost-bench" --small --runs 1
step "browser tests (headless Chromium, HTTP bridge)" bash -c "cd ui && npm run --silent e2e"
step "desktop tests (Tauri window under Xvfb, tauri-driver)" \
  dbus-run-session -- xvfb-run -a --server-args="-screen 0 1280x800x24" bash -c "cd ui && npm run --silent e2e:desktop"

echo
echo "All $steps steps passed in $(($(date +%s) - started)) s. Screenshots: test-results/screenshots/"
