#!/usr/bin/env bash
# Install the system packages Famille needs that are missing, with apt-get (Debian/Ubuntu).
#
# Usage: scripts/setup-system.sh [--with-browser]
#
# Always: a Python able to create virtual environments, Graphviz's `dot` (charts) and the DejaVu fonts
# (charts and screenshots). With --with-browser, also Debian's Chromium, which the browser tests drive.
# Checks are by capability and cost a few milliseconds, so `make` runs this every time; apt-get (and
# `apt-get update` before it) only runs when something is actually missing.
set -euo pipefail

with_browser=0
for arg in "$@"; do
    case "$arg" in
        --with-browser) with_browser=1 ;;
        *) echo "usage: $0 [--with-browser]" >&2; exit 2 ;;
    esac
done

python=${PYTHON:-python3}
missing=()

if ! command -v "$python" >/dev/null 2>&1; then
    missing+=(python3 python3-venv)
elif [ "$("$python" -c 'import sys; print(sys.prefix)')" = /usr ]; then
    # Debian's own Python ships `venv` without `ensurepip`; python3-venv brings it. Other Pythons
    # (pyenv, /usr/local builds) carry their own.
    if ! dpkg-query -W -f='${Status}' python3-venv 2>/dev/null | grep -q 'ok installed'; then
        missing+=(python3-venv)
    fi
fi
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ "$with_browser" = 1 ] && [ -z "${FAMILLE_CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then
    missing+=(chromium)
fi

[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing system packages: ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
    echo "apt-get was not found: please install the equivalent of these packages with your system's package manager: ${missing[*]}" >&2
    exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
    as_root=(env)
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo env)
else
    echo "Installing ${missing[*]} needs root: run this as root, or install sudo." >&2
    exit 1
fi
"${as_root[@]}" DEBIAN_FRONTEND=noninteractive apt-get update -q
"${as_root[@]}" DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
