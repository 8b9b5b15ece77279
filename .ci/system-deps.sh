#!/usr/bin/env bash
# Debian/Ubuntu packages the app needs (venv, Qt's libraries): installed when run as root,
# otherwise named in one message.
#   .ci/system-deps.sh run    python3-venv (Debian's python3 lacks venv without it),
#                             libraries for a real window (xcb), a good reading font, emoji
#                             and CJK fonts, libpulse0, which QtMultimedia links even with
#                             no sound server
#   .ci/system-deps.sh test   the same plus Xvfb and xdotool for the real-window tests
set -euo pipefail
kind=${1:-run}
packages=(
  python3-venv
  libegl1 libgl1 libopengl0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3
  libpulse0
  libxkbcommon0 libxkbcommon-x11-0 libx11-xcb1 libxrender1 libxi6
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1
  fonts-dejavu-core fonts-noto-core
  # Emoji and flags in colour (10 MB). CJK from Droid Sans Fallback (7 MB: ideographs,
  # kana, hangul and their full-width punctuation) rather than fonts-noto-cjk (91 MB
  # installed), which only adds regional glyph variants and weights a reader can do without.
  fonts-noto-color-emoji fonts-droid-fallback
)
[[ $kind == test ]] && packages+=(xvfb xauth xdotool)
command -v dpkg-query >/dev/null || exit 0  # not Debian or Ubuntu: the user knows their system

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
((${#missing[@]})) || exit 0
if [[ $(id -u) == 0 ]]; then
  echo "Installing system packages Interview Reader needs: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Interview Reader needs these system packages; please run:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
