#!/bin/sh
# CI: `pip install .` into a fresh venv outside the checkout, then build the sample report
# with the installed `iro-report` only (templates and fonts must come from the package).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-python3}
work=$(mktemp -d "${TMPDIR:-/tmp}/iro-install-check.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
# A copy of what the package is made of, so building it leaves nothing in the checkout.
mkdir "$work/src"
cp -R "$here/pyproject.toml" "$here/README.md" "$here/report" "$here/templates" "$work/src/"
find "$work/src" -name __pycache__ -prune -exec rm -rf {} +
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --upgrade pip
(cd "$work/src" && "$work/venv/bin/python" -m pip install --quiet .)
rm -rf "$work/src"
cd "$work"
cp "$here/config.yaml" config.yaml
"$work/venv/bin/iro-report" init --sample data >/dev/null
"$work/venv/bin/iro-report" build --config config.yaml --data data --out out --quiet
for f in report.pdf report.html figures.json manifest.json; do
  test -s "out/$f" || { echo "install check: out/$f was not written" >&2; exit 1; }
done
echo "install check: pip install . into a fresh venv, then iro-report build of the sample: ok"
