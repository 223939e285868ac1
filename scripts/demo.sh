#!/usr/bin/env bash
# Runs Outpost: the desktop app in demo mode, against a built-in devserver with demo data.
# Installs what it needs first (Debian packages, npm packages), then builds and opens the window.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$(repo_root)
cd "$root"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  cat >&2 <<'MSG'
Outpost is a desktop app and this session has no display (neither DISPLAY nor WAYLAND_DISPLAY
is set). On a headless machine, run it under a virtual display:

    xvfb-run -a scripts/demo.sh

(xvfb-run comes with Debian's xvfb package: apt-get install xvfb xauth)
MSG
  exit 2
fi

say "system packages"
bash scripts/install-system-deps.sh
need_node
ui_deps "$root"
say "building the UI"
(cd ui && npm run build)
say "building the desktop app"
cargo build -p outpost-desktop
say "starting Outpost (demo mode)"
exec "${CARGO_TARGET_DIR:-$root/target}/debug/outpost-desktop" --demo "$@"
