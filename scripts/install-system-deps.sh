#!/usr/bin/env bash
# Installs the Debian packages Outpost needs to build, run and test, only those missing.
# This image's apt deletes downloaded .debs between dpkg calls, so a big install can fail
# half-way: packages go in small groups and each group is retried.
set -euo pipefail

groups=(
  "pkg-config build-essential libssl-dev"
  "python3 python3-pip python3-venv"
  "libwebkit2gtk-4.1-dev"
  "libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev"
  "xvfb xauth dbus dbus-x11 webkit2gtk-driver"
  "gnome-keyring keyutils libsecret-1-dev libdbus-1-dev"
  "chromium"
  "python3-gi gir1.2-ical-3.0"
  "fonts-dejavu-core"
)

missing_of() {
  local out=()
  for p in $1; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || out+=("$p")
  done
  echo "${out[*]:-}"
}

sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"

updated=0
for g in "${groups[@]}"; do
  want=$(missing_of "$g")
  [ -z "$want" ] && continue
  if [ "$updated" -eq 0 ]; then
    echo "==> apt-get update"
    $sudo_cmd apt-get update -qq
    updated=1
  fi
  echo "==> installing: $want"
  for attempt in 1 2 3; do
    if DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends $want >/tmp/outpost-apt.log 2>&1; then
      break
    fi
    echo "    apt-get failed (attempt $attempt), retrying"
    [ "$attempt" -eq 3 ] && { tail -30 /tmp/outpost-apt.log; exit 1; }
    want=$(missing_of "$g")
  done
done
echo "==> system packages ready"
