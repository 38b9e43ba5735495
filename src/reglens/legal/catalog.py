"""The one catalog of a library: its documents as laws, and each law's articles in order.

Search, the citation check and the viewer ask the same questions of a library —
which document is 借地借家法, what comes before 第五条, which passages make up
金融商品取引法第二十七条の十三, is this a 政令 — and get the same answers here. Built
from the index's document list and the passage columns (no passage text is read).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..normalize import search_form
from .names import parent_act

LAW = "法律"
CABINET_ORDER = "政令"
CABINET_OFFICE_ORDINANCE = "内閣府令"
MINISTERIAL_ORDINANCE = "省令"
RULE = "規則"
OTHER = ""

_ORDINANCE = re.compile(r"[一-龥]{0,10}省令")


def law_kind(title: str, law_num: str) -> str:
    """法律 / 政令 / 内閣府令 / 省令 / 規則, from the title and the law number (「（昭和四十年政令第三百二十一号）」).

    The title wins where the two differ: a 内閣府令 first issued as a 大蔵省令 is a
    内閣府令 now, and delegations to it say 「内閣府令で定める」.
    """
    t = search_form(title)
    if t.endswith("内閣府令"):
        return CABINET_OFFICE_ORDINANCE
    if t.endswith("施行令") or "政令第" in law_num:
        return CABINET_ORDER
    if t.endswith("省令") or _ORDINANCE.search(law_num):
        return MINISTERIAL_ORDINANCE
    if "法律第" in law_num or t.endswith(("法", "法律")):
        return LAW
    if t.endswith("規則") or "規則第" in law_num:
        return RULE
    return OTHER


@dataclass(frozen=True)
class LawDocument:
    """One document of the library, as a law."""

    doc_id: str
    title: str  # search form: what references are resolved against
    printed_title: str
    law_num: str
    kind: str  # see law_kind; "" for manuals, notices and the like
    parent: str  # the act a 施行令/施行規則 implements ("" otherwise)


class Catalog:
    """Documents by id and by title, articles in order, passages per article."""

    def __init__(self, documents: Mapping[str, Mapping], doc_ids: Sequence[str], titles: Sequence[str],
                 keys: Sequence[str]):
        self.documents: dict[str, LawDocument] = {}
        self._by_title: dict[str, list[str]] = {}
        for d, record in documents.items():
            title = search_form(record["title"])
            parent = parent_act(title)
            self.documents[d] = LawDocument(d, title, record["title"], record.get("law_num", ""),
                                            law_kind(title, record.get("law_num", "")),
                                            parent if parent != title else "")
        self._parents: dict[str, str] = {}  # title → the act its 「法」 means, when the text says
        self._order: dict[str, list[str]] = {}
        self._passages: dict[tuple[str, str], list[int]] = {}  # (title, key) → passage rows
        self._doc_of: list[str] = list(doc_ids)
        listed: set[tuple[str, str]] = set()  # (title, doc) already in _by_title: 40 editions share a title
        for i, (doc, title, key) in enumerate(zip(doc_ids, titles, keys, strict=True)):
            t = self.documents[doc].title if doc in self.documents else search_form(title)
            if (t, doc) not in listed:
                listed.add((t, doc))
                self._by_title.setdefault(t, []).append(doc)
            if key:
                order = self._order.setdefault(doc, [])
                if not order or order[-1] != key:
                    order.append(key)
                self._passages.setdefault((t, key), []).append(i)

    # -- documents --------------------------------------------------------
    def titled(self, title: str) -> list[str]:
        """Ids of the documents with this title (search form); several means ambiguous."""
        return self._by_title.get(title, [])

    @property
    def titles(self) -> list[str]:
        return list(self._by_title)

    def title_of(self, doc_id: str) -> str:
        return self.documents[doc_id].title

    def doc_of(self, row: int) -> str:
        """The document of a passage row."""
        return self._doc_of[row]

    def parent_of(self, title: str) -> str:
        """The act a 「法」 in this law's text means: its own title for an act, the parent of a
        施行令/施行規則 by title, or what a 府令 declares (「…法（以下「法」という。）」)."""
        return self._parents.get(title) or parent_act(title)

    def set_parents(self, parents: Mapping[str, str]) -> None:
        """Acts the orders declare as 「法」 (doc_id → act title), read by the build from their texts."""
        for d, act in parents.items():
            if d in self.documents:
                self._parents[self.documents[d].title] = act

    # -- articles ---------------------------------------------------------
    def articles(self, doc_id: str) -> list[str]:
        """Article keys of a document in printed order."""
        return self._order.get(doc_id, [])

    def passages(self, title: str, key: str) -> list[int]:
        """Passage rows of an article, in order (one unless the article was split)."""
        return self._passages.get((title, key), [])

    def has(self, title: str, key: str) -> bool:
        return (title, key) in self._passages

    def neighbour(self, doc_id: str, key: str, step: int) -> str | None:
        """The article ``step`` places after ``key`` (前条 = -1, 次条 = +1)."""
        order = self._order.get(doc_id, [])
        if key not in order:
            return None
        i = order.index(key) + step
        return order[i] if 0 <= i < len(order) else None

    def laws_with(self, key: str) -> list[str]:
        """Titles of the laws that have an article ``key`` (for 「第三条」 with no law named)."""
        return sorted({t for (t, k) in self._passages if k == key})

    @property
    def english_titles(self) -> list[str]:
        """Titles of the English documents (Article 17, Section 4.020 are theirs, not a 第十七条)."""
        return [t for t in self._by_title if latin_title(t)]


def latin_title(title: str) -> bool:
    """An English document's title: mostly Latin letters."""
    return sum(c.isascii() and c.isalpha() for c in title) * 2 >= len(title.replace(" ", ""))
