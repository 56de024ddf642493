"""`extract` reads web pages and PDFs as articles arrive: main text only, the page's own date."""

from __future__ import annotations

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from reconcile.cli import app
from reconcile.errors import LoadError
from reconcile.extract import read_article

pytest.importorskip("trafilatura")
pytest.importorskip("pypdf")

PAGE = """<!doctype html>
<html><head><title>Road deaths fall | Example News</title>
<meta property="article:published_time" content="2024-03-05T10:00:00Z"></head>
<body>
<nav><a href="/">Home</a> | <a href="/sport">Sport: 3 goals in 90 minutes</a></nav>
<article>
<h1>Fewer road deaths in Germany</h1>
<p>Germany recorded 2,562 road deaths last year, the statistics office said on Tuesday.
The country spent €1.2 billion on road safety, 4 percent more than the year before.</p>
<p>Germany has 84.4 million inhabitants.</p>
</article>
<footer>© 2024 Example News · 1,000,000 readers a month</footer>
</body></html>
"""


def _pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF whose text layer holds `lines` (Helvetica, one line each)."""
    text = " ".join(f"({line}) Tj 0 -16 Td" for line in lines)
    stream = f"BT /F1 12 Tf 72 720 Td {text} ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _claims(path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))["claims"]


def test_a_web_page_is_read_without_its_navigation_and_dated_by_its_own_date(tmp_path):
    page = tmp_path / "road-deaths.html"
    page.write_text(PAGE, encoding="utf-8")
    article = read_article(page)
    assert article.published == "2024-03-05"
    assert "2,562 road deaths" in article.text
    assert "goals" not in article.text and "readers" not in article.text  # navigation and footer dropped

    result = CliRunner().invoke(app, ["extract", str(page), "--out", str(tmp_path / "claims")])
    assert result.exit_code == 0, result.output
    claims = {c["value"]: c for c in _claims(tmp_path / "claims" / "road-deaths.yaml")}
    (deaths,) = [c for v, c in claims.items() if v.startswith("2,562 ")]
    assert deaths["entity"] == "Germany" and str(deaths["period"]) == "2023"  # "last year" of a 2024 page
    assert not any("goal" in v or "reader" in v for v in claims)


def test_the_date_given_on_the_command_line_wins_over_the_pages(tmp_path):
    page = tmp_path / "road-deaths.html"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "claims"
    result = CliRunner().invoke(app, ["extract", str(page), "--out", str(out), "--published", "2021-06-01"])
    assert result.exit_code == 0, result.output
    (deaths,) = [c for c in _claims(out / "road-deaths.yaml") if c["value"].startswith("2,562 ")]
    assert str(deaths["period"]) == "2020"


def test_a_pdf_text_layer_is_read(tmp_path):
    pdf = tmp_path / "budget.pdf"
    pdf.write_bytes(_pdf(["Federal budget 2023", "France spent EUR 59.6 billion on defence in 2023."]))
    text = read_article(pdf).text
    assert "EUR 59.6 billion" in text
    result = CliRunner().invoke(app, ["quantities", str(pdf)])
    assert result.exit_code == 0 and "59.6" in result.output


@pytest.mark.parametrize(
    ("name", "data", "why"),
    [
        ("broken.pdf", b"%PDF-1.4\nthis is not a PDF at all", "not a PDF that can be read"),
        ("scan.pdf", _pdf([]), "has no text layer"),
        ("empty.html", b"<html><head><title></title></head><body></body></html>", "no article text"),
    ],
)
def test_documents_that_cannot_be_read_say_why_and_the_rest_are_extracted(tmp_path, name, data, why):
    bad = tmp_path / name
    bad.write_bytes(data)
    with pytest.raises(LoadError, match=why):
        read_article(bad)
    good = tmp_path / "road-deaths.html"
    good.write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(bad), str(good), "--out", str(tmp_path / "claims")])
    assert result.exit_code == 2
    assert name in result.output and why in result.output
    assert (tmp_path / "claims" / "road-deaths.yaml").exists()
