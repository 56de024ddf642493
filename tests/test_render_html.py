"""HTML report: view model, escaping, quote highlighting, number line, size budget.

Reports are built by hand from the model dataclasses with real seed numbers (London
per-capita rates from seeds 001, 003 and 004); `test_seed_claims_*` run the real check.
"""

from __future__ import annotations

import hashlib
import html as htmllib
import math
import re
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser

import pytest

from reconcile import formatting
from reconcile.model import Claim, Derived, Finding, Interval, Location, Period, Report, Source, Value
from reconcile.present.render import html
from reconcile.present.render.html import chart, highlight, view

# --------------------------------------------------------------------------- builders

SOURCES = {
    "seed-001": Source("seed-001", "Countries and Cities Have the Most CCTV", kind="article"),
    "seed-003": Source(
        "seed-003",
        "Chinese cities are under the heaviest CCTV surveillance in the world",
        publisher="Comparitech",
        published="2023-05-23",
        url="https://www.comparitech.com/vpn-privacy/the-worlds-most-surveilled-cities/",
    ),
    "seed-004": Source("seed-004", "Video surveillance is big in China and getting bigger", publisher="Axios"),
}


def claim(
    cid: str,
    entity: str,
    text: str,
    interval: Interval,
    point: float,
    *,
    unit: str = "camera / person",
    line: int = 10,
    quote: str | None = None,
    kind: str = "estimate",
    period: Period | None = None,
    source: Source | None = None,
) -> Claim:
    src = source or SOURCES[cid.split("/")[0]]
    value = Value(text, None, "=", point, unit, unit, point, interval, interval, interval)
    location = Location(f"claims/{src.id}.yaml", line)
    return Claim(cid, src, entity, entity, value, location, kind=kind, period=period, quote=quote)


def finding(rule: str, severity: str, subjects: list, *, consensus=None, gap=None, message="", measure=None):
    first = subjects[0]
    claims = tuple(
        sorted(
            {c.id for c in subjects if isinstance(c, Claim)}
            | {i for d in subjects if isinstance(d, Derived) for i in d.claims}
        )
    )
    return Finding(
        id=f"{rule}-{first.id}".replace("/", "-").replace(":", "-"),
        rule=rule,
        severity=severity,
        message=message or f"{first.id} disagrees",
        entity=first.entity,
        measure=measure or "camera / person",
        claims=claims,
        subjects=tuple(s.id for s in subjects),
        gap=gap,
        consensus=consensus,
        location=first.location if isinstance(first, Claim) else None,
        related=tuple(s.location for s in subjects[1:] if isinstance(s, Claim)),
    )


