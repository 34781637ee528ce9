"""Code lists and their weights, and the fixed facts of the sample council (its IRO team)."""

from __future__ import annotations

from datetime import date

P2_LAST_START = date(2023, 10, 27)  # P2 not valid for episodes starting on/after 28 Oct 2023


ETHNIC = {
    "WBRI": 70.0,
    "WIRI": 0.5,
    "WOTH": 3.5,
    "WIRT": 1.0,
    "WROM": 1.0,
    "MWBC": 4.5,
    "MWBA": 1.5,
    "MWAS": 1.5,
    "MOTH": 2.5,
    "AIND": 0.5,
    "APKN": 1.5,
    "ABAN": 0.5,
    "AOTH": 1.0,
    "CHNE": 0.2,
    "BCRB": 1.0,
    "BAFR": 2.0,
    "BOTH": 0.8,
    "OOTH": 1.0,
    "REFU": 0.5,
    "NOBT": 1.0,
}
ETHNIC_UASC = {"AOTH": 30.0, "BAFR": 25.0, "OOTH": 20.0, "WOTH": 15.0, "BOTH": 5.0, "NOBT": 5.0}
CIN = {"N1": 64.0, "N2": 2.0, "N3": 3.0, "N4": 8.0, "N5": 15.0, "N6": 3.0, "N7": 0.5, "N8": 2.5}
ENTRY_AGE = {"0": 17.0, "1-4": 13.0, "5-9": 15.0, "10-15": 37.0, "16-17": 18.0}
PATHWAYS: dict[str, dict[str, float]] = {
    "0": {"brief": 5, "short": 10, "home": 15, "sgo": 15, "adoption": 35, "long": 20},
    "1-4": {"brief": 6, "short": 16, "home": 18, "sgo": 14, "adoption": 22, "long": 24},
    "5-9": {"brief": 8, "short": 22, "home": 22, "sgo": 10, "adoption": 2, "long": 36},
    "10-15": {"brief": 12, "short": 24, "home": 10, "sgo": 4, "long": 45, "yj": 5},
    "16-17": {"brief": 14, "short": 26, "home": 3, "long": 52, "yj": 5},
}
MOVE_REASONS = {
    "CARPL": 25.0,
    "CREQB": 18.0,
    "CREQO": 12.0,
    "CHILD": 7.0,
    "LAREQ": 8.0,
    "STAND": 5.0,
    "ALLEG": 4.0,
    "CLOSE": 4.0,
    "APPRR": 2.0,
    "OTHER": 15.0,
}
PN_YOUNG = {"PN1": 25.0, "PN2": 3.0, "PN3": 8.0, "PN4": 6.0, "PN5": 8.0, "PN6": 42.0, "PN7": 8.0}
PN_OLDER = {"PN1": 50.0, "PN2": 5.0, "PN3": 4.0, "PN4": 3.5, "PN5": 11.0, "PN6": 20.5, "PN7": 6.0}
THEMES = {
    "Care planning drift": 20.0,
    "Placement stability": 14.0,
    "Permanence planning": 14.0,
    "Health assessments": 12.0,
    "Education (PEP)": 11.0,
    "Contact with family": 10.0,
    "Pathway planning": 9.0,
    "Statutory visits": 10.0,
}
QUESTIONS = ("Q1", "Q2", "Q3", "Q4")
ANSWERS: dict[str, dict[str, float]] = {
    "Q1": {"Yes": 84.0, "Partly": 6.0, "No": 10.0},
    "Q2": {"Yes": 78.0, "Partly": 15.0, "No": 7.0},
    "Q3": {"Yes": 74.0, "Partly": 18.0, "No": 8.0},
    "Q4": {"Yes": 70.0, "Partly": 20.0, "No": 10.0},
}
MOMO_SHARE = {2023: 0.32, 2024: 0.48}  # children's answers given through the app, by year
STARTERS = 175  # mean periods of care starting in 2024-25 (before returns)
STARTERS_TREND = 0.012  # yearly growth in starters (England's numbers rose over the 2010s)
SHORT_BREAK_STARTS = 8.0  # short-break arrangements starting a year
ADOPTION_PLACES = ("A3", "A4", "A5", "A6")
FOSTER = ("U1", "U2", "U3", "U4", "U5", "U6")
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"

# IRO team: id, FTE, start, end (last day in post), agency
IRO_TEAM: list[tuple[str, float, date, date | None, str]] = [
    ("IRO01", 1.0, date(2012, 9, 3), None, "N"),
    ("IRO02", 1.0, date(2016, 4, 4), None, "N"),
    ("IRO03", 0.8, date(2018, 2, 5), None, "N"),
    ("IRO04", 0.8, date(2019, 6, 3), None, "N"),
    ("IRO05", 1.0, date(2017, 5, 2), date(2021, 12, 31), "N"),
    ("IRO06", 1.0, date(2022, 2, 14), None, "N"),
    ("IRO07", 1.0, date(2019, 9, 2), date(2024, 10, 31), "N"),
    ("IRO08", 1.0, date(2024, 11, 1), None, "Y"),
    ("IRO09", 0.6, date(2021, 9, 6), None, "N"),
]


# Why reviews were late (LATE_REASON codes, as config.yaml lists them; XX is not listed) and
# how many working days the review record took (issue 12: reviews in detail).
LATE_REASONS = {"SW": 30.0, "CHILD": 22.0, "IRO": 14.0, "ADMIN": 12.0, "CRT": 6.0, "XX": 2.0}
RECORD_DAYS = {"5": 30.0, "10": 28.0, "15": 20.0, "20": 10.0, "30": 8.0, "45": 4.0}


# The service each concern was raised with (RAISED_WITH codes as config.yaml lists them) and
# how the formal stages were dated (issue 12 item 6: disputes in detail).
RAISED_WITH = {
    "SWT": 46.0,
    "FOST": 12.0,
    "PLAC": 12.0,
    "LEGAL": 6.0,
    "HEALTH": 10.0,
    "EDU": 8.0,
    "LC": 5.0,
}
