"""`iro-report papers` on the bundled sample: cover report + the report as Appendix A."""

from __future__ import annotations

from pathlib import Path

import yaml
from pypdf import PdfReader

from report import outdir
from tests.e2e.conftest import ROOT, run_cli


def test_papers_pdf_is_the_cover_then_the_report(
    sample_build: Path, sample_papers: Path, tmp_path: Path
) -> None:
    out = sample_papers.parent
    assert sorted(p.name for p in out.iterdir()) == [
        outdir.MARKER,
        "papers.docx",
        "papers.pdf",
    ]  # no temporary file left

    papers = PdfReader(out / "papers.pdf")
    report_pages = len(PdfReader(sample_build / "report.pdf").pages)
    texts = [page.extract_text() for page in papers.pages]
    # The cover ends where the appendix's title page (no footer) begins.
    cover_pages = next(i for i, t in enumerate(texts) if "Reporting period" in t)
    assert cover_pages >= 1
    assert len(texts) == cover_pages + report_pages
    for number in range(1, cover_pages + 1):
        assert f"Page {number} of {cover_pages}" in texts[number - 1]
    cover = " ".join(texts[:cover_pages]).replace("\n", " ")
    assert "That the Corporate Parenting Panel notes the IRO annual report 2024-25" in cover
    assert "Thursday 10 July 2025" in cover and "Wednesday 2 July 2025" in cover
    assert "children were looked after at 31 March 2025, compared with" in cover
    assert "{{" not in cover and " x " not in cover
    # The appendix: its own page numbers, "Appendix A" on its title page and running header.
    assert "Appendix A" in texts[cover_pages]
    assert f"Appendix A, page 2 of {report_pages}" in texts[cover_pages + 1]
    # and the viewer numbers its pages as printed: 1, 2 ... then ...
    labels = [papers.page_labels[i] for i in (0, cover_pages - 1, cover_pages, cover_pages + 1)]
    assert labels == ["1", str(cover_pages), "A-1", "A-2"]
    assert "Appendix A: Independent Reviewing Service Annual Report 2024-25" in texts[-1]
    root = papers.trailer["/Root"]
    assert "/StructTreeRoot" in root and str(root["/Lang"]) == "en-GB"
    assert papers.metadata is not None and "Corporate Parenting Panel" in str(papers.metadata.title)

    again = tmp_path / "again"
    result = run_cli(
        "papers", "--config", str(ROOT / "config.yaml"), "--out", str(again), "--quiet"
    )
    assert result.returncode == 0, result.stderr
    assert (again / "papers.pdf").read_bytes() == (out / "papers.pdf").read_bytes()
    assert (again / "papers.docx").read_bytes() == (out / "papers.docx").read_bytes()


def test_papers_without_a_meeting_date_exits_2(tmp_path: Path) -> None:
    settings = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    settings.pop("meeting", None)
    settings["report"]["data"] = str(ROOT / "data" / "sample")
    config = tmp_path / "config.yaml"
    config.write_text(yaml.safe_dump(settings), encoding="utf-8")
    result = run_cli("papers", "--config", str(config), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "meeting.date" in result.stderr
    assert not (tmp_path / "out").exists()
