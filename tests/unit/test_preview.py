"""The preview's pieces: change detection, the reload script, the problem page, the host check."""

from __future__ import annotations

import os
from pathlib import Path

from report import preview, watch


def _touch(path: Path, text: str, mtime_ns: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(mtime_ns, mtime_ns))


def test_changed_names_added_removed_and_modified_files(tmp_path: Path) -> None:
    _touch(tmp_path / "narrative" / "reviews.md", "a", 1_000_000_000)
    _touch(tmp_path / "local" / "iro_staff.csv", "b", 1_000_000_000)
    _touch(tmp_path / "priorities.yaml", "c", 1_000_000_000)
    before = watch.snapshot(tmp_path)
    assert set(before) == {"narrative/reviews.md", "local/iro_staff.csv", "priorities.yaml"}
    _touch(tmp_path / "narrative" / "reviews.md", "a!", 2_000_000_000)  # modified
    (tmp_path / "priorities.yaml").unlink()  # removed
    _touch(tmp_path / "narrative" / "voice.md", "new", 1_000_000_000)  # added
    after = watch.snapshot(tmp_path)
    assert watch.changed(before, after) == {
        "narrative/reviews.md",
        "priorities.yaml",
        "narrative/voice.md",
    }
    assert watch.changed(after, watch.snapshot(tmp_path)) == set()


def test_editor_swap_and_backup_files_are_not_watched(tmp_path: Path) -> None:
    _touch(tmp_path / "narrative" / ".reviews.md.swp", "x", 1)
    _touch(tmp_path / "narrative" / "reviews.md~", "x", 1)
    _touch(tmp_path / "narrative" / "~$draft.md", "x", 1)
    assert watch.snapshot(tmp_path) == {}


def test_only_narrative_changes_skip_the_recompute() -> None:
    assert watch.narrative_only({"narrative/reviews.md", "narrative/voice.md"})
    assert not watch.narrative_only({"narrative/reviews.md", "priorities.yaml"})
    assert not watch.narrative_only({"ssda903/2025/reviews.csv"})
    assert not watch.narrative_only({"<config>"})
    assert not watch.narrative_only(set())


def test_reload_script_goes_before_the_end_of_the_body() -> None:
    page = preview.with_reload("<html><body><p>x</p></body></html>", 7)
    assert page.startswith("<html><body><p>x</p><script>")
    assert page.endswith("</script>\n</body></html>")
    assert 'var shown = "7";' in page
    assert 'fetch("/version"' in page


def test_problem_page_escapes_the_message_and_keeps_reloading() -> None:
    page = preview.message_page("Problem", 'narrative/voice.md line 2: <b>"x"</b>', 3)
    assert "narrative/voice.md line 2: &lt;b&gt;&quot;x&quot;&lt;/b&gt;" in page
    assert "<b>" not in page
    assert 'var shown = "3";' in page


def test_only_local_host_names_are_served() -> None:
    assert preview._local_host("127.0.0.1:8123", 8123)
    assert preview._local_host("localhost:8123", 8123)
    assert not preview._local_host("evil.example:8123", 8123)
    assert not preview._local_host("127.0.0.1:9999", 8123)
    assert not preview._local_host("", 8123)
