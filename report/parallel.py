"""Outputs made side by side: a PDF laid out in its child process while this one writes the rest."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType


@dataclass(frozen=True)
class Job:
    """Work running elsewhere (a PDF in its child process)."""

    wait: Callable[[], None]  # finish it: raises what it raised
    cancel: Callable[[], None]  # stop it unfinished (nothing if it has finished)


class Outputs:
    """Jobs started one after another and waited for in that order. Leaving the block before
    wait() (an error, Ctrl-C) stops every job not yet finished, so no child outlives a failed
    build. Each job writes its own file, so the outputs are the same bytes as made in turn."""

    def __init__(self) -> None:
        self.jobs: list[Job] = []

    def __enter__(self) -> Outputs:
        return self

    def add(self, job: Job | None) -> None:
        if job is not None:
            self.jobs.append(job)

    def wait(self) -> None:
        while self.jobs:
            self.jobs[0].wait()
            self.jobs.pop(0)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        for job in self.jobs:
            job.cancel()
        self.jobs.clear()
