# Shared set-up steps of scripts/demo.sh and scripts/test.sh. Each installs only what is missing.

repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

need_node() {
  command -v node >/dev/null && command -v npm >/dev/null || {
    echo "Outpost's UI needs Node.js 20 or newer with npm; install them first (e.g. apt-get install nodejs npm)." >&2
    exit 1
  }
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" -lt 20 ]; then
    echo "Node.js $(node --version) is too old: Outpost's UI needs 20 or newer." >&2
    exit 1
  fi
}

# cargo_tool BINARY CRATE VERSION: installs a cargo tool (locked) when it is missing.
cargo_tool() {
  local bin=$1 crate=$2 version=$3
  if ! command -v "$bin" >/dev/null && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/$bin" ]; then
    say "installing $crate $version"
    cargo install --locked "$crate" --version "$version"
  fi
}

# npm ci when node_modules is missing or older than the lock file.
ui_deps() {
  local ui="$1/ui"
  if [ ! -d "$ui/node_modules" ] || [ "$ui/package-lock.json" -nt "$ui/node_modules/.package-lock.json" ]; then
    say "installing the UI's npm packages"
    (cd "$ui" && npm ci --no-audit --no-fund)
  fi
}

# python_module MODULE PACKAGE==VERSION: installs a Python package with pip when the module is
# missing (the interop tests have the python `icalendar` library read Outpost's exports).
python_module() {
  local module=$1 spec=$2
  command -v python3 >/dev/null || {
    echo "Outpost's tests need python3 (with pip); install it first (apt-get install python3 python3-pip)." >&2
    exit 1
  }
  if ! python3 -c "import $module" 2>/dev/null; then
    say "installing $spec (python)"
    python3 -m pip install --quiet --disable-pip-version-check "$spec" ||
      python3 -m pip install --quiet --disable-pip-version-check --break-system-packages "$spec"
  fi
}
