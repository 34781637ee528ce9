"""`iro-report init DIR`: a new council's folder: config, empty extract templates, stubs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from report.errors import EXIT_USAGE, ReportError
from report.load.local import EXTRACTS

# One example row per local extract, in the extract's column order (synthetic values).
EXAMPLE_ROWS: dict[str, dict[str, str]] = {
    "iro_staff": {"IRO_ID": "IRO01", "FTE": "1.0", "START": "01/04/2019", "AGENCY": "N"},
    "iro_allocations": {"CHILD": "C0001", "IRO_ID": "IRO01", "START": "01/04/2024"},
    "review_extras": {
        "CHILD": "C0001",
        "REVIEW": "15/05/2024",
        "IRO_ID": "IRO01",
        "PARENT_PARTICIPATION": "Y",
        "SEEN_BEFORE": "Y",
        "LATE_REASON": "",
        "RECORD_DATE": "05/06/2024",
    },
    "midway_reviews": {"CHILD": "C0001", "DATE": "15/08/2024", "IRO_ID": "IRO01"},
    "escalations": {
        "ESCALATION_ID": "E0001",
        "CHILD": "C0001",
        "IRO_ID": "IRO01",
        "KIND": "CONCERN",
        "RAISED": "03/06/2024",
        "THEME": "Care planning",
        "STAGE_REACHED": "STAGE1",
        "RESOLVED": "20/06/2024",
        "OUTCOME": "RESOLVED",
        "CAFCASS": "N",
        "RAISED_WITH": "SWT",
        "STAGE1_DATE": "12/06/2024",
        "LEGAL_ADVICE": "N",
    },
    "feedback": {
        "RESPONSE_ID": "R0001",
        "DATE": "20/05/2024",
        "SOURCE": "Paper form",
        "RESPONDENT": "CHILD",
        "CHILD": "C0001",
        "QUESTION": "Q1",
        "ANSWER": "Yes",
    },
    "cp_conferences": {
        "CHILD": "C0002",
        "TYPE": "ICPC",
        "DATE": "10/07/2024",
        "ANCHOR_DATE": "24/06/2024",
        "CATEGORY": "N",
        "PLAN": "Y",
        "CHILD_ATTENDED": "NA",
        "PARENT_ATTENDED": "Y",
    },
    "iro_contacts": {
        "CHILD": "C0001",
        "DATE": "08/05/2024",
        "IRO_ID": "IRO01",
        "KIND": "VISIT",
        "BEFORE_REVIEW": "Y",
    },
    "child_support": {
        "CHILD": "C0001",
        "KIND": "ADVOCACY_REFERRAL",
        "DATE": "02/05/2024",
        "END": "",
    },
    "cp_plans": {"CHILD": "C0002", "START": "10/07/2024", "END": "", "CATEGORY": "N"},
}

TEMPLATES_README = """\
Templates for the local extracts (see README "Input data" for every column).

Each file has the header row and ONE EXAMPLE ROW of made-up values. To use an extract:
copy it into data/local/, delete the example row and add your own rows (or export the
same columns from your system). Headers that differ (e.g. "Start Date") can be mapped to
ours in config.yaml under `local:` instead of renaming them. Files left here are not read.
An extract you leave out switches its section or figure off with a note.
"""

SSDA903_README = """\
Put each SSDA903 collection year in its own folder, named by the year of 31 March:
2025/ holds the 2024-25 return (header, episodes, reviews and uasc tables, as CSV or XLSX),
2024/ the 2023-24 return, and so on. At least the report year is needed; give the four
years before it too for trends and for reviews whose previous review was in an earlier year.
"""

PRIORITIES = """\
# Last year's priorities with their status (achieved, partly or not_achieved), and next
# year's. Replace the examples with your own.
last_year:
  - title: Replace with last year's first priority
    status: partly
    commentary: What happened.
next_year:
  - title: Replace with next year's first priority
    detail: How we will do it.
"""

VOICE = """\
# Quotes the children, families and professionals who gave them agreed to share, and
# "You said, we did". Only quotes with approved: yes are published; a quote gives the kind of
# person who said it (child, parent, carer or professional), never a name or other detail.
# Welsh text (text_cy, said_cy, did_cy) is optional. Replace the examples with your own.
quotes:
  - text: Replace with a quote.
    respondent: child
    approved: no
you_said_we_did:
  - said: Replace with what children told you.
    did: Replace with what the service did about it.
