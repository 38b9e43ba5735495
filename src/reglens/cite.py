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
from .lawnames import LawNames, parent_act
from .normalize import search_form
from .numerals import NUMBER, article_key, article_label, key_sort, to_int, to_kanji
from .provisions import Provision, read_provision

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

_N = NUMBER
_ART = rf"(?:附則)?(?:第{_N}条|(?<![0-9])[0-9]+条)(?:の{_N})*"
_PARA = rf"第{_N}項|(?<![0-9])[0-9]+項"
_ITEM = rf"(?:第{_N}号|(?<![0-9])[0-9]+号)(?:の{_N})*"
_SUB = r"[イロハニホヘトチリヌルヲワカヨタレソツネナラム](?![ァ-ヴー])"
_QUAL = r"本文|ただし書|前段|後段|柱書"
REFERENCE = re.compile(
    rf"(?P<art>{_ART}|同条|前条|次条)?"
    rf"(?P<para>{_PARA}|同項|前項|次項)?"
    rf"(?P<item>{_ITEM}|同号|前号|次号)?"
    rf"(?P<sub>{_SUB})?"
    rf"(?P<qual>{_QUAL})?"
)
# What may stand right before an article number instead of a known law name.
_RELATIVE_LAW = re.compile(r"(同法施行令|同法施行規則|同法|同令|同規則|本法|施行令|施行規則|法)$")
# An unknown law name: kanji/katakana ending in a statute suffix (民法, 個人情報の保護に関する法律).
_UNKNOWN_LAW = re.compile(
    r"(?:[一-龥々ァ-ヴー]+(?:に関する|の))?[一-龥々ァ-ヴー]*(?:法律|法|政令|府令|省令|規則|条例|規程|令)$")
# 「平成三年法律第九十号」 is a law number, not an item
_LAW_NUMBER_BEFORE = re.compile(r"(?:法律|政令|府令|省令|規則|条例|告示|訓令)$")
_NAME_CHAR = re.compile(r"[一-龥々ァ-ヴー]")
# what may stand between a law's name and its article: a space, closing quotes, の, the law number
_NAME_GAP = re.compile(r"(?:\s|[」』]|の|[(（][^()（）]{0,40}[)）])*")
_DELETED_LIST = re.compile(rf"((?:第{_N}条(?:の{_N})*(?:、|及び))+第{_N}条(?:の{_N})*)\s*削除")
_DELETED_RANGE = re.compile(rf"第({_N})条(?:の({_N}))?から第({_N})条(?:の({_N}))?まで\s*削除")


