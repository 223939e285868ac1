#!/usr/bin/env bash
# Runs a command with both OS keyrings Outpost can use, private to this run: a D-Bus session with
# an unlocked gnome-keyring (the Secret Service), and a fresh kernel session keyring. The tests of
# the keyring code and of sign-in run inside it; nothing touches the user's own keyrings.
set -euo pipefail
if [ -z "${OUTPOST_KEYRING_SESSION:-}" ]; then
  export OUTPOST_KEYRING_SESSION=1
  exec dbus-run-session -- keyctl session - bash "$0" "$@"
fi
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
# --unlock reads the password of the (new, throw-away) login keyring from standard input.
eval "$(printf 'outpost-test-keyring\n' | XDG_DATA_HOME="$keyring_home" gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
export GNOME_KEYRING_CONTROL
"$@"
