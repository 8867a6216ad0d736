#!/usr/bin/env bash
# The explorer and dashboard tests drive a real browser. Installs Debian's chromium when none is on the
# machine, and a CJK font (fonts-noto-cjk) so the dashboard's screenshots show Chinese rather than boxes;
# where that is impossible the browser tests report themselves skipped, never passed.
set -uo pipefail
export DEBIAN_FRONTEND=noninteractive
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -eq 0 ]; then
  echo "ensure-chromium: $(chromium --version 2>/dev/null), Noto Sans CJK present"
  exit 0
fi
echo "ensure-chromium: installing ${missing[*]}"
(apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null) || echo "ensure-chromium: could not install ${missing[*]}; browser tests may be skipped or show no Chinese" >&2
exit 0
