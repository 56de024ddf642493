"""Check the hand-annotated corpus: every annotation against its document.

    python benchmarks/corpus/validate.py

For each annotations/NNN-slug.yaml: the document documents/NNN-slug.txt exists and
its first line is the title; the required keys are present with allowed values;
claim ids are unique lower-case slugs; every quote (claims and not_claims) is an
exact substring of the document; contradictions name existing claim ids.
As a review aid it warns (without failing) when a claim's value number is not
written in its quote, neither in digits nor as a number word.
Prints every problem, then counts; exits 1 if there was any problem.
"""

from __future__ import annotations

import datetime
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DOCS = HERE / "documents"
ANNS = HERE / "annotations"

TOP_KEYS = ["document", "url", "title", "published", "topic", "claims", "contradictions"]
CLAIM_KEYS = [
    "id",
    "entity",
    "value",
    "number",
    "unit",
    "measure",
    "qualifier",
    "percent_role",
    "period",
    "kind",
    "quote",
]
TOPICS = {"population", "economy", "health", "energy", "crime", "elections", "transport", "surveillance", "other"}
KINDS = {"estimate", "projection"}
ROLES = {None, "share", "change", "rate"}
QUALIFIERS = {None, "over", "nearly", "about", "up to", "at least", "under", "between", "at most"}
PERCENT_UNITS = {"percent", "percentage points"}
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
STEM_RE = re.compile(r"^\d{3}-[a-z0-9][a-z0-9-]*$")
NUMBER_WORDS = {
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
    "sixty",
    "hundred",
    "half",
    "third",
    "quarter",
    "fourth",
    "fifth",
    "sixth",
    "double",
    "triple",
    "quadrupled",
}
NUM_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")
warnings: list[str] = []


