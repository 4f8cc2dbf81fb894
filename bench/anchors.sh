#!/usr/bin/env bash
# Installs the tools the benchmark compares guidepress with (`npm run bench -- --anchors DIR`) into
# DIR, outside this project's dependencies: md-to-pdf, Marp CLI and Vivliostyle CLI. None of them may
# download a browser of its own; the benchmark points each at the system's Chromium.
#
#   bash bench/anchors.sh /work/anchors
set -euo pipefail

dir="${1:?usage: bench/anchors.sh DIR (a folder outside the repository)}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
case "$dir/" in
  "$repo"/*) echo "anchors.sh: $dir is inside the repository; pick a folder outside it" >&2; exit 2 ;;
esac

# Puppeteer (md-to-pdf's, Marp's and Vivliostyle's) would fetch Chrome in a postinstall script;
# Playwright (Vivliostyle) would fetch its own build the first time it runs without a browser path.
export PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

cd "$dir"
[ -f package.json ] || printf '{ "name": "guidepress-bench-anchors", "private": true }\n' > package.json
npm install --no-audit --no-fund --loglevel=error md-to-pdf @marp-team/marp-cli @vivliostyle/cli

for bin in md-to-pdf marp vivliostyle; do
  [ -x "node_modules/.bin/$bin" ] || { echo "anchors.sh: node_modules/.bin/$bin is missing" >&2; exit 1; }
done
echo "anchors in $dir:"
node -e 'for (const p of ["md-to-pdf", "@marp-team/marp-cli", "@vivliostyle/cli"]) console.log(`  ${p} ${require(`${process.argv[1]}/node_modules/${p}/package.json`).version}`)' "$dir"
