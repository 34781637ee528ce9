"""Build tiny hand-made data folders for tests, in the exact DfE and local layouts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

HEADER = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]
EPISODES = [
    "CHILD",
    "DECOM",
    "RNE",
    "LS",
    "CIN",
    "PLACE",
    "PLACE_PROVIDER",
    "DEC",
    "REC",
    "REASON_PLACE_CHANGE",
    "HOME_POST",
    "PL_POST",
    "URN",
]
REVIEWS = ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"]
UASC = ["CHILD", "SEX", "DOB", "DUC"]


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
    write_csv(folder / "episodes.csv", EPISODES, episodes)
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
