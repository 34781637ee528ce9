"""benchmarks.yaml: published comparators, each value checked and reported by line and key."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from report import yamlfile
from report.i18n import N_
from report.load.issues import Issues
from report.load.yamlinput import read_yaml
from report.model import Benchmark

FILE = "benchmarks.yaml"
KEYS = ("figure", "area", "year", "value", "source")
OPTIONAL = ("nation", "measure")
NATIONS = ("england", "wales")
NATION_NAMES = {"england": N_("England"), "wales": N_("Wales")}
# No published comparator is larger: England's children looked after are under 100,000.
MAX_VALUE = 10_000_000
# The most a value of each unit can be (a percentage of, a rate per 10,000 or per 100).
UNIT_MAX = {"percent": 100.0, "rate_per_10k": 10_000.0}


def read_benchmarks(root: Path, issues: Issues, problems: list[str]) -> list[Benchmark]:
    """The entries of <root>/benchmarks.yaml that are usable; each faulty entry is an error
    issue (file, line as the row, key as the column) and is left out."""
    read = read_yaml(root, FILE, problems)
    if read is None:
        return []
    node = read.node
    if isinstance(node, MappingNode):  # {benchmarks: [...]}
        node = next((v for k, v in node.value if k.value == "benchmarks"), None)
    if node is None:
        return []
    if not isinstance(node, SequenceNode):
        problems.append(f"{FILE}: expected a list of benchmarks (each starting with '- figure:')")
        return []
    return [b for item in node.value if (b := _entry(item, issues)) is not None]


def _entry(node: object, issues: Issues) -> Benchmark | None:
    line = yamlfile.line_of(node) if isinstance(node, yaml.Node) else None
    if not isinstance(node, MappingNode):
        shape = N_("expected the keys {keys}", keys=", ".join(KEYS))
        issues.add(FILE, line, "", "", "benchmark-shape", shape)
        return None
    item = {
        str(k.value): (v, yamlfile.construct(v)) for k, v in node.value if isinstance(k, ScalarNode)
    }
    ok = True
    for key in sorted(set(item) - set(KEYS) - set(OPTIONAL)):
        issues.add(
            FILE,
            yamlfile.line_of(item[key][0]),
            key,
            "",
            "benchmark-key",
            N_(
                "unknown key {key}; expected {keys} (and optionally {optional})",
                key=repr(key),
                keys=", ".join(KEYS),
                optional=", ".join(OPTIONAL),
            ),
        )
        ok = False
    for key in KEYS:
        if key not in item:
            issues.add(
                FILE, line, key, "", "benchmark-key", N_("key {key} is missing", key=repr(key))
            )
            ok = False
    if not ok:
        return None
    text = {k: item[k][1] for k in ("figure", "area", "year", "source", *OPTIONAL) if k in item}
    for key, value in text.items():
        if not isinstance(value, str | int) or isinstance(value, bool) or not str(value).strip():
            issues.add(
                FILE,
                yamlfile.line_of(item[key][0]),
                key,
                "",
                "benchmark-text",
                N_("{key} should be text", key=key),
            )
            ok = False
    value_node, value = item["value"]
    number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
    if number is None or not math.isfinite(number) or not 0 <= number <= MAX_VALUE:
        most = f"{MAX_VALUE:,}"
        issues.add(
            FILE,
            yamlfile.line_of(value_node),
            "value",
            value_node.value,
            "benchmark-value",
            N_(
                "expected a number from 0 to {most}; the comparator is left out",
                most=most,
            ),
        )
        ok = False
    nation = _nation(str(text.get("nation", "")).strip(), str(text["area"]).strip())
    if nation not in NATIONS:
        issues.add(
            FILE,
            yamlfile.line_of(item["nation"][0]),
            "nation",
            str(text.get("nation", "")),
            "benchmark-nation",
            N_("expected england or wales: the nation whose figure this is"),
        )
        ok = False
    if not ok or number is None:
        return None
    return Benchmark(
        figure=str(text["figure"]).strip(),
        area=str(text["area"]).strip(),
        year=str(text["year"]).strip(),
        value=float(number),
        source=str(text["source"]).strip(),
        line=yamlfile.line_of(node),
        nation=nation,
        measure=str(text.get("measure", "")).strip(),
    )


def _nation(given: str, area: str) -> str:
    """The entry's nation: as given, or when left out, Wales for an area named Wales (or
    Welsh ...), else England (benchmarks.yaml held England's figures before it had nations)."""
    if given:
        return given.casefold()
    words = area.casefold().split()
    return "wales" if words and words[0] in ("wales", "welsh") else "england"


def check_benchmarks(
    benchmarks: list[Benchmark], units: Mapping[str, str], issues: Issues, nation: str
) -> list[Benchmark]:
    """The comparators for figures the report has, within their unit's range, from the
    report's own nation; an unknown figure id or another nation's figure is a warning and left
    out (a Welsh report never compares with England), an impossible value (a percentage over
    100) an error issue."""
    kept = []
    for b in benchmarks:
        if b.nation != nation:
            issues.add(
                FILE,
                b.line,
                "nation",
                b.nation,
                "benchmark-nation",
                N_(
                    "a comparator for {nation} ({area}) in a report for a council in {ours}: "
                    "not shown (give the {ours} figure, with nation: {code})",
                    nation=NATION_NAMES[b.nation],
                    area=b.area,
                    ours=NATION_NAMES.get(nation, nation),
                    code=nation,
                ),
                "warning",
            )
            continue
        if b.figure not in units:
            issues.add(
                FILE,
                b.line,
                "figure",
                b.figure,
                "benchmark-figure",
                N_(
                    "this report has no figure with this id (see figures.json for the ids; a "
                    "misspelling, or a figure switched off for want of data): not shown"
                ),
                "warning",
            )
            continue
        limit = UNIT_MAX.get(units[b.figure])
        if limit is not None and b.value > limit:
            most = f"{limit:,.0f}"
            issues.add(
                FILE,
                b.line,
                "value",
                b.value,
                "benchmark-value",
                N_(
                    "{figure} is a {unit} figure: expected at most {most}; the comparator is "
                    "left out",
                    figure=b.figure,
                    unit=units[b.figure].replace("_", " "),
                    most=most,
                ),
            )
            continue
        kept.append(b)
    return kept
