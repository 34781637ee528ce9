"""python -m report: the same as the iro-report command."""

from report.cli import main

raise SystemExit(main())
