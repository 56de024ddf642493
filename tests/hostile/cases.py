"""A corpus of malformed and odd claim repos, as data: each case is one bad (or odd) file
written beside a good one, and what `reconcile check` must say about it.

`files` maps a path in the repo to its text, its bytes, or a function that makes it
(links, FIFOs, folders). `where` is (file, line) of the problem the check must report,
`line` None when the problem is about the file as a whole; `rule` its finding rule;
`says` words its message must contain. A case with `where=None` is odd but valid: no
input problem at all, and `exit` 1 (the good file's contradiction); `warns` names a warning
it must still get (a typo'd field is ignored with a warning, not refused).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

Maker = Callable[[Path], None]

GOOD = """\
source:
  id: good
  title: A good article
claims:
  - id: uk-a
    entity: UK
    value: an estimated 5.9 million cameras
  - id: uk-b
    entity: Britain
    value: over 7 million cameras
"""
GOOD_IDS = {"good/uk-a", "good/uk-b"}


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, str | bytes | Maker]
    where: tuple[str, int | None] | None = None
    rule: str | None = None
    says: tuple[str, ...] = ()
    exit: int | None = None  # default: 2 with a problem, 1 without (the good file's contradiction)
    claims: frozenset[str] = field(default_factory=frozenset)  # claim ids of the bad file that must still load
    warns: tuple[str, int | None, str] | None = None  # (file, line, rule) of a warning that must be given

    @property
    def expected_exit(self) -> int:
        if self.exit is not None:
            return self.exit
        return 2 if self.where else 1


def claim_file(source: str, claims: str, head: str = "") -> str:
    """A claim file: `head` lines, a source, then the claims block (already indented)."""
    return f"{head}source:\n  id: {source}\nclaims:\n{claims}"


def one_claim(fields: str, source: str = "bad") -> str:
    """A file whose one claim (line 4 on) has the given extra field lines; `id:` first."""
    return claim_file(source, fields)


OK_CLAIM = "  - id: ok\n    entity: France\n    value: 1.6 million cameras\n"


def _symlink(target: str) -> Maker:
    def make(path: Path) -> None:
        path.symlink_to(target)

    return make


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.mkdir()
    (path / "inside.yaml").write_text(claim_file("inside", OK_CLAIM), encoding="utf-8")


def _nested_flow(depth: int) -> str:
    return claim_file("bad", OK_CLAIM) + "note: " + "[" * depth + "]" * depth + "\n"


def _nested_block(depth: int) -> str:
    lines = [claim_file("bad", OK_CLAIM), "extra:\n"]
    lines += [" " * (2 * i) + "- \n" for i in range(1, depth + 1)]
    return "".join(lines)


def _bomb(field_name: str, levels: int = 9) -> str:
    """Billion laughs: each anchor is ten aliases of the one before; the claim uses the last."""
    lines = ["bomb:", '  - &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"  - &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]")
    head = "\n".join(lines) + "\n"
    claims = f"  - id: a\n    entity: France\n    {field_name}: *l{levels - 1}\n"
    return head + "source:\n  id: bad\nclaims:\n" + claims


def _many_aliases(count: int) -> str:
    items = "".join(f"  - id: c{i}\n    entity: *e\n    value: {i} cameras\n" for i in range(count))
    return "source:\n  id: bad\nanchor: &e France\nclaims:\n" + items


CASES: list[Case] = [
    # --- YAML that does not parse, or is not one mapping -------------------------------
    Case(
        "unclosed-bracket",
        {"bad.yaml": one_claim("  - id: a\n    entity: [unclosed\n")},
        ("bad.yaml", 5),
        "load-error",
        ("not valid YAML",),
    ),
    Case("unclosed-quote", {"bad.yaml": one_claim('  - id: a\n    entity: "France\n')}, ("bad.yaml", 5), "load-error"),
    Case("tab-indent", {"bad.yaml": "source:\n\tid: bad\nclaims: []\n"}, ("bad.yaml", 2), "load-error"),
    Case(
        "bad-indent",
        {"bad.yaml": "source:\n  id: bad\n claims: []\n"},
        ("bad.yaml", 1),
        "load-error",
        ("noticed at line 3",),
    ),
    Case(
        "two-documents",
        {"bad.yaml": claim_file("bad", OK_CLAIM) + "---\n" + claim_file("bad2", OK_CLAIM)},
        ("bad.yaml", 7),
        "load-error",
        ("second YAML document",),
    ),
    Case("empty-file", {"bad.yaml": ""}, ("bad.yaml", 1), "load-error", ("empty",)),
    Case("only-comments", {"bad.yaml": "# nothing here\n# at all\n"}, ("bad.yaml", 1), "load-error", ("empty",)),
    Case("top-level-list", {"bad.yaml": "- a\n- b\n"}, ("bad.yaml", 1), "load-error", ("a list",)),
    Case("top-level-scalar", {"bad.yaml": "just words\n"}, ("bad.yaml", 1), "load-error", ("one value 'just words'",)),
    Case(
        "claims-a-mapping",
        {"bad.yaml": "source:\n  id: bad\nclaims:\n  id: a\n"},
        ("bad.yaml", 3),
        "load-error",
        ("claims:",),
    ),
    Case("claims-a-scalar", {"bad.yaml": "source:\n  id: bad\nclaims: none\n"}, ("bad.yaml", 3), "load-error"),
    Case("no-claims-key", {"bad.yaml": "source:\n  id: bad\n"}, ("bad.yaml", 1), "load-error", ("claims:",)),
    Case(
        "not-utf8",
        {"bad.yaml": "source:\n  id: bad\nclaims: []\nnote: caf\xe9\n".encode("latin-1")},
        ("bad.yaml", 4),
        "load-error",
        ("UTF-8",),
    ),
    Case("nul-bytes", {"bad.yaml": b"source:\n  id: bad\x00\nclaims: []\n"}, ("bad.yaml", 2), "load-error"),
    Case("binary-garbage", {"bad.yaml": bytes(range(256)) * 4}, ("bad.yaml", 2), "load-error"),
    Case("utf16", {"bad.yaml": claim_file("bad", OK_CLAIM).encode("utf-16")}, ("bad.yaml", 1), "load-error"),
    Case(
        "control-char",
        {"bad.yaml": one_claim("  - id: a\n    entity: Fr\x07nce\n    value: 5 cameras\n")},
        ("bad.yaml", 5),
        "load-error",
    ),
    # --- resource limits ----------------------------------------------------------------
    Case("nested-100", {"bad.yaml": _nested_flow(100)}, ("bad.yaml", 7), "load-error", ("nested more than",)),
    Case("nested-1500", {"bad.yaml": _nested_flow(1500)}, ("bad.yaml", 7), "load-error", ("nested more than",)),
    Case("nested-5000", {"bad.yaml": _nested_flow(5000)}, ("bad.yaml", 7), "load-error", ("nested more than",)),
    Case("nested-200000", {"bad.yaml": _nested_flow(200_000)}, ("bad.yaml", 7), "load-error", ("nested more than",)),
    Case(
        "nested-mappings",
        {"bad.yaml": claim_file("bad", OK_CLAIM) + "note: " + "{a: " * 3000 + "}" * 3000 + "\n"},
        ("bad.yaml", 7),
        "load-error",
        ("nested more than",),
    ),
    Case("nested-block", {"bad.yaml": _nested_block(100)}, ("bad.yaml", 71), "load-error", ("nested more than",)),
    Case(
        "nested-compact",
        {"bad.yaml": claim_file("bad", OK_CLAIM) + "note:\n  " + "- " * 3000 + "x\n"},
        ("bad.yaml", 8),
        "load-error",
        ("nested more than",),
    ),
    Case("bomb-in-note", {"bad.yaml": _bomb("note")}, ("bad.yaml", 7), "load-error", ("alias bomb",)),
    Case("bomb-in-value", {"bad.yaml": _bomb("value")}, ("bad.yaml", 7), "load-error", ("alias bomb",)),
    Case("bomb-in-entity", {"bad.yaml": _bomb("entity")}, ("bad.yaml", 7), "load-error", ("alias bomb",)),
    Case(
        "bomb-small-in-note",
        {"bad.yaml": _bomb("note", levels=3)},
        ("bad.yaml", 10),
        "invalid-claim",
        ("`note` must be one value",),
    ),
    Case(
        "bomb-small-in-value",
        {"bad.yaml": _bomb("value", levels=3)},
        ("bad.yaml", 10),
        "invalid-claim",
        ("`value` must be one value",),
    ),
    Case("too-many-aliases", {"bad.yaml": _many_aliases(10_001)}, ("bad.yaml", 30006), "load-error", ("aliases",)),
    Case("aliases-within-limit", {"bad.yaml": _many_aliases(50)}, None, claims=frozenset({"bad/c1", "bad/c49"})),
    Case(
        "undefined-alias",
        {"bad.yaml": one_claim("  - id: a\n    entity: *nowhere\n    value: 5 cameras\n")},
        ("bad.yaml", 5),
        "load-error",
    ),
    Case(
        "recursive-alias",
        {"bad.yaml": claim_file("bad", OK_CLAIM) + "loop: &a [1, *a]\n"},
        ("bad.yaml", 7),
        "load-error",
        ("refers to the collection it is in",),
    ),
    Case(
        "recursive-alias-map",
        {"bad.yaml": claim_file("bad", OK_CLAIM) + "loop: &a {x: *a}\n"},
        ("bad.yaml", 7),
        "load-error",
        ("refers to the collection it is in",),
    ),
    # --- tags: nothing is constructed ---------------------------------------------------
    Case(
        "python-object",
        {"bad.yaml": "source: !!python/object/apply:os.system ['echo pwned']\nclaims: []\n"},
        ("bad.yaml", 1),
        "load-error",
        ("not allowed",),
    ),
    Case(
        "python-name",
        {"bad.yaml": one_claim("  - id: a\n    entity: !!python/name:os.system ''\n    value: 5 cameras\n")},
        ("bad.yaml", 5),
        "load-error",
        ("not allowed",),
    ),
    Case(
        "custom-tag",
        {"bad.yaml": one_claim("  - id: a\n    entity: !place France\n    value: 5 cameras\n")},
        ("bad.yaml", 5),
        "load-error",
        ("not allowed",),
    ),
    Case(
        "binary-tag",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: !!binary aGVsbG8=\n")},
        ("bad.yaml", 6),
        "load-error",
        ("not allowed",),
    ),
    Case(
        "set-tag",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    tags: !!set {x: null}\n    value: 5 cameras\n")},
        ("bad.yaml", 6),
        "load-error",
        ("not allowed",),
    ),
    Case(
        "omap-tag",
        {"bad.yaml": "source: !!omap [id: bad]\nclaims: []\n"},
        ("bad.yaml", 1),
        "load-error",
        ("not allowed",),
    ),
    Case(
        "bad-int-tag",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    number: !!int many\n    unit: cameras\n")},
        ("bad.yaml", 6),
        "load-error",
        ("not a valid int",),
    ),
    Case(
        "bad-timestamp-tag",
        {
            "bad.yaml": one_claim(
                "  - id: a\n    entity: France\n    value: 5 cameras\n    period: !!timestamp 2021-13-45\n"
            )
        },
        ("bad.yaml", 7),
        "load-error",
        ("not a valid timestamp",),
    ),
    Case(
        "str-tag-is-fine",
        {"bad.yaml": one_claim("  - id: a\n    entity: !!str France\n    value: !!str 5 cameras\n")},
        None,
        claims=frozenset({"bad/a"}),
    ),
    Case(
        "complex-key",
        {"bad.yaml": one_claim("  - id: a\n    ? [entity, x]\n    : France\n    value: 5 cameras\n")},
        ("bad.yaml", 5),
        "load-error",
        ("plain word",),
    ),
    Case(
        "null-key",
        {"bad.yaml": one_claim("  - id: a\n    !!null x: France\n    value: 5 cameras\n")},
        ("bad.yaml", 5),
        "load-error",
        ("plain word",),
    ),
    Case(
        "int-key",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: 5 cameras\n    !!int 5: x\n    foo: y\n")},
        ("bad.yaml", 7),
        "load-error",
        ("plain word",),
    ),
    Case(
        "bool-key-in-source",
        {"bad.yaml": "source:\n  id: bad\n  !!bool true: x\nclaims:\n" + OK_CLAIM},
        ("bad.yaml", 3),
        "load-error",
        ("plain word",),
    ),
    Case(
        "merge-key",
        {
            "bad.yaml": "base: &b {entity: France}\nsource:\n  id: bad\nclaims:\n  - <<: *b\n    id: a\n    value: 5 cameras\n"
        },
        ("bad.yaml", 5),
        "invalid-claim",
        ("no `entity`",),
        warns=("bad.yaml", 5, "unknown-field"),
    ),
    # --- repeated keys --------------------------------------------------------------------
    Case(
        "dup-value-key",
        {
            "bad.yaml": one_claim("  - id: a\n    entity: France\n    value: 5 cameras\n    value: 6 cameras\n")
            + OK_CLAIM
        },
        ("bad.yaml", 7),
        "invalid-claim",
        ("`value` is written twice", "line 6"),
        claims=frozenset({"bad/ok"}),
    ),
    Case(
        "dup-id-key",
        {"bad.yaml": one_claim("  - id: a\n    id: b\n    entity: France\n    value: 5 cameras\n") + OK_CLAIM},
        ("bad.yaml", 5),
        "invalid-claim",
        ("`id` is written twice",),
        claims=frozenset({"bad/ok"}),
    ),
    Case(
        "dup-entity-key",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    entity: Spain\n    value: 5 cameras\n")},
        ("bad.yaml", 6),
        "invalid-claim",
        ("`entity` is written twice",),
    ),
    Case(
        "dup-claims-key",
        {"bad.yaml": claim_file("bad", OK_CLAIM) + "claims:\n  - id: b\n    entity: Spain\n    value: 5 cameras\n"},
        ("bad.yaml", 7),
        "load-error",
        ("`claims` is written twice", "line 3"),
    ),
    Case(
        "dup-source-key",
        {"bad.yaml": claim_file("bad", OK_CLAIM) + "source:\n  id: other\n"},
        ("bad.yaml", 7),
        "load-error",
        ("`source` is written twice",),
    ),
    Case(
        "dup-source-id-key",
        {"bad.yaml": "source:\n  id: bad\n  id: worse\nclaims:\n" + OK_CLAIM},
        ("bad.yaml", 3),
        "load-error",
        ("`id` is written twice",),
    ),
    Case(
        "dup-flow-key",
        {"bad.yaml": one_claim("  - {id: a, entity: France, value: 5 cameras, value: 6 cameras}\n")},
        ("bad.yaml", 4),
        "invalid-claim",
        ("written twice",),
    ),
    # --- claim fields of the wrong shape ---------------------------------------------------
    Case(
        "id-list",
        {"bad.yaml": one_claim("  - id: [a, b]\n    entity: France\n    value: 5 cameras\n") + OK_CLAIM},
        ("bad.yaml", 4),
        "invalid-claim",
        ("`id` must be one value, not a list",),
        claims=frozenset({"bad/ok"}),
    ),
    Case(
        "id-mapping",
        {"bad.yaml": one_claim("  - id: {x: 1}\n    entity: France\n    value: 5 cameras\n")},
        ("bad.yaml", 4),
        "invalid-claim",
        ("`id` must be one value, not a mapping",),
    ),
    Case(
        "entity-list",
        {"bad.yaml": one_claim("  - id: a\n    entity: [France, Spain]\n    value: 5 cameras\n")},
        ("bad.yaml", 5),
        "invalid-claim",
        ("`entity` must be one value",),
    ),
    Case(
        "entity-mapping",
        {"bad.yaml": one_claim("  - id: a\n    entity: {name: France}\n    value: 5 cameras\n")},
        ("bad.yaml", 5),
        "invalid-claim",
        ("`entity` must be one value, not a mapping",),
    ),
    Case(
        "value-list",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: [5, cameras]\n")},
        ("bad.yaml", 6),
        "invalid-claim",
        ("`value` must be one value",),
    ),
    Case(
        "value-mapping",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: {n: 5}\n")},
        ("bad.yaml", 6),
        "invalid-claim",
        ("`value` must be one value",),
    ),
    Case(
        "value-int",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: !!int 5\n")},
        ("bad.yaml", 6),
        "invalid-claim",
        ("needs its unit",),
    ),
    Case(
        "number-list",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    number: [5]\n    unit: cameras\n")},
        ("bad.yaml", 6),
        "invalid-claim",
        ("`number` must be one value",),
    ),
    Case(
        "unit-mapping",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    number: 5\n    unit: {u: cameras}\n")},
        ("bad.yaml", 7),
        "invalid-claim",
        ("`unit` must be one value",),
    ),
    Case(
        "quote-list",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: 5 cameras\n    quote: [a, b]\n")},
        ("bad.yaml", 7),
        "invalid-claim",
        ("`quote` must be one value",),
    ),
    Case(
        "note-mapping",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: 5 cameras\n    note: {a: b}\n")},
        ("bad.yaml", 7),
        "invalid-claim",
        ("`note` must be one value",),
    ),
    Case(
        "kind-list",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: 5 cameras\n    kind: [estimate]\n")},
        ("bad.yaml", 7),
        "invalid-claim",
        ("`kind` must be one value",),
    ),
    Case(
        "scope-list",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: 5 cameras\n    scope: [city]\n")},
        ("bad.yaml", 7),
        "invalid-claim",
        ("`scope` must be one value",),
    ),
    Case(
        "period-list",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: 5 cameras\n    period: [2020, 2021]\n")},
        ("bad.yaml", 7),
        "invalid-claim",
        ("`period` must be one value",),
    ),
    Case(
        "of-mapping",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: 5 cameras\n    of: {x: y}\n")},
        ("bad.yaml", 7),
        "invalid-claim",
        ("`of` must be one value",),
    ),
    Case(
        "status-list",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: 5 cameras\n    status: [reviewed]\n")},
        ("bad.yaml", 7),
        "invalid-claim",
        ("`status` must be one value",),
    ),
    Case(
        "computed-from-mapping",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: 5 cameras\n    computed_from: {x: y}\n")},
        ("bad.yaml", 7),
        "invalid-claim",
        ("computed_from must be a list",),
    ),
    Case(
        "computed-from-nested",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: 5 cameras\n    computed_from: [[b]]\n")},
        ("bad.yaml", 7),
        "invalid-claim",
        ("computed_from must be a list",),
    ),
    Case(
        "computed-from-unknown",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: 5 cameras\n    computed_from: [ghost]\n")},
        ("bad.yaml", 7),
        "unknown-reference",
        ("ghost",),
        claims=frozenset({"bad/a"}),
    ),
    Case(
        "computed-from-self",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: 5 cameras\n    computed_from: [a]\n")},
        ("bad.yaml", 4),
        "invalid-claim",
        ("cycle",),
        claims=frozenset({"bad/a"}),
    ),
    # --- claim fields with bad content -----------------------------------------------------
    Case(
        "missing-id",
        {"bad.yaml": one_claim("  - entity: France\n    value: 5 cameras\n") + OK_CLAIM},
        ("bad.yaml", 4),
        "invalid-claim",
        ("no `id`",),
        claims=frozenset({"bad/ok"}),
    ),
    Case(
        "empty-id",
        {"bad.yaml": one_claim('  - id: ""\n    entity: France\n    value: 5 cameras\n')},
        ("bad.yaml", 4),
        "invalid-claim",
        ("no `id`",),
    ),
    Case(
        "blank-entity",
        {"bad.yaml": one_claim('  - id: a\n    entity: "   "\n    value: 5 cameras\n')},
        ("bad.yaml", 4),
        "invalid-claim",
        ("no `entity`",),
    ),
    Case(
        "blank-id",
        {"bad.yaml": one_claim('  - id: "\\t "\n    entity: France\n    value: 5 cameras\n')},
        ("bad.yaml", 4),
        "invalid-claim",
        ("no `id`",),
    ),
    Case(
        "missing-entity",
        {"bad.yaml": one_claim("  - id: a\n    value: 5 cameras\n")},
        ("bad.yaml", 4),
        "invalid-claim",
        ("no `entity`",),
    ),
    Case(
        "missing-value",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n")},
        ("bad.yaml", 4),
        "invalid-claim",
        ("no `value`",),
    ),
    Case(
        "number-without-unit",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    number: 5\n")},
        ("bad.yaml", 6),
        "invalid-claim",
        ("no `value`",),
    ),
    Case(
        "unknown-field",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: 5 cameras\n    peroid: 2020\n")},
        None,
        says=("peroid",),
        warns=("bad.yaml", 7, "unknown-field"),
        claims=frozenset({"bad/a"}),
    ),
    Case(
        "claim-a-scalar",
        {"bad.yaml": one_claim("  - just a sentence\n") + OK_CLAIM},
        ("bad.yaml", 4),
        "invalid-claim",
        ("must be a mapping",),
        claims=frozenset({"bad/ok"}),
    ),
    Case(
        "claim-a-list",
        {"bad.yaml": one_claim("  - [a, b]\n")},
        ("bad.yaml", 4),
        "invalid-claim",
        ("must be a mapping",),
    ),
    Case(
        "claim-null",
        {"bad.yaml": one_claim("  -\n") + OK_CLAIM},
        ("bad.yaml", 4),
        "invalid-claim",
        ("must be a mapping",),
        claims=frozenset({"bad/ok"}),
    ),
    Case(
        "kind-unknown",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: 5 cameras\n    kind: rumour\n")},
        ("bad.yaml", 7),
        "invalid-claim",
        ("rumour",),
    ),
    Case(
        "period-words",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: 5 cameras\n    period: last year\n")},
        ("bad.yaml", 7),
        "invalid-claim",
        ("last year",),
    ),
    Case(
        "period-month-13",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: 5 cameras\n    period: 2021-13\n")},
        ("bad.yaml", 7),
        "invalid-claim",
        ("2021-13",),
    ),
    Case(
        "period-feb-30",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: 5 cameras\n    period: 2021-02-30\n")},
        ("bad.yaml", 7),
        "invalid-claim",
        ("2021-02-30",),
    ),
    Case(
        "period-reversed",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: 5 cameras\n    period: 2021-2019\n")},
        ("bad.yaml", 7),
        "invalid-claim",
        ("2021-2019",),
    ),
    Case(
        "period-huge-year",
        {
            "bad.yaml": one_claim(
                "  - id: a\n    entity: France\n    value: 5 cameras\n    period: 99999999999999999999\n"
            )
        },
        ("bad.yaml", 7),
        "invalid-claim",
        ("period",),
    ),
    Case(
        "slash-in-claim-id",
        {"bad.yaml": one_claim("  - id: b/x\n    entity: France\n    value: 5 cameras\n") + OK_CLAIM},
        ("bad.yaml", 4),
        "invalid-claim",
        ("contains '/'",),
        claims=frozenset({"bad/ok"}),
    ),
    Case(
        "slash-in-source-id",
        {"a.yaml": claim_file("a/b", "  - id: x\n    entity: France\n    value: 5 cameras\n")},
        ("a.yaml", 2),
        "invalid-claim",
        ("contains '/'",),
    ),
    Case(
        "dup-claim-id",
        {
            "bad.yaml": one_claim(
                "  - id: a\n    entity: France\n    value: 5 cameras\n  - id: a\n    entity: Spain\n    value: 6 cameras\n"
            )
        },
        ("bad.yaml", 7),
        "duplicate-id",
        ("used twice", "line 4"),
        claims=frozenset({"bad/a"}),
    ),
    Case(
        "share-without-of",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: 54 percent of cameras\n")},
        ("bad.yaml", 6),
        "invalid-claim",
        ("share",),
    ),
    Case(
        "value-words",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: many many cameras\n")},
        ("bad.yaml", 6),
        "parse-error",
    ),
    Case(
        "value-unknown-unit",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: 7 flurbs\n")},
        ("bad.yaml", 6),
        "unknown-unit",
        ("flurbs",),
    ),
    Case(
        "value-only-unit",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: cameras\n")},
        ("bad.yaml", 6),
        "parse-error",
    ),
    Case(
        "value-long",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: " + "very " * 4000 + "5 cameras\n")},
        ("bad.yaml", 6),
    ),
    Case(
        "zero-population",
        {
            "bad.yaml": one_claim(
                "  - id: pop\n    entity: Narnia\n    value: 0 people\n  - id: cams\n    entity: Narnia\n    value: 10 cameras\n  - id: rate\n    entity: Narnia\n    value: 1 camera for every 5 people\n"
            )
        },
        ("bad.yaml", 4),
        "invalid-value",
    ),
    Case(
        "number-450-digits",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    number: " + "9" * 450 + "\n    unit: cameras\n")},
        ("bad.yaml", 6),
        "parse-error",
        ("too many digits",),
    ),
    Case(
        "number-int-tag-5000-digits",
        {
            "bad.yaml": one_claim(
                "  - id: a\n    entity: France\n    number: !!int " + "9" * 5000 + "\n    unit: cameras\n"
            )
        },
        ("bad.yaml", 6),
        "load-error",
        ("not a valid int",),
    ),
    Case(
        "number-float-tag-inf",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    number: !!float .inf\n    unit: cameras\n")},
        ("bad.yaml", 6),
        "parse-error",
        ("finite",),
    ),
    Case(
        "number-float-tag-nan",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    number: !!float .nan\n    unit: cameras\n")},
        ("bad.yaml", 6),
        "parse-error",
        ("finite",),
    ),
    Case(
        "value-1e400",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: 1e400 cameras\n")},
        ("bad.yaml", 6),
        "parse-error",
        ("too large",),
    ),
    Case(
        "sq-30-times",  # issue 12: a hang in pint's base-unit reduction
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: 5 " + "sq " * 30 + "miles\n")},
        ("bad.yaml", 6),
        "unknown-unit",
    ),
    Case(
        "degc-is-no-amount",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: 5 degC\n")},
        ("bad.yaml", 6),
        "unknown-unit",
        ("degC",),
    ),
    Case(
        "up-to-zero",
        {"bad.yaml": one_claim("  - id: a\n    entity: France\n    value: up to 0 people\n")},
        ("bad.yaml", 6),
        "parse-error",
        ("up to 0",),
    ),
    # --- the source ---------------------------------------------------------------------------
    Case(
        "no-source",
        {"bad.yaml": "claims:\n" + OK_CLAIM},
        ("bad.yaml", 1),
        "invalid-claim",
        ("no `source:`",),
        claims=frozenset({"bad/ok"}),
    ),
    Case(
        "source-a-list",
        {"bad.yaml": "source: [a]\nclaims:\n" + OK_CLAIM},
        ("bad.yaml", 1),
        "invalid-claim",
        ("no `source:`",),
        claims=frozenset({"bad/ok"}),
    ),
    Case(
        "source-without-id",
        {"bad.yaml": "source:\n  title: x\nclaims:\n" + OK_CLAIM},
        ("bad.yaml", 2),
        "invalid-claim",
        ("no `id`",),
        claims=frozenset({"bad/ok"}),
    ),
    Case(
        "source-id-list",
        {"bad.yaml": "source:\n  id: [a, b]\nclaims:\n" + OK_CLAIM},
        ("bad.yaml", 2),
        "invalid-claim",
        ("`id` must be one value",),
        claims=frozenset({"bad/ok"}),
    ),
    Case(
        "source-id-mapping",
        {"bad.yaml": "source:\n  id: {a: b}\nclaims:\n" + OK_CLAIM},
        ("bad.yaml", 2),
        "invalid-claim",
        ("`id` must be one value",),
        claims=frozenset({"bad/ok"}),
    ),
    Case(
        "source-title-mapping",
        {"bad.yaml": "source:\n  id: bad\n  title: {a: b}\nclaims:\n" + OK_CLAIM},
        ("bad.yaml", 3),
        "invalid-claim",
        ("`title` must be one value",),
        claims=frozenset({"bad/ok"}),
    ),
    Case(
        "source-kind-unknown",
        {"bad.yaml": "source:\n  id: bad\n  kind: blog\nclaims:\n" + OK_CLAIM},
        ("bad.yaml", 2),
        "invalid-claim",
        ("blog",),
        claims=frozenset({"bad/ok"}),
    ),
    Case(
        "source-unknown-field",
        {"bad.yaml": "source:\n  id: bad\n  auther: x\nclaims:\n" + OK_CLAIM},
        None,
        says=("auther",),
        warns=("bad.yaml", 3, "unknown-field"),
        claims=frozenset({"bad/ok"}),
    ),
    Case(
        "published-yesterday",
        {"bad.yaml": "source:\n  id: bad\n  published: yesterday\nclaims:\n" + OK_CLAIM},
        ("bad.yaml", 3),
        "invalid-claim",
        ("yesterday",),
        claims=frozenset({"bad/ok"}),
    ),
    Case(
        "published-list",
        {"bad.yaml": "source:\n  id: bad\n  published: [2020]\nclaims:\n" + OK_CLAIM},
        ("bad.yaml", 3),
        "invalid-claim",
        ("`published` must be one value",),
        claims=frozenset({"bad/ok"}),
    ),
    Case(
        "published-date-is-fine",
        {"bad.yaml": "source:\n  id: bad\n  published: 2021-08-15\nclaims:\n" + OK_CLAIM},
        None,
        claims=frozenset({"bad/ok"}),
    ),
    Case(
        "dup-source-id-bad-sorts-first",
        {"a-copy.yaml": claim_file("good", OK_CLAIM)},
        ("a-copy.yaml", 2),
        "duplicate-id",
        ("good.yaml",),
    ),
    Case(
        "dup-source-id-bad-sorts-last",
        {"z-copy.yaml": claim_file("good", OK_CLAIM)},
        ("z-copy.yaml", 2),
        "duplicate-id",
        ("good.yaml",),
    ),
    Case(
        "colliding-ids-across-sources",
        {
            "a.yaml": claim_file("a", "  - id: b/x\n    entity: France\n    value: 5 cameras\n"),
            "ab.yaml": claim_file("a/b", "  - id: x\n    entity: Spain\n    value: 6 cameras\n"),
        },
        ("a.yaml", 4),
        "invalid-claim",
        ("contains '/'",),
    ),
    # --- files that are not claim files ------------------------------------------------------
    Case(
        "dangling-symlink",
        {"bad.yaml": _symlink("nowhere.yaml")},
        ("bad.yaml", None),
        "load-error",
        ("points to nothing",),
    ),
    Case("symlink-loop", {"bad.yaml": _symlink("bad.yaml")}, ("bad.yaml", None), "load-error", ("loops",)),
    Case(
        "symlink-loop-pair",
        {"bad.yaml": _symlink("worse.yml"), "worse.yml": _symlink("bad.yaml")},
        ("bad.yaml", None),
        "load-error",
        ("loops",),
    ),
    Case("fifo", {"bad.yaml": _fifo}, ("bad.yaml", None), "load-error", ("FIFO",)),
    Case(
        "folder-named-yaml",
        {"bad.yaml": _folder},
        ("bad.yaml", None),
        "load-error",
        ("directory",),
        claims=frozenset({"inside/ok"}),
    ),
    Case("symlink-to-good-file", {"bad.yaml": _symlink("good.yaml")}, ("bad.yaml", 2), "duplicate-id"),
    Case("yml-suffix", {"bad.yml": claim_file("bad", OK_CLAIM)}, None, claims=frozenset({"bad/ok"})),
    Case("upper-suffix", {"bad.YAML": claim_file("bad", OK_CLAIM)}, None, claims=frozenset({"bad/ok"})),
    Case("hidden-file", {".bad.yaml": claim_file("bad", OK_CLAIM)}, None, claims=frozenset({"bad/ok"})),
    Case("bom", {"bad.yaml": "\ufeff" + claim_file("bad", OK_CLAIM)}, None, claims=frozenset({"bad/ok"})),
    Case("crlf", {"bad.yaml": claim_file("bad", OK_CLAIM).replace("\n", "\r\n")}, None, claims=frozenset({"bad/ok"})),
    Case(
        "no-final-newline", {"bad.yaml": claim_file("bad", OK_CLAIM).rstrip("\n")}, None, claims=frozenset({"bad/ok"})
    ),
    Case("nested-folders", {"a/b/c/d/bad.yaml": claim_file("bad", OK_CLAIM)}, None, claims=frozenset({"bad/ok"})),
    Case("csv-empty", {"bad.csv": ""}, ("bad.csv", 1), "load-error", ("CSV",)),
    Case(
        "csv-ragged",
        {"bad.csv": 'id,entity,value\na,France,"5 cameras\nb,Spain\n'},
        ("bad.csv", 2),  # the row whose quote never closes
        "load-error",
        ("CSV",),
    ),
    Case(
        "csv-not-utf8",
        {"bad.csv": "id,entity,value\na,Fran\xe7e,5 cameras\n".encode("latin-1")},
        ("bad.csv", 1),
        "load-error",
    ),
    Case(
        "csv-missing-entity", {"bad.csv": "id,value\na,5 cameras\n"}, ("bad.csv", 2), "invalid-claim", ("no `entity`",)
    ),
    Case(
        "csv-unknown-column",
        {"bad.csv": "id,entity,value,colour\na,France,5 cameras,red\n"},
        None,
        says=("colour",),
        warns=("bad.csv", 1, "unknown-field"),
        claims=frozenset({"bad/a"}),
    ),
    Case("csv-good", {"bad.csv": "id,entity,value\na,France,5 cameras\n"}, None, claims=frozenset({"bad/a"})),
    # --- reconcile.toml ------------------------------------------------------------------------
    Case(
        "config-nan",
        {"reconcile.toml": "[policy]\nabout_min_relative = nan\n"},
        ("reconcile.toml", 2),
        "config-error",
        ("finite",),
    ),
    Case(
        "config-inf",
        {"reconcile.toml": "[policy]\nerror_gap = inf\n"},
        ("reconcile.toml", 2),
        "config-error",
        ("finite",),
    ),
    Case(
        "config-negative",
        {"reconcile.toml": "[policy]\n\nspread_warning = -0.5\n"},
        ("reconcile.toml", 3),
        "config-error",
        ("at least 0",),
    ),
    Case(
        "config-huge-fraction",
        {"reconcile.toml": "[policy]\nabout_min_relative = 1.5\n"},
        ("reconcile.toml", 2),
        "config-error",
        ("fraction",),
    ),
    Case(
        "config-string",
        {"reconcile.toml": '[policy]\nerror_gap = "2%"\n'},
        ("reconcile.toml", 2),
        "config-error",
        ("must be a float",),
    ),
    Case(
        "config-bool",
        {"reconcile.toml": "[policy]\nerror_gap = true\n"},
        ("reconcile.toml", 2),
        "config-error",
        ("must be a float",),
    ),
    Case(
        "config-unknown-option",
        {"reconcile.toml": "[policy]\nerorr_gap = 0.1\n"},
        ("reconcile.toml", 2),
        "config-error",
        ("erorr_gap",),
    ),
    Case(
        "config-unknown-section",
        {"reconcile.toml": "[polcy]\nerror_gap = 0.1\n"},
        ("reconcile.toml", None),
        "config-error",
        ("polcy",),
    ),
    Case(
        "config-policy-not-table",
        {"reconcile.toml": "policy = 3\n"},
        ("reconcile.toml", None),
        "config-error",
        ("must be a table",),
    ),
    Case(
        "config-syntax",
        {"reconcile.toml": "[policy\nerror_gap = 0.1\n"},
        ("reconcile.toml", 1),
        "config-error",
        ("TOML",),
    ),
    Case(
        "config-not-utf8",
        {"reconcile.toml": "[aliases]\n'Fran\xe7e' = 'France'\n".encode("latin-1")},
        ("reconcile.toml", None),
        "config-error",
        ("UTF-8",),
    ),
    Case(
        "config-alias-loop",
        {"reconcile.toml": '[aliases]\n"Gaul" = "Frankia"\n"Frankia" = "Gaul"\n'},
        ("reconcile.toml", 2),
        "config-error",
        ("circle", "Gaul → Frankia → Gaul"),
    ),
    Case(
        "config-alias-loop-3",
        {"reconcile.toml": '[aliases]\n"A" = "B"\n"B" = "C"\n"C" = "a"\n'},
        ("reconcile.toml", 2),
        "config-error",
        ("circle",),
    ),
    Case(
        "config-alias-chain-is-fine",
        {"reconcile.toml": '[aliases]\n"Big Apple" = "NYC"\n"NYC" = "New York City"\n"Paris" = "Paris"\n'},
        None,
    ),
    Case(
        "config-alias-not-string",
        {"reconcile.toml": '[aliases]\n"NYC" = 3\n'},
        ("reconcile.toml", 2),
        "config-error",
        ("canonical",),
    ),
    Case(
        "config-alias-empty",
        {"reconcile.toml": '[aliases]\n"NYC" = ""\n'},
        ("reconcile.toml", 2),
        "config-error",
        ("canonical",),
    ),
    Case(
        "config-noun-redefines-meter",
        {"reconcile.toml": '[nouns]\nmeter = ["meters"]\n'},
        ("reconcile.toml", 2),
        "config-error",
        ("meter",),
    ),
    Case(
        "config-noun-pint-definition",
        {"reconcile.toml": '[nouns]\n"bed = 2 * meter" = ["beds"]\n'},
        ("reconcile.toml", 2),
        "config-error",
        ("not a valid noun name",),
    ),
    Case(
        "config-noun-semicolon",
        {"reconcile.toml": '[nouns]\nbed = ["beds"]\n"x; y" = ["xs"]\n'},
        ("reconcile.toml", 3),
        "config-error",
        ("not a valid noun name",),
    ),
    Case(
        "config-noun-not-list",
        {"reconcile.toml": '[nouns]\nbed = "beds"\n'},
        ("reconcile.toml", 2),
        "config-error",
        ("list of spellings",),
    ),
    Case(
        "config-noun-list-of-ints",
        {"reconcile.toml": "[nouns]\nbed = [1, 2]\n"},
        ("reconcile.toml", 2),
        "config-error",
        ("list of spellings",),
    ),
    Case(
        "config-noun-is-fine",
        {
            "reconcile.toml": '[nouns]\nhospital_bed = ["beds", "hospital beds"]\n',
            "bad.yaml": one_claim("  - id: a\n    entity: France\n    value: 400,000 hospital beds\n"),
        },
        None,
        claims=frozenset({"bad/a"}),
    ),
    Case(
        "config-huge-integer",  # found by benchmarks/fuzz.py: an OverflowError
        {"reconcile.toml": "[policy]\nerror_gap = " + "9" * 400 + "\n"},
        ("reconcile.toml", 2),
        "config-error",
        ("finite",),
    ),
    Case(
        "config-5000-digit-integer",
        {"reconcile.toml": '[aliases]\n"NYC" = ' + "9" * 5000 + "\n"},
        ("reconcile.toml", None),
        "config-error",
        ("thousands of digits",),
    ),
    Case(
        "config-deep-array",
        {"reconcile.toml": "[policy]\nerror_gap = " + "[" * 3000 + "]" * 3000 + "\n"},
        ("reconcile.toml", None),
        "config-error",
        ("nested too deeply",),
    ),
    Case(
        "config-noun-underscore",
        {"reconcile.toml": '[nouns]\nbed = ["beds"]\n_bed = ["x beds"]\n'},
        ("reconcile.toml", 3),
        "config-error",
        ("not a valid noun name",),
    ),
    # --- hostile text that must pass through unharmed --------------------------------------
    Case(
        "html-in-quote",
        {
            "bad.yaml": one_claim(
                '  - id: a\n    entity: France\n    value: 5 cameras\n    quote: "<script>alert(1)</script> 5 cameras"\n'
            )
        },
        None,
        claims=frozenset({"bad/a"}),
    ),
    Case(
        "rlo-in-entity",
        {
            "bad.yaml": one_claim(
                '  - id: a\n    entity: "Fr\\u202eecnaF"\n    value: 5 cameras\n  - id: b\n    entity: "Fr\\u202eecnaF"\n    value: 9 cameras\n'
            )
        },
        None,
        claims=frozenset({"bad/a", "bad/b"}),
    ),
    Case(
        "ansi-in-entity",
        {"bad.yaml": one_claim('  - id: a\n    entity: "\\e[2J\\e[31mFrance"\n    value: 5 cameras\n')},
        None,
        claims=frozenset({"bad/a"}),
    ),
    Case(
        "emoji-entity",
        {"bad.yaml": one_claim("  - id: a\n    entity: 🇫🇷 France\n    value: 5 cameras\n")},
        None,
        claims=frozenset({"bad/a"}),
    ),
    Case(
        "unicode-file-name",
        {"日本 の claims.yaml": claim_file("nihon", OK_CLAIM)},
        None,
        claims=frozenset({"nihon/ok"}),
    ),
    Case(
        "newline-in-file-name",
        {"ba\nd.yaml": one_claim("  - id: a\n    entity: France\n    value: 7 flurbs\n")},
        ("ba\nd.yaml", 6),
        "unknown-unit",
    ),
    Case(
        "percent-in-file-name",
        {"100% #1?.yaml": one_claim("  - id: a\n    entity: France\n    value: 7 flurbs\n")},
        ("100% #1?.yaml", 6),
        "unknown-unit",
    ),
    Case(
        "long-line-quote",
        {
            "bad.yaml": one_claim(
                '  - id: a\n    entity: France\n    value: 5 cameras\n    quote: "' + "1-2 " * 25_000 + '"\n'
            )
        },
        None,
        claims=frozenset({"bad/a"}),
    ),
]
