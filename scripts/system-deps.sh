#!/usr/bin/env bash
# Installs the Debian packages the test suite needs: headless Chromium for the
# browser tests (and fonts-dejavu-core for its Vietnamese text), Java for the HTML validator, Node's npm for the test tools, rsync
# for the deploy test, Tesseract with its Vietnamese model for scanned documents. Safe to run again: it does nothing when they are present.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v rsync >/dev/null 2>&1 || missing+=(rsync)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)  # the Nu HTML Checker
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)  # axe-core and vnu.jar from npm
command -v faketime >/dev/null 2>&1 || missing+=(faketime)  # reproducible-build test
# Vietnamese glyphs for Chromium's screenshots/Lighthouse, scripts/make-sample-banners.py
# and the PDFs the document tests make.
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ] || missing+=(fonts-dejavu-core)
# Text of scanned documents (OCR) with the Vietnamese model; the build works
# without them, with a note on each scan.
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie; } \
  || missing+=(tesseract-ocr-vie)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "Cần cài các gói: ${missing[*]} (quyền root). Chạy: apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Đang cài gói hệ thống: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