"""


def default_year(today: date) -> str:
    """The last reporting year that has ended by `today` (1 April to 31 March)."""
    end = today.year if today.month >= 4 else today.year - 1
    return f"{end - 1}-{end % 100:02d}"


def config_text(year: str) -> str:
    return f"""\
# iro-report configuration for your council (written by `iro-report init`). Every key is
# checked: an unknown key or a wrong type stops the build with the key's name. Paths are
# relative to this file. See README "Configuration" for every setting.

council:
  name: Your Council                      # shown on the title page and running header
  slug: your-council                      # lower case; names the output folder out/<slug>-<year>/
  nation: england                         # england or wales
  service_name: Independent Reviewing Service
  panel_name: Corporate Parenting Panel
  # under_18_population:                  # ONS mid-year estimate by year: gives the rate per
  #   {year}: 50000                       # 10,000 children

report:
  year: {year}                           # reporting year, 1 April to 31 March
  data: data                              # data/ssda903/<year>/, data/local/, data/narrative/
  output: out                             # outputs go to out/<slug>-<year>/
  author: IRO Service Manager             # shown on the title page

publishing:
  suppression_threshold: 5                # counts of 1 to 5 children are shown as "c"
  trend_years: 5

feedback:
  # The questions in data/local/feedback.csv and the answers that count as positive.
  questions:
    - code: Q1
      text: Did your IRO speak with you before the review?
      positive: ["Yes"]

# Local extracts as your systems export them (README "Local extracts as exported"):
# local:
#   iro_allocations:
#     file: allocations.xlsx              # in data/local/ (default: iro_allocations.csv/.xlsx)
#     sheet: Allocations                  # the workbook's sheet (default: recognised by columns)
#     columns:                            # your header: our column
#       Child ID: CHILD
#       Worker: IRO_ID
#       Start Date: START
#       End Date: END
#   feedback:                             # a survey export with one row per response
#     columns:
#       Response ID: RESPONSE_ID
#       Submitted: DATE
#       I am a: RESPONDENT
#     questions:                          # question column: question code above
#       Did your IRO speak with you before the review?: Q1

# Known issues you have checked and accept (README "Publishing with known issues"):
# accepted_issues:
#   - rule: overlapping-episodes
#     file: ssda903/2022/episodes.csv
#     count: 3                            # or rows: [14, 27]
#     reason: Historic overlaps corrected in the case system after the 2021-22 return.
"""


GLANCE_STUB = """\
## What is working well

[Replace with what is working well: a few sentences for members.]

## What we are worried about

[Replace with what you are worried about, urgent issues first.]

## What we will do next

[Replace with what the service will do next.]
"""


def stub(title: str) -> str:
    return (
        f"*Write the {title.lower()} section here: the manager's commentary in Markdown. "
        'Figures can be used by id, e.g. {{ figures["cla.at_period_end"].value }}; '
        "`iro-report sections` lists the sections and figures.json the figure ids.*\n"
    )


def write_starter(folder: Path, today: date) -> list[Path]:
    """Write a new council's folder; refuses one that exists and is not empty."""
    from report.sections import registry

    refuse_non_empty(folder)
    data = folder / "data"
    files: dict[Path, str] = {
        folder / "config.yaml": config_text(default_year(today)),
        data / "ssda903" / "README.txt": SSDA903_README,
        data / "priorities.yaml": PRIORITIES,
        data / "voice.yaml": VOICE,
        folder / "templates" / "README.txt": TEMPLATES_README,
    }
    for name, extract in EXTRACTS.items():
        columns = [c.name for c in extract.columns]
        row = EXAMPLE_ROWS[name]
        files[folder / "templates" / f"{name}.csv"] = (
            ",".join(columns) + "\n" + ",".join(row.get(c, "") for c in columns) + "\n"
        )
    for section in registry():
        files[data / "narrative" / f"{section.key}.md"] = stub(section.title)
    files[data / "narrative" / "at_a_glance.md"] = GLANCE_STUB
    (data / "local").mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return sorted(files)


def refuse_non_empty(folder: Path) -> None:
    """A ReportError (exit 2) when `folder` is a file or a folder that holds anything."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        what = "is a file" if not folder.is_dir() else "is not empty"
        raise ReportError(
            f"{folder} {what}: init writes only into a new or empty folder, so nothing is "
            "overwritten; choose another folder",
            EXIT_USAGE,
        )
