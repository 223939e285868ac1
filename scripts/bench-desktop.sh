#!/usr/bin/env bash
# Measures the desktop app's cold start to its first page load, in the release build, under a
# virtual display started once (so Xvfb's own start is not counted): N runs, median and spread.
# Usage: scripts/bench-desktop.sh [runs]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$(repo_root)
cd "$root"
runs=${1:-10}
bash scripts/install-system-deps.sh >/dev/null
need_node
ui_deps "$root"
(cd ui && npm run --silent build >/dev/null)
cargo build --release -q -p outpost-desktop
bin="${CARGO_TARGET_DIR:-$root/target}/release/outpost-desktop"
display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
sleep 1
times=()
for i in $(seq 1 "$runs"); do
  line=$(DISPLAY=$display OUTPOST_STARTUP_PROBE=1 dbus-run-session -- "$bin" --demo 2>/dev/null | grep "first page loaded")
  echo "run $i: $line"
  times+=("$(echo "$line" | sed -E 's/.*after ([0-9]+) ms.*/\1/')")
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
echo "cold start to first page load over $runs runs: median $(echo "$sorted" | sed -n "$(((runs + 1) / 2))p") ms, min $(echo "$sorted" | head -1) ms, max $(echo "$sorted" | tail -1) ms"
