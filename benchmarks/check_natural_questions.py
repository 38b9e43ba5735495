"""Validate benchmarks/natural_questions.jsonl against the PDFs in ../shared.

Checks, per question: well-formed JSON, required fields and types, kinds from the
allowed list, gold files present under ../shared, and that the answer phrase (and
every "answer_all" item) occurs on at least one of its gold pages in PyMuPDF's
extracted text, both sides NFKC-normalised with all whitespace removed (line
breaks split phrases). Questions marked "ocr": true (scanned pages without a text
layer) skip the text check. Also checks the set's size and per-kind coverage.

    .venv/bin/python benchmarks/check_natural_questions.py [path/to/questions.jsonl]

Prints per-kind counts and one line per failure; exit code 1 on any failure.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve()
SHARED = HERE.parents[1].parent / "shared"
DEFAULT = HERE.parent / "natural_questions.jsonl"

KINDS = (
    "paraphrase",
    "keyword",
    "citation",
    "english",
    "number",
    "duration",
    "amount",
    "deadline",
    "authority",
    "time",
    "yesno",
    "list",
    "definition",
)
REQUIRED = {"id": str, "question": str, "lang": str, "kinds": list, "gold": list, "answer": str}
# minimum coverage of the set; a question counts once per group
MINIMUMS = {
    ("paraphrase",): 10,
    ("keyword",): 6,
    ("citation",): 6,
    ("english",): 8,
    ("number", "amount"): 6,
    ("duration", "deadline"): 6,
    ("authority",): 6,
    ("time",): 3,
    ("yesno",): 8,
    ("list",): 6,
}
MIN_QUESTIONS = 80
_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    """NFKC, then drop every whitespace character."""
    return _WS.sub("", unicodedata.normalize("NFKC", text))


class PageText:
    """Squashed text of each page of a PDF under ``root``, extracted once per file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._docs: dict[str, list[str]] = {}

    def pages(self, rel: str) -> list[str]:
        if rel not in self._docs:
            import pymupdf

            with pymupdf.open(self.root / rel) as doc:
                self._docs[rel] = [squash(page.get_text()) for page in doc]
        return self._docs[rel]


def gold_ok(g: object) -> bool:
    return (
        isinstance(g, dict)
        and isinstance(g.get("file"), str)
        and isinstance(g.get("page"), int)
        and "article" in g
        and (g["article"] is None or isinstance(g["article"], str))
    )


def check_fields(q: dict, seen: set[str]) -> list[str]:
    """Structural errors of one question (empty list if none)."""
    errs = [f"field {k!r} missing or not {t.__name__}" for k, t in REQUIRED.items() if not isinstance(q.get(k), t)]
    qid = q.get("id")
    if isinstance(qid, str):
        if qid in seen:
            errs.append("duplicate id")
        seen.add(qid)
    if q.get("lang") not in ("ja", "en"):
        errs.append(f"lang {q.get('lang')!r} not ja/en")
    for key in ("question", "answer"):
        if isinstance(q.get(key), str) and not q[key].strip():
            errs.append(f"empty {key}")
    if isinstance(q.get("kinds"), list):
        bad = [k for k in q["kinds"] if k not in KINDS]
        if bad or not q["kinds"]:
            errs.append(f"unknown or no kinds: {bad}")
    if isinstance(q.get("gold"), list):
        if not q["gold"]:
            errs.append("no gold location")
        errs += [f"bad gold entry (file, page, article str|null): {g!r}" for g in q["gold"] if not gold_ok(g)]
    if "answer_all" in q and not (
        isinstance(q["answer_all"], list) and all(isinstance(a, str) for a in q["answer_all"])
    ):
        errs.append("answer_all is not a list of strings")
    if "ocr" in q and not isinstance(q["ocr"], bool):
        errs.append("ocr is not a boolean")
    return errs


def text_checkable(q: dict) -> bool:
    return isinstance(q.get("answer"), str) and isinstance(q.get("gold"), list) and all(map(gold_ok, q["gold"]))


def check_text(q: dict, texts: PageText) -> list[str]:
    """The answer phrase and answer_all items against the gold pages' text."""
    errs = []
    pages = []
    for g in q["gold"]:
        if not (SHARED / g["file"]).is_file():
            errs.append(f"gold file not found: {g['file']}")
            continue
        if q.get("ocr") is True:
            continue
        doc = texts.pages(g["file"])
        if not 1 <= g["page"] <= len(doc):
            errs.append(f"page {g['page']} out of range 1..{len(doc)} in {g['file']}")
            continue
        pages.append(doc[g["page"] - 1])
    if errs or q.get("ocr") is True:
        return errs
    if not any(squash(q["answer"]) in p for p in pages):
        where = ", ".join(f"{g['file']} p.{g['page']}" for g in q["gold"])
        errs.append(f"answer {q['answer']!r} not on any gold page ({where})")
    for item in q.get("answer_all") or []:
        if not any(squash(item) in p for p in pages):
            errs.append(f"answer_all item {item!r} not on any gold page")
    return errs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("questions", nargs="?", type=Path, default=DEFAULT)
    args = ap.parse_args()

    failures: list[str] = []
    questions: list[dict] = []
    for n, line in enumerate(args.questions.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            q = json.loads(line)
        except json.JSONDecodeError as e:
            failures.append(f"line {n}: invalid JSON: {e}")
            continue
        if not isinstance(q, dict):
            failures.append(f"line {n}: not a JSON object")
            continue
        questions.append(q)

    seen: set[str] = set()
    for q in questions:
        failures += [f"{q.get('id', '?')}: {e}" for e in check_fields(q, seen)]

    ocr = [q for q in questions if q.get("ocr") is True]
    if not SHARED.is_dir():
        print(f"SKIP file and text checks: {SHARED} not found")
    else:
        texts = PageText(SHARED)
        for q in questions:
            if text_checkable(q):
                failures += [f"{q.get('id', '?')}: {e}" for e in check_text(q, texts)]

    kinds = Counter(k for q in questions if isinstance(q.get("kinds"), list) for k in q["kinds"])
    langs = Counter(q.get("lang") for q in questions)
    golds = [q["gold"] for q in questions if text_checkable(q) and q["gold"]]
    files = {g["file"] for gold in golds for g in gold}
    first_real = sum(1 for gold in golds if gold[0]["file"].startswith("realpdfs/"))
    print(f"{len(questions)} questions; lang: {dict(sorted((str(k), v) for k, v in langs.items()))}")
    print(f"first gold location in realpdfs: {first_real}, in statutes: {len(golds) - first_real}")
    print(
        f"files covered: {sum(f.startswith('realpdfs/') for f in files)} realpdfs, "
        f"{sum(f.startswith('corpus/') for f in files)} statutes"
    )
    print("per-kind counts:")
    for k in KINDS:
        print(f"  {k:<11}{kinds.get(k, 0):>4}")
    for group, need in MINIMUMS.items():
        have = sum(1 for q in questions if isinstance(q.get("kinds"), list) and set(group) & set(q["kinds"]))
        if have < need:
            failures.append(f"coverage: {'/'.join(group)} has {have} questions, want at least {need}")
    if len(questions) < MIN_QUESTIONS:
        failures.append(f"coverage: {len(questions)} questions, want at least {MIN_QUESTIONS}")
    if ocr:
        ids = ", ".join(str(q.get("id")) for q in ocr)
        print(f"text check skipped for {len(ocr)} scanned-page question(s) marked ocr (no text layer): {ids}")
    for f in failures:
        print(f"FAIL {f}")
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
