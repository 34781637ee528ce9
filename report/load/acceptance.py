"""Known issues a council accepts in config.yaml: they stop blocking the build and marking DRAFT."""

from __future__ import annotations

from collections.abc import Sequence

from report.config import AcceptedIssue
from report.i18n import N_
from report.load.issues import Issues, Severity


def apply_accepted(issues: Issues, accepted: Sequence[AcceptedIssue], source: str) -> None:
    """Mark the errors each acceptance covers as "accepted", in place.

    An acceptance names a rule and a file and either a count (at most that many rows: more
    is a count mismatch and every one of them stays an error) or the rows themselves (rows
    not listed stay errors). An acceptance that matches nothing is a warning, so stale
    entries are noticed.
    """
    for number, item in enumerate(accepted, start=1):
        where = N_("{source} accepted_issues entry {number}", source=source, number=number)
        matched = [
            row
            for row in issues.rows
            if row["severity"] == "error" and row["rule"] == item.rule and row["file"] == item.file
        ]

        def say(rule: str, message: str, severity: Severity, file: str = item.file) -> None:
            issues.add(file, None, "", "", rule, message, severity)  # about the entry, no row

        if item.rows is not None:
            listed = set(item.rows)
            chosen = [row for row in matched if row["row"] in listed]
            missing = sorted(listed - {row["row"] for row in chosen})
            if missing:
                say(
                    "accepted-not-found",
                    N_(
                        "{where} accepts {rule} in row(s) {rows}, which have no such error; "
                        "remove them from the entry",
                        where=where,
                        rule=item.rule,
                        rows=", ".join(map(str, missing)),
                    ),
                    "warning",
                )
        elif len(matched) > (item.count or 0):
            say(
                "accepted-count-exceeded",
                N_(
                    "{where} accepts {count} {rule} error(s) but the file has {found}: more "
                    "than accepted, so all of them stay errors; check the new ones and raise "
                    "the count if they are the same known issue",
                    where=where,
                    count=item.count,
                    rule=item.rule,
                    found=len(matched),
                ),
                "error",
            )
            continue
        else:
            chosen = matched
            if not matched:
                say(
                    "accepted-not-found",
                    N_(
                        "{where} accepts {rule} errors but there are none; remove the entry",
                        where=where,
                        rule=item.rule,
                    ),
                    "warning",
                )
        for row in chosen:
            row["severity"] = "accepted"
            row["reason"] = item.reason
            row["message"] = N_(
                "{message} (accepted in {source}: {reason})",
                message=row["message"],
                source=source,
                reason=item.reason,
            )
