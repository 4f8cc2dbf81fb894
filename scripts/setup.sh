#!/usr/bin/env bash
# One command from a fresh clone to a built dist/: checks Node, finds or installs a browser,
# installs the npm packages (which compiles src/ into lib/), and builds dist/ from content/.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo "$@"; else return 1; fi; }

node_ok=$(node -e 'const [a,b]=process.versions.node.split(".").map(Number); console.log(a>20||(a===20&&b>=19)?"yes":"no")' 2>/dev/null || echo none)
if [ "$node_ok" != yes ]; then
  say "guidepress needs Node.js 20.19 or newer (found: $(node --version 2>/dev/null || echo none))."
  exit 3
fi

have_browser() {
  [ -n "${PUPPETEER_EXECUTABLE_PATH:-}" ] && [ -x "${PUPPETEER_EXECUTABLE_PATH}" ] && return 0
  for b in chromium chromium-browser google-chrome google-chrome-stable; do command -v "$b" >/dev/null 2>&1 && return 0; done
  [ -x /usr/bin/chromium ] || [ -x "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" ]
}

# Debian's packages: the browser and its headless shell, the PDF tools the tests read PDFs back with, LibreOffice
# Impress, which the tests open deck.pptx with, and EPUBCheck, which the tests validate the EPUBs
# with (Debian's /usr/bin/epubcheck is its jar, run with `java -jar`).
apt_missing=()
have_browser || apt_missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || apt_missing+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || apt_missing+=(qpdf)
command -v soffice >/dev/null 2>&1 || apt_missing+=(libreoffice-impress)
{ [ -f /usr/bin/epubcheck ] && command -v java >/dev/null 2>&1; } || apt_missing+=(epubcheck)
if [ ${#apt_missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && as_root true; then
    say "installing from the system's packages: ${apt_missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_missing[@]}" >/dev/null
  elif ! have_browser; then
    say "no Chromium or Chrome found, and no permission to install one. Either:"
    say "  sudo apt-get install chromium poppler-utils qpdf      (Debian, Ubuntu)"
    say "  brew install --cask chromium && brew install poppler qpdf   (macOS)"
    say "  or set PUPPETEER_EXECUTABLE_PATH=/path/to/chrome"
    say "then run this command again."
    exit 3
  else
    say "note: the tests need poppler-utils, qpdf, libreoffice-impress and epubcheck (sudo apt-get install --no-install-recommends poppler-utils qpdf libreoffice-impress epubcheck)."
  fi
fi

# Chromium's headless shell: guidepress prints with it when it is there (it starts in a third of the
# time the full browser takes and needs about half its memory); any Chrome or Chromium does
# otherwise. Debian has it as a package of its own; a system without one goes on without it.
have_shell() { [ -x /usr/lib/chromium/chromium-headless-shell ] || command -v chromium-headless-shell >/dev/null 2>&1 || command -v chrome-headless-shell >/dev/null 2>&1; }
if ! have_shell && command -v apt-get >/dev/null 2>&1 && as_root true; then
  if apt-cache show chromium-headless-shell >/dev/null 2>&1 || { as_root apt-get update -qq && apt-cache show chromium-headless-shell >/dev/null 2>&1; }; then
    say "installing chromium-headless-shell from the system's packages"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium-headless-shell >/dev/null \
      || say "note: chromium-headless-shell did not install; guidepress prints with the full browser"
  else
    say "note: this system has no chromium-headless-shell package; guidepress prints with the full browser"
  fi
fi

# Puppeteer never downloads a browser here (.puppeteerrc.cjs); `prepare` compiles src/ into lib/.
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
node bin/guidepress.js build
