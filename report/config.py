"""config.yaml as typed, validated settings; paths resolve relative to the config file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from report import yamlfile
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
    # Wales: the council's and the service's names in Welsh, for the Welsh report (default:
    # the names above).
    name_cy: str | None = None
    service_name_cy: str | None = None
    panel_name_cy: str | None = None  # Wales: the committee's Welsh name
    under_18_population: dict[YearLabel, Annotated[int, Field(gt=0)]] = {}
    # IRO posts funded (FTE) by reporting year: vacancies = establishment - FTE in post
    iro_establishment_fte: dict[YearLabel, Annotated[float, Field(gt=0, le=1000)]] = {}


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
    # the review record / updated care plan is due this many working days after the review
    review_record_working_days: Annotated[int, Field(gt=0, le=60)] = 20


class Publishing(Strict):
    suppression_threshold: Annotated[int, Field(ge=1, le=20)] = 5  # 0 would publish every 1
    trend_years: Annotated[int, Field(ge=1, le=10)] = 5
    pdf_timeout_seconds: Annotated[int, Field(gt=0)] = 120
    escalation_themes: list[str] = []  # THEME values shown; others are "Other"
    feedback_sources: list[str] = []  # SOURCE values shown; others are "Other"
    # LATE_REASON codes of review_extras.csv and their published wording; others are "Other"
    late_review_reasons: dict[str, str] = {}
    # RAISED_WITH codes of escalations.csv (the service a concern was raised with) and their
    # published wording; others are "Other"
    escalation_services: dict[str, str] = {}
    at_a_glance_figures: Annotated[int, Field(ge=2, le=12)] = 6  # figures on "At a glance"
    # the council's Word template (.dotx or .docx) for report.docx and papers.docx: its styles,
    # page setup, headers and footers are used; relative to the config file
    word_template: Path | None = None


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
    # Wales: the Welsh Language Standards (Welsh Language (Wales) Measure 2011) paragraph;
    # required for a council in Wales (here or in narrative/papers.md).
    welsh_language: str | None = None


class Meeting(Strict):
    """The meeting the committee papers (iro-report papers) are for."""

    date: dt.date | None = None
    committee: str | None = None  # default: council.panel_name
    committee_cy: str | None = None  # Wales: the Welsh of committee
    agenda_item: str | int | None = None  # e.g. 7 or "7b"
    report_of: str = "Director of Children's Services"
    author: Contact | None = None
    implications: Implications = Implications()


class LocalExtract(Strict):
    """How one local extract is exported: its file, sheet and headers (README "Local extracts")."""

    file: str | None = None  # under <data>/local/; default <extract>.csv or .xlsx
    sheet: str | None = None  # the workbook's sheet; default: the sheet with the extract's columns
    columns: dict[str, str] = {}  # the export's header -> our column, e.g. "Start Date": START
    # feedback only, a wide survey export (one row per response, one column per question):
    # the question column's header -> the question code in feedback.questions
    questions: dict[str, str] = {}


class AcceptedIssue(Strict):
    """A known data issue the council has checked and accepts: it no longer blocks the build."""

    rule: str = Field(min_length=1)  # as in validation.csv, e.g. overlapping-episodes
    file: str = Field(min_length=1)  # as in validation.csv, e.g. ssda903/2022/episodes.csv
    count: Annotated[int, Field(gt=0)] | None = None  # at most this many rows
    rows: list[Annotated[int, Field(gt=1)]] | None = None  # or exactly these rows
    reason: str = Field(min_length=1)

    @model_validator(mode="after")
    def _count_or_rows(self) -> AcceptedIssue:
        if (self.count is None) == (self.rows is None):
            raise ValueError("give either count (how many rows) or rows (which rows), not both")
        return self


class Config(Strict):
    council: Council
    report: ReportSettings
    rules: Rules = Rules()
    publishing: Publishing = Publishing()
    feedback: Feedback = Feedback()
    meeting: Meeting = Meeting()
    local: dict[str, LocalExtract] = {}
    accepted_issues: list[AcceptedIssue] = []
    # Wales: the Welsh of the council's own words in this file (themes, sources, questions...)
    welsh_text: dict[Annotated[str, Field(min_length=1)], Annotated[str, Field(min_length=1)]] = {}
    source: Path = Field(default=Path("config.yaml"), exclude=True)

    @field_validator("local")
    @classmethod
    def _known_extracts(cls, value: dict[str, LocalExtract]) -> dict[str, LocalExtract]:
        from report.load.local import EXTRACTS

        unknown = sorted(set(value) - set(EXTRACTS))
        if unknown:
            raise ValueError(
                f"unknown extract {', '.join(unknown)}; expected one of {', '.join(EXTRACTS)}"
            )
        wide = sorted(name for name, item in value.items() if item.questions and name != "feedback")
        if wide:
            raise ValueError(f"questions are for the feedback extract only, not {', '.join(wide)}")
        return value

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
        raw = yamlfile.load(path.read_text(encoding="utf-8-sig"))
    except yamlfile.YamlProblems as exc:
        raise ReportError.from_problems(
            f"{path}: the config has problems:", exc.problems, EXIT_USAGE
        ) from None
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
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
    publishing = config.publishing
    if publishing.word_template is not None:
        template = _resolve(base, publishing.word_template, None, "publishing.word_template")
        if not template.is_file():
            raise ReportError(
                f"{path}: key 'publishing.word_template': no such file {template} (a Word "
                "template, .dotx or .docx)",
                EXIT_USAGE,
            )
        publishing = publishing.model_copy(update={"word_template": template})
    config = config.model_copy(update={"report": report, "publishing": publishing, "source": path})
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
