"""The message catalogue: marking, translating, Welsh dates and numbers, a complete catalogue."""

from __future__ import annotations

import pickle
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from report import i18n
from report.i18n import N_, P_, Message, _

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "P_": (1, 2)}


def extracted() -> set[str]:
    """Every msgid marked in report/ and templates/, as `make messages` extracts them."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        ROOT, method_map, options_map, keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_marked_text_is_english_until_published_in_welsh() -> None:
    text = N_("Contents")
    assert text == "Contents"
    assert isinstance(text, Message)
    assert _(text) == "Contents"
    with i18n.language("cy"):
        assert _(text) == "Cynnwys"
        assert _("Contents") == "Cynnwys"  # a plain msgid too
        assert _("no such msgid, left as it is") == "no such msgid, left as it is"
    assert _(text) == "Contents"  # the block ends, English again


def test_parameters_are_formatted_and_marked_parameters_translated() -> None:
    text = N_("{what}: {count}", what=N_("Contents"), count=3)
    assert text == "Contents: 3"
    with i18n.language("cy"):
        # "{what}: {count}" has no Welsh entry of its own: the parameter is still translated
        assert _(text) == "Cynnwys: 3"


def test_welsh_plurals_follow_the_welsh_rule() -> None:
    catalogue = i18n.read_catalogue("cy")
    assert catalogue.num_plurals == 6  # zero, one, two, few, many, other
    one, many = P_("{n} review", "{n} reviews", 1), P_("{n} review", "{n} reviews", 2)
    assert (one, many) == ("1 review", "2 reviews")


def test_a_message_survives_pickling_with_its_msgid() -> None:
    text = pickle.loads(pickle.dumps(N_("{what}: {count}", what="x", count=2)))
    assert (text, text.msgid, text.params) == ("x: 2", "{what}: {count}", {"what": "x", "count": 2})


def test_welsh_month_names_and_numbers_come_from_babel() -> None:
    assert i18n.long_date(date(2025, 3, 31)) == "31 March 2025"
    assert i18n.long_date("2025-07-10", weekday=True) == "Thursday 10 July 2025"
    assert i18n.number(1234) == "1,234"
    with i18n.language("cy"):
        assert i18n.long_date(date(2025, 3, 31)) == "31 Mawrth 2025"
        assert i18n.long_date(date(2025, 7, 10), weekday=True) == "Dydd Iau 10 Gorffennaf 2025"
        assert i18n.long_date(date(2024, 12, 1)) == "1 Rhagfyr 2024"
        assert i18n.number(1234) == "1,234"
        assert i18n.number(12.5, 1) == "12.5"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="language must be one of"), i18n.language("fr"):
        pass


def test_every_catalogue_msgid_has_a_welsh_translation() -> None:
    missing = [m.id for m in i18n.read_catalogue("cy") if m.id and not all(_strings(m.string))]
    assert missing == [], "run `make messages` and translate these in messages.po"


def test_every_marked_string_is_in_the_welsh_catalogue() -> None:
    ids = {m.id[0] if isinstance(m.id, tuple) else m.id for m in i18n.read_catalogue("cy")}
    missing = sorted(extracted() - ids - {""})
    assert missing == [], "run `make messages`, then translate the new entries"


def test_the_catalogue_has_no_fuzzy_or_unused_entries() -> None:
    catalogue = i18n.read_catalogue("cy")
    assert [m.id for m in catalogue if m.id and m.fuzzy] == []
    ids = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalogue if m.id}
    assert sorted(ids - extracted()) == [], "run `make messages` to drop unused entries"


def _strings(value: object) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, tuple) else (str(value),)


def test_the_build_cache_keeps_a_message_translatable() -> None:
    import json

    from report import snapshot

    stored = json.loads(
        json.dumps(snapshot._encode([N_("{what}: {count}", what=N_("Contents"), count=2)]))
    )
    (back,) = snapshot._decode(stored)
    assert isinstance(back, Message) and back == "Contents: 2"
    with i18n.language("cy"):
        assert _(back) == "Cynnwys: 2"
