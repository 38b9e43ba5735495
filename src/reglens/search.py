"""Hybrid retrieval: Sudachi BM25 + FAISS dense, fused, with exact citations first.

Ranking, in order of authority:
1. an article the question cites by law and number is returned first, in the
   order cited (a legal officer asking about 借地借家法第三条 wants that article);
2. the rest is reciprocal-rank fusion of BM25 and dense rankings, with a boost
   for documents whose law the question names;
3. results are one per provision (article, or section for non-statutes).
"""

from __future__ import annotations

import math
import os
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import storage
from .chunkstore import columns
from .errors import IndexDamaged, ModelUnavailable, QueryTooLong, RegLensError
from .index_files import load_bm25, load_chunks, load_graph, load_ivf, load_vectors
from .lawnames import LawNames, parent_act
from .manifest import library_file, reader_roots
from .normalize import search_form
from .numerals import NUMBER, article_key
from .query import QUESTION_WORDS, analyse
from .tokenize import Tokenizer

# Loading an index parses .npy headers (numpy uses ast.literal_eval) and may import
# llama-index for the first time. CPython 3.11's AST constructor is not safe when
# threads do that at once (SystemError "AST constructor recursion depth mismatch",
# seen with readers loading while a rebuild publishes), so loads take turns; they are
# short and rare next to searches.
_LOADING = threading.Lock()
RRF_K = 20
# A question is a few lines at most; a pasted document is not one, and tokenizing and
# scoring tens of thousands of characters takes tens of seconds (``reglens cite`` reads texts).
MAX_QUERY_CHARS = 2000
# Dense weight at its fullest, for a question none of whose terms the library
# uses (English, paraphrase). It shrinks with the share of the question the
# lexical index knows: on Japanese questions whose terms all occur in the
# corpus, 96-character e5 vectors only blurred BM25's ranking (README).
DENSE_WEIGHT = 1.0
DENSE_MIN = 0.05  # below this weight the query is not embedded at all
LEAD_WEIGHT = 0.3  # an article whose first sentence matches states the rule asked about
LAW_BOOST = 1.0 / RRF_K  # as much as one extra first place
# Provisions that a cited article itself refers to (「第二十九条の四第一項…に該当」)
# are where its conditions live: rank them as if lexical search put them 5th.
REFERENCE_BOOST = 1.0 / (RRF_K + 5)
CANDIDATES = 300
# An article whose first sentence is about what the question asks about
# (「借地権の存続期間は、三十年とする。」 for 「借地権の存続期間は？」) states the rule;
# one that merely mentions it (「借地権の存続期間が満了する前に…」) applies it.
SUBJECT_BOOST = 1.0 / (RRF_K + 2)
SUBJECT_CANDIDATES = 50
_SUBJECT = re.compile(  # [caption] [article label] subject は、
    r"^(?:[(（][^)）]{1,30}[)）]\s*)?(?:第\S{1,12}条(?:の\S{1,6})?\s+)?([^、。「」]{2,30}?)(?:は|とは)、")
REFERENCE = re.compile(rf"((?<![^\s、。，,「（(])法|同法)?第({NUMBER})条((?:の{NUMBER})*)")


@dataclass
class Result:
    rank: int
    score: float
    chunk: dict
    doc: dict
    doc_path: str
    reason: str  # citation | hybrid

    def to_json(self) -> dict:
        c = self.chunk
        return {
            "rank": self.rank, "score": round(self.score, 6), "match": self.reason,
            "doc_id": c["doc_id"], "doc_path": self.doc_path, "doc_title": c["doc_title"],
            "law_num": self.doc.get("law_num", ""),
            "page": c["pages"][0] + 1, "pages": [p + 1 for p in c["pages"]],
            "page_label": c.get("page_label", ""),
            "article_label": c.get("article_label", ""), "article_key": c.get("article_key", ""),
            "paragraph": c.get("paragraph"), "paragraph_end": c.get("paragraph_end"),
            "caption": c.get("caption", ""), "heading_path": c.get("heading_path", []),
            "citation": citation(c), "text": c["text"], "ocr": c.get("ocr", False),
            "spans": c.get("spans", []),
        }


def citation(c: dict) -> str:
    from .numerals import to_kanji
    cite = c["doc_title"]
    if c.get("article_label"):
        cite += f" {c['article_label']}"
        if c.get("paragraph") and c["paragraph"] > 1:
            cite += f"第{to_kanji(c['paragraph'])}項"
    elif c.get("heading_path"):
        cite += f" {c['heading_path'][-1]}"
    return cite + f" (p.{c['pages'][0] + 1})"


