#!/bin/sh
# Make sure WeasyPrint's system libraries are present: Pango (required) and
# HarfBuzz's subsetter (faster, reproducible font subsetting); and cairo (required),
# which draws the charts as PNG for the Word files (CairoSVG). Installs them with
# apt-get when running as root on Debian/Ubuntu; otherwise says what to install.
# With --browser (make test) also Debian's Chromium and ChromeDriver, for the
# accessibility test that runs axe-core in headless Chromium (skipped without it).
if [ "$1" = "--browser" ] && ! { command -v chromium && command -v chromedriver; } >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium for the accessibility test: chromium chromium-driver"
    apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1; }
  fi
  command -v chromium >/dev/null 2>&1 || echo "Note: Chromium is not installed, so the browser accessibility test (axe-core) will be skipped (sudo apt-get install chromium chromium-driver)." >&2
fi
# With --browser also poppler-utils (pdftoppm), for the layout test that looks at page images.
if [ "$1" = "--browser" ] && ! command -v pdftoppm >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get install -y -qq poppler-utils >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq poppler-utils >/dev/null 2>&1; }
  fi
  command -v pdftoppm >/dev/null 2>&1 || echo "Note: poppler-utils is not installed, so the page-fill layout test will be skipped (sudo apt-get install poppler-utils)." >&2
fi
need=""
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib 'libpango-1.0.so.0' || need="$need libpango-1.0-0 libpangoft2-1.0-0"
have_lib 'libharfbuzz-subset.so.0' || need="$need libharfbuzz-subset0"
have_lib 'libcairo.so.2' || need="$need libcairo2"
[ -z "$need" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system libraries for WeasyPrint and CairoSVG:$need"
  (apt-get install -y -qq $need >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq $need >/dev/null 2>&1; }) && exit 0
fi
case "$need" in
  *cairo2*) echo "iro-report needs the cairo library for the Word files' charts: install the Debian/Ubuntu packages:$need (e.g. sudo apt-get install$need)." >&2; exit 1;;
  *pango*) echo "iro-report needs the Pango library for PDF output: install the Debian/Ubuntu packages:$need (e.g. sudo apt-get install$need)." >&2; exit 1;;
  *) echo "Note: libharfbuzz-subset0 is not installed; PDFs will build more slowly (sudo apt-get install libharfbuzz-subset0)." >&2;;
esac
