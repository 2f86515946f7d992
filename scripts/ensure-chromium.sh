#!/usr/bin/env bash
# End-to-end tests drive Debian's Chromium, and look at printed PDFs with
# pdftoppm (poppler-utils). Install them when absent and we may (root with
# apt-get); otherwise say how, and the tests that need them will skip.
if [ -x /usr/bin/chromium ] && command -v pdftoppm >/dev/null; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium and poppler-utils for the end-to-end tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null && exit 0
fi
echo "Chromium (/usr/bin/chromium) or pdftoppm not found: install them (sudo apt-get install -y chromium poppler-utils) to run the browser tests." >&2
exit 0
