"""Where WeasyPrint's time goes on the sample report: layout and write, with and without charts.

    .venv/bin/python benchmarks/pdf_write.py [config.yaml]

Renders the sample page twice in one process (as is, and with every chart image left out) and
writes each layout three ways (PDF/UA-1 tagged as the build does, untagged, tagged and
uncompressed), printing seconds and sizes. An experiment for benchmarks/results.md, not a test.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(config_path: str = str(ROOT / "config.yaml")) -> int:
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    from report import assembly, pipeline
    from report.config import load_config
    from report.publish import html, pdf

    config = load_config(config_path, {})
    report = assembly.assemble(config, pipeline.check_data(config), draft=False)
    page = html.render_report(report, for_pdf=False).html
    pages = {
        "as built": page,
        "no chart images": re.sub(r'src="data:image/svg\+xml;base64,[^"]*"', 'src=""', page),
    }
    fetcher = pdf.local_fetcher(weasyprint)
    with pdf._no_system_fonts():
        fonts = FontConfiguration()
    css = weasyprint.CSS(string=pdf.font_css(), url_fetcher=fetcher, font_config=fonts)
    writes = {
        "PDF/UA-1": {"pdf_variant": "pdf/ua-1"},
        "untagged": {},
        "PDF/UA-1 uncompressed": {"pdf_variant": "pdf/ua-1", "uncompressed_pdf": True},
    }
    for name, text in pages.items():
        start = time.perf_counter()
        document = weasyprint.HTML(
            string=text, base_url=pdf.TEMPLATES_DIR.as_uri() + "/", url_fetcher=fetcher
        ).render(stylesheets=[css], font_config=fonts, pdf_variant="pdf/ua-1")
        layout = time.perf_counter() - start
        for label, options in writes.items():
            start = time.perf_counter()
            data = document.write_pdf(**options)
            write = time.perf_counter() - start
            size = len(data) // 1024
            print(f"{name}: layout {layout:.2f} s; write {label} {write:.2f} s, {size} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:]))
