"""config.yaml as typed, validated settings; paths resolve relative to the config file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from report.dates import Period
from report.errors import EXIT_USAGE, ReportError

YearLabel = Annotated[str, Field(pattern=r"^\d{4}-\d{2}$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class Council(Strict):
    name: str = Field(min_length=1)
    slug: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    nation: Literal["england", "wales"] = "england"
    service_name: str = "Independent Reviewing Service"
    panel_name: str = Field(default="Corporate Parenting Panel", min_length=1)
    under_18_population: dict[YearLabel, Annotated[int, Field(gt=0)]] = {}


class ReportSettings(Strict):
    year: YearLabel
    data: Path
    output: Path = Path("out")
    author: str = "IRO Service Manager"
    date: dt.date | None = None  # the date on the title page; default: see publication_date

    @field_validator("year")
    @classmethod
    def _valid_year(cls, value: str) -> str:
        Period.from_label(value)
        return value


class Rules(Strict):
    wales_first_review_days: Annotated[int, Field(gt=0, le=60)] = 28
    participation_excludes_pn4: bool = False
    icpc_timeliness_from: Literal["strategy_discussion", "s47_start"] = "strategy_discussion"
    caseload_guidance_low: Annotated[int, Field(gt=0)] = 50
    caseload_guidance_high: Annotated[int, Field(gt=0)] = 70
    escalation_stage_target_working_days: Annotated[int, Field(gt=0)] = 5


class Publishing(Strict):
    suppression_threshold: Annotated[int, Field(ge=0, le=20)] = 5
    trend_years: Annotated[int, Field(ge=1, le=10)] = 5
    pdf_timeout_seconds: Annotated[int, Field(gt=0)] = 120
    escalation_themes: list[str] = []  # THEME values shown; others are "Other"
    feedback_sources: list[str] = []  # SOURCE values shown; others are "Other"


class Question(Strict):
    code: str
    text: str
    positive: list[str]


class Feedback(Strict):
    questions: list[Question] = []


class Contact(Strict):
    name: str = Field(min_length=1)
    role: str = ""
    email: str = ""
    phone: str = ""


class Implications(Strict):
    """Text that replaces the cover report's default implications paragraphs."""

    financial: str | None = None
    legal: str | None = None
    equalities: str | None = None
    risk: str | None = None


class Meeting(Strict):
    """The meeting the committee papers (iro-report papers) are for."""

    date: dt.date | None = None
    committee: str | None = None  # default: council.panel_name
    agenda_item: str | int | None = None  # e.g. 7 or "7b"
    report_of: str = "Director of Children's Services"
    author: Contact | None = None
    implications: Implications = Implications()


class Config(Strict):
    council: Council
    report: ReportSettings
    rules: Rules = Rules()
    publishing: Publishing = Publishing()
    feedback: Feedback = Feedback()
    meeting: Meeting = Meeting()
    source: Path = Field(default=Path("config.yaml"), exclude=True)

    @property
    def period(self) -> Period:
        return Period.from_label(self.report.year)

    @property
    def data_dir(self) -> Path:
        return self.report.data

    @property
    def out_dir(self) -> Path:
        return self.report.output / f"{self.council.slug}-{self.report.year}"


def _describe(error: dict[str, Any]) -> str:
    key = ".".join(str(part) for part in error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"unknown key '{key}' (check its spelling; see the comments in config.yaml)"
    if kind == "missing":
        return f"key '{key}' is required"
    given = error.get("input")
    shown = "" if isinstance(given, dict | list) else f", got {given!r}"
    if kind == "string_pattern_mismatch":
        form = PATTERN_FORMS.get(str(error["loc"][-1]), "a reporting year like 2024-25")
        return f"key '{key}': expected {form}{shown}"
    return f"key '{key}': {error['msg'].lower()}{shown}"


PATTERN_FORMS = {
    "year": "a reporting year like 2024-25",
    "slug": "lower-case letters, digits and hyphens, like exampleshire",
}


def load_config(path: Path | str, overrides: dict[str, Any] | None = None) -> Config:
    """Read and validate config.yaml; every problem is reported at once, by key."""
    path = Path(path)
    if not path.is_file():
        raise ReportError(f"Config file not found: {path}", EXIT_USAGE)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ReportError(f"{path}: not valid YAML ({exc})", EXIT_USAGE) from None
    if not isinstance(raw, dict):
        raise ReportError(f"{path}: expected a mapping of settings at the top level", EXIT_USAGE)
    for dotted, value in (overrides or {}).items():
        section, key = dotted.split(".")
        raw.setdefault(section, {})[key] = value
    try:
        config = Config.model_validate(raw)
    except ValidationError as exc:
        problems = [_describe(dict(e)) for e in exc.errors()]
        raise ReportError.from_problems(
            f"{path}: the config has problems:", problems, EXIT_USAGE
        ) from None
    base = path.resolve().parent
    report = config.report.model_copy(
        update={
            "data": _resolve(base, config.report.data, overrides, "report.data"),
            "output": _resolve(base, config.report.output, overrides, "report.output"),
        }
    )
    config = config.model_copy(update={"report": report, "source": path})
    if not config.report.data.is_dir():
        raise ReportError(f"Data folder not found: {config.report.data}", EXIT_USAGE)
    return config


def _resolve(base: Path, value: Path, overrides: dict[str, Any] | None, key: str) -> Path:
    """Config paths are relative to the config file; command-line paths to the working folder."""
    if value.is_absolute():
        return value
    if overrides and key in overrides:
        return value.resolve()
    return (base / value).resolve()
