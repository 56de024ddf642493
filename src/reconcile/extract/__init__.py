"""Article text → candidate claims (`reconcile extract`), and every quantity of a text
(`reconcile quantities`).

    documents.py   path ──read_article──▶ text (plain text, HTML page, PDF) and the page's date
    sentences.py   text ──split_sentences──▶ sentences ──clauses──▶ clauses
    scanner.py     sentence ──scan_line──▶ Quantity (quantities.py), number by number:
                   numbers.py finds the numbers, phrases.py the unit after and the
                   qualifier before, a matcher per pattern reads them
    gazetteer.py   sentence ──▶ place and organisation mentions
    claims.py      per quantity that can be a claim:
                     who.py    who it is about
                     what.py   what it counts, its value string, its scope
                     when.py   its period; estimate or projection
                   partitives.py ("eight of the top 10 cities are in China"), links of a
                   stated rate to the counts it was computed from
    candidates.py  ──▶ CandidateClaim, ids, de-duplication ──▶ ExtractedDocument
    writer.py      ──write_claim_file──▶ <source id>.yaml, merged with what a person reviewed
    batch.py       many documents → claim files (extract_files), the repo's extra nouns

All the words (number words, qualifiers, nouns, cues) are vocabulary in data/, compiled
by vocabulary.py; nothing here names a topic. Nothing here prints: cli.py does.
"""

from __future__ import annotations

from .batch import extract_file, extract_files, repo_nouns
from .candidates import CandidateClaim, ExtractedDocument, WriteResult
from .claims import extract_document
from .documents import Article, read_article, read_document, source_id_for
from .gazetteer import build_places_table
from .quantities import Quantity, Term, quantity_to_json
from .scanner import scan_file_lines, scan_line
from .sentences import split_sentences
from .vocabulary import Lexicon, lexicon
from .writer import write_claim_file

__all__ = [
    "Article",
    "CandidateClaim",
    "ExtractedDocument",
    "Lexicon",
    "Quantity",
    "Term",
    "WriteResult",
    "build_places_table",
    "extract_document",
    "extract_file",
    "extract_files",
    "lexicon",
    "quantity_to_json",
    "read_article",
    "read_document",
    "repo_nouns",
    "scan_file_lines",
    "scan_line",
    "source_id_for",
    "split_sentences",
    "write_claim_file",
]