@dataclass
class Citation:
    """One reference as written, and what it resolves to."""

    written: str
    start: int  # span in the text as given (not normalized)
    end: int
    status: str
    message: str = ""  # English, for the CLI; faces that translate use note_id + note_params
    note_id: str = ""  # stable id of ``message`` (see ui/messages.py), "" when there is none
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
        if not self.article_key:
            return self.law
        out = f"{self.law}{self.article_label}"
        if self.paragraph:
            out += f"第{to_kanji(self.paragraph)}項"
        if self.item:
            out += "第" + "の".join(to_kanji(int(p)) for p in self.item.split("-")) + "号"
        return out + self.subitem + self.qualifier

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
        self._docs_by_title: dict[str, list[str]] = {}
        self._order: dict[str, list[str]] = {}
        forms: dict[str, str] = {}  # one normalization per title, not per passage
        for doc, title, key in zip(*columns(index.chunks), strict=True):
            form = forms.get(title)
            if form is None:
                form = forms[title] = search_form(title)
            ids = self._docs_by_title.setdefault(form, [])
            if doc not in ids:
                ids.append(doc)
            if key:
                order = self._order.setdefault(doc, [])
                if not order or order[-1] != key:
                    order.append(key)
        self._chunks = ArticleChunks(index.chunks)  # passages read from disk when an article is asked for
        self._cited_by: dict[tuple[str, str], list[tuple[str, str]]] | None = None

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
        norm, offsets = _normalize_with_offsets(text)
        hits = self.names.find(norm)
        covered = [(h.start, h.end) for h in hits]
        own_law = own_key = own_par = None
        if within:
            own_doc, own_key, own_par = within
            own_law = search_form(self.index.documents[own_doc]["title"]) if own_doc in self.index.documents \
                else None
        ctx = _Context(own_law, own_key, own_par)
        out: list[Citation] = []
        for m in REFERENCE.finditer(norm):
            if m.start() == m.end() or not (m.group("art") or m.group("para") or m.group("item")):
                continue
            if any(a <= m.start() < b for a, b in covered):
                continue  # 「第二条」 inside 「金融商品取引法第二条に規定する定義に関する内閣府令」
            if not m.group("art") and not m.group("para") and _LAW_NUMBER_BEFORE.search(norm[:m.start()]):
                continue
            try:
                cite = self._resolve(norm, m, hits, ctx, own_law, own_key, own_par, verify)
            except ValueError:  # a number the numeral parser rejects (「第〇〇条」): not a citation
                continue
            if cite is None:
                continue
            cite.start = offsets[cite.start]
            cite.end = offsets[cite.end]
            cite.written = text[cite.start:cite.end]
            out.append(cite)
        return out

    def resolve(self, citation: str) -> Citation | None:
        """The first citation in ``citation`` (a single reference typed by the user)."""
        found = self.check(citation)
        return found[0] if found else None

    def _resolve(self, norm: str, m: re.Match, hits, ctx: _Context,
                 own_law: str | None, own_key: str | None, own_par: int | None,
                 verify: bool = True) -> Citation | None:
        start = m.start()
        art, para, item = m.group("art"), m.group("para"), m.group("item")
        inside = own_law is not None
        explicit = bool(art) and not _is_relative(art)
        # -- which law
        law: str | None
        if explicit:
            law, start, problem = self._law_before(norm, start, hits, ctx, own_law, inside)
            if problem == LAW_NOT_INDEXED:
                ctx.law, ctx.key, ctx.paragraph, ctx.item = law, _key_of(art), None, None
                return Citation(written="", start=start, end=m.end(), status=LAW_NOT_INDEXED, law=law or "",
                                message=f"{law} is not in the library", note_id="law_not_indexed",
                                note_params={"law": law or ""}, **_numbers(m))
            if problem.startswith(AMBIGUOUS):
                key = _key_of(art)
                suffix = problem.partition(":")[2]
                candidates = [t for t in self._laws_with(key)
                              if t.endswith(suffix) or (suffix == "法" and t.endswith("法律"))]
                return Citation(written="", start=start, end=m.end(), status=AMBIGUOUS,
                                message="no law is named before this reference; laws with this article:",
                                note_id="no_law_named",
                                candidates=candidates, **_numbers(m))
            if problem:
                return _unresolved(m, start, problem, "", "no_law_before", word=problem[1:problem.find("」")])
        else:
            law = ctx.law
        if law is None:
            return _unresolved(m, start, "a relative reference with nothing before it to refer to", "",
                               "no_antecedent")
        # -- which document
        base = Citation(written="", start=start, end=m.end(), status=FOUND, law=law,
                        qualifier=m.group("qual") or "", subitem=m.group("sub") or "")
        docs = self._docs_by_title.get(law, [])
        if not docs:
            ctx.law, ctx.key, ctx.paragraph, ctx.item = law, _key_of(art) if explicit else None, None, None
            base.status, base.message = LAW_NOT_INDEXED, f"{law} is not in the library"
            base.note_id, base.note_params = "law_not_indexed", {"law": law}
            base.article_key = _key_of(art) if explicit else ""
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
        if explicit:
            key = _key_of(art)
        elif art == "同条" or not art:
            key = ctx.key
        else:  # 前条 / 次条
            anchor = own_key if inside else ctx.key
            key = self._neighbour(doc, anchor, -1 if art == "前条" else 1) if anchor else None
            if key is None:
                return _unresolved(m, start, f"「{art}」 has no article to count from", law,
                                   "nothing_to_count_from", word=art)
        if key is None:
            return _unresolved(m, start, "a paragraph or item with no article before it to belong to", law,
                               "no_article")
        # -- which paragraph and item
        paragraph: int | None = None
        if para == "同項":
            paragraph = ctx.paragraph
        elif para in ("前項", "次項"):
            anchor_par = own_par if inside and not art else ctx.paragraph
            if anchor_par is None:
                return _unresolved(m, start, f"「{para}」 has no paragraph to count from", law,
                                   "nothing_to_count_from", word=para)
            paragraph = anchor_par + (-1 if para == "前項" else 1)
        elif para:
            paragraph = to_int(para.strip("第項"))
        elif item and not art:
            paragraph = ctx.paragraph
        item_key = ""
        if item == "同号":
            item_key = ctx.item or ""
        elif item in ("前号", "次号"):
            if not ctx.item:
                return _unresolved(m, start, f"「{item}」 has no item to count from", law,
                                   "nothing_to_count_from", word=item)
            item_key = str(int(ctx.item.split("-")[0]) + (-1 if item == "前号" else 1))
        elif item:
            item_key = "-".join(str(to_int(p)) for p in re.sub("[第号]", "", item).split("の"))
        ctx.law, ctx.key, ctx.paragraph, ctx.item = law, key, paragraph, item_key or None
        base.article_key, base.article_label = key, key_label(key)
        base.paragraph, base.item = paragraph, item_key
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

    def _law_before(self, norm: str, start: int, hits, ctx: _Context, own_law: str | None,
                    inside: bool) -> tuple[str | None, int, str]:
        """(law, new start, problem) for the words written right before an article number."""
        # 「借地借家法第三条」, 「借地借家法 第三条」, 「借地借家法（平成三年法律第九十号）第三条」
        named = [h for h in hits if h.end <= start and _NAME_GAP.fullmatch(norm[h.end:start])]
        if named:
            return named[-1].title, named[-1].start, ""
        before = norm[max(0, start - 40):start]
        rel = _RELATIVE_LAW.search(before)
        if rel and (rel.group(1).startswith("同") or not _NAME_CHAR.match(before[:rel.start()][-1:] or " ")):
            word = rel.group(1)
            base = ctx.law if word.startswith("同") else (own_law or ctx.law)
            if base is None:
                if word.startswith("同"):
                    return None, start, f"「{word}」 has no law before it to refer to"
                # 「施行令第3条」 with no law named: every indexed 施行令 with that article
                return None, start - len(word), f"{AMBIGUOUS}:{word.removeprefix('本')}"
            parent = parent_act(base)
            law = {"同法施行令": parent + "施行令", "同法施行規則": parent + "施行規則",
                   "施行令": parent + "施行令", "施行規則": parent + "施行規則",
                   "法": parent, "同法": base if not base.endswith(("令", "規則")) else parent,
                   }.get(word, base)
            return law, start - len(word), ""
        unknown = _UNKNOWN_LAW.search(before)
        if unknown and len(unknown.group(0)) >= 2:
            return unknown.group(0), start - len(unknown.group(0)), LAW_NOT_INDEXED
        if inside:
            return own_law, start, ""
        if ctx.law is not None:
            return ctx.law, start, ""
        if len(self._docs_by_title) == 1:
            return next(iter(self._docs_by_title)), start, ""
        return None, start, AMBIGUOUS

    # ---- checking against the index -------------------------------------
    def _check_provision(self, cite: Citation, doc: str) -> None:
        chunks = self._chunks.get((doc, cite.article_key))
        label = cite.law + cite.article_label
        if not chunks:
            deleted = self._deleted_range(doc, cite.article_key)
            if deleted:
                cite.status, cite.message = DELETED, f"{label} was deleted ({deleted})"
                cite.note_id, cite.note_params = "deleted_range", {"provision": label, "range": deleted}
                return
            order = [k for k in self._order.get(doc, []) if not k.startswith("附則")]
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
            cite.exact = True
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
            for m in _DELETED_RANGE.finditer(text):
                lo = (to_int(m.group(1)),) + ((to_int(m.group(2)),) if m.group(2) else ())
                hi = (to_int(m.group(3)),) + ((to_int(m.group(4)),) if m.group(4) else (1 << 30,))
                if lo <= target <= hi:
                    return m.group(0)
            for m in _DELETED_LIST.finditer(text):
                keys = {article_key(a) for a in re.findall(rf"第{_N}条(?:の{_N})*", m.group(1))}
                if key in keys:
                    return m.group(0).strip()
        return ""

    def _chunks_of(self, doc: str):
        doc_ids = columns(self.index.chunks)[0]
        return (self.index.chunks[i] for i, d in enumerate(doc_ids) if d == doc)

    def _neighbour(self, doc: str, key: str, step: int) -> str | None:
        order = self._order.get(doc, [])
        if key not in order:
            return None
        i = order.index(key) + step
        return order[i] if 0 <= i < len(order) else None

    def _laws_with(self, key: str) -> list[str]:
        return sorted({search_form(self.index.documents[d]["title"]) for (d, k) in self._chunks if k == key})

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
        """(doc_id, article_key) of every indexed article whose text cites this one.

        Read from the index, where the build stored it (:func:`cited_by_table`);
        computed here only for an index that lacks it.
        """
        if self._cited_by is None:
            stored = getattr(self.index, "cited_by_table", None)
            self._cited_by = stored if stored is not None else cited_by_table(self)
        return self._cited_by.get((doc_id, key), [])

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


