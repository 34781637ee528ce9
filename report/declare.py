"""Figure declarations: each figure's id, label, unit and definition, written once."""

from __future__ import annotations

from dataclasses import dataclass
from string import Formatter
from typing import Any

from report.i18n import Message
from report.model import CountUnit, Figure, Unit


@dataclass(frozen=True)
class FigureDef:
    """What a figure is, declared once at module level next to the code that computes it.

    `label` and `definition` are N_() Messages; a definition that depends on settings has
    named placeholders (`{first_interval}`) given when the figure is made. `base_unit` is
    what a percentage's or rate's numerator and denominator count. An id with a placeholder
    (`feedback.positive/{code}`) declares a family, one figure per item of a setting (a
    question in config.yaml), filled in when the figure is made. `conditional` says, in
    words for developers, when the figure may be missing from a build whose section is on
    (a setting, an optional extract, a column); empty when it is always there.
    """

    id: str
    label: str
    unit: Unit
    definition: str
    method: str = ""
    base_unit: CountUnit | None = None
    conditional: str = ""

    def count(self, value: int, **params: Any) -> Figure:
        """The figure with a count as its value."""
        return Figure(
            id=self.id_for(**params),
            label=self.title(**params),
            value=float(value),
            unit=self.unit,
            definition=self.describe(**params),
            method=_fill(self.method, params),
        )

    def percent(self, numerator: int, denominator: int, **params: Any) -> Figure:
        """The figure as 100 * numerator / denominator (None when the denominator is 0)."""
        value = 100.0 * numerator / denominator if denominator else None
        return Figure(
            id=self.id_for(**params),
            label=self.title(**params),
            value=value,
            unit="percent",
            definition=self.describe(**params),
            numerator=float(numerator),
            denominator=float(denominator),
            base_unit=self.base_unit,
            method=_fill(self.method, params),
        )

    def value(
        self,
        value: float | None,
        numerator: float | None = None,
        denominator: float | None = None,
        **params: Any,
    ) -> Figure:
        """The figure with any other value (a rate, FTE, median), with its parts if any."""
        return Figure(
            id=self.id_for(**params),
            label=self.title(**params),
            value=value,
            unit=self.unit,
            definition=self.describe(**params),
            numerator=numerator,
            denominator=denominator,
            base_unit=self.base_unit,
            method=_fill(self.method, params),
        )

    def id_for(self, **params: Any) -> str:
        """The id with its placeholders filled in (a family's member), else the id."""
        return _fill(self.id, params)

    @property
    def family(self) -> bool:
        """Whether the id has a placeholder: one figure per item of a setting."""
        return "{" in self.id

    def describe(self, **params: Any) -> str:
        """The definition with its placeholders filled in (still a Message to translate)."""
        return _fill(self.definition, params)

    def title(self, **params: Any) -> str:
        """The label with its placeholders filled in."""
        return _fill(self.label, params)


def _fill(text: str, params: dict[str, Any]) -> str:
    """`text` with the `params` it names: a Message stays a Message (translated later),
    keeping any parameters given when it was declared."""
    source = text.msgid if isinstance(text, Message) else text
    names = {field for _, field, _, _ in Formatter().parse(source) if field}
    used = {k: v for k, v in params.items() if k in names}
    if not used:
        return text
    if isinstance(text, Message):
        return Message(text.msgid, {**text.params, **used})
    return text.format(**used)


def ids(declared: tuple[FigureDef, ...]) -> list[str]:
    """The ids of some declarations, in order (a section's headline list)."""
    return [d.id for d in declared]
