"""iro-report preview with a real server on 127.0.0.1: a narrative edit updates the page; a
narrative error shows on the page with its file and line. Every wait is a bounded loop, and
the test stops the server itself."""

from __future__ import annotations

import http.client
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ATTEMPTS = 6000  # polls of 0.1 s (10 minutes on a busy machine): a bound, not a timing assertion


class Running:
    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.lines: queue.Queue[str] = queue.Queue()
        self.said: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        first = self.next_line()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
        assert found, first
        self.port = int(found.group(1))

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def next_line(self) -> str:
        for _ in range(ATTEMPTS):
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                assert self.process.poll() is None, "the preview stopped"
                continue
            self.said.append(line)
            return line
        raise AssertionError("the preview printed nothing")

    def said_eventually(self, text: str) -> bool:
        """Whether the preview printed a line with `text` (reading on for up to 20 lines)."""
        for _ in range(20):
            if any(text in line for line in self.said):
                return True
            self.next_line()
        return False

    def get(self, path: str, host: str | None = None) -> tuple[int, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request("GET", path, headers={"Host": host or f"127.0.0.1:{self.port}"})
            response = conn.getresponse()
            return response.status, response.read().decode("utf-8")
        finally:
            conn.close()

    def version(self) -> int:
        return int(self.get("/version")[1])

    def wait_past(self, version: int) -> str:
        """The page once the preview has moved past `version`."""
        for _ in range(ATTEMPTS):
            if self.version() > version:
                return self.get("/")[1]
            time.sleep(0.1)
        raise AssertionError(f"the page stayed at version {version}")


@pytest.fixture
def running(tmp_path: Path) -> Iterator[tuple[Running, Path]]:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "sample", data)
    shutil.copy(ROOT / "config.yaml", tmp_path / "config.yaml")
    process = subprocess.Popen(
        [sys.executable, "-m", "report", "preview", "--config", "config.yaml", "--data", "data"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield Running(process), data
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            _out, err = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise
        assert "Traceback" not in err


def test_preview_updates_the_page_after_a_narrative_edit(running: tuple[Running, Path]) -> None:
    live, data = running
    page = live.wait_past(0)  # the first page, after the holding page
    assert '<html lang="en-GB"' in page
    assert "<h1" in page and 'fetch("/version"' in page
    assert "Independent Reviewing Officer" in page
    shown = live.version()

    narrative = data / "narrative" / "reviews.md"
    narrative.write_text(
        narrative.read_text(encoding="utf-8") + "\nA sentence added in the preview.\n",
        encoding="utf-8",
    )
    page = live.wait_past(shown)
    assert "A sentence added in the preview." in page
    assert live.said_eventually("narrative/reviews.md: page re-rendered (narrative only)")

    shown = live.version()
    narrative.write_text('First line.\n\nNow {{ figures["no.such"].pct }}.\n', encoding="utf-8")
    page = live.wait_past(shown)
    assert "narrative/reviews.md line 3: unknown figure &#x27;no.such&#x27;" in page
    assert "Traceback" not in page

    # Any other input recomputes the figures: priorities.yaml here.
    shown = live.version()
    narrative.write_text("Fixed.\n", encoding="utf-8")
    priorities = data / "priorities.yaml"
    priorities.write_text(
        priorities.read_text(encoding="utf-8").replace(
            "Improve the timeliness of reviews", "Hold every review when it is due", 1
        ),
        encoding="utf-8",
    )
    live.wait_past(shown)
    for _ in range(10):  # the two edits may arrive as one update or two
        version = live.version()
        page = live.get("/")[1]  # at least that version
        if "Hold every review when it is due" in page:
            break
        live.wait_past(version)
    assert "Hold every review when it is due" in page and "Fixed." in page
    assert live.said_eventually("priorities.yaml: figures recomputed")

    assert live.get("/", host="attacker.example")[0] == 421
    assert live.get("/elsewhere")[0] == 404