def is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def check_file(path: Path, problems: list[str]) -> dict | None:
    def bad(msg: str) -> None:
        problems.append(f"{path.name}: {msg}")

    if not STEM_RE.match(path.stem):
        bad("file name is not NNN-short-slug.yaml")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        bad(f"YAML error: {exc}")
        return None
    if not isinstance(data, dict):
        bad("top level is not a mapping")
        return None
    for key in TOP_KEYS:
        if key not in data:
            bad(f"missing key {key!r}")
    doc_name = data.get("document")
    if doc_name != path.stem + ".txt":
        bad(f"document {doc_name!r} does not match the annotation's stem")
    doc_path = DOCS / str(doc_name)
    if not doc_path.is_file():
        bad(f"document file {doc_name!r} not found")
        return None
    text = doc_path.read_text(encoding="utf-8")
    first_line = text.split("\n", 1)[0].strip()
    if data.get("title") != first_line:
        bad(f"title {data.get('title')!r} is not the document's first line {first_line!r}")
    if not isinstance(data.get("url"), str) or not data["url"].startswith("http"):
        bad("url missing or not an address")
    pub = data.get("published")
    if pub is not None and not isinstance(pub, (str, datetime.date)):
        bad(f"published {pub!r} is neither a date nor null")
    if data.get("topic") not in TOPICS:
        bad(f"topic {data.get('topic')!r} not one of {sorted(TOPICS)}")

    claims = data.get("claims") or []
    if not isinstance(claims, list) or not claims:
        bad("claims is empty or not a list")
        claims = []
    ids: Counter[str] = Counter()
    for i, claim in enumerate(claims):
        where = f"claim #{i + 1} ({claim.get('id') if isinstance(claim, dict) else '?'})"
        if not isinstance(claim, dict):
            bad(f"{where}: not a mapping")
            continue
        for key in CLAIM_KEYS:
            if key not in claim:
                bad(f"{where}: missing key {key!r}")
        extra = set(claim) - set(CLAIM_KEYS)
        if extra:
            bad(f"{where}: unknown keys {sorted(extra)}")
        cid = claim.get("id")
        if not isinstance(cid, str) or not ID_RE.match(cid):
            bad(f"{where}: id is not a lower-case slug")
        ids[str(cid)] += 1
        for key in ("entity", "value", "unit", "measure"):
            if not isinstance(claim.get(key), str) or not claim.get(key).strip():
                bad(f"{where}: {key} must be a non-empty string")
        number = claim.get("number")
        if isinstance(number, list):
            if len(number) != 2 or not all(is_number(n) for n in number) or number[0] > number[1]:
                bad(f"{where}: a range number must be [low, high]")
        elif not is_number(number):
            bad(f"{where}: number {number!r} is not a number or [low, high]")
        qual = claim.get("qualifier")
        if qual not in QUALIFIERS:
            bad(f"{where}: qualifier {qual!r} not one of {sorted(q for q in QUALIFIERS if q)}")
        if (qual == "between") != isinstance(number, list):
            bad(f"{where}: qualifier 'between' goes with a [low, high] number and only then")
        role = claim.get("percent_role")
        if role not in ROLES:
            bad(f"{where}: percent_role {role!r} not share/change/rate/null")
        if (claim.get("unit") in PERCENT_UNITS) != (role is not None):
            bad(f"{where}: percent_role must be set exactly when the unit is percent")
        if claim.get("kind") not in KINDS:
            bad(f"{where}: kind {claim.get('kind')!r} not estimate/projection")
        period = claim.get("period")
        if period is not None and not isinstance(period, (int, str, datetime.date)):
            bad(f"{where}: period {period!r} must be a year, a range string, a date or null")
        quote = claim.get("quote")
        if not isinstance(quote, str) or not quote:
            bad(f"{where}: quote missing")
        elif quote not in text:
            bad(f"{where}: quote not in document: {quote!r}")
        else:
            token = NUM_RE.search(str(claim.get("value", "")))
            squash = quote.replace(",", "").replace(" ", "").replace("\u2212", "-")
            words = set(re.findall(r"[a-z]+", quote.lower()))
            if token and token.group(0).replace(",", "") not in squash and not words & NUMBER_WORDS:
                warnings.append(f"{path.name}: {where}: value number {token.group(0)!r} not seen in quote")
    for cid, n in ids.items():
        if n > 1:
            bad(f"claim id {cid!r} used {n} times")

    contradictions = data.get("contradictions")
    if contradictions is None or not isinstance(contradictions, list):
        bad("contradictions must be a list (write [] for none)")
        contradictions = []
    for j, con in enumerate(contradictions):
        if not isinstance(con, dict) or not isinstance(con.get("claims"), list):
            bad(f"contradiction #{j + 1}: needs a claims list")
            continue
        if len(con["claims"]) < 2 and not con.get("why"):
            bad(f"contradiction #{j + 1}: needs at least two claims or a why")
        for cid in con["claims"]:
            if cid not in ids:
                bad(f"contradiction #{j + 1}: unknown claim id {cid!r}")
        if not isinstance(con.get("why"), str) or not con["why"].strip():
            bad(f"contradiction #{j + 1}: why missing")

    not_claims = data.get("not_claims") or []
    if not isinstance(not_claims, list):
        bad("not_claims must be a list")
        not_claims = []
    for k, nc in enumerate(not_claims):
        if not isinstance(nc, dict) or not isinstance(nc.get("quote"), str):
            bad(f"not_claim #{k + 1}: needs a quote")
            continue
        if nc["quote"] not in text:
            bad(f"not_claim #{k + 1}: quote not in document: {nc['quote']!r}")
        if not isinstance(nc.get("why"), str) or not nc["why"].strip():
            bad(f"not_claim #{k + 1}: why missing")
    return {
        "topic": data.get("topic"),
        "claims": len(claims),
        "contradictions": len(contradictions),
        "not_claims": len(not_claims),
    }


def main() -> int:
    problems: list[str] = []
    ann_files = sorted(ANNS.glob("*.yaml"))
    doc_files = sorted(DOCS.glob("*.txt"))
    ann_stems = {p.stem for p in ann_files}
    for doc in doc_files:
        if doc.stem not in ann_stems:
            problems.append(f"{doc.name}: document without annotation")
        raw = doc.read_bytes()
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"{doc.name}: not UTF-8")
    results = {}
    for path in ann_files:
        res = check_file(path, problems)
        if res:
            results[path.stem] = res
    numbers = [p.stem[:3] for p in ann_files]
    for num, n in Counter(numbers).items():
        if n > 1:
            problems.append(f"number {num} used by {n} annotation files")

    for line in warnings:
        print("WARN", line)
    for line in problems:
        print("PROBLEM", line)
    by_topic = Counter(r["topic"] for r in results.values())
    claims_by_topic = Counter()
    for r in results.values():
        claims_by_topic[r["topic"]] += r["claims"]
    print(f"documents: {len(doc_files)}  annotations: {len(ann_files)}")
    for topic in sorted(by_topic):
        print(f"  {topic:<13} {by_topic[topic]:>3} documents {claims_by_topic[topic]:>5} claims")
    print(f"claims: {sum(r['claims'] for r in results.values())}")
    print(f"contradictions: {sum(r['contradictions'] for r in results.values())}")
    print(f"not_claims: {sum(r['not_claims'] for r in results.values())}")
    print(f"warnings (value number not literally in quote; review): {len(warnings)}")
    print(f"problems: {len(problems)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
