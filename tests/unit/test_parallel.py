"""Outputs made side by side: waited for in order; a failed build stops what is unfinished."""

from __future__ import annotations

import pytest

from report.parallel import Job, Outputs


def _job(log: list[str], name: str, fail: bool = False) -> Job:
    def wait() -> None:
        log.append(f"wait {name}")
        if fail:
            raise RuntimeError(name)

    return Job(wait=wait, cancel=lambda: log.append(f"cancel {name}"))


def test_jobs_are_waited_for_in_the_order_started_and_none_is_cancelled() -> None:
    log: list[str] = []
    with Outputs() as jobs:
        jobs.add(_job(log, "en"))
        jobs.add(None)  # a PDF from the cache: nothing to wait for
        jobs.add(_job(log, "cy"))
        jobs.wait()
    assert log == ["wait en", "wait cy"]


def test_an_error_before_waiting_cancels_every_job() -> None:
    log: list[str] = []
    with pytest.raises(ValueError), Outputs() as jobs:
        jobs.add(_job(log, "en"))
        jobs.add(_job(log, "cy"))
        raise ValueError("the Word version failed")
    assert log == ["cancel en", "cancel cy"]


def test_a_failed_job_cancels_the_ones_after_it() -> None:
    log: list[str] = []
    with pytest.raises(RuntimeError, match="en"), Outputs() as jobs:
        jobs.add(_job(log, "en", fail=True))
        jobs.add(_job(log, "cy"))
        jobs.wait()
    # the failed one was finished by its own wait (PendingPdf.wait stops its child)
    assert log == ["wait en", "cancel en", "cancel cy"]
