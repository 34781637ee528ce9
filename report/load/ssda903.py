"""SSDA903 return files: recognise each year's files, check every cell, stitch the years."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from report.i18n import N_
from report.load import codes
from report.load.cells import bad_column, parse_frame
from report.load.files import InputError, read_input
from report.load.issues import Issues
from report.load.keys import CHILD_KEY
from report.load.layouts import Layout, closest, layout_of, recognise
from report.load.tables import RawTable, TableError, read_tables
from report.load.xml903 import is_xml, read_xml

TABLE_SUFFIXES = (".csv", ".xlsx", ".txt", ".xml")


def _tables(
    path: Path, name: str, data_root: Path, issues: Issues
) -> tuple[list[RawTable], list[str]]:
    """The tables in one file (a CSV, each sheet of a workbook, or the XML return), and the
    kinds of any tables an XML return holds that are not read."""
    if path.suffix.lower() != ".xml":
        return read_tables(path, name, issues), []
    try:
        data = read_input(path, data_root, name)
    except InputError as exc:
        raise TableError(str(exc)) from None
    found = read_xml(data, name) if is_xml(data) else None
    if found is None:
        issues.add(
            name, None, "", "", "file-ignored", N_("not a 903 XML return; ignored"), "warning"
        )
        return [], []
    issues.places[name] = found.places
    return found.tables, found.other


def read_year(
    folder: Path, year: int, data_root: Path, issues: Issues, problems: list[str]
) -> dict[str, pd.DataFrame]:
    """Every needed table of one collection year, parsed, with YEAR added; the other DfE
    tables are recognised and listed (info), and two sources for one table are refused."""
    found: dict[str, pd.DataFrame] = {}
    sources: dict[str, str] = {}
    late: list[pd.Series] = []
    events = 0
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in TABLE_SUFFIXES):
        name = path.relative_to(data_root).as_posix()
        try:
            tables, other = _tables(path, name, data_root, issues)
        except TableError as exc:
            problems.append(str(exc))
            continue
        recognised = [(t, recognise(t.columns)) for t in tables]
        recognised += [(RawTable(name, pd.DataFrame()), layout_of(k)) for k in other]
        for table, layout in recognised:
            if layout is None:
                _unrecognised(table, issues, problems)
                continue
            if layout.kind in sources:
                _second_source(layout, table.name, sources[layout.kind], folder, issues, problems)
                continue
            sources[layout.kind] = table.name
            if not layout.needed:
                issues.add(
                    table.name,
                    None,
                    "",
                    "",
                    "not-needed",
                    N_(
                        "the 903 {kind} table ({title}): recognised; the report does not use it",
                        kind=layout.kind,
                        title=layout.title,
                    ),
                    "info",
                )
                continue
            if table.frame.empty:
                issues.add(
                    table.name,
                    None,
                    "",
                    "",
                    "no-rows",
                    N_("the file has a header but no data rows"),
                    "warning",
                )
            columns = list(layout.columns)
            parsed = parse_frame(table.cells([c.name for c in columns]), columns, year, issues)
            if layout.kind == "episodes":
                _distance_range(parsed, issues)
            column = EVENT_DATE.get(layout.kind)
            if column:
                events += int(parsed[column].notna().sum())
                late.append(parsed.loc[parsed[column] > pd.Timestamp(year, 3, 31), column])
            parsed = _within_year(parsed, layout.kind, year, issues)
            parsed["YEAR"] = year
            found[layout.kind] = parsed
    rel = folder.relative_to(data_root).as_posix()
    for kind in ("header", "episodes", "reviews"):
        if kind not in found and not any(kind in p for p in problems):
            problems.append(
                f"{rel}/: no 903 {kind} file found (expected a CSV file, a workbook sheet or "
                f"the XML return with columns {', '.join(sorted(layout_of(kind).required))})"
            )
    _folder_year_hint(rel, year, events, late, issues)
    return found


def _distance_range(episodes: pd.DataFrame, issues: Issues) -> None:
    """PL_DISTANCE (miles from home, derived by the DfE from the postcodes) outside 0 to
    999.9 (DfE rule 164) is an error; the value is left out of the out-of-area figures."""
    distance = episodes["PL_DISTANCE"]
    bad = distance.notna() & ((distance < 0) | (distance > codes.MAX_DISTANCE))
    if not bad.any():
        return
    issues.add_frame(
        episodes.loc[bad],
        "PL_DISTANCE",
        "distance-range",
        N_(
            "PL_DISTANCE must be a distance in miles from 0 to {most} (DfE rule 164); the "
            "value is left out of the figures on placements out of area",
            most=codes.MAX_DISTANCE,
        ),
    )
    marker = bad_column("PL_DISTANCE")
    episodes[marker] = (
        episodes[marker].fillna(False).astype(bool) if marker in episodes else False
    ) | bad
    episodes["PL_DISTANCE"] = distance.where(~bad)


def _unrecognised(table: RawTable, issues: Issues, problems: list[str]) -> None:
    guess = closest(table.name, table.columns)
    if guess:
        missing = ", ".join(sorted(guess[1]))
        problems.append(
            f"{table.name}: looks like the 903 {guess[0].kind} file but column(s) "
            f"{missing} are missing"
        )
        return
    issues.add(
        table.name,
        None,
        "",
        "",
        "file-ignored",
        N_("not a table of the 903 return (its columns match none of the DfE layouts); ignored"),
        "warning",
    )


def _second_source(
    layout: Layout, name: str, first: str, folder: Path, issues: Issues, problems: list[str]
) -> None:
    message = (
        f"a second source for the 903 {layout.kind} table in {folder.name}/: {first} and "
        f"{name} both hold it; keep one per collection year"
    )
    if layout.needed:
        problems.append(f"{name}: {message}")
    else:
        unused = N_(
            "a second source for the 903 {kind} table in {folder}/: {first} and {name} both "
            "hold it; keep one per collection year (not used)",
            kind=layout.kind,
            folder=folder.name,
            first=first,
            name=name,
        )
        issues.add(name, None, "", "", "second-source", unused, "warning")


def _folder_year_hint(
    rel: str, year: int, events: int, late: list[pd.Series], issues: Issues
) -> None:
    """A folder whose episodes and reviews mostly fall after its collection year was
    probably named by its start year: name the folder they belong in."""
    dates = pd.concat(late) if late else pd.Series(dtype="datetime64[s]")
    if dates.empty or 2 * len(dates) <= events:
        return
    belongs = int((dates.dt.year + (dates.dt.month >= 4)).mode().iloc[0])
    span = f"{belongs - 1}-{belongs % 100:02d}"
    issues.add(
        rel,
        None,
        "",
        "",
        "folder-year",
        N_(
            "{late} of the {events} episode and review dates in {folder}/ are after "
            "31/03/{year}, most of them in {span}: collection years are named by the year of "
            "31 March, so this return probably belongs in ssda903/{belongs}/ (a folder named "
            "by the start year is a common slip)",
            late=len(dates),
            events=events,
            folder=rel,
            year=year,
            span=span,
            belongs=belongs,
        ),
    )


EVENT_DATE = {"episodes": "DECOM", "reviews": "REVIEW"}


def _within_year(parsed: pd.DataFrame, kind: str, year: int, issues: Issues) -> pd.DataFrame:
    column = EVENT_DATE.get(kind)
    if column is None:
        return parsed
    end = pd.Timestamp(year, 3, 31)
    late = parsed[column].notna() & (parsed[column] > end)
    if late.any():
        span = f"{year - 1}-{year % 100:02d}"
        issues.add_frame(
            parsed.loc[late],
            column,
            "after-collection-year",
            N_(
                "{column} is after 31/03/{year}, the end of the {span} collection year this "
                "file is in; the row is left out",
                column=column,
                year=year,
                span=span,
            ),
            scope="row",
        )
    return parsed.loc[~late].reset_index(drop=True)


YEAR_FOLDER = re.compile(r"^(\d{4})$")


def collection_folders(root: Path) -> dict[int, Path]:
    folder = root / "ssda903"
    if not folder.is_dir():
        return {}
    return {
        int(m.group(1)): p
        for p in sorted(folder.iterdir())
        if p.is_dir() and (m := YEAR_FOLDER.match(p.name))
    }


def stitch(years: dict[int, dict[str, pd.DataFrame]], issues: Issues) -> dict[str, pd.DataFrame]:
    """One frame per kind across years: later collections win for the same episode or review."""
    merged: dict[str, pd.DataFrame] = {}
    for kind, event in (("episodes", "DECOM"), ("reviews", "REVIEW"), ("header", ""), ("uasc", "")):
        frames = [tables[kind] for _, tables in sorted(years.items()) if kind in tables]
        if not frames:
            merged[kind] = pd.DataFrame(
                columns=[c.name for c in layout_of(kind).columns]
                + [CHILD_KEY, "_FILE", "_ROW", "YEAR"]
            ).astype({CHILD_KEY: "int64", "YEAR": "int64"})
            continue
        frame = pd.concat(frames, ignore_index=True)
        key = [CHILD_KEY, *([event] if event else [])]
        _duplicates_within_year(frame, key, kind, issues)
        if kind == "header":
            _conflicting_dob(frame, issues)
        frame = frame.sort_values([*key, "YEAR", "_ROW"], kind="stable")
        merged[kind] = frame.drop_duplicates(key, keep="last").reset_index(drop=True)
    header = merged["header"]
    header["SEX"] = header["SEX"].replace(codes.SEX_OLD)
    merged["episodes"] = not_carried(merged["episodes"], max(years, default=0), issues)
    return merged


def not_carried(episodes: pd.DataFrame, last: int, issues: Issues) -> pd.DataFrame:
    """DOMAIN 11: an episode open at the end of its return (DEC blank or after 31 March) that
    the next return does not carry is not kept open. The later return wins, absence
    included: the episode is closed on 1 April, the first day of the next collection year,
    with no reason (so no one ceases), and CUT marks it so that it counts in no figure of
    that year. One warning per episode. The next return always follows: years are a run."""
    eps = episodes.copy(deep=False)  # copy-on-write: a column is copied when it changes
    year = eps["YEAR"].astype("int64")
    ends = pd.to_datetime(pd.DataFrame({"year": year, "month": 3, "day": 31})).astype(
        "datetime64[s]"
    )
    cut = (eps["DEC"].isna() | (eps["DEC"] > ends)) & (year < last)
    eps["CUT"] = cut.astype(bool)
    if not cut.any():
        return eps
    for y in sorted(set(year[cut])):
        rows = eps.loc[cut & (year == y)]
        span, next_span = f"{y - 1}-{y % 100:02d}", f"{y}-{(y + 1) % 100:02d}"
        issues.add_frame(
            rows,
            "DEC",
            "open-episode-not-carried",
            N_(
                "this episode is open at the end of the {span} return but the {next_span} "
                "return does not carry it: it is not kept open (the later return wins) and "
                "counts in no figure from 1 April {year}; see the reconciliation in the "
                "data-quality appendix",
                span=span,
                next_span=next_span,
                year=y,
            ),
            "warning",
        )
    eps["DEC"] = eps["DEC"].mask(cut, ends + pd.Timedelta(days=1))
    eps["REC"] = eps["REC"].mask(cut)
    return eps


def _duplicates_within_year(frame: pd.DataFrame, key: list[str], kind: str, issues: Issues) -> None:
    dup = frame.duplicated([*key, "YEAR"], keep="first")
    if dup.any():
        what = {
            "episodes": N_("episode (same CHILD and DECOM)"),
            "reviews": N_("review (same CHILD and REVIEW date)"),
            "header": N_("child (same CHILD)"),
            "uasc": N_("child (same CHILD)"),
        }[kind]
        issues.add_frame(
            frame.loc[dup],
            key[-1] if len(key) > 1 else "CHILD",
            "duplicate",
            N_("duplicated {what} in the same file; the later row is used", what=what),
            "warning",
        )


def _conflicting_dob(header: pd.DataFrame, issues: Issues) -> None:
    key = CHILD_KEY
    dobs = header.dropna(subset=["DOB"]).groupby(key)["DOB"].nunique()
    conflicted = dobs[dobs > 1].index
    if len(conflicted):
        rows = header.loc[header[key].isin(conflicted)]
        rows = rows.loc[rows.duplicated(key, keep="first")]
        issues.add_frame(
            rows,
            "DOB",
            "dob-conflict",
            N_(
                "this child has a different date of birth in another file or year; "
                "the latest collection's is used"
            ),
            "warning",
        )
