#!/usr/bin/env bash
# End-to-end tests drive Debian's Chromium. Install it when it is absent and
# we may (root with apt-get); otherwise say how, and the browser tests will skip.
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the end-to-end tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && exit 0
fi
echo "Chromium not found at /usr/bin/chromium: install it (sudo apt-get install -y chromium) to run the browser tests." >&2
exit 0
