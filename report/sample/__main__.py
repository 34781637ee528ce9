"""`python -m report.sample DEST_FOLDER`: write the sample council into DEST_FOLDER."""

from __future__ import annotations

import sys
from pathlib import Path

from report.sample import generate

if len(sys.argv) != 2:
    sys.exit("usage: python -m report.sample DEST_FOLDER")
generate(Path(sys.argv[1]))
