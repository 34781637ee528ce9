"""Finish WeasyPrint's tagged PDF for PDF/UA-1: pagination artifacts, header scopes, link flags,
page labels; a deterministic rewrite of the finished file with pikepdf."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence

import pikepdf

PRINT_FLAG = 4  # annotation flag bit 3: print the annotation (PDF 1.7, 12.5.3)
TABLE_HEAD_PARTS = ("/THead",)
ARTIFACT = b"/Artifact <</Type /Pagination>> BDC"
MARKED = re.compile(rb"/[A-Za-z]+\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")


def finish(data: bytes, label_starts: Sequence[tuple[int, str]] = ((0, ""),)) -> bytes:
    """The PDF with WeasyPrint's loose ends tied, as bytes; the same input, the same bytes.

    - Marked content that no structure element reachable from the structure root refers to
      (WeasyPrint tags the running header, footer and page numbers of the @page margin boxes
      in structure elements hung nowhere) becomes /Artifact of /Type /Pagination, and those
      elements are dropped from the parent tree.
    - Every TH gets a /Scope: /Column in a table's head, /Row elsewhere.
    - Every link annotation gets the Print flag.
    - /PageLabels: `label_starts` is (first page index, prefix) per separately numbered part.
    """
    with pikepdf.open(io.BytesIO(data)) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is not None:
            reached = reachable_mcids(tree)
            for page in pdf.pages:
                loose = _artifact_loose_content(pdf, page, reached)
                if loose:
                    _drop_from_parent_tree(tree, page, loose)
            for element in struct_elements(tree):
                if element.get("/S") == "/TH":
                    _set_scope(pdf, element)
        for page in pdf.pages:
            for annotation in page.obj.get("/Annots", []):
                if annotation.get("/Subtype") == "/Link":
                    annotation.F = int(annotation.get("/F", 0)) | PRINT_FLAG
        pdf.Root.PageLabels = pdf.make_indirect(_page_labels(label_starts))
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def struct_elements(node: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    """Every structure element under `node` (following /K only), depth first in order."""
    stack = [node]
    while stack:
        current = stack.pop()
        if not isinstance(current, pikepdf.Dictionary):
            continue
        if "/S" in current:
            yield current
        kids = current.get("/K")
        if isinstance(kids, pikepdf.Array):
            stack.extend(reversed(list(kids)))
        elif isinstance(kids, pikepdf.Dictionary):
            stack.append(kids)


def reachable_mcids(tree: pikepdf.Object) -> set[tuple[tuple[int, int], int]]:
    """(page object id, MCID) of every marked-content sequence the structure tree refers to."""
    found: set[tuple[tuple[int, int], int]] = set()
    for element in struct_elements(tree):
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, int) and "/Pg" in element:
                found.add((element.Pg.objgen, int(kid)))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                page = kid.get("/Pg", element.get("/Pg"))
                if page is not None:
                    found.add((page.objgen, int(kid.MCID)))
    return found


def _artifact_loose_content(
    pdf: pikepdf.Pdf, page: pikepdf.Page, reached: set[tuple[tuple[int, int], int]]
) -> list[int]:
    """Rewrite the page's unreachable marked content as pagination artifacts; their MCIDs.

    Works on the stream's bytes (parsing every operator would cost a second a report):
    WeasyPrint writes text as hex strings, so "<<" only ever opens a dictionary.
    """
    content = page.obj.get("/Contents")
    if content is None:
        return []
    streams = list(content) if isinstance(content, pikepdf.Array) else [content]
    data = b"".join(s.read_bytes() for s in streams)
    loose: list[int] = []

    def replace(match: re.Match[bytes]) -> bytes:
        mcid = int(match.group(1))
        if (page.obj.objgen, mcid) in reached:
            return match.group(0)
        loose.append(mcid)
        return ARTIFACT

    data = MARKED.sub(replace, data)
    if loose:
        page.obj.Contents = pdf.make_stream(data)
    return loose


def _drop_from_parent_tree(tree: pikepdf.Object, page: pikepdf.Page, mcids: list[int]) -> None:
    key = page.obj.get("/StructParents")
    parents = _parent_tree_entry(tree.get("/ParentTree"), None if key is None else int(key))
    if parents is None:
        return
    for mcid in mcids:
        if mcid < len(parents):
            parents[mcid] = pikepdf.Object.parse(b"null")


def _parent_tree_entry(node: pikepdf.Object | None, key: int | None) -> pikepdf.Array | None:
    """The parent tree's array for `key` (a number tree: /Nums pairs, possibly under /Kids)."""
    if node is None or key is None:
        return None
    nums = node.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums) - 1, 2):
            entry = nums[i + 1]
            if int(nums[i]) == key and isinstance(entry, pikepdf.Array):
                return entry
    for kid in node.get("/Kids", []):
        found = _parent_tree_entry(kid, key)
        if found is not None:
            return found
    return None


def _set_scope(pdf: pikepdf.Pdf, header: pikepdf.Dictionary) -> None:
    row = header.get("/P")
    part = row.get("/P") if row is not None else None
    in_head = part is not None and part.get("/S") in TABLE_HEAD_PARTS
    scope = pikepdf.Name.Column if in_head else pikepdf.Name.Row
    attributes = header.get("/A")
    if isinstance(attributes, pikepdf.Array):
        tables = [
            a for a in attributes if isinstance(a, pikepdf.Dictionary) and a.get("/O") == "/Table"
        ]
        if tables:
            tables[0].Scope = scope
        else:
            attributes.append(pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=scope))
    elif isinstance(attributes, pikepdf.Dictionary) and attributes.get("/O") == "/Table":
        attributes.Scope = scope
    elif isinstance(attributes, pikepdf.Dictionary):
        header.A = pikepdf.Array(
            [attributes, pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=scope)]
        )
    else:
        header.A = pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=scope)


def _page_labels(starts: Sequence[tuple[int, str]]) -> pikepdf.Dictionary:
    nums: list[object] = []
    for first, prefix in starts:
        label = pikepdf.Dictionary(S=pikepdf.Name.D)
        if prefix:
            label.P = pikepdf.String(prefix)
        nums += [first, label]
    return pikepdf.Dictionary(Nums=pikepdf.Array(nums))
