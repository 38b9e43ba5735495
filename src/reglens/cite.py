"""Citation checking: every 法令名＋条項号 in a text, resolved to the indexed provision.

A legal officer pasting a draft needs to see which references are wrong, so
nothing is resolved to "something near": a paragraph the article does not have
is reported as missing, a name that fits several documents lists them all, and
a relative reference (同法, 同条, 前条, 前項, 次条) is resolved only against an
antecedent that is really there.

Two reading modes, because statutes and drafts read differently:

* free text (drafts, notices, answers): a bare 「第五条」 and every relative
  reference follow the citation written before it;
* inside a provision (``within=``): a bare 「第五条」 is the provision's own law,
  「前条」「前項」「次条」 count from the provision's own position, and 「法」
  in a 施行令/施行規則 is its parent act — as statutes are drafted.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from .chunkstore import ArticleChunks, columns
from .legal.format import key_label, provision_text
from .legal.grammar import (
    ARTICLE_NO,
    DELETED_LIST,
    DELETED_RANGE,
    ENGLISH_REFERENCE,
    LIST_GAP,
    Written,
    article_key_of,
    english_heading_key,
    item_key,
    law_before,
    normalize_with_offsets,
    paragraph_number,
    scan,
)
from .legal.names import LawNames
from .legal.numerals import key_sort, to_int, to_kanji
from .legal.provisions import Provision, qualified_part, read_provision
from .normalize import search_form

if TYPE_CHECKING:
    from .search import Index

FOUND = "found"
PARAGRAPH_MISSING = "paragraph_missing"
ITEM_MISSING = "item_missing"
ARTICLE_MISSING = "article_missing"
DELETED = "deleted"
LAW_NOT_INDEXED = "law_not_indexed"
AMBIGUOUS = "ambiguous"
UNRESOLVED = "unresolved"
STATUSES = (FOUND, PARAGRAPH_MISSING, ITEM_MISSING, ARTICLE_MISSING, DELETED,
            LAW_NOT_INDEXED, AMBIGUOUS, UNRESOLVED)

@dataclass
class Citation:
    """One reference as written, and what it resolves to."""

    written: str
    start: int  # span in the text as given (not normalized)
    end: int
    status: str
    message: str = ""  # English, for the CLI; faces that translate use note_id + note_params
    note_id: str = ""  # stable id of ``message`` (see messages.py), "" when there is none
    note_params: dict[str, str] = field(default_factory=dict)
    law: str = ""  # official title, as far as it was determined
    doc_id: str = ""
    doc_title: str = ""
    doc_path: str = ""
    article_key: str = ""
    article_label: str = ""
    paragraph: int | None = None
    item: str = ""
    subitem: str = ""
    qualifier: str = ""  # 本文 | ただし書 | 前段 | 後段 | 柱書
    page: int | None = None  # 1-based
    text: str = ""
    spans: list[list[float]] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)
    # False when the document prints no 項/号 numbers, so the paragraph or item
    # was located by sentence structure (right for 97% of articles, see README)
    exact: bool = True

    @property
    def provision(self) -> str:
        """借地借家法第三条第一項第二号 — the resolved provision, printed form."""
        return provision_text(self.law, self.article_label if self.article_key else "", self.paragraph,
                              self.item, self.subitem, self.qualifier)

    def to_json(self) -> dict:
        d = asdict(self)
        d["provision"] = self.provision
        return d


@dataclass
class _Context:
    law: str | None = None
    key: str | None = None
    paragraph: int | None = None
    item: str | None = None
    end: int | None = None  # where the reference read last ends (search form)


# a draft of some ten pages; checking grows faster than the text (~12 s for 24,000 characters
# of nothing but citations), so longer texts are checked in parts
MAX_TEXT_CHARS = 20_000


class CitationChecker:
    """Resolves references against one loaded :class:`Index`."""

    def __init__(self, index: Index, extra_aliases: dict[str, str] | None = None):
        self.index = index
        self.names = (LawNames(index.manifest["law_names"],
                               {**index.manifest.get("aliases", {}), **extra_aliases})
                      if extra_aliases else index.names)
        self.catalog = index.catalog
        self._chunks = ArticleChunks(index.chunks)  # passages read from disk when an article is asked for

    # ---- reading a text -------------------------------------------------
    def check(self, text: str, within: tuple[str, str, int | None] | None = None,
              verify: bool = True) -> list[Citation]:
        """Every citation in ``text``, in order, each with its status.

        ``within`` = (doc_id, article_key, paragraph) reads ``text`` as the
        body of that provision.
        """
        if within is None and len(text) > MAX_TEXT_CHARS:
            from .errors import QueryTooLong
            raise QueryTooLong(f"the text is {len(text):,} characters long; at most {MAX_TEXT_CHARS:,} are "
                               "checked at once. Check it in parts")
        text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates cannot be read
        norm, offsets = normalize_with_offsets(text)
        hits = self.names.find(norm)
        own_law = own_key = own_par = None
        if within:
            own_doc, own_key, own_par = within
            own_law = search_form(self.index.documents[own_doc]["title"]) if own_doc in self.index.documents \
                else None
        ctx = _Context(own_law, own_key, own_par)
        out: list[Citation] = []
        # a number inside a name (「金融商品取引法第二条に規定する定義に関する内閣府令」) is the name's
        for ref in scan(norm, [(h.start, h.end) for h in hits]):
            try:
                cite = self._resolve(norm, ref, hits, ctx, own_law, own_key, own_par, verify)
            except ValueError:  # counting from an item the numeral parser rejects: not a citation
                continue
            finally:
                ctx.end = ref.end
            if cite is None:
                continue
            cite.start = offsets[cite.start]
            cite.end = offsets[cite.end]
            cite.written = text[cite.start:cite.end]
            out.append(cite)
        if within is None:
            for cite in self._english(norm, verify):
                cite.start, cite.end = offsets[cite.start], offsets[cite.end]
                cite.written = text[cite.start:cite.end]
                out.append(cite)
            out.sort(key=lambda c: c.start)
        return out

    def _english(self, norm: str, verify: bool) -> list[Citation]:
        """"Article 17(1)", "Section 4.020", "§ 5" of the library's English documents.

        Those documents' titles are long and rarely written out ("GDPR"), so a reference is
        read as the one English document that has that article; with several, the check
        names them. A draft in Japanese citing 「Article 5」 with no English document in the
        library is no citation of ours and is not listed."""
        english = self.catalog.english_titles
        out: list[Citation] = []
        if not english:
            return out
        for m in ENGLISH_REFERENCE.finditer(norm):
            key = english_heading_key(m.group("num"))
            base = Citation(written="", start=m.start(), end=m.end(), status=FOUND, article_key=key)
            having = [t for t in english if self.catalog.has(t, key)]
            if len(having) != 1:
                base.status = AMBIGUOUS if having else ARTICLE_MISSING
                base.candidates = having
                base.law = english[0] if len(english) == 1 else ""
                base.article_label = f"{m.group('kind')} {m.group('num')}".replace("  ", " ")
                base.message = ("several English documents have this article:" if having else
                                "no English document in the library has this article")
                base.note_id = "english_ambiguous" if having else "english_missing"
                out.append(base)
                continue
            doc = self.catalog.titled(having[0])[0]
            chunks = self._chunks.get((doc, key))
            base.law = self.index.documents[doc]["title"]  # as printed: "Regulation (EU) 2016/679 …"
            base.article_label = chunks[0].get("article_label", "") if chunks else ""
            self._locate(base, doc)
            if chunks and verify:
                base.page = chunks[0]["pages"][0] + 1
                base.text = "\n".join(c["text"] for c in chunks)
                base.spans = [s for c in chunks for s in c.get("spans", [])]
            if m.group("para"):  # "(1)": English paragraphs are not read apart; the article is shown
                base.paragraph = int(m.group("para"))
                base.item = (m.group("point") or "").lower()  # "(e)": kept in the provision as written
                base.exact = False
                base.message = "the paragraph is not checked in English documents: the article is shown"
                base.note_id = "english_paragraph"
            out.append(base)
        return out

    def resolve(self, citation: str) -> Citation | None:
        """The first citation in ``citation`` (a single reference typed by the user)."""
        found = self.check(citation)
        return found[0] if found else None

    def _resolve(self, norm: str, ref: Written, hits, ctx: _Context,
                 own_law: str | None, own_key: str | None, own_par: int | None,
                 verify: bool = True) -> Citation | None:
        start = ref.start
        art, para, item = ref.article, ref.paragraph, ref.item
        inside = own_law is not None
        explicit = not ref.relative
        # -- which law
        law: str | None
        if explicit:
            # 「特許法第百八十四条の三第二項、第百八十四条の九第六項」: a list goes on in the law it began in
            listed = ctx.law if ctx.end is not None and LIST_GAP.fullmatch(norm[ctx.end:start]) else None
            read = law_before(norm, start, hits, ctx.law, own_law if inside else None, listed=listed,
                              parent_of=self.catalog.parent_of, order_of=self.catalog.order_of)
            law, start = read.law, read.start
            if read.problem == "unknown_law":
                ctx.law, ctx.key, ctx.paragraph, ctx.item = law, ref.key, None, None
                return Citation(written="", start=start, end=ref.end, status=LAW_NOT_INDEXED, law=law or "",
                                message=f"{law} is not in the library", note_id="law_not_indexed",
                                note_params={"law": law or ""}, article_key=ref.key,
                                article_label=key_label(ref.key))
            if read.problem == "ambiguous" and not read.word and len(self.catalog.titles) == 1:
                law = self.catalog.titles[0]  # a library of one law: a bare number is its
            elif read.problem == "ambiguous":
                suffix = read.word
                candidates = [t for t in self.catalog.laws_with(ref.key)
                              if t.endswith(suffix) or (suffix == "法" and t.endswith("法律"))]
                return Citation(written="", start=start, end=ref.end, status=AMBIGUOUS,
                                message="no law is named before this reference; laws with this article:",
                                note_id="no_law_named", candidates=candidates, article_key=ref.key,
                                article_label=key_label(ref.key))
            elif read.problem:
                return _unresolved(ref, start, f"「{read.word}」 has no law before it to refer to", "",
                                   "no_law_before", word=read.word)
        elif inside and not art and para in ("前項", "次項"):
            law = own_law  # 「前項」 in a statute is this article's paragraph before, whatever was cited last
        else:
            law = ctx.law
        if law is None:
            return _unresolved(ref, start, "a relative reference with nothing before it to refer to", "",
                               "no_antecedent")
        # -- which document
        base = Citation(written="", start=start, end=ref.end, status=FOUND, law=law,
                        qualifier=ref.qualifier, subitem=ref.subitem)
        docs = self.catalog.titled(law)
        if not docs:
            ctx.law, ctx.key, ctx.paragraph, ctx.item = law, ref.key or None, None, None
            base.status, base.message = LAW_NOT_INDEXED, f"{law} is not in the library"
            base.note_id, base.note_params = "law_not_indexed", {"law": law}
            base.article_key = ref.key
            base.article_label = key_label(base.article_key)
            return base
        if len(docs) > 1:
            base.status = AMBIGUOUS
            base.message = f"{len(docs)} documents are titled {law}; which one is meant?"
            base.note_id, base.note_params = "same_title", {"n": str(len(docs)), "law": law}
            base.candidates = [self.index.doc_path(self.index.documents[d]) for d in docs]
            return base
        doc = docs[0]
        # -- which article
        key: str | None
        if explicit:
            key = ref.key
        elif inside and not art and para in ("前項", "次項"):
            key = own_key
        elif art == "同条" or not art:
            key = ctx.key
        else:  # 前条 / 次条
            anchor = own_key if inside else ctx.key
            key = self.catalog.neighbour(doc, anchor, -1 if art == "前条" else 1) if anchor else None
            if key is None:
                return _unresolved(ref, start, f"「{art}」 has no article to count from", law,
                                   "nothing_to_count_from", word=art)
        if key is None:
            return _unresolved(ref, start, "a paragraph or item with no article before it to belong to", law,
                               "no_article")
        # -- which paragraph and item
        paragraph: int | None = None
        if para == "同項":
            paragraph = ctx.paragraph
        elif para in ("前項", "次項"):
            anchor_par = own_par if inside and not art else ctx.paragraph
            if anchor_par is None:
                return _unresolved(ref, start, f"「{para}」 has no paragraph to count from", law,
                                   "nothing_to_count_from", word=para)
            paragraph = anchor_par + (-1 if para == "前項" else 1)
        elif para:
            paragraph = paragraph_number(para)
        elif item and not art:
            paragraph = ctx.paragraph
        item_no = ""
        if item == "同号":
            item_no = ctx.item or ""
        elif item in ("前号", "次号"):
            if not ctx.item:
                return _unresolved(ref, start, f"「{item}」 has no item to count from", law,
                                   "nothing_to_count_from", word=item)
            item_no = str(int(ctx.item.split("-")[0]) + (-1 if item == "前号" else 1))
        elif item:
            item_no = item_key(item)
        ctx.law, ctx.key, ctx.paragraph, ctx.item = law, key, paragraph, item_no or None
        base.article_key, base.article_label = key, key_label(key)
        base.paragraph, base.item = paragraph, item_no
        self._locate(base, doc)
        if verify:
            self._check_provision(base, doc)
        return base

    def _locate(self, cite: Citation, doc: str) -> None:
        cite.doc_id = doc
        cite.doc_title = self.index.documents[doc]["title"]
        cite.doc_path = self.index.doc_path(self.index.documents[doc])

    def article(self, doc_id: str, key: str) -> Citation:
        """One indexed article as a checked citation (for links to it)."""
        title = self.index.documents[doc_id]["title"]
        cite = Citation(written="", start=0, end=0, status=FOUND, law=search_form(title),
                        article_key=key, article_label=key_label(key))
        self._locate(cite, doc_id)
        self._check_provision(cite, doc_id)
        return cite

    def locate(self, cite: Citation) -> tuple[int, list[list[float]]]:
        """(0-based page, boxes) of exactly the cited paragraph or item, for the viewer.

        A citation's ``spans`` are its passage's lines — the whole article when it is one
        passage — so 第2条第6項 lit paragraphs 2–8 (user test). The cited text's own lines are
        found by reading the PDF's lines again (:func:`sentence_spans.locate`), which costs a
        page read: done when one citation is opened, not for every citation of a draft."""
        fallback = ((cite.page or 1) - 1, cite.spans)
        from .sentence_spans import locate, own_place
        if cite.text and cite.doc_id and cite.article_key and cite.article_label[:1].isascii():
            # an English article is shown whole; its heading often runs on the line that ends the
            # article before (「…supplementary statement. Article 17 Right to erasure」): its own
            # characters are lit, not the whole line (clerk4)
            return own_place(self._chunks.get((cite.doc_id, cite.article_key)) or [], cite.doc_path, fallback)
        if not (cite.text and cite.doc_id and cite.article_key and (cite.paragraph or cite.item or cite.qualifier)):
            return fallback
        needle = "".join(cite.text.split())
        for chunk in self._chunks.get((cite.doc_id, cite.article_key)) or []:
            text = chunk["text"]
            kept = [i for i, ch in enumerate(text) if not ch.isspace()]
            at = "".join(text[i] for i in kept).find(needle)
            if at < 0 or not needle:
                continue
            boxes, _exact = locate(chunk, cite.doc_path, kept[at], kept[at + len(needle) - 1] + 1)
            if boxes:
                return int(boxes[0][0]), boxes
        return fallback

    # ---- checking against the index -------------------------------------
    def _check_provision(self, cite: Citation, doc: str) -> None:
        self._check_text(cite, doc)
        if cite.qualifier and cite.status == FOUND:
            # 「同項ただし書」: the proviso is the cited text (and what the viewer lights), not the whole 項
            cite.text = qualified_part(cite.text, cite.qualifier) or cite.text

    def _check_text(self, cite: Citation, doc: str) -> None:
        chunks = self._chunks.get((doc, cite.article_key))
        label = cite.law + cite.article_label
        if not chunks:
            deleted = self._deleted_range(doc, cite.article_key)
            if deleted:
                cite.status, cite.message = DELETED, f"{label} was deleted ({deleted})"
                cite.note_id, cite.note_params = "deleted_range", {"provision": label, "range": deleted}
                return
            order = [k for k in self.catalog.articles(doc) if not k.startswith("附則")]
            span = f"; its articles run {key_label(order[0])}–{key_label(order[-1])}" if order else ""
            cite.status, cite.message = ARTICLE_MISSING, f"{cite.law} has no {cite.article_label}{span}"
            cite.note_id = "article_missing_range" if order else "article_missing"
            cite.note_params = {"law": cite.law, "article": cite.article_label,
                                "first": key_label(order[0]) if order else "",
                                "last": key_label(order[-1]) if order else ""}
            return
        prov = read_provision(chunks)
        cite.page = prov.paragraphs[0].page + 1 if prov.paragraphs else chunks[0]["pages"][0] + 1
        cite.text = prov.text
        cite.spans = [s for c in chunks for s in c.get("spans", [])]
        if prov.deleted:
            cite.status, cite.message = DELETED, f"{label} is 「削除」 (deleted)"
            cite.note_id, cite.note_params = "deleted", {"provision": label}
            return
        if cite.paragraph is None:
            if not cite.item:
                return
            cite.paragraph = 1
        par = prov.paragraph(cite.paragraph)
        if cite.paragraph > prov.max_paragraphs or cite.paragraph < 1:
            n = prov.max_paragraphs
            cite.exact = prov.numbered
            cite.status = PARAGRAPH_MISSING
            cite.message = (f"{label} has {'at most ' if not prov.numbered else ''}{n} "
                            f"paragraph{'s' if n != 1 else ''}, not 第{to_kanji(cite.paragraph)}項")
            cite.note_id = "paragraph_missing" if prov.numbered else "paragraph_missing_at_most"
            cite.note_params = {"provision": label, "n": str(n), "paragraph": f"第{to_kanji(cite.paragraph)}項"}
            return
        if not prov.numbered:
            cite.exact = False
            cite.message = ("this document prints no paragraph numbers: the paragraph was located "
                            "by sentence structure — check it in the PDF")
            cite.note_id, cite.note_params = "paragraph_inferred", {}
        if par is None:
            return  # possible, but not where the inferred layout puts it: keep the article text
        cite.text, cite.page = par.text, par.page + 1
        cite.spans = _spans_of(chunks, cite.paragraph) if prov.numbered else cite.spans
        if not cite.item:
            return
        it = par.items.get(cite.item)
        if not prov.numbered and it is None and int(cite.item.split("-")[0]) <= par.max_items \
                and prov.lists_items:
            cite.message = ("this document prints no item numbers and the item could not be "
                            "located: the paragraph is shown — check it in the PDF")
            cite.note_id, cite.note_params = "item_not_located", {}
            return
        if it is None:
            # where no numbers are printed the paragraph was inferred: "missing" is never certain
            cite.exact = prov.numbered
            cite.status = ITEM_MISSING
            n = len(par.items) if prov.numbered else par.max_items if prov.lists_items else 0
            cite.message = (f"{label}第{to_kanji(cite.paragraph)}項 has "
                            + (f"{'at most ' if not prov.numbered else ''}{n} items" if n else "no items")
                            + f", not 第{to_kanji(int(cite.item.split('-')[0]))}号")
            cite.note_id = ("item_missing_none" if not n else "item_missing" if prov.numbered
                            else "item_missing_at_most")
            cite.note_params = {"provision": f"{label}第{to_kanji(cite.paragraph)}項", "n": str(n),
                                "item": f"第{to_kanji(int(cite.item.split('-')[0]))}号"}
            return
        cite.text = it.text
        if cite.subitem:
            if cite.subitem not in it.subitems and prov.numbered:
                cite.status = ITEM_MISSING
                cite.message = f"{cite.provision} has no sub-item {cite.subitem}"
                cite.note_id, cite.note_params = "subitem_missing", {"provision": cite.provision,
                                                                     "subitem": cite.subitem}
                return
            cite.text = it.subitems.get(cite.subitem, it.text)

    def _deleted_range(self, doc: str, key: str) -> str:
        """「第五十五条から第六十三条まで　削除」 or 「第十一条及び第十二条　削除」 covering ``key``."""
        target = key_sort(key)
        for c in self._chunks_of(doc):
            text = search_form(c["text"])
            for m in DELETED_RANGE.finditer(text):
                lo = (to_int(m.group(1)),) + ((to_int(m.group(2)),) if m.group(2) else ())
                hi = (to_int(m.group(3)),) + ((to_int(m.group(4)),) if m.group(4) else (1 << 30,))
                if lo <= target <= hi:
                    return m.group(0)
            for m in DELETED_LIST.finditer(text):
                keys = {article_key_of(a) for a in re.findall(ARTICLE_NO, m.group(1))}
                if key in keys:
                    return m.group(0).strip()
        return ""

    def _chunks_of(self, doc: str):
        doc_ids = columns(self.index.chunks)[0]
        return (self.index.chunks[i] for i, d in enumerate(doc_ids) if d == doc)

    # ---- cross references -----------------------------------------------
    def references(self, doc_id: str, key: str) -> list[Citation]:
        """The provisions an article's own text refers to, resolved as statutes read."""
        prov = self.provision(doc_id, key)
        own = search_form(self.index.documents[doc_id]["title"])
        found: list[Citation] = []
        for par in prov.paragraphs if prov else []:
            for cite in self.check(par.text, within=(doc_id, key, par.number)):
                if cite.article_key and (cite.law, cite.article_key) != (own, key) and not any(
                        f.provision == cite.provision for f in found):
                    found.append(cite)
        return found

    def cited_by(self, doc_id: str, key: str) -> list[tuple[str, str]]:
        """(doc_id, article_key) of every indexed article whose text cites this one (from the index's graph)."""
        return self.index.graph.cited_by((doc_id, key))

    def delegates_to(self, doc_id: str, key: str) -> list[tuple[str, str]]:
        """Articles of orders that fill in what this article leaves to them (委任先)."""
        return self.index.graph.delegates_to((doc_id, key))

    def delegated_from(self, doc_id: str, key: str) -> list[tuple[str, str]]:
        """Act articles whose 「政令で定める」… this article fills in (委任元)."""
        return self.index.graph.delegated_from((doc_id, key))

    def passages(self, doc_id: str, key: str) -> list[dict]:
        return self._chunks.get((doc_id, key)) or []

    def provision(self, doc_id: str, key: str) -> Provision | None:
        chunks = self._chunks.get((doc_id, key))
        return read_provision(chunks) if chunks else None


def _spans_of(chunks: list[dict], paragraph: int) -> list[list[float]]:
    """Spans of the chunk holding the paragraph (chunks know their paragraph range)."""
    for c in chunks:
        lo, hi = c.get("paragraph") or 1, c.get("paragraph_end") or c.get("paragraph") or 1
        if lo <= paragraph <= hi:
            return c.get("spans", [])
    return [s for c in chunks for s in c.get("spans", [])]


def _unresolved(ref: Written, start: int, why: str, law: str = "", note_id: str = "", **params: str) -> Citation:
    return Citation(written="", start=start, end=ref.end, status=UNRESOLVED, message=why, law=law,
                    note_id=note_id, note_params=params)
