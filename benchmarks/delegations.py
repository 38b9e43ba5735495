"""How many delegations of an indexed library are linked (not a test).

A delegation is an act's article that leaves something to an order
(「政令で定める」, 「内閣府令で定める」, 「厚生労働省令で定める」…). It can be linked only
when an order of that kind made under the act is in the library. Prints, per kind:
the act articles that delegate to an indexed order, how many of them have at least
one link (委任先), and a random sample of links with the two texts side by side for
checking by hand (``--sample N``, ``--seed``).

    PYTHONPATH=src .venv/bin/python benchmarks/delegations.py --index indexes/laws --sample 20
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from reglens.cite import CitationChecker  # noqa: E402
from reglens.legal.catalog import LAW  # noqa: E402
from reglens.legal.graph import DELEGATION, order_kind  # noqa: E402
from reglens.normalize import search_form  # noqa: E402
from reglens.search import Index  # noqa: E402


def _snippet(text: str, word: str, width: int = 60) -> str:
    s = re.sub(r"\s+", "", search_form(text))
    i = s.find(word)
    return s[max(0, i - width):i + len(word) + 10] if i >= 0 else s[:width * 2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--sample", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    index = Index(Path(args.index))
    checker = CitationChecker(index)
    cat = index.catalog
    orders_of: dict[str, set[str]] = {}  # act title → kinds of its orders in the library
    for doc in cat.documents.values():
        if doc.parent:
            orders_of.setdefault(doc.parent, set()).add(doc.kind)
    # an act's 内閣府令 or 省令 is not named after it: count any such order as possibly its
    loose = {d.kind for d in cat.documents.values() if not d.parent and d.kind and d.kind != LAW}
    counts: dict[str, list[int]] = {}
    for doc in cat.documents.values():
        if doc.kind != LAW:
            continue
        for key in cat.articles(doc.doc_id):
            text = "\n".join(c["text"] for c in checker.passages(doc.doc_id, key))
            kinds = {order_kind(m.group(1)) for m in DELEGATION.finditer(search_form(text))}
            linked = index.graph.delegates_to((doc.doc_id, key))
            linked_kinds = {cat.documents[d].kind for d, _ in linked}
            for kind in kinds:
                if kind in orders_of.get(doc.title, set()) or (kind in loose and orders_of.get(doc.title)):
                    c = counts.setdefault(kind, [0, 0])
                    c[0] += 1
                    c[1] += kind in linked_kinds or (kind == "省令" and "内閣府令" in linked_kinds)
    print(f"index {args.index}: delegating act articles whose order is in the library, and how many are linked")
    for kind, (n, linked) in sorted(counts.items()):
        print(f"  {kind}で定める: {n} articles, {linked} linked ({linked / n:.0%})")
    edges = [(s, d) for s, d, k in index.graph.edges if k == "delegates"]
    print(f"  delegation links: {len(edges)}")
    random.seed(args.seed)
    for s, d in random.sample(edges, min(args.sample, len(edges))):
        src = "\n".join(c["text"] for c in checker.passages(*s))
        dst = "\n".join(c["text"] for c in checker.passages(*d))
        print(f"\n{cat.title_of(s[0])} {s[1]} → {cat.title_of(d[0])} {d[1]}")
        print(f"  委任元: …{_snippet(src, 'で定める')}…")
        print(f"  委任先: …{_snippet(dst, 'で定める')}…")


if __name__ == "__main__":
    main()
