"""The build cache cannot run code or be forged, lives in a private folder of its own, and
prunes only its own files."""

from __future__ import annotations

import os
import pickle
import stat
from pathlib import Path

import pytest

from report import cache as cache_module
from report.cache import Cache, cache_folder
from report.errors import ReportError

KEY = "a" * 64


class Planted:
    """Unpickling this writes a file: proof that a pickle ran."""

    def __init__(self, proof: Path) -> None:
        self.proof = proof

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.write_text, (self.proof, "pickle ran"))


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "iro-report"


def test_the_cache_is_a_private_folder_of_its_own_with_a_private_key(home: Path) -> None:
    Cache()
    assert cache_folder() == home
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    key = home / "key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and len(key.read_bytes()) == 32
    assert home.parent.is_dir() and home.parent != home  # never the shared ~/.cache itself


def test_an_entry_round_trips_and_a_forged_or_moved_one_is_ignored(home: Path) -> None:
    first = Cache()
    first.put("pdf", KEY, b"%PDF the real one")
    first.commit()
    assert Cache().get("pdf", KEY) == b"%PDF the real one"

    entry = home / "pdf" / KEY
    signature, _, _ = entry.read_bytes().partition(b"\n")
    entry.write_bytes(signature + b"\n%PDF forged")  # the payload swapped, old signature kept
    assert Cache().get("pdf", KEY) is None
    import hashlib  # the old format: a plain sha256 of the payload, which anyone can compute

    forged = b"%PDF forged"
    entry.write_bytes(hashlib.sha256(forged).hexdigest().encode() + b"\n" + forged)
    assert Cache().get("pdf", KEY) is None

    first.put("pdf", KEY, b"%PDF the real one")
    first.commit()
    other = "b" * 64
    (home / "pdf" / other).write_bytes(entry.read_bytes())  # a genuine entry under another key
    assert Cache().get("pdf", other) is None


def test_a_planted_pickle_never_runs(home: Path, tmp_path: Path) -> None:
    """Every entry, signed or not, is read as bytes or JSON, never unpickled."""
    from report import snapshot

    proof = tmp_path / "proof.txt"
    payload = pickle.dumps(Planted(proof))
    store = Cache()
    store.put("compute", KEY, payload)  # even a correctly signed pickle
    store.commit()
    got = Cache().get("compute", KEY)
    assert got == payload
    with pytest.raises(snapshot.SnapshotError):
        snapshot.loads(got)
    assert not proof.exists()


def test_pruning_leaves_files_the_tool_did_not_write(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(cache_module.KEEP, "charts", 2)
    store = Cache()
    foreign = [home / "charts" / "notes.txt", home / "charts" / ("c" * 63), home / "other.db"]
    (home / "charts").mkdir()
    for path in foreign:
        path.write_text("someone else's\n")
    for i in range(4):
        store.put("charts", f"{i}" * 64, b"<svg/>")
    store.commit()
    ours = sorted(p.name for p in (home / "charts").iterdir() if len(p.name) == 64)
    assert len(ours) == 2  # pruned to KEEP
    assert all(p.read_text() == "someone else's\n" for p in foreign)


def test_a_cache_folder_of_another_user_or_open_to_others_is_refused(home: Path) -> None:
    home.mkdir(parents=True, mode=0o700)
    if os.geteuid() == 0:
        os.chown(home, 12345, 12345)
        with pytest.raises(ReportError, match="belongs to another user"):
            Cache()
        os.chown(home, 0, 0)
    home.chmod(0o777)
    with pytest.raises(ReportError, match="can be read or changed by others") as caught:
        Cache()
    assert caught.value.exit_code == 2 and "--no-cache" in caught.value.message
    home.chmod(0o700)
    (home / "key").write_bytes(os.urandom(32))
    (home / "key").chmod(0o644)
    with pytest.raises(ReportError, match="key can be read or changed by others"):
        Cache()


def test_a_link_in_place_of_the_folder_is_refused(home: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    home.parent.mkdir(parents=True)
    home.symlink_to(elsewhere)
    with pytest.raises(ReportError, match="is not a folder"):
        Cache()


def test_a_full_disk_leaves_no_partial_entry(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Cache()
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, handle: object) -> None:
            self.handle = handle

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *_: object) -> None:
            self.handle.close()  # type: ignore[attr-defined]

        def write(self, _data: bytes) -> int:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode="r": Full(real_fdopen(fd, mode)))
    store.put("pdf", KEY, b"%PDF")
    store.commit()
    monkeypatch.undo()
    assert not [p for p in home.rglob("*") if "partial" in p.name]
    assert not (home / "pdf" / KEY).exists()


def test_a_word_chart_drawn_as_png_is_kept_for_the_next_build(home: Path) -> None:
    # A narrative edit rebuilds report.docx: its charts' PNGs come from the cache, not cairosvg
    # again. "png" was once missing from KEEP, so commit() dropped every PNG.
    import base64

    from report.publish import rasterise

    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="5pt"></svg>'
    uri = rasterise.SVG_URI + base64.b64encode(svg).decode()
    first = Cache()
    drawn = rasterise.picture(uri, first)
    first.commit()
    later = Cache()
    again = rasterise.picture(uri, later)
    assert again.png == drawn.png
    assert (later.hits, later.misses) == (1, 0)


def test_every_kind_the_build_caches_is_kept() -> None:
    # commit() writes only the kinds named in KEEP: a kind put elsewhere would never be reused.
    import re

    root = Path(cache_module.__file__).parent
    kinds = {
        m.group(1)
        for path in root.rglob("*.py")
        for m in re.finditer(r'cache\.put\(\s*"([a-z]+)"', path.read_text(encoding="utf-8"))
    }
    assert kinds >= {"compute", "pdf", "png"}
    assert kinds <= set(cache_module.KEEP)
