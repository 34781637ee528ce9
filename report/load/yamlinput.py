"""A YAML file of the data folder read strictly: each way it can be unreadable is one problem."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import Node

from report import yamlfile
from report.load.files import InputError, read_input


@dataclass(frozen=True)
class YamlInput:
    """The checked node tree of a file that was there and readable (None when it is empty)."""

    node: Node | None


def read_yaml(root: Path, name: str, problems: list[str]) -> YamlInput | None:
    """<root>/<name> composed strictly (yamlfile.compose), or None when there is no such file
    or it cannot be read: not a safe file, not UTF-8, repeated keys or impossible dates, bad
    syntax; each such problem, naming the file, is appended to `problems` (the run stops)."""
    path = root / name
    if not path.exists() and not path.is_symlink():
        return None
    try:
        return YamlInput(yamlfile.compose(read_input(path, root, name).decode("utf-8-sig")))
    except InputError as exc:
        problems.append(str(exc))
    except UnicodeDecodeError:
        problems.append(f"{name}: not UTF-8 text; save it as UTF-8")
    except yamlfile.YamlProblems as exc:
        problems.extend(f"{name}: {p}" for p in exc.problems)
    except yaml.YAMLError as exc:
        problems.append(f"{name}: not valid YAML ({' '.join(str(exc).split())})")
    return None
