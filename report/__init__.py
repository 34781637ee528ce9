"""iro-report: the statutory annual report of an Independent Reviewing Officer service."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["build_report", "load_config"]

if TYPE_CHECKING:
    from report.config import load_config
    from report.pipeline import build_report


def __getattr__(name: str) -> Any:
    # Lazy, so `iro-report sections --help` does not import pandas and WeasyPrint.
    if name == "build_report":
        from report.pipeline import build_report

        return build_report
    if name == "load_config":
        from report.config import load_config

        return load_config
    raise AttributeError(name)
