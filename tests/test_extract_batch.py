"""`extract_files` writes a document's claim file while it reads the next ones: the results still
come one per document, in the documents' order, each file the same as when it is written alone,
and a document that cannot be read or written costs only itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from reconcile.errors import InternalError, LoadError
from reconcile.extract import batch as batch_module
from reconcile.extract import extract_file, extract_files
from reconcile.extract.candidates import WriteResult

ARTICLE = "City {n} statistics\n\nIn 2021, Springfield had {n},{n:03d} residents and {n} hospitals.\n"
GDP = "Economy\n\nIn 2022 the GDP of Chile was $301 billion and its debt was 38 percent of GDP.\n"


def _documents(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    paths = []
    for n in range(1, count + 1):
        path = folder / f"doc-{n:02d}.txt"
        path.write_text(ARTICLE.format(n=n) if n % 3 else GDP, encoding="utf-8")
        paths.append(path)
    return paths


def test_results_in_order_and_files_as_written_alone(tmp_path: Path) -> None:
    docs = _documents(tmp_path / "docs", 3 * batch_module._IN_FLIGHT)  # more than are read ahead
    empty = tmp_path / "docs" / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    docs.insert(5, empty)
    results = list(extract_files(docs, tmp_path / "out"))
    assert len(results) == len(docs)
    assert isinstance(results[5], LoadError) and "empty" in str(results[5])
    written = [r for r in results if isinstance(r, WriteResult)]
    assert [r.path.name for r in written] == [f"{d.stem}.yaml" for d in docs if d != empty]
    assert all(r.created and r.added >= 1 for r in written)
    alone = tmp_path / "alone"
    for doc in (docs[0], docs[2]):  # a city's residents; Chile's GDP and debt
        extract_file(doc, alone)
        assert (alone / f"{doc.stem}.yaml").read_bytes() == (tmp_path / "out" / f"{doc.stem}.yaml").read_bytes()
    assert "value: 301 billion dollars" in (tmp_path / "out" / "doc-03.yaml").read_text(encoding="utf-8")
    # a second run adds nothing and rewrites nothing
    again = list(extract_files(docs, tmp_path / "out"))
    assert [r.added for r in again if isinstance(r, WriteResult)] == [0] * len(written)


def test_a_file_that_cannot_be_written_costs_only_its_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _documents(tmp_path / "docs", 12)
    import reconcile.extract.writer as writer_module

    real = writer_module.write_atomic

    def failing(path: Path, text: str) -> None:
        if path.name == "doc-07.yaml":
            raise OSError(28, "No space left on device")
        real(path, text)

    monkeypatch.setattr(writer_module, "write_atomic", failing)
    results = list(extract_files(docs, tmp_path / "out"))
    assert isinstance(results[6], InternalError) and "doc-07.txt" in str(results[6])
    assert "No space left on device" in str(results[6])
    assert all(isinstance(r, WriteResult) for i, r in enumerate(results) if i != 6)
    assert not (tmp_path / "out" / "doc-07.yaml").exists()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"doc-{n:02d}.yaml" for n in range(1, 13) if n != 7]
