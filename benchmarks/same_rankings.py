"""Do two RegLens source trees rank the dev questions identically? (documents, articles, scores)

    PYTHONPATH=src .venv/bin/python benchmarks/same_rankings.py --index indexes/laws --against /work/main/src

Runs the 70 lawqa dev questions through ``Index.search`` (top 10) once with this tree's
``src`` and once with ``--against``, each in a fresh process with the same hash seed
(a few scores sum over sets of terms, whose order follows string hashing), and prints
how many questions differ in any passage, order, reason or score (compared exactly, by repr).
For performance work that must not change a single result.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

QUESTIONS = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "lawqa_dev.jsonl"
SRC = Path(__file__).resolve().parents[1] / "src"
_DUMP = """
import json, sys
from reglens import threads
threads.configure()
from reglens.search import Index
ix = Index(sys.argv[1])
for q in json.loads(sys.stdin.read()):
    print(json.dumps([[r.chunk["id"], r.chunk["doc_id"], r.chunk.get("article_key"), repr(r.score), r.reason]
                      for r in ix.search(q, 10)], ensure_ascii=False))
"""


def rankings(src: Path, index: Path, questions: list[str]) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHONHASHSEED": "0"}
    out = subprocess.run([sys.executable, "-c", _DUMP, str(index)], input=json.dumps(questions), env=env,
                         check=True, capture_output=True, text=True).stdout
    return out.splitlines()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--against", type=Path, required=True, help="the other tree's src folder")
    ap.add_argument("--questions", type=Path, default=QUESTIONS)
    args = ap.parse_args()
    questions = [json.loads(line)["question"] for line in args.questions.read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    ours, theirs = rankings(SRC, args.index, questions), rankings(args.against, args.index, questions)
    differ = [q for q, a, b in zip(questions, ours, theirs, strict=True) if a != b]
    print(f"{len(questions)} questions, top 10 each: {len(questions) - len(differ)} identical "
          f"(passages, order, reasons, scores), {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
