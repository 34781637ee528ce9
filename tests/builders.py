"""Build tiny hand-made data folders for tests, in the exact DfE and local layouts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from report.assembly import Checked
from report.config import Config, load_config
from report.dates import Period
from report.load.layouts import DFE_DERIVED, DFE_ORDER
from report.model import Breakdown, Figure, SectionResult
from report.pipeline import check_data
from report.rules.history import CareHistory
from report.sections import BuildInput, SectionRun, registry

# The exact DfE column orders, from the load schemas (as the sample generator writes them too).
HEADER, EPISODES, REVIEWS, UASC = (
    DFE_ORDER["header"],
    DFE_ORDER["episodes"],
    DFE_ORDER["reviews"],
    DFE_ORDER["uasc"],
)
# Items the DfE derives from the postcodes: written only when a test's episodes give them.
DERIVED = DFE_DERIVED["episodes"]


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[dict[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [",".join(columns)]
    lines += [",".join(str(row.get(c, "")) for c in columns) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def child(child_id: str, dob: str, sex: str = "1", ethnic: str = "WBRI") -> dict[str, str]:
    return {"CHILD": child_id, "SEX": sex, "DOB": dob, "ETHNIC": ethnic}


def episode(
    child_id: str,
    decom: str,
    dec: str = "",
    rec: str = "",
    rne: str = "S",
    ls: str = "C2",
    place: str = "U1",
) -> dict[str, str]:
    return {
        "CHILD": child_id,
        "DECOM": decom,
        "RNE": rne,
        "LS": ls,
        "CIN": "N1",
        "PLACE": place,
        "PLACE_PROVIDER": "PR1",
        "DEC": dec,
        "REC": rec,
    }


def review(child_id: str, date: str, code: str = "PN1") -> dict[str, str]:
    return {"CHILD": child_id, "REVIEW": date, "REVIEW_CODE": code}


def write_year(
    root: Path,
    year: int,
    header: list[dict[str, str]],
    episodes: list[dict[str, str]],
    reviews: list[dict[str, str]] | None = None,
    uasc: list[dict[str, str]] | None = None,
) -> Path:
    """One collection year folder: data/ssda903/<year>/{header,episodes,reviews,uasc}.csv."""
    folder = root / "ssda903" / str(year)
    write_csv(folder / "header.csv", HEADER, header)
    derived = [c for c in DERIVED if any(c in ep for ep in episodes)]
    write_csv(folder / "episodes.csv", [*EPISODES, *derived], episodes)
    write_csv(folder / "reviews.csv", REVIEWS, reviews or [])
    if uasc is not None:
        write_csv(folder / "uasc.csv", UASC, uasc)
    return folder


def write_config(
    path: Path, data: Path, year: str = "2024-25", nation: str = "england", extra: str = ""
) -> Path:
    path.write_text(
        "council:\n  name: Testshire Council\n  slug: testshire\n"
        f"  nation: {nation}\nreport:\n  year: {year}\n  data: {data}\n"
        f"  output: {path.parent / 'out'}\n" + extra,
        encoding="utf-8",
    )
    return path


# --- Loading a tiny folder and computing from it (unit tests of rules and sections) ---------

Year = tuple[list[dict[str, str]], list[dict[str, str]], list[dict[str, str]]]


@dataclass
class Built:
    """A tiny data folder loaded and checked, with helpers to compute sections from it."""

    config: Config
    checked: Checked

    @property
    def history(self) -> CareHistory:
        return self.checked.history

    @property
    def issues(self) -> pd.DataFrame:
        return self.checked.data.issues.frame()

    @property
    def errors(self) -> pd.DataFrame:
        """The error-severity issues only (empty files give warnings)."""
        issues = self.issues
        return issues.loc[issues["severity"] == "error"].reset_index(drop=True)

    def rules(self, *names: str) -> list[str]:
        """The rule of every issue (optionally only those named), in file and row order."""
        found = list(self.issues["rule"]) if len(self.issues) else []
        return [r for r in found if not names or r in names]

    def section(self, key: str, year: str | None = None) -> SectionResult:
        period = Period.from_label(year) if year else self.config.period
        section = next(s for s in registry() if s.key == key)
        return SectionRun.start(section, self.build_input).year(period)

    @property
    def build_input(self) -> BuildInput:
        """What a section's prepare receives."""
        return BuildInput(self.history, self.checked.data, self.config)

    def figure(self, key: str, figure_id: str, year: str | None = None) -> Figure:
        return self.section(key, year).figure(figure_id)

    def breakdown(self, key: str, breakdown_id: str, year: str | None = None) -> Breakdown:
        return next(b for b in self.section(key, year).breakdowns if b.id == breakdown_id)

    def child_reviews(self, child_id: str) -> pd.DataFrame:
        """One child's reviews in care, in date order, with DUE, ASSESSABLE, ON_TIME, SEQUENCE."""
        rv = self.history.reviews
        return rv.loc[rv["CHILD"] == child_id].sort_values("DATE").reset_index(drop=True)


