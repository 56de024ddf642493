"""Hostile and odd input (issue 12): each malformed repo in `hostile/cases.py` is named with
its file and line, exits 2, never hangs or crashes, and the good file beside it is still checked."""

from __future__ import annotations

import json
import re
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest

import reconcile
from reconcile.model import Location, Report
from reconcile.pipeline import exit_code
from reconcile.present.render import render
from reconcile.present.render.controls import reveal

from .hostile.cases import CASES, GOOD, GOOD_IDS, Case
from .test_browser import Page, browser  # noqa: F401 - the browser fixture, for the page test

SECONDS = 60  # the slowest case takes well under a second; a hang fails instead of blocking CI
# What no human-facing output may carry raw: terminal controls and bidi overrides.
HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def build(repo: Path, case: Case) -> None:
    repo.mkdir()
    (repo / "good.yaml").write_text(GOOD, encoding="utf-8")
    for name, content in case.files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="")
        else:
            content(path)


def strict_json(text: str) -> object:
    def refuse(name: str) -> None:
        raise AssertionError(f"{name} in JSON output")

    return json.loads(text, parse_constant=refuse)


def test_the_corpus_is_big_enough_and_names_are_unique():
    assert len(CASES) >= 120
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_case(case: Case, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    build(repo, case)
    with deadline(SECONDS):
        report = reconcile.check(repo)
        outputs = {fmt: render(report, fmt) for fmt in ("text", "json", "sarif", "github", "html")}

    problems = report.input_errors
    if case.where is None:
        assert not problems, [f"{f.location}: {f.message}" for f in problems]
    else:
        name, line = case.where
        mine = [f for f in problems if f.location and f.location.file == str(repo / name)]
        assert mine, f"{name} not named; problems: {[(str(f.location), f.message) for f in problems]}"
        expected = [
            f
            for f in mine
            if f.location is not None
            and f.location.line == line
            and (case.rule is None or f.rule == case.rule)
            and all(words in f.message for words in case.says)
        ]
        assert expected, [(f.location.line if f.location else None, f.rule, f.message) for f in mine]
        assert reveal(str(expected[0].location)) in outputs["text"]  # what a person reads: file:line
        assert not [f for f in problems if f.location and Path(f.location.file).name == "good.yaml"], (
            "the good file was blamed"
        )
    if case.warns:
        name, line, rule = case.warns
        warnings = [f for f in report.findings if f.rule == rule and f.severity == "warning"]
        assert any(
            f.location == Location(str(repo / name), line)
            and all(w in f.message for w in (case.says if case.where is None else ()))
            for f in warnings
        ), [(str(f.location), f.message) for f in warnings]
    assert exit_code(report) == case.expected_exit

    checked = {c.id for c in report.claims}
    assert checked >= GOOD_IDS, "the good file's claims were not checked"
    assert any(f.entity == "United Kingdom" and f.severity == "error" for f in report.findings)
    assert case.claims <= checked

    _outputs_are_safe(report, outputs)


def _outputs_are_safe(report: Report, outputs: dict[str, str]) -> None:
    strict_json(outputs["json"])
    sarif = strict_json(outputs["sarif"])
    assert isinstance(sarif, dict)
    for result in sarif["runs"][0]["results"]:
        for location in result.get("locations", []):
            uri = location["physicalLocation"]["artifactLocation"]["uri"]
            assert re.fullmatch(r"[A-Za-z0-9\-._~/%:!$&'()*+,;=@]*", uri), uri  # RFC 3986 characters only
    for fmt in ("text", "github", "html"):
        assert not HIDDEN.search(outputs[fmt].replace("\n", "").replace("\t", "")), fmt
    assert "<script>alert" not in outputs["html"]


# --------------------------------------------------------------------------- extract's output files

ARTICLE = "London has 627,707 cameras for 9.1 million people. France has 1.6 million cameras.\n"


def _extract(documents: list[Path], out: Path) -> list[object]:
    from reconcile.extract import extract_files

    return list(extract_files(documents, out))


def _sources(out: Path) -> dict[str, str]:
    """Each claim file's source id → the document it names."""
    from ruamel.yaml import YAML

    found = {}
    for path in sorted(out.glob("*.yaml")):
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        assert data["source"]["id"] == path.stem
        found[path.stem] = data["source"]["document"]
    return found


def test_every_document_gets_its_own_claim_file(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    names = ["日本.txt", "中国.txt", "..txt", "a b.txt", "a-b.txt", "A B.txt", "claim.txt"]
    paths = [docs / n for n in names]
    for path in paths:
        path.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    first = _extract(paths, out)
    assert all(not isinstance(r, Exception) and r.created and r.added == 3 for r in first), first
    sources = _sources(out)
    assert sorted(sources.values()) == sorted(names)  # one file per document, none shared
    assert {"a-b", "a-b-2", "a-b-3", "claim"} <= set(sources)
    again = _extract(paths, out)  # a re-run finds each document's own file
    assert [(r.path.name, r.added, r.kept) for r in again] == [(r.path.name, 0, 3) for r in first]
    assert _sources(out) == sources


def test_a_file_of_another_document_is_never_appended_to(tmp_path):
    from reconcile.extract import extract_document, write_claim_file

    out = tmp_path / "out"
    doc = extract_document(ARTICLE, document="first.txt", source_id="news")
    write_claim_file(doc, out)
    before = (out / "news.yaml").read_bytes()
    other = extract_document("Peru has 34 million people.", document="second.txt", source_id="news")
    with pytest.raises(reconcile.errors.LoadError, match="belongs to another document"):
        write_claim_file(other, out)
    assert (out / "news.yaml").read_bytes() == before


@pytest.mark.parametrize("name", ["evil\nsource: {id: x}\n#.txt", "line\u2028sep.txt", "next\x85line.txt"])
def test_a_file_name_never_reaches_the_yaml_unescaped(tmp_path, name):
    from reconcile.extract import extract_document, write_claim_file

    doc = extract_document(ARTICLE, document=name, source_id="news")
    path = write_claim_file(doc, tmp_path).path
    report = reconcile.check(path)
    assert not report.input_errors, [f.message for f in report.input_errors]
    assert {c.id.split("/")[0] for c in report.claims} == {"news"}
    header = path.read_text(encoding="utf-8").split("source:")[0]
    assert all(line.startswith("#") for line in header.splitlines())
    assert report.sources["news"].document == name


def test_crlf_review_files_stay_crlf(tmp_path):
    from reconcile.extract import extract_document, write_claim_file

    path = write_claim_file(extract_document(ARTICLE, document="n.txt", source_id="n"), tmp_path).path
    reviewed = path.read_bytes().replace(b"\n", b"\r\n").replace(b"status: candidate", b"status: reviewed", 1)
    path.write_bytes(reviewed)
    more = ARTICLE + "Peru has 34 million people.\n"
    result = write_claim_file(extract_document(more, document="n.txt", source_id="n"), tmp_path)
    after = path.read_bytes()
    assert result.added == 1
    assert after.startswith(reviewed)  # the reviewer's bytes untouched
    assert b"\n" not in after.replace(b"\r\n", b"")  # and every new line CRLF too
    assert b"Peru" in after


def test_a_claim_whose_id_and_value_a_reviewer_changed_is_not_added_again(tmp_path):
    from reconcile.extract import extract_document, write_claim_file

    doc = extract_document(ARTICLE, document="n.txt", source_id="n")
    path = write_claim_file(doc, tmp_path).path
    cameras = next(c for c in doc.claims if c.value.startswith("627,707"))
    text = path.read_text(encoding="utf-8")
    assert f"id: {cameras.id}" in text
    text = text.replace(f"id: {cameras.id}", "id: london-cctv").replace(
        "value: 627,707 cameras", "value: 627,000 cameras"
    )
    path.write_text(text, encoding="utf-8")
    result = write_claim_file(extract_document(ARTICLE, document="n.txt", source_id="n"), tmp_path)
    assert (result.added, result.kept) == (0, 3)
    # one more candidate on the same quote than the file has claims there is new, and added
    population = next(c for c in doc.claims if c.value.startswith("9.1"))
    extra = replace(population, id="london-residents", value="9,100,000 residents")
    grown = replace(doc, claims=[*doc.claims, extra])
    result = write_claim_file(grown, tmp_path)
    assert (result.added, result.kept) == (1, 3)
    assert "london-residents" in path.read_text(encoding="utf-8")
    assert "london-cctv" in path.read_text(encoding="utf-8")


def test_a_bug_on_one_document_does_not_cost_the_others(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from reconcile.cli import app
    from reconcile.extract import batch

    docs = []
    for name in ("first", "broken", "last"):
        docs.append(tmp_path / f"{name}.txt")
        docs[-1].write_text(ARTICLE.replace("London", name.title()), encoding="utf-8")
    real = batch.extract_document

    def flaky(text, **kwargs):
        if kwargs["document"] == "broken.txt":
            raise AssertionError("3-étage")
        return real(text, **kwargs)

    monkeypatch.setattr(batch, "extract_document", flaky)
    result = CliRunner().invoke(app, ["extract", *map(str, docs), "--out", str(tmp_path / "out")])
    assert result.exit_code == 3
    assert "broken.txt" in result.output and "AssertionError" in result.output and "please report" in result.output
    assert sorted(p.name for p in (tmp_path / "out").glob("*.yaml")) == ["first.yaml", "last.yaml"]


# --------------------------------------------------------------------------- the page in a browser


def test_a_right_to_left_override_is_shown_not_obeyed_in_the_browser(browser, tmp_path):  # noqa: F811
    from reconcile.present.render import html

    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "good.yaml").write_text(GOOD, encoding="utf-8")
    (repo / "spoof.yaml").write_text(
        'source: {id: spoof}\nclaims:\n  - id: a\n    entity: "Fr\\u202eecnarF"\n    value: 5 cameras\n'
        '    quote: "\\u202ethe 5 cameras\\u2066"\n  - id: b\n    entity: "Fr\\u202eecnarF"\n    value: 9 cameras\n',
        encoding="utf-8",
    )
    page_file = tmp_path / "index.html"
    page_file.write_text(html.render(reconcile.check(repo)), encoding="utf-8")
    p = Page(browser, page_file)
    text = p.page.inner_text("main")
    assert "Fr⟨U+202E⟩ecnarF" in text and "⟨U+202E⟩the 5 cameras⟨U+2066⟩" in text.replace("\n", "")
    assert "\u202e" not in p.page.content()
    p.page.select_option("select[name=entity]", "Fr⟨U+202E⟩ecnarF")  # the filter still finds it
    assert p.visible("main article") == 1
    assert p.errors == [] and p.requests == []
    p.page.close()


def test_fifos_are_never_opened_by_extract_or_quantities(tmp_path):
    import os

    from typer.testing import CliRunner

    from reconcile.cli import app

    os.mkfifo(tmp_path / "pipe.txt")
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "good.yaml")  # a FIFO where the claim file would go
    with deadline(SECONDS):
        result = CliRunner().invoke(app, ["extract", str(tmp_path / "pipe.txt"), str(good), "--out", str(out)])
        quantities = CliRunner().invoke(app, ["quantities", str(tmp_path / "pipe.txt")])
    assert result.exit_code == 2 and "pipe.txt: is not a regular file" in result.output
    assert "wrote" in result.output and (out / "good-2.yaml").is_file()
    assert quantities.exit_code == 2 and "not a regular file" in quantities.output


def test_libyaml_own_nesting_limit_reads_as_ours(monkeypatch):
    """PyYAML 6.0.4's wheels bundle a libyaml that refuses deep flow nesting (about 1,000) while
    scanning ahead, before our builder counts 64 levels: a fresh install said "not valid YAML:
    exceeded maximum nesting depth". Either reader must give the same message."""
    import yaml

    from reconcile.errors import LoadError
    from reconcile.load import yamlfile

    mark = yaml.Mark("bad.yaml", 0, 6, 9, None, None)

    def refuse(self: object, loader: object) -> None:
        raise yaml.scanner.ScannerError("while increasing flow level", mark, "exceeded maximum nesting depth", mark)

    monkeypatch.setattr(yamlfile._Builder, "build", refuse)
    with pytest.raises(LoadError) as caught:
        yamlfile.read_yaml("note: [[[]]]\n", "bad.yaml")
    assert caught.value.line == 7 and "nested more than 64 levels deep" in str(caught.value)


def test_a_hostile_file_already_in_the_output_folder_is_reported_not_crashed_on(tmp_path):
    from reconcile.errors import LoadError

    docs = tmp_path / "news.txt"
    docs.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    deep = "source: {id: news, document: news.txt}\nclaims: " + "[" * 5000 + "]" * 5000 + "\n"
    (out / "news.yaml").write_text(deep, encoding="utf-8")
    with deadline(SECONDS):
        (result,) = _extract([docs], out)
    assert isinstance(result, LoadError) and "nested more than 64 levels" in str(result)
    assert (out / "news.yaml").read_text(encoding="utf-8") == deep  # never overwritten
