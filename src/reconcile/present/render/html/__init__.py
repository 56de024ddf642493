"""Report → one self-contained HTML page.

    render(report, title)
      ├─ view.build_page      Report → Page: plain strings, numbers, SVG geometry
      │    ├─ chart           the number line: log-scale bars, ticks, legend
      │    ├─ highlight       the value's number marked in each quote (lexicon words)
      │    └─ formatting      every number and interval as text (reconcile.formatting)
      └─ templates/           report.html.j2 + finding.html.j2 lay the Page out;
                              report.css and report.js are inlined, hashed for the CSP

Every string from a claim file reaches the page through jinja2 autoescaping, with its
control characters and bidi overrides shown as ⟨U+202E⟩ (`controls.reveal`); the one
place that builds markup (quote highlighting) escapes the text first and adds only its
own ``<mark>`` tags. The page makes no requests: CSS and JS are inlined, and a
Content-Security-Policy allows exactly those two blocks (by hash), so even injected
markup could not run.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import jinja2
from markupsafe import Markup

from ....model import SEVERITIES, Report
from ..controls import reveal
from .view import SEVERITY_SHAPES, build_page

__all__ = ["render"]

TEMPLATES = Path(__file__).parent / "templates"


def _finalize(value: object) -> object:
    """Every `{{ }}` of plain text: controls and bidi overrides shown, not obeyed (Markup,
    our own or the highlighter's, is already revealed)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return reveal(value)
    return value


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        finalize=_finalize,
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
    )


_ENV = _environment()


def _asset(name: str) -> tuple[Markup, str]:
    """A static CSS/JS file to inline, and its CSP hash. Our own files: trusted, never claim text."""
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    if "</" in text:
        raise ValueError(f"{name} must not contain '</' (it is inlined in a <script>/<style> element)")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return Markup(text), f"'sha256-{digest}'"


def render(report: Report, *, title: str = "reconcile report") -> str:
    """The whole report as one HTML document (pure: same report, same text)."""
    css, css_hash = _asset("report.css")
    js, js_hash = _asset("report.js")
    csp = f"default-src 'none'; style-src {css_hash}; script-src {js_hash}; form-action 'none'"
    page = build_page(report, title)
    return _ENV.get_template("report.html.j2").render(
        page=page, css=css, js=js, csp=csp, severities=SEVERITIES, shapes=SEVERITY_SHAPES
    )
