"""PDF/UA-1 by the book: a real validator (page-validation, veraPDF's rule ids) on report.pdf and
papers.pdf for England and Wales, and every piece of marked content reachable or an artifact."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import page
import pikepdf
import pytest

from report.publish.pdf_tags import reachable_mcids, struct_elements

# operators that put marks on the page (text, paths, images, shadings, forms)
PAINTING = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "EI"}


@pytest.fixture(
    scope="module",
    params=[
        "england/report.pdf",
        "england/papers.pdf",
        "wales/report.pdf",
        "wales/papers.pdf",
        "wales/report.cy.pdf",
        "wales/papers.cy.pdf",
    ],
)
def document(request: pytest.FixtureRequest) -> Path:
    nation, name = request.param.split("/")
    if name.startswith("papers"):
        if nation == "england":
            found: Path = request.getfixturevalue("sample_papers")
            return found
        return Path(request.getfixturevalue("wales_build")) / name
    folder = "sample_build" if nation == "england" else "wales_build"
    return Path(request.getfixturevalue(folder)) / name


def test_pdf_passes_the_pdf_ua_1_validator(document: Path) -> None:
    report = page.validate_pdf(document, profile="ua1")
    failed = sorted({f"{f.rule_id}: {f.message}" for f in report.failures})
    assert report.is_compliant and not failed, f"{document.name}: " + "\n".join(failed)
    assert report.rules.total > 50  # the PDF/UA-1 profile really ran


def test_validator_sees_a_planted_fault(sample_build: Path, tmp_path: Path) -> None:
    """The validator must fail a PDF whose title-page list is tagged L > Div > LI again."""
    planted = tmp_path / "planted.pdf"
    with pikepdf.open(sample_build / "report.pdf") as pdf:
        tree = pdf.Root.StructTreeRoot
        item = next(e for e in struct_elements(tree) if e.get("/S") == "/LI")
        item.S = pikepdf.Name.Div
        pdf.save(planted)
    rules = {f.rule_id for f in page.validate_pdf(planted, profile="ua1").failures}
    assert "PDFUA1-L-KIDS-001" in rules


def _unmarked_painting(
    instructions: list[pikepdf.ContentStreamInstruction], reached: set[int]
) -> Iterator[str]:
    """Problems in one content stream: an MCID the tree does not reach, or paint outside any
    tagged or artifact sequence."""
    stack: list[str] = []  # "tagged", "artifact" or "other" per open marked-content sequence
    for instruction in instructions:
        operator = str(instruction.operator)
        operands = instruction.operands
        if operator in ("BDC", "BMC"):
            tag = str(operands[0])
            properties = operands[1] if operator == "BDC" else None
            mcid = properties.get("/MCID") if isinstance(properties, pikepdf.Dictionary) else None
            if tag == "/Artifact":
                stack.append("artifact")
            elif mcid is not None:
                if int(mcid) not in reached:
                    yield f"MCID {int(mcid)} ({tag}) is not in the structure tree"
                stack.append("tagged")
            else:
                stack.append("other")
        elif operator == "EMC":
            stack.pop()
        elif operator in PAINTING and not {"tagged", "artifact"} & set(stack):
            yield f"{operator} outside any tagged or artifact content"


def test_no_marked_content_lies_outside_the_structure_tree(document: Path) -> None:
    with pikepdf.open(document) as pdf:
        tree = pdf.Root.StructTreeRoot
        reached = reachable_mcids(tree)
        problems: list[str] = []
        artifacts = 0
        for number, pdf_page in enumerate(pdf.pages, start=1):
            mine = {mcid for objgen, mcid in reached if objgen == pdf_page.obj.objgen}
            instructions = list(pikepdf.parse_content_stream(pdf_page))
            artifacts += sum(
                1
                for i in instructions
                if str(i.operator) == "BDC" and str(i.operands[0]) == "/Artifact"
            )
            found = list(_unmarked_painting(instructions, mine))
            problems += [f"page {number}: {p}" for p in found[:3]]
        assert not problems, "\n".join(problems[:20])
        assert artifacts > len(pdf.pages)  # the running header and footer are artifacts


def test_pdf_tables_links_and_labels(document: Path) -> None:
    """Every TH has a Scope; every link prints; the viewer's page labels are set."""
    with pikepdf.open(document) as pdf:
        tree = pdf.Root.StructTreeRoot
        headers = [e for e in struct_elements(tree) if e.get("/S") == "/TH"]
        assert headers
        unscoped = [h for h in headers if not _scope(h)]
        assert not unscoped, f"{len(unscoped)} of {len(headers)} TH without a Scope"
        links = [
            a for p in pdf.pages for a in p.obj.get("/Annots", []) if a.get("/Subtype") == "/Link"
        ]
        assert links and all(int(a.get("/F", 0)) & 4 for a in links), "a link without Print"
        assert "/PageLabels" in pdf.Root


def _scope(header: pikepdf.Dictionary) -> str:
    attributes = header.get("/A")
    for a in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
        if isinstance(a, pikepdf.Dictionary) and a.get("/O") == "/Table" and "/Scope" in a:
            return str(a.Scope)
    return ""
