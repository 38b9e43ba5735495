"""How often an answer sentence ends where only a PDF line ends (English text cut mid-sentence).

For each PDF: read it, cut it into passages as a build does, split every passage into the
answer's sentences (``summarize.sentence_offsets``) and count the sentences that end without
punctuation (a letter, digit or comma) while the next one in the same passage goes on in
lower case — 「…up to 4 % of the total」 / 「worldwide annual turnover…」. Passages whose text
differs from what ``--compare`` (another checkout's src) cuts are counted too, so a rule
meant for Latin text can be seen to leave Japanese documents alone.

    PYTHONPATH=src python benchmarks/sentence_ends.py ../shared/realpdfs/*.pdf
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

CUT = re.compile(r"[A-Za-z0-9,]$")
GOES_ON = re.compile(r"^[a-z]")


def passages(path: Path) -> list[str]:
    from reglens.ingest import extract
    from reglens.structure import chunk_document
    doc = extract(path, ocr=False)
    return [c.text for c in chunk_document(doc, "d")]


def cut_sentences(texts: list[str]) -> tuple[int, int, list[str]]:
    from reglens.summarize import sentence_offsets
    total = cut = 0
    examples = []
    for text in texts:
        spans = sentence_offsets(text)
        total += len(spans)
        for (a, b), (c, _d) in zip(spans, spans[1:], strict=False):
            if CUT.search(text[a:b]) and GOES_ON.match(text[c:]):
                cut += 1
                if len(examples) < 3:
                    examples.append(text[max(a, b - 60):b].replace("\n", " ") + " ‖ " + text[c:c + 30])
    return total, cut, examples


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="+", type=Path)
    ap.add_argument("--examples", action="store_true", help="print up to three cut sentences per file")
    args = ap.parse_args()
    all_total = all_cut = 0
    print(f"{'file':45} {'passages':>8} {'sentences':>9} {'cut at a line end':>17}  text digest")
    for pdf in args.pdfs:
        texts = passages(pdf)
        total, cut, examples = cut_sentences(texts)
        all_total += total
        all_cut += cut
        digest = hashlib.sha256("\x00".join(texts).encode()).hexdigest()[:10]
        print(f"{pdf.name[:45]:45} {len(texts):8} {total:9} {cut:17}  {digest}")
        if args.examples:
            for e in examples:
                print(f"    {e}")
    print(f"{'all':45} {'':8} {all_total:9} {all_cut:17}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