def _is_relative(art: str) -> bool:
    return art in ("同条", "前条", "次条")


def _numbers(m: re.Match) -> dict:
    art = m.group("art")
    key = _key_of(art) if art and not _is_relative(art) else ""
    return {"article_key": key, "article_label": key_label(key) if key else ""}


def _unresolved(m: re.Match, start: int, why: str, law: str = "", note_id: str = "", **params: str) -> Citation:
    return Citation(written="", start=start, end=m.end(), status=UNRESOLVED, message=why, law=law,
                    note_id=note_id, note_params=params)


def _key_of(art: str) -> str:
    prefix = "附則" if art.startswith("附則") else ""
    return prefix + article_key(art.removeprefix("附則"))


def key_label(key: str | None) -> str:
    if not key:
        return ""
    if key.startswith("附則"):
        return "附則" + article_label(key.removeprefix("附則"))
    return article_label(key)


def _normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """NFKC per character, with each normalized position's offset in ``text``."""
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        n = search_form(ch)
        out.append(n)
        offsets.extend([i] * len(n))
    offsets.append(len(text))
    return "".join(out), offsets


def cited_by_table(checker: CitationChecker) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Who cites whom, for the whole library: every article's text read once (a few seconds
    for 28 statutes), so the build does it and stores the result in the index."""
    return resolve_cited_by(checker, outgoing_citations(checker))


def outgoing_citations(checker: CitationChecker, docs: set[str] | None = None
                       ) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(doc, article) → the (law title, article key) its text cites, for the articles of ``docs``
    (all when None). Depends only on the article's text, its law and the library's law names, so
    an update reuses it for unchanged documents while those names are the same."""
    out: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for d, k in checker._chunks:
        if docs is not None and d not in docs:
            continue  # before its passages are read from disk
        chunks = checker._chunks.get((d, k)) or []
        text = "\n".join(c["text"] for c in sorted(chunks, key=lambda c: c.get("part", 0)))
        cites = []
        for cite in checker.check(text, within=(d, k, None), verify=False):
            if cite.law and cite.article_key and (cite.law, cite.article_key) not in cites:
                cites.append((cite.law, cite.article_key))
        if cites:
            out[(d, k)] = cites
    return out


def resolve_cited_by(checker: CitationChecker, outgoing: dict[tuple[str, str], list[tuple[str, str]]]
                     ) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Invert outgoing citations onto the documents that hold each law (only when one does)."""
    table: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for (d, k), cites in outgoing.items():
        for law, key in cites:
            docs = checker._docs_by_title.get(law, [])
            if len(docs) == 1 and (docs[0], key) != (d, k):
                sources = table.setdefault((docs[0], key), [])
                if (d, k) not in sources:
                    sources.append((d, k))
    return table
