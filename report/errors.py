"""ReportError, the one user-facing failure, and the CLI's exit codes."""

from __future__ import annotations

EXIT_OK = 0
EXIT_DATA = 1  # the data has errors, or the build failed on them
EXIT_USAGE = 2  # bad command line or config


class ReportError(Exception):
    """A problem the user can fix; its message is shown as-is, never a traceback."""

    def __init__(self, message: str, exit_code: int = EXIT_DATA) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code

    @classmethod
    def from_problems(
        cls, heading: str, problems: list[str], exit_code: int = EXIT_DATA
    ) -> ReportError:
        """One error listing every problem found, so the user can fix them in one pass."""
        lines = [heading, *(f"  - {p}" for p in problems)]
        return cls("\n".join(lines), exit_code)
