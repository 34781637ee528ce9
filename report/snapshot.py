"""The computed report as plain JSON for the build cache, and back: data only, no code.

Only the model's own dataclasses (a fixed list), text marked for translation, lists, tuples,
dicts with text keys, text, numbers, booleans, None and dates are written or read; anything else
is refused, so reading an entry can never run code or build an object the tool did not mean to.
"""

from __future__ import annotations

import dataclasses
import json
import math
from datetime import date, datetime
from typing import Any

import numpy as np

from report.dates import Period
from report.i18n import Message
from report.load.issues import Issues
from report.model import (
    Benchmark,
    Breakdown,
    ChartSpec,
    Excluded,
    Figure,
    Reconciled,
    ReportInput,
    SectionOutput,
    SectionResult,
    Tie,
)

CLASSES: dict[str, type[Any]] = {
    c.__name__: c
    for c in (
        Benchmark,
        Breakdown,
        ChartSpec,
        Excluded,
        Figure,
        Period,
        Reconciled,
        ReportInput,
        SectionOutput,
        SectionResult,
        Tie,
    )
}
TAG = "$"  # {"$": kind, ...}: a dataclass, tuple, date or special float


class SnapshotError(ValueError):
    """An entry that is not a snapshot this tool wrote."""


def dumps(report: ReportInput, issues: Issues, collections: list[int]) -> bytes:
    value = {
        "report": report,
        "issues": issues.rows,
        "places": issues.places,  # where an XML return's rows are, for its messages
        "collections": collections,
    }
    return json.dumps(_encode(value), allow_nan=False).encode()  # keys keep their order


def loads(payload: bytes) -> tuple[ReportInput, Issues, list[int]]:
    try:
        value = _decode(json.loads(payload))
    except (ValueError, TypeError, KeyError, RecursionError) as exc:
        raise SnapshotError(str(exc)) from None
    if not isinstance(value, dict):
        raise SnapshotError("not a snapshot")
    report, rows, collections = value.get("report"), value.get("issues"), value.get("collections")
    if not isinstance(report, ReportInput) or not isinstance(rows, list):
        raise SnapshotError("not a snapshot")
    if not isinstance(collections, list) or not all(isinstance(c, int) for c in collections):
        raise SnapshotError("not a snapshot")
    places = value.get("places", {})
    if not isinstance(places, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(p, str) for p in v)
        for k, v in places.items()
    ):
        raise SnapshotError("not a snapshot")
    return report, Issues(rows=rows, places=places), collections


def _encode(value: Any) -> Any:
    if isinstance(value, Message):  # text marked for translation keeps its msgid
        params = {k: _encode(v) for k, v in value.params.items()}
        return {TAG: "msg", "v": [value.msgid, params, value.plural, value.n]}
    if value is None or isinstance(value, bool | str | int):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        return {TAG: "float", "v": repr(value)}
    if isinstance(value, np.generic):
        return _encode(value.item())
    if isinstance(value, datetime):
        raise TypeError("cannot store a date and time")
    if isinstance(value, date):
        return {TAG: "date", "v": value.isoformat()}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, tuple):
        return {TAG: "tuple", "v": [_encode(v) for v in value]}
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise TypeError("dict keys must be text")
        if TAG in value:
            raise TypeError(f"a dict key {TAG!r} cannot be stored")
        return {k: _encode(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and type(value).__name__ in CLASSES:
        fields = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {TAG: type(value).__name__, "v": fields}
    raise TypeError(f"cannot store a {type(value).__name__}")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    kind = value.get(TAG)
    if kind is None:
        return {k: _decode(v) for k, v in value.items()}
    inner = value["v"]
    if kind == "tuple":
        return tuple(_decode(v) for v in inner)
    if kind == "date":
        return date.fromisoformat(inner)
    if kind == "msg":
        msgid, params, plural, n = inner
        if not isinstance(msgid, str) or not isinstance(params, dict):
            raise ValueError("not a message")
        if plural is not None and not isinstance(plural, str):
            raise ValueError("not a message")
        if n is not None and not isinstance(n, int):
            raise ValueError("not a message")
        return Message(msgid, {k: _decode(v) for k, v in params.items()}, plural, n)
    if kind == "float":
        if inner not in ("nan", "inf", "-inf"):
            raise ValueError("not a float")
        return float(inner)
    cls = CLASSES.get(kind)
    if cls is None or not isinstance(inner, dict):
        raise ValueError(f"unknown kind {kind!r}")
    names = {f.name for f in dataclasses.fields(cls)}
    if set(inner) - names:
        raise ValueError(f"unknown fields for {kind}")
    return cls(**{k: _decode(v) for k, v in inner.items()})
