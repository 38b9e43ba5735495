"""The library's legal graph: who cites whom, who delegates to whom, who defines what.

Resolved once, when the index is built, by the citation checker (the one resolver),
and stored in the index (``graph.json``); ranking, the citation check and the viewer
read this graph and never re-read references themselves.

* **cites**: article A's text refers to article B (「第二十九条の四第一項…に該当」).
* **delegates**: act article A leaves something to an order (「…として政令で定めるもの」)
  and article B of that order fills it in, naming A (「法第二条第一項第五号に規定する
  政令で定めるものは…」). Stored as A → B; the viewer shows 委任先 under A and 委任元
  under B, and ranking lets a question that reaches A reach B.
* **defines**: article A defines a term (「この法律において「借地権」とは、…」 or
  「…（以下「特定証券情報」という。）」).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..normalize import search_form
from .catalog import CABINET_OFFICE_ORDINANCE, CABINET_ORDER, LAW, MINISTERIAL_ORDINANCE, RULE
from .grammar import UNKNOWN_LAW
from .numerals import NUMBER

CITES = "cites"
DELEGATES = "delegates"
KINDS = (CITES, DELEGATES)

Provision = tuple[str, str]  # (doc_id, article_key)

# 「政令で定める」 and its kin, and the kind of order each means
DELEGATION = re.compile(r"(政令|内閣府令|府令|主務省令|[一-龥]{1,10}省令|[一-龥]{1,12}規則)で定める")
# what may stand between a reference to the act and the delegation it fills in:
# 「法第二条第一項第五号に規定する政令で定める」, 「法第十三条の厚生労働省令で定める」,
# 「法第二十七条の二第一項第一号に掲げる…として内閣府令で定める」 (one clause, no full stop)
_DELEGATION_GAP = 40
_FILLED = re.compile(r"[^、。「」]{0,30}?は[、,]")
# 「「借地権」とは、」, 「この法律において「X」とは」 — and 「（以下「X」という。）」
_DEFINED = re.compile(r"「([^「」]{2,30})」とは[、,]")
_ABBREVIATED = re.compile(r"以下(?:この[^「」]{1,12}において)?「([^「」]{2,30})」という")


def order_kind(word: str) -> str:
    """The kind of order a delegation word names: 政令 / 内閣府令 / 省令 / 規則."""
    if word == "政令":
        return CABINET_ORDER
    if word in ("内閣府令", "府令"):
        return CABINET_OFFICE_ORDINANCE
    if word.endswith("省令"):
        return MINISTERIAL_ORDINANCE
    return RULE


def _fills(kind: str, doc_kind: str) -> bool:
    """Can a document of ``doc_kind`` fill in a delegation to ``kind``? (主務省令 may be a 内閣府令)"""
    if kind == MINISTERIAL_ORDINANCE:
        return doc_kind in (MINISTERIAL_ORDINANCE, CABINET_OFFICE_ORDINANCE)
    return kind == doc_kind


@dataclass
class Graph:
    """Edges between provisions and the terms each defines; lookups both ways."""

    edges: list[tuple[Provision, Provision, str]] = field(default_factory=list)
    definitions: list[tuple[Provision, str]] = field(default_factory=list)
    parents: dict[str, str] = field(default_factory=dict)  # doc_id → the act its 「法」 means
    orders: dict[str, str] = field(default_factory=dict)  # doc_id → the order its 「令」 means

    def __post_init__(self) -> None:
        self._out: dict[tuple[Provision, str], list[Provision]] = {}
        self._in: dict[tuple[Provision, str], list[Provision]] = {}
        for src, dst, kind in self.edges:
            self._out.setdefault((src, kind), []).append(dst)
            self._in.setdefault((dst, kind), []).append(src)
        # each term's places in first-seen order, without repeats (a dict per term: 40 editions of a
        # law define each term 40 times, and a list's membership test made loading quadratic)
        places: dict[str, dict[Provision, None]] = {}
        for where, term in self.definitions:
            places.setdefault(term, {})[where] = None
        self._defined: dict[str, list[Provision]] = {t: list(p) for t, p in places.items()}

    def refers_to(self, p: Provision) -> list[Provision]:
        return self._out.get((p, CITES), [])

    def cited_by(self, p: Provision) -> list[Provision]:
        return self._in.get((p, CITES), [])

    def delegates_to(self, p: Provision) -> list[Provision]:
        """Articles of orders that fill in what ``p`` leaves to them (委任先)."""
        return self._out.get((p, DELEGATES), [])

    def delegated_from(self, p: Provision) -> list[Provision]:
        """Act articles whose delegation ``p`` fills in (委任元)."""
        return self._in.get((p, DELEGATES), [])

    def defined_in(self, term: str) -> list[Provision]:
        return self._defined.get(term, [])

    @property
    def terms(self) -> list[str]:
        return list(self._defined)

    def to_json(self) -> dict:
        return {"edges": [[s[0], s[1], d[0], d[1], k] for s, d, k in self.edges],
                "definitions": [[p[0], p[1], t] for p, t in self.definitions],
                "parents": [[d, act] for d, act in sorted(self.parents.items())],
                "orders": [[d, order] for d, order in sorted(self.orders.items())]}


# 「次の各号に掲げる用語の意義は、当該各号に定めるところによる。」 then items
# 「一 借地権 建物の所有を目的とする…をいう。」 (the number may be missing from the text layer,
# the term may stand on its own line above its meaning)
_GLOSSARY = re.compile(r"用語の意義|各号に掲げる用語")
_ITEM_NO = re.compile(r"^[一二三四五六七八九十]+(?:の[一二三四五六七八九十]+)?\s+")
_TERM = re.compile(r"[^\s。、，,「」()（）]{2,30}")


# 「この府令において使用する用語は、金融商品取引法（以下「法」という。）及び金融商品取引法施行令
# （以下「令」という。）において…」 (the law number may come first: 「金融商品取引法（昭和二十三年法律
# 第二十五号。以下「法」という。）」)
_ABBREVIATION = re.compile(r"[(（](?:[^()（）「」]{0,40}。)?以下「(法|令)」という[。]?[)）]")
_ARTICLE_HEAD = re.compile(rf"^第{NUMBER}条(?:の{NUMBER})*")
# how many first articles of an order are read for those declarations (they open the order)
DECLARING_ARTICLES = 3


def declared_laws(text: str, names) -> dict[str, str]:
    """What an order's text declares as 「法」 and 「令」: {"法": act, "令": order}.

    A law the library does not hold is named as written (「感染症の予防及び…に関する法律（以下「法」
    という。）」): its 「法第五十六条の二十七」 is then a law not in the library, not this order's
    own article (user test: a 規則's 「令第二十二条」 was linked to its own 第二十二条)."""
    s = search_form(text)
    out: dict[str, str] = {}
    for m in _ABBREVIATION.finditer(s):
        word = m.group(1)
        if word in out:
            continue
        before = [h for h in names.find(s[:m.start()]) if h.end == m.start()]
        if before:
            out[word] = before[-1].title
        else:  # the name as written: back to the punctuation, space or article number before it
            name = _ARTICLE_HEAD.sub("", re.split(r"[、。，,\s「」()（）]", s[:m.start()])[-1])
            if 3 <= len(name) <= 60 and UNKNOWN_LAW.search(name):
                out[word] = name
    return out


def defined_terms(text: str) -> list[str]:
    """Terms an article's text defines, in order."""
    s = search_form(text)
    out: list[str] = []
    for m in [*_DEFINED.finditer(s), *_ABBREVIATED.finditer(s)]:
        term = m.group(1).strip()
        if term and term not in out:
            out.append(term)
    if _GLOSSARY.search(s):
        lines = [_ITEM_NO.sub("", ln.strip()) for ln in re.split(r"\n|(?<=。)", s) if ln.strip()]
        for i, line in enumerate(lines):
            head, _, meaning = line.partition(" ")
            if _TERM.fullmatch(head) and "をいう" in meaning:
                term = head  # 「借地権 建物の所有を目的とする…をいう。」
            elif _TERM.fullmatch(line) and i + 1 < len(lines) and "をいう" in lines[i + 1]:
                term = line  # the term on its own line, its meaning on the next
            else:
                continue
            if term not in out:
                out.append(term)
    return out


def build_graph(checker, articles: Iterable[tuple[Provision, str]] | Mapping[Provision, str],
                previous: Graph | None = None, changed: set[str] | None = None) -> Graph:
    """Read the articles with the citation checker and keep what they refer to.

    ``checker`` is a :class:`reglens.cite.CitationChecker` over the library being
    built; ``articles`` yields ((doc_id, article_key), text) for the whole library, or maps
    them (then texts are read only where needed).
    With ``previous`` (the last version's graph, its library holding the same law
    titles) and ``changed`` (documents added or changed since), only the articles of
    changed documents, and those whose references reached into them, are read again;
    the rest of the graph is kept, so an update costs what changed.
    """
    catalog = checker.catalog
    edges: list[tuple[Provision, Provision, str]] = []
    seen: set[tuple[Provision, Provision, str]] = set()
    definitions: list[tuple[Provision, str]] = []

    def add(src: Provision, dst: Provision, kind: str) -> None:
        if (src, dst, kind) not in seen and src != dst:
            seen.add((src, dst, kind))
            edges.append((src, dst, kind))

    # a mapping is read only where needed (an update reads what changed, not the whole library)
    texts: Mapping[Provision, str] = articles if isinstance(articles, Mapping) else dict(articles)
    # 「法」 and 「令」 in an order are the act and order it declares in its first articles: known
    # before any reference is read; an unchanged document declares what it did (same text, same
    # law names), so it is not read again. A 施行令's 「法」 is its title's act whatever it says.
    parents: dict[str, str] = {}
    orders: dict[str, str] = {}
    read: dict[str, int] = {}
    for doc, key in texts:
        if read.get(doc, 0) >= DECLARING_ARTICLES:
            continue
        about = catalog.documents[doc]
        if not about.kind or about.kind == LAW:
            read[doc] = DECLARING_ARTICLES
        elif previous is not None and changed is not None and doc not in changed:
            read[doc] = DECLARING_ARTICLES
            if doc in previous.parents:
                parents[doc] = previous.parents[doc]
            if doc in previous.orders:
                orders[doc] = previous.orders[doc]
        else:
            read[doc] = read.get(doc, 0) + 1
            declared = declared_laws(texts[(doc, key)], checker.names)
            if declared.get("法", about.title) != about.title and not about.parent:
                parents[doc] = declared["法"]
            if declared.get("令", about.title) != about.title:
                orders[doc] = declared["令"]
            if declared:
                read[doc] = DECLARING_ARTICLES
    catalog.set_parents(parents)
    catalog.set_orders(orders)
    if previous is not None and changed is not None and (parents, orders) != (previous.parents, previous.orders):
        previous = None  # 「法」 or 「令」 reads differently now: everything is read again
    reread: set[Provision] = set(texts)
    if previous is not None and changed is not None:
        # who read an edge: the citing article, or for a delegation the order's article
        def reader(src: Provision, dst: Provision, kind: str) -> Provision:
            return dst if kind == DELEGATES else src

        reread = {p for p in texts if p[0] in changed}
        reread |= {reader(s, d, k) for s, d, k in previous.edges if s[0] in changed or d[0] in changed}
        for src, dst, kind in previous.edges:
            if reader(src, dst, kind) not in reread and src in texts and dst in texts:
                add(src, dst, kind)
        definitions = [(p, t) for p, t in previous.definitions if p in texts and p[0] not in changed]
    fresh = changed if previous is not None else None  # None: every document is read
    # one pass, each article's text read once (from disk, when ``articles`` is a lazy mapping);
    # definitions kept from the previous graph are not read again
    for here in texts:
        define = fresh is None or here[0] in fresh
        if not define and here not in reread:
            continue
        text = texts[here]
        if define:
            definitions.extend((here, term) for term in defined_terms(text))
        if here not in reread:
            continue
        doc_kind = catalog.documents[here[0]].kind
        cites = checker.check(text, within=(here[0], here[1], None), verify=False)
        for n, cite in enumerate(cites):
            docs = catalog.titled(cite.law)
            if len(docs) != 1 or not cite.article_key:
                continue
            target = (docs[0], cite.article_key)
            add(here, target, CITES)
            if target[0] == here[0]:
                continue
            # a reference to another law's article followed by 「…政令で定める」: this article fills
            # it in — unless another reference comes first (「法第六十条の十四第二項において準用する
            # 法第六十条の三第一項第一号ホに規定する政令で定める」 fills in 第六十条の三, not the one applying it)
            stop = min(cite.end + _DELEGATION_GAP, cites[n + 1].start if n + 1 < len(cites) else len(text))
            tail = search_form(text[cite.end:stop]).split("。")[0]
            m = DELEGATION.search(tail)
            # …and this article says what it is: 「…政令で定める期間は、六月とする」, not
            # 「…厚生労働省令で定める基準を遵守して」 (a mention of the standard, made elsewhere)
            said = m and _FILLED.match(search_form(text[cite.end:cite.end + 200])[m.end():m.end() + 60])
            if m and said and _fills(order_kind(m.group(1)), doc_kind) \
                    and f"{m.group(1)}で定める" in search_form(texts.get(target, "")):
                add(target, here, DELEGATES)
    return Graph(edges, definitions, parents, orders)
