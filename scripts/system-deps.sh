#!/usr/bin/env bash
# Installs the Debian packages govcrawl uses when they are missing. Without root or apt-get it only
# says what is missing: the crawl still runs without Chromium (pages are marked "needs rendering").
set -euo pipefail
want=()
[ -x /usr/bin/chromium ] || want+=(chromium)
fc-list 2>/dev/null | grep -qi -e 'noto sans cjk' -e 'wenquanyi' || want+=(fonts-noto-cjk)
command -v redis-server >/dev/null || want+=(redis-server)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || want+=(postgresql)
[ ${#want[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing Debian packages: ${want[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${want[@]}" >/dev/null
else
  echo "missing Debian packages (install them as root): ${want[*]}" >&2
fi