def build(
    tmp: Path,
    years: dict[int, Year],
    year: str = "2024-25",
    nation: str = "england",
    extra: str = "",
) -> Built:
    """Write one folder per collection year ({2025: (header, episodes, reviews)}) and load it."""
    data = tmp / "data"
    for collection, (header, episodes, reviews) in years.items():
        write_year(data, collection, header, episodes, reviews)
    config = load_config(write_config(tmp / "config.yaml", data, year, nation, extra))
    return Built(config, check_data(config))


def spread(
    header: list[dict[str, str]],
    episodes: list[dict[str, str]],
    reviews: list[dict[str, str]],
    collections: Iterable[int],
) -> dict[int, Year]:
    """Share a history out over collection years as the DfE returns carry it.

    An episode goes in every year it is open in (DEC and REC blank in the years before the
    one it ends in); a review in the year of its date; every child in every header, with SEX
    as 1/2 up to collection 2024 and M/F/U after.
    """
    years: dict[int, Year] = {}
    for year in collections:
        first, last = datetime(year - 1, 4, 1), datetime(year, 3, 31)
        eps = []
        for ep in episodes:
            start = datetime.strptime(ep["DECOM"], "%d/%m/%Y")
            end = datetime.strptime(ep["DEC"], "%d/%m/%Y") if ep.get("DEC") else None
            if start <= last and (end is None or end >= first):
                eps.append(ep if end is not None and end <= last else {**ep, "DEC": "", "REC": ""})
        revs = [r for r in reviews if first <= datetime.strptime(r["REVIEW"], "%d/%m/%Y") <= last]
        old_sex = {"M": "1", "F": "2"}
        head = [
            {**h, "SEX": old_sex.get(h["SEX"], h["SEX"])} if year <= 2024 else h for h in header
        ]
        years[year] = (head, eps, revs)
    return years


def ts(day: str) -> pd.Timestamp:
    """A dd/mm/yyyy date as a Timestamp, for comparing with computed frames."""
    return pd.Timestamp(datetime.strptime(day, "%d/%m/%Y"))


# --- Local extracts (report/load/local.py), written under <data>/local/ ----------------------

IRO_STAFF = ["IRO_ID", "FTE", "START", "END", "AGENCY"]
IRO_ALLOCATIONS = ["CHILD", "IRO_ID", "START", "END"]
REVIEW_EXTRAS = ["CHILD", "REVIEW", "IRO_ID", "PARENT_PARTICIPATION", "SEEN_BEFORE"]
MIDWAY_REVIEWS = ["CHILD", "DATE", "IRO_ID"]
CP_CONFERENCES = ["CHILD", "TYPE", "DATE", "ANCHOR_DATE", "CATEGORY", "PLAN"]


def write_local(
    data: Path, name: str, columns: Sequence[str], rows: Iterable[dict[str, str]]
) -> Path:
    """One local extract, data/local/<name>.csv; write it before `build` loads the folder."""
    return write_csv(data / "local" / f"{name}.csv", columns, rows)


# Escalations and feedback (the voice and escalations sections) -----------------------------

ESCALATIONS = [
    "ESCALATION_ID",
    "CHILD",
    "IRO_ID",
    "KIND",
    "RAISED",
    "THEME",
    "STAGE_REACHED",
    "RESOLVED",
    "OUTCOME",
    "CAFCASS",
]
FEEDBACK = ["RESPONSE_ID", "DATE", "SOURCE", "RESPONDENT", "CHILD", "QUESTION", "ANSWER"]


def escalation(
    esc_id: str,
    raised: str,
    *,
    kind: str = "CONCERN",
    stage: str = "INFORMAL",
    resolved: str = "",
    outcome: str = "",
    cafcass: str = "N",
    theme: str = "",
    child_id: str = "",
    iro: str = "IRO1",
) -> dict[str, str]:
    """One row of escalations.csv."""
    return {
        "ESCALATION_ID": esc_id,
        "CHILD": child_id,
        "IRO_ID": iro,
        "KIND": kind,
        "RAISED": raised,
        "THEME": theme,
        "STAGE_REACHED": stage,
        "RESOLVED": resolved,
        "OUTCOME": outcome,
        "CAFCASS": cafcass,
    }


def answer(
    response_id: str,
    date: str,
    respondent: str,
    question: str,
    value: str,
    *,
    child_id: str = "",
    source: str = "",
) -> dict[str, str]:
    """One row of feedback.csv: one answer of one response."""
    return {
        "RESPONSE_ID": response_id,
        "DATE": date,
        "SOURCE": source,
        "RESPONDENT": respondent,
        "CHILD": child_id,
        "QUESTION": question,
        "ANSWER": value,
    }


def write_one_child(data: Path) -> Path:
    """The smallest valid data folder: one child, one episode, one review in 2024-25."""
    return write_year(
        data,
        2025,
        [child("ZQ9876", "15/06/2010", "M")],
        [episode("ZQ9876", "01/04/2024")],
        [review("ZQ9876", "15/04/2024")],
    )
