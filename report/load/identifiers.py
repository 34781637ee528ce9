"""Identifiers seen in the inputs and identifier patterns: free text screened, values masked."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

# A UPN is a letter, 11 digits and a digit or letter; postcodes in the Royal Mail format;
# dates of birth as 903 files write them.
UPN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]\d{11}[0-9A-Za-z](?![A-Za-z0-9])")
POSTCODE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}(?![A-Za-z0-9])")
DMY = re.compile(r"(?<!\d)\d{1,2}/\d{1,2}/\d{4}(?!\d)")
TOKEN = re.compile(r"[A-Za-z0-9]+(?:/[0-9]+)*")

# Columns of the inputs whose values identify a child (collected from every frame).
SOURCES = ("CHILD", "UPN", "DOB", "MC_DOB", "HOME_POST", "PL_POST", "POSTCODE", "MOTHER")


def _forms(value: object) -> list[str]:
    """The ways a value may be typed elsewhere: as is, and dates as dd/mm/yyyy and ISO."""
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return []
    if isinstance(value, pd.Timestamp):
        return [value.strftime("%d/%m/%Y"), value.strftime("%Y-%m-%d")]
    text = str(value).strip()
    return [text.upper(), text.upper().replace(" ", "")] if text else []


def collect(frames: Iterable[pd.DataFrame]) -> frozenset[str]:
    """Every identifying value in these frames, as it may be typed elsewhere."""
    found: set[str] = set()
    for frame in frames:
        for column in SOURCES:
            if column in frame:
                for value in frame[column].dropna().drop_duplicates():
                    found.update(_forms(value))
    return frozenset(found)


def pattern_match(text: str) -> bool:
    """Looks like a UPN, a postcode or a dd/mm/yyyy date."""
    return bool(UPN.search(text) or POSTCODE.search(text) or DMY.search(text))


def identifying(value: object, known: frozenset[str]) -> bool:
    """The value is, or holds, a known identifier, or looks like one."""
    if value is None or (isinstance(value, float) and value != value):
        return False
    text = str(value).strip()
    if not text:
        return False
    if pattern_match(text):
        return True
    upper = text.upper()
    if upper in known or upper.replace(" ", "") in known:
        return True
    return any(token.upper() in known for token in TOKEN.findall(text))
