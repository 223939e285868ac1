#!/usr/bin/env bash
# Runs Outpost: the desktop app in demo mode, against a built-in devserver with demo data.
# Installs what it needs first (Debian packages, npm packages), then builds and opens the window.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$(repo_root)
cd "$root"

# --xvfb: run the window under a virtual display (for machines without one).
xvfb=0
args=()
for a in "$@"; do
  case "$a" in
    --xvfb) xvfb=1 ;;
    *) args+=("$a") ;;
  esac
done

# The system packages first: on a fresh machine xvfb-run comes with them, so it exists by the
# time it is suggested or used.
say "system packages"
bash scripts/install-system-deps.sh

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  if [ "$xvfb" -eq 1 ]; then
    say "no display: running under a virtual one (xvfb-run)"
    exec xvfb-run -a "$0" ${args[@]+"${args[@]}"}
  fi
  cat >&2 <<'MSG'
Outpost is a desktop app and this session has no display (neither DISPLAY nor WAYLAND_DISPLAY
is set). On a headless machine, run it under a virtual display:

    scripts/demo.sh --xvfb        (or: xvfb-run -a scripts/demo.sh)
MSG
  exit 2
fi

need_node
ui_deps "$root"
say "building the UI"
(cd ui && npm run build)
say "building the desktop app"
cargo build -p outpost-desktop
say "starting Outpost (demo mode)"
exec "${CARGO_TARGET_DIR:-$root/target}/debug/outpost-desktop" --demo ${args[@]+"${args[@]}"}
