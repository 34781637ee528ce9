"""The DfE 903 XML return (EXPSSDA903) read, safely, into the same tables as the CSV files."""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError

import pandas as pd
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from report.load.tables import RawTable, TableError

ROOT = "EXPSSDA903"
# Element -> CSV column, in the DfE CSV order (CLA.xsd: HEADER, AREVIEW and EPISODE).
HEADER = {
    "CHILDID": "CHILD",
    "SEX": "SEX",
    "DOB": "DOB",
    "ETHNIC": "ETHNIC",
    "UPN": "UPN",
    "MOTHER": "MOTHER",
    "MC_DOB": "MC_DOB",
}
EPISODE = {
    "DECOM": "DECOM",
    "RNE": "RNE",
    "LS": "LS",
    "CIN": "CIN",
    "PL": "PLACE",
    "PLACE_PROVIDER": "PLACE_PROVIDER",
    "DEC": "DEC",
    "REC": "REC",
    "REASON_PLACE_CHANGE": "REASON_PLACE_CHANGE",
    "HOME_POST": "HOME_POST",
    "PL_POST": "PL_POST",
    "URN": "URN",
}
REVIEW = {"REVIEW": "REVIEW", "REVIEW_CODE": "REVIEW_CODE"}
# Parts of the return the report does not use: the element that holds each table.
OTHER = {
    "AMISSING": "missing",
    "OC2": "oc2",
    "IN_TOUCH": "oc3",
    "ACTIV": "oc3",
    "ACCOM": "oc3",
    "DATE_INT": "ad1",
    "DATE_MATCH": "ad1",
    "AD_PLACED": "placed_for_adoption",
    "PERMANENCE": "previous_permanence",
    "SW_EPISODE": "sw_episodes",
    "DOLO": "dolo",
}


@dataclass
class XmlReturn:
    """The tables of one XML return, and the place of every row (row n is places[n - 1])."""

    tables: list[RawTable]
    other: list[str]  # kinds of the tables present and not read (e.g. "oc2")
    places: list[str] = field(default_factory=list)

    def place(self, where: str) -> dict[str, str]:
        """A new row standing for the element at `where`: its _ROW cell."""
        self.places.append(where)
        return {"_ROW": str(len(self.places))}


def is_xml(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<"


def read_xml(data: bytes, name: str) -> XmlReturn | None:
    """The header, episodes, reviews and uasc tables of an EXPSSDA903 document; None for
    another kind of XML. No DTD, entity or external reference is accepted."""
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise TableError(
            f"{name}: the XML declares a DTD or entities, which a 903 return never needs; "
            "refused for safety"
        ) from None
    except ParseError as exc:
        line, column = exc.position
        raise TableError(
            f"{name}: not well-formed XML (line {line}, column {column + 1})"
        ) from None
    if _tag(root) != ROOT:
        return None
    out = XmlReturn([], [])
    header: list[dict[str, str]] = []
    episodes: list[dict[str, str]] = []
    reviews: list[dict[str, str]] = []
    uasc: list[dict[str, str]] = []
    other: set[str] = set()
    for i, child in enumerate((e for e in root if _tag(e) == "CHILD"), start=1):
        head = next((e for e in child if _tag(e) == "HEADER"), None)
        fields = _fields(head) if head is not None else {}
        who = {"CHILD": fields.get("CHILDID", ""), "DOB": fields.get("DOB", "")}
        if head is not None:
            row = out.place(f"CHILD {i} > HEADER")
            header.append({col: fields.get(el, "") for el, col in HEADER.items()} | row)
            if fields.get("UASC", "") not in ("", "0") or fields.get("DUC", ""):
                uasc.append({**who, "SEX": fields.get("SEX", ""), "DUC": fields.get("DUC", "")})
                uasc[-1] |= row
            for j, item in enumerate((e for e in head if _tag(e) == "AREVIEW"), start=1):
                values = _fields(item)
                row = out.place(f"CHILD {i} > HEADER > AREVIEW {j}")
                reviews.append(who | {col: values.get(el, "") for el, col in REVIEW.items()} | row)
            other.update(OTHER[_tag(e)] for e in head if _tag(e) in OTHER and _filled(e))
        for k, item in enumerate((e for e in child if _tag(e) == "EPISODE"), start=1):
            values = _fields(item)
            row = out.place(f"CHILD {i} > EPISODE {k}")
            episodes.append(
                {"CHILD": who["CHILD"]} | {col: values.get(el, "") for el, col in EPISODE.items()}
            )
            episodes[-1] |= row
        other.update(OTHER[_tag(e)] for e in child if _tag(e) in OTHER and _filled(e))
    tables = [
        (list(HEADER.values()), header),
        (["CHILD", *EPISODE.values()], episodes),
        (["CHILD", "DOB", *REVIEW.values()], reviews),
        (["CHILD", "SEX", "DOB", "DUC"], uasc),
    ]
    for n, (columns, rows) in enumerate(tables):
        if rows or n == 0:  # the header table always, the others when they have rows
            out.tables.append(_table(name, columns, rows))
    out.other = sorted(other)
    return out


def _tag(element: Element) -> str:
    """The element's name without any namespace."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _fields(element: Element) -> dict[str, str]:
    """The text of each simple child element (the first of a name), stripped."""
    found: dict[str, str] = {}
    for item in element:
        found.setdefault(_tag(item), (item.text or "").strip())
    return found


def _filled(element: Element) -> bool:
    return bool((element.text or "").strip()) or len(element) > 0


def _table(name: str, columns: list[str], rows: list[dict[str, str]]) -> RawTable:
    frame = pd.DataFrame(rows, columns=[*columns, "_ROW"], dtype=object).fillna("")
    frame["_FILE"] = name
    frame["_ROW"] = frame["_ROW"].astype(int)
    return RawTable(name, frame[[*columns, "_FILE", "_ROW"]].reset_index(drop=True), False)