def sample_report() -> Report:
    """Hand-built: London's per-capita rate three ways, China's total with open-ended intervals, one input error."""
    london_003 = claim(
        "seed-003/london-rate",
        "London",
        "13.35 cameras per 1,000 people",
        Interval(0.013345, 0.013355),
        0.01335,
        line=71,
        quote="In comparison, London has 13.35 cameras per 1,000 people",
    )
    london_001 = claim(
        "seed-001/london-rate",
        "London",
        "one camera for every 14 people",
        Interval(1 / 14.5, 1 / 13.5),
        1 / 14,
        line=63,
        quote="there is one CCTV camera for every 14 people",
    )
    london_004 = claim(
        "seed-004/london-rate",
        "London",
        "nearly 74 cameras per 1,000 people",
        Interval(0.073, 0.074, high_open=True),
        0.074,
        line=31,
        quote="627,707 cameras for 9.1 million people, or nearly 74 per 1,000",
    )
    cams = claim(
        "seed-004/london-cameras",
        "London",
        "627,707 cameras",
        Interval(627706.5, 627707.5),
        627707,
        unit="camera",
        line=27,
    )
    pop = claim(
        "seed-004/london-population",
        "London",
        "9.1 million people",
        Interval(9.05e6, 9.15e6),
        9.1e6,
        unit="person",
        line=29,
    )
    derived = Derived(
        id="d:London:camera / person:div",
        entity="London",
        measure="camera / person",
        canonical_unit="camera / person",
        interval=Interval(0.0686, 0.0694),
        point=627707 / 9.1e6,
        inputs=(cams.id, pop.id),
        claims=(cams.id, pop.id),
        explanation="627,707 camera ÷ 9.1 M person = 0.0690 camera/person = 1 per 14.5",
    )
    china_over = claim(
        "seed-001/china-cameras",
        "China",
        "over 200 million cameras",
        Interval(200e6, 300e6, low_open=True),
        200e6,
        unit="camera",
        line=27,
        quote="there are over 200 million CCTV cameras in use throughout the country",
    )
    china_upto = claim(
        "seed-004/china-2020",
        "China",
        "up to 626 million cameras",
        Interval(0, 626e6, True),
        626e6,
        unit="camera",
        line=40,
        kind="projection",
        period=Period(date(2020, 1, 1), date(2020, 12, 31), "2020"),
        quote="up to 626 million cameras by 2020",
    )
    china_least = claim(
        "seed-003/china-least",
        "China",
        "at least 170 million cameras",
        Interval(170e6, math.inf),
        170e6,
        unit="camera",
        line=50,
        quote="at least 170 million CCTV cameras",
    )
    findings = [
        finding(
            "cross-source-contradiction",
            "error",
            [london_003, london_001, london_004],
            consensus=Interval(0.073, 0.074, high_open=True),
            gap=0.073 / 0.013355 - 1,
            message="London: 13.35 per 1,000 (seed-003) cannot be true with 1 per 14 (seed-001) "
            "and nearly 74 per 1,000 (seed-004): gap 447 %.",
        ),
        finding(
            "arithmetic-inconsistency",
            "error",
            [london_004, derived],
            gap=0.073 / 0.0694 - 1,
            message="seed-004 states nearly 74 per 1,000 but its own figures give 69.0 per 1,000.",
        ),
        finding(
            "projection-differs",
            "info",
            [china_upto, china_over, china_least],
            consensus=Interval(200e6, 300e6, True),
            measure="camera",
            message="China: a projection of up to 626 million differs from estimates.",
        ),
        Finding(
            id="parse-error-1",
            rule="parse-error",
            severity="error",
            message="value 'lots of cameras' is not a number",
            location=Location("claims/seed-002.yaml", 14),
        ),
    ]
    claims = [london_003, london_001, london_004, cams, pop, china_over, china_upto, china_least]
    return Report(
        claims=claims,
        derived=[derived],
        findings=findings,
        sources=dict(SOURCES),
        files=sorted({c.location.file for c in claims}),
    )


HOSTILE_QUOTE = '</mark><script>window.pwned=1</script><img src=x onerror="window.pwned=2"> 5 cameras'
HOSTILE_ENTITY = '" onmouseover="alert(1)'


def hostile_report() -> Report:
    """Every text field a claim file controls, set to something that would run if unescaped."""
    src = Source(
        "evil",
        title='<img src=x onerror="window.pwned=3">',
        publisher="'><svg onload=window.pwned=4>",
        url="javascript:window.pwned=5",
    )
    a = claim(
        "evil/a<b>",
        HOSTILE_ENTITY,
        "5 cameras <b>bold</b>",
        Interval(4.5, 5.5),
        5,
        unit="camera",
        quote=HOSTILE_QUOTE,
        source=src,
    )
    b = claim(
        "evil/b",
        HOSTILE_ENTITY,
        "50 cameras",
        Interval(45, 55),
        50,
        unit="camera",
        quote="'\"><script>window.pwned=6</script>",
        source=src,
    )
    f = finding(
        "cross-source-contradiction",
        "error",
        [a, b],
        gap=45 / 5.5 - 1,
        measure="camera",
        message='<script>window.pwned=7</script> & "quotes"',
    )
    return Report(claims=[a, b], derived=[], findings=[f], sources={"evil": src})


# --------------------------------------------------------------------------- helpers


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> _Collector:
    c = _Collector()
    c.feed(page)
    return c


# --------------------------------------------------------------------------- page structure


def test_render_is_pure_and_one_document():
    r = sample_report()
    page = html.render(r)
    assert page == html.render(r)
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<html") == 1 and page.rstrip().endswith("</html>")


