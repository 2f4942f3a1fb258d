#!/usr/bin/env bash
# What hallapp needs from the operating system, installed where missing (Debian/Ubuntu).
#   - a CJK TrueType font that Qt and reportlab can both use (fonts-wqy-microhei)
#   - the Qt runtime libraries PySide6 loads (EGL/GL, xkbcommon, fontconfig, dbus, xcb-cursor)
#   - poppler-utils (pdftoppm) and CUPS with the cups-pdf backend, used by the document tests
#   - espeak-ng, the offline Mandarin voice of the call display
# As root it installs them; otherwise it prints the exact command and fails.
set -euo pipefail

PKGS=(fonts-wqy-microhei libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1
      libdbus-1-3 libxcb-cursor0 libglib2.0-0 poppler-utils cups cups-bsd printer-driver-cups-pdf
      espeak-ng libpulse0)

if ! command -v dpkg >/dev/null 2>&1; then
    echo "sysdeps: not a Debian/Ubuntu system; install a CJK TrueType font (e.g. WenQuanYi Micro"
    echo "         Hei) and the Qt 6 runtime libraries yourself, or set HALLAPP_CJK_FONT."
    exit 0
fi

missing=()
for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
    echo "sysdeps: missing system packages. Run as root:"
    echo "    sudo apt-get update && sudo $cmd"
    exit 1
fi
echo "sysdeps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null || true
$cmd >/dev/null
