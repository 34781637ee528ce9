"""YAML inputs read strictly: a repeated key or an impossible date is an error naming its line."""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

TIMESTAMP = "tag:yaml.org,2002:timestamp"


class YamlProblems(Exception):
    """Every repeated key and impossible date in one file, each naming its line and key."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class StrictLoader(yaml.SafeLoader):
    """PyYAML's SafeLoader (plain data only: no Python objects), refusing what it would
    otherwise accept silently: a repeated key (the last one would win) and a date such as
    2025-02-30 (it would crash the build)."""


def compose(text: str) -> Node | None:
    """The checked node tree of `text`; yaml.YAMLError for bad syntax, YamlProblems for
    repeated keys and impossible dates (all of them)."""
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    if node is not None:
        problems: list[str] = []
        _check(node, (), problems, set())
        if problems:
            raise YamlProblems(problems)
    return node


def construct(node: Node | None) -> Any:
    """Plain Python data (dicts, lists, str, int, float, bool, dates) from a checked node."""
    if node is None:
        return None
    loader = StrictLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def load(text: str) -> Any:
    """compose() then construct(): the file's data, strictly read."""
    return construct(compose(text))


def line_of(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _check(node: Node, path: tuple[str, ...], problems: list[str], seen: set[int]) -> None:
    if id(node) in seen:  # an alias: checked where its anchor is
        return
    seen.add(id(node))
    if isinstance(node, MappingNode):
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, ScalarNode) else "?"
            if key in first and key != "<<":
                dotted = ".".join((*path, key))
                problems.append(
                    f"line {line_of(key_node)}: key '{dotted}' appears twice (first at line "
                    f"{first[key]}); keep one"
                )
            first.setdefault(key, line_of(key_node))
            _check(value_node, (*path, key), problems, seen)
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value, start=1):
            _check(item, (*path, f"[{i}]"), problems, seen)
    elif isinstance(node, ScalarNode) and node.tag == TIMESTAMP:
        try:
            yaml.SafeLoader.construct_yaml_timestamp(StrictLoader(""), node)
        except ValueError:
            dotted = ".".join(path) or "(top level)"
            problems.append(
                f"line {line_of(node)}: key '{dotted}': {node.value} is not a real date "
                "(expected yyyy-mm-dd)"
            )