class Index:
    """A loaded, verified, read-only index version.

    Everything read from the index folder is treated as untrusted (it may sit on
    a shared drive): the manifest is sealed by CURRENT, every file by the
    manifest, every field is checked, and document paths are confined to their
    library folders. ``embedding`` is the user's own model setting; the index
    itself only names its model, which must be a built-in one or that setting.
    """

    def __init__(self, root: Path, verify: bool = True, roots: list[Path] | None = None,
                 embedding: str | None = None, deep: bool = False):
        self.root = Path(root)
        self.version, self.manifest = storage.open_version(self.root)
        if verify:
            # sizes and the file list; content hashes only with ``deep`` (README "What loading checks")
            problems = storage.verify_version(self.version, self.manifest, deep=deep)
            if problems:
                raise IndexDamaged("the index is damaged: " + "; ".join(problems[:3])
                                   + " — rebuild it with 'reglens index build'")
        # an index built centrally may be read where the library is mounted elsewhere:
        # REGLENS_ROOTS lists the library folders, in build order, as this machine sees them
        env_roots = [r for r in os.environ.get("REGLENS_ROOTS", "").split(os.pathsep) if r]
        self.notices: list[str] = []  # what the user should know about this index here
        self.roots: list[Path | None]
        if roots or env_roots:  # the user's own setting
            self.roots = [Path(r) for r in (roots or env_roots)]
        else:  # recorded in the index: data, so only plausible library folders are followed
            self.roots, notes = reader_roots(self.manifest["roots"], self.root)
            self.notices.extend(notes)
        self.documents = {d["doc_id"]: d for d in self.manifest["documents"]}
        self._paths: dict[str, str] = {}
        self._embedding_setting = embedding
        with _LOADING:
            self.chunks = load_chunks(self.version, self.manifest)
            # who cites whom, computed by the build ("cited by" in the viewer and cite)
            self.cited_by_table = load_graph(self.version, self.documents)
            self._load_bm25()
            self._load_dense()
        self.names = LawNames(self.manifest["law_names"], self.manifest.get("aliases", {}))
        tok = self.manifest["tokenizer"]
        self.tokenizer = Tokenizer(self.names, tok["split_mode"], tok.get("whole_names", True))
        self._by_article: dict[tuple[str, str], list[int]] = {}
        self._subjects: dict[int, frozenset[str]] = {}
        self._title_of_doc = {}
        doc_ids, titles, keys = columns(self.chunks)
        self._doc_of = doc_ids  # per passage, so ranking never reads a passage it does not show
        for i, (doc, title, key) in enumerate(zip(doc_ids, titles, keys, strict=True)):
            t = self._title_of_doc.get(doc) or self._title_of_doc.setdefault(doc, search_form(title))
            if key:
                self._by_article.setdefault((t, key), []).append(i)
        df = np.diff(self.bm25.scores["indptr"])  # documents per term
        n = self.bm25.scores["num_docs"]
        self._idf = {t: math.log(1 + (n - df[i] + 0.5) / (df[i] + 0.5))
                     for t, i in self.bm25.vocab_dict.items() if i < len(df)}
        # a term the library never uses is the most telling one a document can miss
        self._unseen_idf = math.log(1 + (n + 0.5) / 0.5)

    def idf(self, term: str) -> float:
        return self._idf.get(term, self._unseen_idf)

    def query_terms(self, text: str) -> list[str]:
        """Content terms of a question (the question template's words removed)."""
        return [t for t in self.tokenizer.tokens(text) if t not in QUESTION_WORDS]

    def known_share(self, terms: list[str]) -> float:
        """Share of the question's IDF weight made of terms the library contains."""
        total = sum(self.idf(t) for t in terms)
        return sum(self.idf(t) for t in terms if t in self._idf) / total if total else 0.0

    def _load_bm25(self) -> None:
        n = max(1, len(self.chunks))  # 1: the empty library's placeholder row
        self.bm25 = load_bm25(self.version, "bm25", n)
        self.bm25_lead = load_bm25(self.version, "bm25_lead", n)

    def _load_dense(self) -> None:
        """The passage vectors, checked and mapped; FAISS is built at the first dense question
        (``dense.DenseIndex``), so loading imports neither FAISS nor llama-index."""
        self.dense = None
        self.embedder = None
        self._last_query: tuple[str, np.ndarray] | None = None
        self.dense_model = self.manifest["embedding"]["model"]
        if self.dense_model == "none":
            return
        from .dense import DenseIndex

        matrix, rows, _ = load_vectors(self.version, self.manifest, len(self.chunks))
        self.dense = DenseIndex(matrix, rows, load_ivf(self.version, self.manifest, matrix.shape))

    def load_embedder(self, warm: bool = False) -> bool:
        """Load the question model now instead of at the first dense query; False when it cannot
        be had here. The app calls this in its search thread once the index is up; ``warm``
        embeds one word so the model's weights and threads are ready too."""
        if self.dense is None:
            return False
        if self.embedder is None:
            with _LOADING:  # llama-index loads in ~1 s: only when needed
                if self.embedder is None:
                    from .embed import query_embedder
                    try:
                        self.embedder = query_embedder(self.dense_model, self._embedding_setting)
                    except ModelUnavailable as exc:
                        self.dense = None
                        self.notices.append(f"meaning-based search is off on this computer ({exc}); "
                                            "word search still works")
                        return False
                    if warm:
                        self.embedder.get_query_embedding("法令")
        return True

    def _query_vector(self, text: str) -> np.ndarray | None:
        if not self.load_embedder():
            return None
        last = self._last_query
        if last is not None and last[0] == text:
            return last[1]  # the answer step embeds the question its search just embedded
        q = np.asarray(self.embedder.get_query_embedding(text), dtype=np.float32)
        if q.shape != (self.manifest["embedding"]["dim"],):  # not the model that made the vectors
            self.dense = None
            self.notices.append("meaning-based search is off: the question model does not match the index's "
                                "vectors; word search still works")
            return None
        self._last_query = (text, q)
        return q

    def query_vector(self, text: str) -> np.ndarray | None:
        """The question's dense vector (None without a model); the last one is kept."""
        return self._query_vector(text)

    def doc_path(self, doc: dict) -> str:
        """The document's file, confined to its library folder; "" when its path would leave it."""
        key = doc["doc_id"]
        if key not in self._paths:
            try:
                self._paths[key] = str(library_file(self.roots, doc))
            except IndexDamaged as exc:
                self._paths[key] = ""
                self.notices.append(str(exc))
        return self._paths[key]

    # -- retrieval ---------------------------------------------------------
    def _lexical(self, tokens: list[str]) -> np.ndarray:
        ids = [self.bm25.vocab_dict[t] for t in tokens if t in self.bm25.vocab_dict]
        if not ids:
            return np.zeros(len(self.chunks), dtype=np.float32)
        body = self.bm25.get_scores(ids)
        lead_ids = [self.bm25_lead.vocab_dict[t] for t in tokens if t in self.bm25_lead.vocab_dict]
        if lead_ids and body.max() > 0:
            lead = self.bm25_lead.get_scores(lead_ids)
            if lead.max() > 0:
                body = body + LEAD_WEIGHT * lead * (body.max() / lead.max())
        return body

    def _dense_ranks(self, text: str, k: int) -> dict[int, int]:
        if self.dense is None:
            return {}
        q = self._query_vector(text)
        if q is None or self.dense is None:
            return {}
        return self.dense.ranks(q, k)

    def search(self, question: str, top_k: int = 10, documents: list[str] | None = None,
               folder: str | None = None) -> list[Result]:
        """Ranked, de-duplicated provisions for a question."""
        # a lone surrogate (an undecodable byte from a terminal) cannot be tokenized
        question = question.encode("utf-8", "replace").decode("utf-8").replace("\x00", " ").strip()
        if len(question) > MAX_QUERY_CHARS:
            raise QueryTooLong(f"the question is {len(question):,} characters long; at most "
                               f"{MAX_QUERY_CHARS:,} are searched. Shorten it to its key terms")
        if not question or not self.chunks:
            return []
        analysis = analyse(question, self.names)
        allowed = self._filter_mask(documents, folder)
        terms = self.query_terms(analysis.text)
        bm = self._lexical(terms)
        bm = np.where(allowed, bm, 0.0)
        order = np.argsort(-bm, kind="stable")[:CANDIDATES]
        fused: dict[int, float] = {}
        for r, i in enumerate(order):
            if bm[i] <= 0:
                break
            fused[int(i)] = 1.0 / (RRF_K + r + 1)
        wanted = set(terms)
        for i in order[:SUBJECT_CANDIDATES]:
            if bm[i] > 0 and self._states_rule_on(int(i), wanted):
                fused[int(i)] += SUBJECT_BOOST
        dense_weight = DENSE_WEIGHT * (1.0 - self.known_share(terms))
        if dense_weight >= DENSE_MIN:
            for i, r in self._dense_ranks(analysis.text, CANDIDATES).items():
                if allowed[i]:
                    fused[i] = fused.get(i, 0.0) + dense_weight / (RRF_K + r + 1)
        cited = [(ref.title or (analysis.laws[0] if analysis.laws else None), ref.key)
                 for ref in analysis.articles]
        for title, key in cited:
            for target in self.references(title, key):
                if target in cited:
                    continue
                for i in self._by_article.get(target, [])[:1]:
                    if allowed[i]:
                        fused[i] = fused.get(i, 0.0) + REFERENCE_BOOST
        named = set(analysis.laws)
        if named:
            for i in fused:
                if self._title_of_doc[self._doc_of[i]] in named:
                    fused[i] += LAW_BOOST
        ranked = sorted(fused.items(), key=lambda kv: -kv[1])

        results: list[Result] = []
        seen: set[tuple[str, str]] = set()

        def add(i: int, score: float, reason: str) -> None:
            c = self.chunks[i]
            unit = (c["doc_id"], c.get("article_key") or f"#{i}")
            if unit in seen or len(results) >= top_k:
                return
            seen.add(unit)
            doc = self.documents[c["doc_id"]]
            results.append(Result(len(results) + 1, score, c, doc, self.doc_path(doc), reason))

        top = ranked[0][1] if ranked else 1.0
        for ref in analysis.articles:
            for i in self._cited(ref.title, ref.key, allowed, analysis.laws):
                add(i, top + 1.0, "citation")
        for i, s in ranked:
            add(i, s, "hybrid")
        return results

    def _states_rule_on(self, i: int, wanted: set[str]) -> bool:
        """Is the subject of the passage's first sentence made only of question terms?"""
        if not wanted:
            return False
        subject = self._subjects.get(i)
        if subject is None:  # tokenized once per passage and kept: searches repeat passages
            c = self.chunks[i]
            m = None if c.get("part", 0) else _SUBJECT.match(search_form(c["text"]).strip())
            subject = self._subjects[i] = frozenset(self.query_terms(m.group(1))) if m else frozenset()
        return len(subject) >= 2 and subject <= wanted

    def references(self, title: str | None, key: str) -> list[tuple[str, str]]:
        """(law title, article key) of the provisions an article cites in its text."""
        if title is None:
            return []
        text = "\n".join(self.chunks[i]["text"] for i in self._by_article.get((title, key), []))
        return [r for r in resolve_references(text, title, self.names) if r in self._by_article]

    def _cited(self, title: str | None, key: str, allowed: np.ndarray,
               laws: list[str]) -> list[int]:
        """Best chunk of the cited article (first part)."""
        titles = [title] if title else laws[:1]
        for t in titles:
            ids = [i for i in self._by_article.get((t, key), []) if allowed[i]]
            if ids:
                return ids[:1]
        return []

    def _filter_mask(self, documents: list[str] | None, folder: str | None) -> np.ndarray:
        mask = np.ones(len(self.chunks), dtype=bool)
        if documents:
            wanted = {search_form(d) for d in documents}
            keep = {d: self._title_of_doc.get(d) in wanted or any(doc["path"].endswith(w) for w in wanted)
                    for d, doc in self.documents.items()}
            mask &= np.array([keep[d] for d in self._doc_of], dtype=bool)
        if folder:
            try:
                f = Path(folder).resolve()
            except (OSError, ValueError):
                raise RegLensError(f"not a usable folder: {folder!r}") from None
            inside = {d: bool(p) and _under(Path(p), f)
                      for d, p in ((d, self.doc_path(doc)) for d, doc in self.documents.items())}
            mask &= np.array([inside[d] for d in self._doc_of], dtype=bool)
        return mask


def resolve_references(text: str, own_title: str, names: LawNames) -> list[tuple[str, str]]:
    """Article references inside a provision, resolved the way statutes read.

    A bare 「第五条」 is the provision's own law; 「法第五条」 in a 施行令/施行規則
    is its parent act; a reference right after a law name belongs to that law.
    """
    s = search_form(text)
    hits = names.find(s)
    parent = parent_act(own_title)
    out: list[tuple[str, str]] = []
    for m in REFERENCE.finditer(s):
        start = m.start(2) - 1
        try:
            key = article_key(f"第{m.group(2)}条{m.group(3)}")
        except ValueError:
            continue
        law = own_title
        if m.group(1):
            law = parent
        else:
            prev = [h for h in hits if h.end == start]
            if prev:
                law = prev[-1].title
        item = (law, key)
        if item not in out and item != (own_title, ""):
            out.append(item)
    return out


def _under(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder)
        return True
    except ValueError:
        return False


def timed_search(index: Index, question: str, top_k: int = 10) -> tuple[list[Result], float]:
    t = time.perf_counter()
    res = index.search(question, top_k)
    return res, time.perf_counter() - t
