"""Numbers as published text: units, rounding, the symbols c/k/x/z and year-on-year wording."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from report import i18n
from report.i18n import N_, _
from report.model import SUPPRESSIBLE, Figure, Unit
from report.publish.suppression import Hide, as_hide

# Symbols as the Government Statistical Service and DfE use them.
SUPPRESSED = "c"
ROUNDS_TO_ZERO = "k"
NOT_AVAILABLE = "x"
NOT_APPLICABLE = "z"
SYMBOLS = frozenset({SUPPRESSED, ROUNDS_TO_ZERO, NOT_AVAILABLE, NOT_APPLICABLE})

ONE_DECIMAL: frozenset[str] = frozenset({"rate_per_10k", "rate_per_100", "fte", "caseload"})


def symbol_key(threshold: int) -> tuple[tuple[str, str], ...]:
    """The symbols and what they mean, for the key under every table and Appendix C."""
    return (
        (
            SUPPRESSED,
            _(
                N_(
                    "suppressed: a count from 1 to {threshold}, or a value calculated from "
                    "one, or a cell that would let one be worked out",
                    threshold=threshold,
                )
            ),
        ),
        (ROUNDS_TO_ZERO, _("more than 0 but rounds to 0")),
        (NOT_AVAILABLE, _("not available: no data for this value")),
        (NOT_APPLICABLE, _("not applicable: for example a percentage of 0")),
    )


def round_half_up(value: float, places: int) -> Decimal:
    """Round as people do (2.5 -> 3), from the shortest decimal form of the float."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def count_text(value: float) -> str:
    """A count with thousands separators: 1,234."""
    return i18n.number(round_half_up(value, 0))


def percent_text(value: float | None) -> str:
    """A percentage to a whole number: 87%; k if it rounds to 0 but is not 0; z if undefined."""
    if value is None:
        return NOT_APPLICABLE
    rounded = round_half_up(value, 0)
    if rounded == 0 and value != 0:
        return ROUNDS_TO_ZERO
    return f"{i18n.number(rounded)}%"


def decimal_text(value: float) -> str:
    """One decimal place: 54.3; k if it rounds to 0 but is not 0."""
    rounded = round_half_up(value, 1)
    if rounded == 0 and value != 0:
        return ROUNDS_TO_ZERO
    return i18n.number(rounded, 1)


def median_text(value: float) -> str:
    """A median number of days: whole when whole, else one decimal place (14.5)."""
    rounded = round_half_up(value, 1)
    whole = rounded == rounded.to_integral_value()
    return i18n.number(rounded.to_integral_value()) if whole else i18n.number(rounded, 1)


def number_text(value: float | None, unit: Unit | str) -> str:
    """An unsuppressed value in its unit's published form."""
    if unit == "percent":
        return percent_text(value)
    if value is None:
        return NOT_AVAILABLE
    if unit in ONE_DECIMAL:
        return decimal_text(value)
    if unit == "working_days":
        return median_text(value)
    return count_text(value)


def part_text(part: float | None, hidden: bool) -> str:
    """A figure's numerator or denominator as published."""
    if part is None:
        return NOT_AVAILABLE
    return SUPPRESSED if hidden else count_text(part)


@dataclass(frozen=True)
class FigureText:
    """A figure's published strings (suppressed and formatted)."""

    value: str
    pct: str
    numerator: str
    denominator: str
    suppressed: bool


def figure_text(figure: Figure, hide: Hide | int) -> FigureText:
    """Format one figure as decided by disclosure control (or, given a threshold, alone)."""
    hidden = as_hide(figure, hide)
    suppressed = hidden.value
    value = SUPPRESSED if suppressed else number_text(figure.value, figure.unit)
    numerator = part_text(figure.numerator, hidden.numerator)
    denominator = part_text(figure.denominator, hidden.denominator)
    if suppressed and denominator == SUPPRESSED and figure.numerator is not None:
        numerator = SUPPRESSED  # "0 of c" would give the percentage away
    pct = value if figure.unit == "percent" else NOT_APPLICABLE
    return FigureText(value, pct, numerator, denominator, suppressed)


def count_cell(value: int, suppressed: bool) -> str:
    """A table cell holding a count."""
    return SUPPRESSED if suppressed else count_text(value)


def share_cell(value: int, total: int, suppressed: bool) -> str:
    """A cell's percentage of its column total; c when the cell or the total is suppressed."""
    if suppressed:
        return SUPPRESSED
    return percent_text(100.0 * value / total if total else None)


def change_text(
    current: Figure,
    previous: Figure | None,
    hide: Hide | int,
    previous_hide: Hide | int | None = None,
) -> str:
    """ "up from 391", "down from 87%", "same as 12", or "" when either year is not shown."""
    if previous is None or current.value is None or previous.value is None:
        return ""
    before_hide = hide if previous_hide is None else previous_hide
    if as_hide(current, hide).value or as_hide(previous, before_hide).value:
        return ""
    now, before = (
        number_text(current.value, current.unit),
        number_text(previous.value, previous.unit),
    )
    if now in SYMBOLS or before in SYMBOLS:
        return ""
    if now == before:
        return _(N_("same as {before}", before=before))
    if current.value > previous.value:
        return _(N_("up from {before}", before=before))
    return _(N_("down from {before}", before=before))


def previous_text(previous: Figure | None, hide: Hide | int) -> str:
    """Last year's published value, or x when there is none."""
    if previous is None:
        return NOT_AVAILABLE
    return figure_text(previous, hide).value


def detail_text(figure: Figure, hide: Hide | int) -> str:
    """ "880 of 1,000 reviews" for a percentage of counted things; "" otherwise."""
    if figure.unit != "percent" or figure.base_unit not in SUPPRESSIBLE:
        return ""
    text = figure_text(figure, hide)
    return _(N_(OF_UNITS[figure.base_unit], numerator=text.numerator, denominator=text.denominator))


# "880 of 1,000 reviews", by the unit counted (one msgid each: the words differ in Welsh).
OF_UNITS = {
    "children": N_("{numerator} of {denominator} children"),
    "reviews": N_("{numerator} of {denominator} reviews"),
    "escalations": N_("{numerator} of {denominator} escalations"),
    "conferences": N_("{numerator} of {denominator} conferences"),
    "responses": N_("{numerator} of {denominator} responses"),
    "referrals": N_("{numerator} of {denominator} referrals"),
}
