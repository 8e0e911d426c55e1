# Shared by scripts/start and scripts/test: find Python >= 3.12, install uv, build .venv.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

find_python() {
  local c
  for c in python3.13 python3.12 python3; do
    if command -v "$c" >/dev/null 2>&1 && "$c" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
      command -v "$c"; return 0
    fi
  done
  if command -v pyenv >/dev/null 2>&1; then
    for c in "$(pyenv root)"/versions/3.1[2-9]*/bin/python3; do
      if [ -x "$c" ]; then echo "$c"; return 0; fi
    done
  fi
  return 1
}

ensure_venv() {
  local extra="${1:-}"
  local py
  if ! py="$(find_python)"; then
    echo "Coop-connect needs Python 3.12 or newer, and none was found (PATH, then pyenv)." >&2
    echo "Install one, e.g. 'apt-get install python3.12' or 'pyenv install 3.12'." >&2
    exit 1
  fi
  if ! command -v uv >/dev/null 2>&1; then
    echo "==> installing uv"
    "$py" -m pip install --quiet --user uv 2>/dev/null || "$py" -m pip install --quiet uv
    export PATH="$HOME/.local/bin:$PATH"
  fi
  if [ ! -x .venv/bin/python ]; then
    echo "==> creating .venv with $py"
    uv venv --quiet --python "$py" .venv
  fi
  echo "==> installing dependencies${extra:+ ($extra)}"
  if [ -n "$extra" ]; then
    uv pip install --quiet --python .venv/bin/python -r pyproject.toml --extra "$extra"
  else
    uv pip install --quiet --python .venv/bin/python -r pyproject.toml
  fi
}
