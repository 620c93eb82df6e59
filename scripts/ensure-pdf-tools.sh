#!/usr/bin/env bash
# The PDF tests read the plan with Debian's poppler-utils (pdfinfo, pdffonts, pdftotext) and qpdf.
set -euo pipefail
if command -v pdfinfo >/dev/null && command -v qpdf >/dev/null; then exit 0; fi
echo "Installerer poppler-utils og qpdf (apt) til PDF-testene ..."
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq poppler-utils qpdf >/dev/null