def test_no_external_resources():
    page = html.render(sample_report())
    tags = parse(page).tags
    for tag, attrs in tags:
        assert tag not in {"link", "img", "iframe", "object", "embed"}, tag
        if tag == "script":
            assert "src" not in attrs
        for name, value in attrs.items():
            if name in {"src", "href", "xlink:href", "action"} and tag != "a" and not value.startswith("#"):
                pytest.fail(f"{tag} {name}={value}")
    assert "@import" not in page and "url(http" not in page
    # the CSP allows only the inlined style and script, by hash
    csp = next(a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp


def test_summary_counts_by_severity_and_rule_come_first():
    page = html.render(sample_report())
    text = re.sub(r"\s+", " ", "".join(parse(page).text))
    assert "▲ 3 errors" in text and "● 0 warnings" in text and "○ 1 info" in text
    assert text.index("3 errors") < text.index("By rule") < text.index("London")
    assert "cross-source-contradiction" in text and "projection-differs" in text


def test_groups_worst_first_and_findings_sorted():
    page = view.build_page(sample_report(), "t")
    names = [(g.entity, g.measure, g.severity) for g in page.groups]
    # input problems first (the check is incomplete until they are fixed), then the worst groups
    assert names == [("Input problems", "", "error"), ("London", "camera/person", "error"), ("China", "camera", "info")]
    london = page.groups[1].findings
    assert [f.rule for f in london] == ["cross-source-contradiction", "arithmetic-inconsistency"]


def test_side_by_side_fields():
    page = html.render(sample_report())
    text = htmllib.unescape(re.sub(r"<[^>]+>", "", page))
    for expected in (
        "13.35 cameras per 1,000 people",
        "one camera for every 14 people",  # as written
        "interval (camera / person)",
        "[0.013345, 0.013355]",  # interval, as many digits as needed
        "0.01335 (1 per 74.91)",  # canonical value
        "Comparitech, 2023-05-23",  # publisher, date
        "claims/seed-003.yaml:71",
        "claims/seed-001.yaml:63",  # file:line
        "✕ outside consensus",
        "✓ in consensus",
        "627,707 camera ÷ 9.1 M person = 0.0690 camera/person",  # derivation in words
        "seed-004/london-cameras (claims/seed-004.yaml:27)",
        "(0, 626 million]",
        "[170 million, ∞)",
    ):
        assert expected in text, expected


def test_finding_data_attributes_for_filters():
    tags = parse(html.render(sample_report())).tags
    articles = [a for t, a in tags if t == "article"]
    assert len(articles) == 4
    assert {a["data-severity"] for a in articles} == {"error", "info"}
    assert {a["data-rule"] for a in articles} >= {"cross-source-contradiction", "parse-error"}
    groups = [a for t, a in tags if t == "section" and "data-entity" in a]
    assert [g["data-entity"] for g in groups] == ["", "London", "China"]
    # filter form: hidden until the script reveals it, so the page reads complete without JS
    form = next(a for t, a in tags if t == "form")
    assert "hidden" in form


# --------------------------------------------------------------------------- escaping


def test_hostile_text_is_escaped_everywhere():
    page = html.render(hostile_report())
    collected = parse(page)
    scripts = [a for t, a in collected.tags if t == "script"]
    assert len(scripts) == 1  # only ours
    for tag, attrs in collected.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert tag not in {"img", "b"}, tag
    text = "".join(collected.text)
    assert HOSTILE_QUOTE.replace(" 5 cameras", "") in text.replace("\n", "")
    assert "<script>window.pwned=7</script>" in text
    assert HOSTILE_ENTITY in text
    assert 'href="javascript:' not in page
    # the entity round-trips through an attribute intact
    group = next(a for t, a in collected.tags if t == "section" and "data-entity" in a)
    assert group["data-entity"] == HOSTILE_ENTITY


# --------------------------------------------------------------------------- quotes


@pytest.mark.parametrize(
    ("quote", "value", "marked"),
    [
        ("China has over 200 million CCTV cameras installed", "over 200 million cameras", ["200 million"]),
        (
            "In comparison, London has 13.35 cameras per 1,000 people",
            "13.35 cameras per 1,000 people",
            ["13.35", "1,000"],
        ),
        ("there is one CCTV camera for every 14 people", "one camera for every 14 people", ["14", "one"]),
        ("boasts a total of 2.58 million surveillance cameras", "2.58 million cameras", ["2.58 million"]),
        ("an estimated 5.9m cameras", "5.9 million cameras", ["5.9m"]),
        ("roughly one camera for every seven people", "roughly one camera for every seven people", ["one", "seven"]),
        ("it says 54 percent are in China", "54 percent of cameras", ["54 percent"]),
        ("the figure was 3,000 in all", "about 3 thousand cameras", ["3,000"]),  # fallback: first number
        ("no number here", "5 cameras", []),
    ],
)
def test_highlight_number_as_written(quote, value, marked):
    out = str(highlight.highlight(quote, value))
    assert sorted(re.findall(r"<mark>(.*?)</mark>", out)) == sorted(marked)
    assert htmllib.unescape(re.sub(r"</?mark>", "", out)) == quote


def test_highlight_escapes_before_marking():
    out = str(highlight.highlight('<b>"5"</b> & 5 cameras', "5 cameras"))
    assert "<b>" not in out and "&lt;b&gt;" in out and "&amp;" in out
    assert out.count("<mark>") == 1


# --------------------------------------------------------------------------- number line


def test_number_line_log_scale_and_open_ends():
    page = view.build_page(sample_report(), "t")
    london = page.groups[1].findings[0].chart
    xs = {b.label.split(" ", 1)[1]: (b.x, b.x + b.width) for b in london.bars}
    # log scale: 13.35/1,000 sits far left of 1/14 and 74/1,000, which sit close together
    assert xs["seed-003"][1] < xs["seed-001"][0]
    assert xs["seed-001"][0] - xs["seed-003"][1] > 3 * (xs["seed-004"][0] - xs["seed-001"][0])
    assert [b.css for b in london.bars] == ["o", "a", "a"]
    assert london.consensus is not None
    assert london.x0 <= min(b.x for b in london.bars) and max(b.x + b.width for b in london.bars) <= london.x1
    china = next(g for g in page.groups if g.entity == "China").findings[0].chart
    arrows = [(b.left_arrow, b.right_arrow) for b in china.bars]
    assert arrows == [(True, False), (False, False), (False, True)]  # (0, 626M], (200M, 300M], [170M, ∞)
    assert "◀ ▶ to 0 or ∞" in china.legend
    assert all(china.x0 <= x <= china.x1 for x, _ in china.ticks)


def test_number_line_without_positive_values():
    c = claim("seed-001/x", "X", "up to 0 cameras", Interval(0, 0), 0, unit="camera")
    subject = view._claim_subject(c)
    assert chart.number_line([subject], None, "camera") is None


@pytest.mark.parametrize(("lo", "hi"), [(0.013, 0.08), (1.5e8, 6.3e8), (1.0, 1e9), (627706, 627708), (2e-9, 3e-9)])
def test_ticks_inside_domain(lo, hi):
    ticks = chart._log_ticks(lo, hi)
    assert ticks and all(lo <= t <= hi for t in ticks)
    assert len(ticks) <= 12


def test_fmt_number():
    assert formatting.fmt_number(150e6) == "150 million"
    assert formatting.fmt_number(627707, 6) == "627,707"
    assert formatting.fmt_number(0.013345, 5) == "0.013345"
    assert formatting.fmt_number(math.inf) == "∞"
    assert formatting.fmt_number(1.46e9) == "1.46 billion"
    assert formatting.fmt_number(2.5e-6) == "2.5×10⁻⁶"
    assert formatting.fmt_interval(Interval(627706.5, 627707.5)) == "[627,706.5, 627,707.5]"
    assert formatting.fmt_interval(Interval(0, 6e6, True, False)) == "(0, 6 million]"


# --------------------------------------------------------------------------- size budget


def synthetic_report(n_claims: int = 10_000, n_findings: int = 1_000) -> Report:
    """10k claims in 1k entity groups of 10, each group with one finding of 2 or 3 claims.

    Shaped on the real check of the seed claims, where findings show 2.13 claims on average
    (here 2.2) and messages run 230–420 characters (here about 300), and on their field lengths:
    70-character quotes, 50-character source titles (half with publisher and date), 16-hex ids.
    """
    sources = [
        Source(
            f"src-{i:03d}",
            f"Video surveillance survey of the region, part {i}",
            publisher=f"Publisher {i % 37}" if i % 2 else None,
            published=f"20{10 + i % 14}-0{1 + i % 9}-1{i % 9}" if i % 2 else None,
        )
        for i in range(400)
    ]
    claims = []
    for i in range(n_claims):
        x = float(f"{10 ** (2 + (i * 7919 % 600) / 100):.3g}")
        src = sources[i % len(sources)]
        text = f"about {x:,.0f} cameras"
        claims.append(
            claim(
                f"{src.id}/city-{i // 10}-cameras-{i % 10}",
                f"City {i // 10}",
                text,
                Interval(x * 0.95, x * 1.05),
                x,
                unit="camera",
                line=5 + i % 300,
                source=src,
                quote=f"officials say there are {text} installed across the city",
            )
        )
    findings = []
    for j in range(n_findings):
        group = claims[j * 10 : j * 10 + (3 if j % 5 == 0 else 2)]
        f = finding(
            "cross-source-contradiction",
            ("error", "warning", "info")[j % 3],
            group,
            consensus=group[1].interval if len(group) > 2 else None,
            gap=0.25,
            measure="camera",
            message=f"{group[0].entity}, camera: “{group[0].value.text}” ({group[0].id}) = "
            f"{formatting.fmt_interval(group[0].interval)} camera disagrees with “{group[1].value.text}” "
            f"({group[1].id}) and 1 other claim from {group[1].source.label}; consensus "
            f"{formatting.fmt_interval(group[1].interval)} camera, gap 25.0%.",
        )
        findings.append(replace(f, id=hashlib.sha1(f.id.encode()).hexdigest()[:16]))
    return Report(claims=claims, derived=[], findings=findings, sources={s.id: s for s in sources})


def test_size_budget_10k_claims_1k_findings():
    page = html.render(synthetic_report())
    size = len(page.encode("utf-8"))
    assert size < 2 * 1024 * 1024, f"{size / 1024 / 1024:.2f} MB"
    assert page.count("<article") == 1000


# --------------------------------------------------------------------------- real seed claims


def test_seed_claims_findings_are_in_the_page(seed_report):
    page = html.render(seed_report, title="seed claims")
    assert page.count("<article") == len(seed_report.findings) > 0
    text = htmllib.unescape(page)
    for f in seed_report.findings:
        assert f'id="f-{f.id}"' in page
        assert f.message in text


def test_a_big_report_draws_its_worst_findings_and_says_where_the_rest_are():
    """Past MAX_FINDINGS the page draws the worst ones only (a 27 MB page of 11,500 findings took a
    browser 34-44 s to open); the counts and the by-rule table still count every finding."""
    report = synthetic_report(n_claims=15_000, n_findings=1_500)
    page = html.render(report)
    assert page.count("<article") == view.MAX_FINDINGS == 1_000
    assert len(page.encode("utf-8")) < 2 * 1024 * 1024
    assert "The 1000 most severe of the 1500 findings are drawn below" in page
    assert "<strong>500</strong> errors" in page  # every third of the 1,500 is an error
    drawn = set(re.findall(r'<article id="f-([0-9a-f]+)" data-severity="(\w+)"', page))
    assert {severity for _, severity in drawn} == {"error", "warning"}  # the 500 info findings are the ones left out
    assert {f.id for f in report.findings if f.severity != "info"} == {fid for fid, _ in drawn}
    # a group cut by the limit says so
    small = html.render(replace(report, findings=[replace(f, entity="City 0") for f in report.findings]))
    assert "City 0 <small>· camera · 1500 findings</small>" in small
    assert "The other 500 findings of this group are in <code>reconcile check</code>." in small


def test_up_to_the_limit_the_page_draws_every_finding_and_no_note():
    page = html.render(synthetic_report())
    assert page.count("<article") == 1_000 and "most severe of the" not in page and "The other" not in page
