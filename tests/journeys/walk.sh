#!/usr/bin/env bash
# Walk GridDesk journeys in a real window: Xvfb + openbox at a given size, driven by
# tests/journeys/walk.py with xdotool, screenshots with ImageMagick. Not part of pytest.
#
#   tests/journeys/walk.sh [--size 1366x768] [--lang zh_CN|en] [--data DIR] [--out DIR]
#                          [--steps "login counter1; key F5; shot pay"] [JOURNEY...]
#
# JOURNEY: counter, supervisor, admin, inspector (../shared/JOURNEYS.md). --data is
# GridDesk's data folder (default /tmp/griddesk-walk): the embedded demo database is
# made there on the first walk and reused by the next ones. Shots go to --out
# (default /tmp/griddesk-walk/shots-SIZE-LANG), numbered in the order taken.
# Needs: Xvfb, openbox, xdotool, ImageMagick (apt: xvfb openbox xdotool imagemagick).
set -euo pipefail
cd "$(dirname "$0")/../.."

size=1366x768 lang=zh_CN data=/tmp/griddesk-walk out="" args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --size) size=$2; shift 2 ;;
        --lang) lang=$2; shift 2 ;;
        --data) data=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --pace) args+=(--pace "$2"); shift 2 ;;
        *) args+=("$1"); shift ;;
    esac
done
out=${out:-$data/shots-$size-$lang}
mkdir -p "$data" "$out"

# Qt's xcb plugin aborts with a vague message when a library is missing: name it here.
plugin=$(python3 -c 'import PySide6, pathlib; print(pathlib.Path(PySide6.__file__).parent / "Qt/plugins/platforms/libqxcb.so")')
missing=$(ldd "$plugin" | awk '/not found/ {print $1}' | sort -u | tr '\n' ' ')
if [ -n "$missing" ]; then
    echo "Qt's xcb plugin lacks: $missing(see README.md, System packages)" >&2
    exit 1
fi

# A display number nobody uses.
display=90
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do
    display=$((display + 1))
done
Xvfb ":$display" -screen 0 "${size}x24" -nolisten tcp >"$out/xvfb.log" 2>&1 &
xvfb=$!
wm=""
cleanup() {
    [ -n "$wm" ] && kill "$wm" 2>/dev/null || true
    kill "$xvfb" 2>/dev/null || true
}
trap cleanup EXIT
export DISPLAY=":$display"
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
openbox >"$out/openbox.log" 2>&1 &
wm=$!
sleep 1
python3 tests/journeys/walk.py --lang "$lang" --data "$data" --out "$out" "${args[@]}"
