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
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from bm25s.stopwords import STOPWORDS_EN_PLUS

from . import storage
from .chunkstore import columns
from .errors import REBUILD, IndexDamaged, ModelUnavailable, QueryTooLong, RegLensError
from .index_files import load_bm25, load_chunks, load_graph, load_ivf, load_tokens, load_variants, load_vectors
from .legal.catalog import Catalog
from .legal.format import passage_citation
from .legal.graph import Graph
from .legal.names import LawNames, latin_title
from .legal.provisions import read_provision
from .manifest import library_file, reader_roots
from .normalize import search_form
from .query import QUESTION_WORDS, analyse, question_kind
from .title_vectors import TitleVectors, load_titles, unit_rows
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
# Window vectors (windows.py, an index built with them): each passage's best sentence window is
# a ranking of its own, its WINDOW_PASSAGES best fused with WINDOW_WEIGHT (times the dense
# weight when WINDOW_GATED: only where the words leave the question to meaning). README
# "Window vectors": benchmarks/window_dense.py.
WINDOW_WEIGHT = 1.0
WINDOW_PASSAGES = 50
WINDOW_GATED = False
# Windows find what the question says in other words; where one of the WINDOW_DECIDED_PASSAGES best
# passages so far already holds WINDOW_HELD of the question's IDF weight, the question's words have
# decided (a statute question in the statute's terms), and the windows count WINDOW_DECIDED_WEIGHT
# of WINDOW_WEIGHT: at full weight they displaced such exact first places (lawqa Hit@1 0.763 → 0.695).
WINDOW_HELD = 0.6
WINDOW_DECIDED_WEIGHT = 0.0
WINDOW_DECIDED_PASSAGES = 10
# An English question (query.question_kind): the meaning-based rankings (dense, windows) count this many
# times their weight (measured in retrieval round 9; 1: as for any question).
ENGLISH_MEANING = 2.0
# An English question about a Japanese document names the document in English ("the Atomic Energy Basic
# Act", "METI's cloud security guideline") where its words can match no Japanese word: the document whose
# title is nearest the question by meaning (each title embedded once, as a passage) is its likeliest
# document, and its candidates gain DOCUMENT_BOOST, half a first place (retrieval round 10).
DOCUMENT_BOOST = 0.5 / RRF_K
# The build stores the titles' vectors (title_vectors.py). An index built before them has them embedded
# when the model is first loaded (~0.2 s each on a busy 2-core machine): a library of more documents than
# this goes without the signal until it is rebuilt, rather than wait minutes for it.
TITLE_VECTORS_MAX_DOCS = 200
# An English question whose meaning is nearer some Japanese document's title than any English one's by
# SCRIPT_MARGIN of cosine (the titles' stored vectors) asks about the Japanese text: the English documents,
# which alone share its words and whose windows are nearer any English text, leave its rankings (retrieval
# round 12: 0.01 lost a GDPR question, 0.03 decided too few).
SCRIPT_MARGIN = 0.02
COVERAGE_PASSAGES = 3  # lexical best passages whose share of the question decides the dense weight
COVERAGE_SLACK = 0.6
PARAPHRASE_WEIGHT = 4.0
LEAD_WEIGHT = 0.3  # an article whose first sentence matches states the rule asked about
LAW_BOOST = 1.0 / RRF_K  # as much as one extra first place
# Provisions that a cited article itself refers to (「第二十九条の四第一項…に該当」)
# are where its conditions live: rank them as if lexical search put them 5th.
REFERENCE_BOOST = 1.0 / (RRF_K + 5)
CANDIDATES = 300
# An act article that leaves the matter to an order (「政令で定める」) is answered in the order's
# article that fills it in (the legal graph's delegation links): rank that article as if
# lexical search put it 5th, for the delegating articles among the first few results.
DELEGATION_BOOST = 1.0 / (RRF_K + 5)
DELEGATION_SOURCES = 5
DELEGATION_WORDS = re.compile(r"政令|府令|省令|施行令|施行規則|で定める")
# A question that cites an act article and asks what an order decides (「金商法37条1項3号の政令で定める事項」)
# names the act, whose every passage gains LAW_BOOST, while the order's article that fills in the cited
# delegation is the answer: it gains LAW_BOOST too, as if its law were named ("cited delegation").
CITED_DELEGATION_BOOST = DELEGATION_BOOST + LAW_BOOST
# Whether something falls under a term is decided where the term is defined: a defined
# term the question uses brings its definition in, when that definition belongs to a law
# the results are about — as much as one first place when the term is all the question
# is about (「借地権について」), in proportion to the share of the question's weight it carries.
DEFINITION_BOOST = 1.0 / (RRF_K + 1)
MIN_DEFINED_CHARS = 3
# A question that asks what a term means (「実用新案でいう「考案」とはどういう意味ですか」, 「医薬部外品とは
# 何ですか」) is answered by that term's definition, whatever share of the question's words the term is
# and however short it is (考案, 意匠: two characters): the definition gains MEANING_BOOST, a first place.
MEANING_BOOST = 1.0 / (RRF_K + 1)
_ASKS_MEANING = re.compile(r"「?([^「」、。\s]{2,30}?)」?(?:とは|って)(?:何|なに|どういう|どのよう|[?？]|$)"
                           r"|「([^「」]{2,30})」の(?:意味|定義)")
# Ranking signals, each of which can be switched off for an ablation (``Index.signals``).
SIGNALS = ("dense", "lead", "subject", "references", "law", "delegation", "definition", "variants",
           "overview", "cited order", "part", "title", "dense slot", "parts", "coordination", "meaning",
           "windows", "part words", "english stopwords", "document meaning", "named script",
           "cited delegation", "script by meaning")
# Measured and not adopted (README), off unless switched on for an ablation: "coverage" gives the
# dense ranking the share of the question that no passage holds together (paraphrase); "applying"
# reads an applying article (準用) with the article it applies.
OPTIONAL_SIGNALS = ("coverage", "feedback", "crosslingual", "misspelling", "dense feedback", "applying")
# Coordination: among the COORD_CANDIDATES best passages, one that holds distinctly more of
# the question's IDF weight than the first (COORD_MARGIN more; at most COORD_TIES passages hold that
# most) gains COORD_BOOST: a question that restates a provision's conditions is held whole by it and
# only in part by its neighbours; a short question's few words are held whole by many (no signal).
COORD_CANDIDATES = 10
COORD_MARGIN = 0.15
COORD_TIES = 2
COORD_BOOST = 0.5 / RRF_K
# An applying article (準用: 「第九条の二…の規定を準用する」, 「前項の規定は、…について準用する」) holds
# the rule it applies only by reference: its own words name whom the rule is for (医療機器の販売業),
# the applied article's say what the rule is (業務の適正を確保するための体制). Read together, when they
# hold more of the question than any of the APPLY_SOURCES best passages does alone, the applying
# article gains APPLY_BOOST.
APPLY_SOURCES = 10
APPLY_BOOST = 0.5 / RRF_K
# 「…の規定を準用する」, 「…について準用する。」 — not 「…において準用する場合を含む」 (a mention of
# an application made elsewhere) nor 「準用する第六十条の八」
_APPLYING = re.compile(r"[^。\n]*(?<!において)準用する(?=。|$)", re.M)
_ASIDE = re.compile(r"[(（][^()（）]*[)）]")
_NOT_LONGER = "(?!の?[一二三四五六七八九十百千])"  # 第九条 is not 第九条の二 nor 第九十条 (第九条の規定 is)
# Dense pseudo-relevance feedback (measured, not adopted): for an embedded question, the vector moved
# towards the mean of the best fused passages' vectors (Rocchio), DENSE_FEEDBACK_BETA of the way.
DENSE_FEEDBACK_DOCS = 3
DENSE_FEEDBACK_BETA = 0.5
# A question's compound the library never uses whole (有給休暇, where it has 年次有給休暇) is searched
# by its parts (有給, 休暇), each at this weight.
PARTS_WEIGHT = 0.5
# Cross-lingual terms (measured, not adopted): an English question's words mapped to the library's
# nearest Japanese terms by the dense model (term vectors embedded once, offline), their own lexical
# ranking fused at XLING_WEIGHT.
XLING_MIN = 0.91
XLING_WEIGHT = 0.5
MISSPELLED_MIN = 3
MISSPELLED_MAX = 8
# Pseudo-relevance feedback (measured, not adopted unless switched on): the terms that the best
# FEEDBACK_DOCS lexical passages share most (RM3: each passage's term frequencies weighted by its
# score, times IDF) are searched too, FEEDBACK_TERMS of them at FEEDBACK_WEIGHT of the question.
FEEDBACK_DOCS = 3
FEEDBACK_TERMS = 10
FEEDBACK_WEIGHT = 0.3
# A document whose title holds the question's words is about the question's topic (「原薬等登録原簿に
# 登録できる…」 → 「原薬等登録原簿の利用に関する指針」, 「重要情報の公表の方法」 → 「…重要情報の公表に関する
# 内閣府令」): each of its passages gains up to half a first place, in proportion to the share of the
# question's IDF weight the title holds. Named laws are the "law" signal's (a name is one token).
TITLE_BOOST = 0.5 / RRF_K
# The meaning-based ranking's best passage is shown at this place when its document is not among the
# results above it: a question in everyday words (「病原体を複数の県にまたがって運ぶ」) can match an
# unrelated law word for word while the right document is found only by meaning. One place of five,
# so a word match that was 5th moves to 6th only when the meaning-based best is a new document.
# Only for questions that are embedded anyway (some of their weight unknown to the library).
DENSE_SLOT = 5
# Another spelling of a question's word (癌 for がん) counts this much of the word itself,
# so a passage with the spelling the question used still ranks first.
VARIANT_WEIGHT = 0.5
# An article whose first sentence is about what the question asks about
# (「借地権の存続期間は、三十年とする。」 for 「借地権の存続期間は？」) states the rule;
# one that merely mentions it (「借地権の存続期間が満了する前に…」) applies it.
SUBJECT_BOOST = 1.0 / (RRF_K + 2)
SUBJECT_CANDIDATES = 50
SUBJECT_TEXTS = 20_000  # first-sentence subjects kept by passage text (a bound on that cache)
# A law's purpose or scope article (「この法律は、…を目的とする。」, 「この法律は、…特別の定めを
# するとともに、…必要な事項を定めるものとする。」) names every topic of the law and so matches
# many questions, but answers none of them unless the question asks for the purpose.
OVERVIEW_FACTOR = 0.5
_OVERVIEW = re.compile(r"^(?:[(（][^)）]{1,30}[)）]\s*)?(?:第\S{1,12}条\s*)?"
                       r"この(?:法律|政令|省令|府令|規則)は、[^。]*(?:目的とする|ものとする)。")
_ASKS_PURPOSE = re.compile(r"目的|趣旨")
_SUBJECT = re.compile(  # [caption] [article label] subject は、
    r"^(?:[(（][^)）]{1,30}[)）]\s*)?(?:第\S{1,12}条(?:の\S{1,6})?\s+)?([^、。「」]{2,30}?)(?:は|とは)、")


@dataclass
class Result:
    rank: int
    score: float
    chunk: dict
    doc: dict
    doc_path: str
    reason: str  # citation | hybrid | dense (the meaning-based best, shown at DENSE_SLOT) | neighbour
    # a neighbour (``summarize.Summarizer._neighbours``) is not ranked by search: its score is 0 and
    # this names the result it stands next to, which is how the app and ``reglens ask`` show it
    beside: int = 0

    def to_json(self) -> dict:
        c = self.chunk
        return {
            "rank": self.rank, "score": round(self.score, 6), "match": self.reason, "beside": self.beside or None,
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


@dataclass
class Candidates:
    """A question's candidate passages before one result per provision is chosen (``Index.candidates``)."""
    fused: dict[int, float]  # passage -> fused score (reciprocal ranks and boosts)
    bm: np.ndarray  # lexical score of every passage (the part shown for a split article)
    dense: dict[int, int]  # passage -> rank by meaning, when the question was embedded
    cited_rows: list[int]  # the articles the question cites, shown first
    by_paragraph: set[int]  # cited rows whose part a cited paragraph chose
    terms: list[str]  # the question's content terms
    dense_weight: float
    window_weight: float  # what the window ranking counted (0: the words decided, or no windows)
    meaning: dict[int, float]  # passage -> what the meaning-based rankings (dense, windows) added to it
    parts: dict[str, dict[int, float]] | None = None  # traced: signal -> passage -> what it added


class _NoTrace:
    """A search that is not traced: marking a step costs nothing and keeps nothing."""

    parts: dict[str, dict[int, float]] | None = None

    def mark(self, name: str) -> None:
        pass


class _Trace(_NoTrace):
    """What each step of the fusion added to each candidate: the difference of the fused scores
    since the previous mark (a boost, a ranking, or a demotion's negative share)."""

    def __init__(self, fused: dict[int, float]):
        self.fused = fused
        self.before: dict[int, float] = {}
        self.parts: dict[str, dict[int, float]] = {}

    def mark(self, name: str) -> None:
        before = self.before
        self.parts[name] = {i: v - before.get(i, 0.0) for i, v in self.fused.items() if v != before.get(i, 0.0)}
        self.before = dict(self.fused)


def citation(c: dict) -> str:
    """借地借家法 第三条第二項 (p.2): a passage as results and answers cite it."""
    return passage_citation(c, with_page=True)


class Index:
    """A loaded, verified, read-only index version.

    Everything read from the index folder is treated as untrusted (it may sit on
    a shared drive): the manifest is sealed by CURRENT, every file by the
    manifest, every field is checked, and document paths are confined to their
    library folders. ``embedding`` is the user's own model setting; the index
    itself only names its model, which must be a built-in one or that setting.
    """

    def __init__(self, root: Path, verify: bool = True, roots: list[Path] | None = None,
                 embedding: str | None = None, deep: bool = False, opened: tuple[Path, dict] | None = None):
        self.root = Path(root)
        # ``opened``: a version and its sealed manifest to load instead of the live one (restore
        # checks the previous version this way before it publishes it: integrity.py)
        self.version, self.manifest = opened or storage.open_version(self.root)
        if verify:
            # sizes and the file list; content hashes only with ``deep`` (README "What loading checks")
            problems = storage.verify_version(self.version, self.manifest, deep=deep)
            if problems:
                raise IndexDamaged("the index is damaged: " + "; ".join(problems[:3]) + f" — {REBUILD}")
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
            # who cites, delegates to and defines what, resolved by the build
            older = self.manifest["format_version"] < storage.FORMAT_VERSION
            # a format-2 index (an older RegLens) is searched without the legal graph until rebuilt
            self.graph = Graph() if older else load_graph(self.version, self.documents)
            self._load_bm25()
            self._variants = {} if older else load_variants(self.version, self.bm25.vocab_dict)
            self._load_dense()
        if older:
            self.notices.append("this index was made by an older RegLens: delegations, definitions and "
                                "other spellings are used once it is rebuilt ('reglens index build')")
        self.names = LawNames(self.manifest["law_names"], self.manifest.get("aliases", {}))
        tok = self.manifest["tokenizer"]
        self.tokenizer = Tokenizer(self.names, tok["split_mode"], tok.get("whole_names", True))
        self._subjects: dict[int, frozenset[str]] = {}
        self._subject_of_text: dict[str, frozenset[str]] = {}
        self._term_words: dict[str, frozenset[str]] = {}  # content terms of each defined term
        self._applying: dict[int, str] = {}  # passages that apply other provisions (準用), as read
        self._overviews: frozenset[int] | None = None  # purpose/scope articles (first use)
        self._title_terms: dict[str, frozenset[str]] = {}  # each document's title words (first use)
        self._katakana_terms: list[str] | None = None  # the vocabulary's katakana words (clipped, first use)
        self._stored: Any = None  # passages' term ids (feedback, first use)
        self._stored_to_bm25: np.ndarray | None = None
        self._id_idf: np.ndarray | None = None
        # (terms, their unit vectors): the library's kanji terms embedded as queries (crosslingual)
        self.term_vectors: tuple[list[str], np.ndarray] | None = None
        self._dense_row_of: dict[int, int] | None = None  # passage -> its row of the dense matrix (first use)
        self._one_off_index: dict[str, list[str]] | None = None
        doc_ids, titles, keys = columns(self.chunks)
        self.catalog = Catalog(self.documents, doc_ids, titles, keys)
        self.catalog.set_parents(self.graph.parents)  # 「法」 in a 府令: the act it declares
        self.catalog.set_orders(self.graph.orders)  # 「令」: the order it declares
        self._doc_of = doc_ids  # per passage, so ranking never reads a passage it does not show
        self._key_of = keys
        self._is_provision = np.fromiter((bool(k) for k in keys), dtype=np.float32, count=len(keys))
        df = np.diff(self.bm25.scores["indptr"])  # documents per term
        n = self.bm25.scores["num_docs"]
        self._idf = {t: math.log(1 + (n - df[i] + 0.5) / (df[i] + 0.5))
                     for t, i in self.bm25.vocab_dict.items() if i < len(df)}
        # a term the library never uses is the most telling one a document can miss
        self._unseen_idf = math.log(1 + (n + 0.5) / 0.5)

        self.signals = set(SIGNALS)
        # defined terms longest first, so 特定証券情報 is found before 証券情報
        self._terms = sorted((t for t in self.graph.terms if len(t) >= MIN_DEFINED_CHARS), key=len, reverse=True)

    def idf(self, term: str) -> float:
        return self._idf.get(term, self._unseen_idf)

    def query_terms(self, text: str) -> list[str]:
        """Content terms of a question (the question template's words removed)."""
        return [t for t in self.tokenizer.tokens(text) if t not in QUESTION_WORDS]

    def known_share(self, terms: list[str]) -> float:
        """Share of the question's IDF weight made of terms the library contains."""
        total = sum(self.idf(t) for t in terms)
        return sum(self.idf(t) for t in terms if t in self._idf) / total if total else 0.0

    def known_share_in(self, terms: list[str], docs: Collection[str]) -> float:
        """Share of the question's IDF weight (distinct terms) made of terms these documents contain."""
        unique = set(terms)
        total = sum(self.idf(t) for t in unique)
        if not total:
            return 0.0
        inside = self._passages_of(docs)
        return sum(self.idf(t) for t in unique if inside[self._postings(t)].any()) / total

    def _passages_of(self, docs: Collection[str]) -> np.ndarray:
        """Per passage: is it of one of these documents?"""
        return np.fromiter((d in docs for d in self._doc_of), dtype=bool, count=len(self._doc_of))

    def coverage(self, terms: list[str], rows) -> float:
        """The largest share of the question's IDF weight that one of these passages holds.

        Low when the question's words occur in the library but never together — the
        question says in everyday words what the provision says in its own (paraphrase)."""
        held = self.held_shares(terms, rows)
        return float(held.max()) if held.size else 0.0

    def held_shares(self, terms: list[str], rows) -> np.ndarray:
        """Per passage of ``rows``, the share of the question's IDF weight (distinct terms) it holds."""
        unique = set(terms)
        total = sum(self.idf(t) for t in unique)
        rows = np.asarray(rows, dtype=np.int64)
        if not total or not rows.size:
            return np.zeros(rows.size)
        held = np.zeros(rows.size)
        for t in unique:
            held += self.idf(t) * np.isin(rows, self._postings(t))
        return held / total

    def _postings(self, term: str) -> np.ndarray:
        """The passages (ascending ids) whose text holds ``term``: its column of the BM25 matrix."""
        ptr, docs = self.bm25.scores["indptr"], self.bm25.scores["indices"]
        tid = self.bm25.vocab_dict.get(term)
        if tid is None or tid + 1 >= len(ptr):
            return docs[:0]
        return docs[ptr[tid]:ptr[tid + 1]]

    def dense_weight(self, terms: list[str], top_rows) -> float:
        """How much the dense ranking counts: the share of the question the words miss.

        Words the library lacks (English, rare spellings) and words it has but never in
        one passage (paraphrase) both leave the question to the meaning-based ranking;
        COVERAGE_SLACK lets a long question miss a few of its words in its best passage."""
        unknown = 1.0 - self.known_share(terms)
        if "coverage" not in self.signals:
            return DENSE_WEIGHT * unknown
        missed = 1.0 - self.coverage(terms, top_rows)
        apart = max(0.0, (missed - COVERAGE_SLACK) / (1.0 - COVERAGE_SLACK))
        return max(DENSE_WEIGHT * unknown, PARAPHRASE_WEIGHT * apart)

    def _load_bm25(self) -> None:
        n = max(1, len(self.chunks))  # 1: the empty library's placeholder row
        self.bm25 = load_bm25(self.version, "bm25", n)
        self.bm25_lead = load_bm25(self.version, "bm25_lead", n)

    def _load_dense(self) -> None:
        """The passage vectors, checked and mapped; FAISS is built at the first dense question
        (``dense.DenseIndex``), so loading imports neither FAISS nor llama-index."""
        self.dense = None
        self.windows = None  # window vectors (windows.py), when the index was built with them
        self._title_vectors: TitleVectors | None = None  # document meaning: stored, or made at first use
        self.embedder: Any = None  # a llama-index BaseEmbedding once loaded
        self._last_query: tuple[str, np.ndarray] | None = None
        self.dense_model = self.manifest["embedding"]["model"]
        if self.dense_model == "none":
            return
        from .dense import DenseIndex

        matrix, rows, _ = load_vectors(self.version, self.manifest, len(self.chunks))
        self.dense = DenseIndex(matrix, rows, load_ivf(self.version, self.manifest, matrix.shape))
        from .windows import load_windows
        self.windows = load_windows(self.version, self.manifest, len(self.chunks))
        self._title_vectors = load_titles(self.version, self.manifest)

    def load_embedder(self, warm: bool = False) -> bool:
        """Load the question model now instead of at the first dense query; False when it cannot
        be had here. The app calls this in a thread of its own once the index is up; ``warm``
        embeds one word so the model's weights and threads are ready too."""
        if self.dense is None:
            return False
        if self.embedder is None:
            with _LOADING:  # llama-index loads in ~1 s: only when needed
                if self.embedder is None:
                    from .embed import query_embedder
                    try:
                        embedder = query_embedder(self.dense_model, self._embedding_setting)
                    except ModelUnavailable as exc:
                        self.dense = None
                        self.notices.append(f"meaning-based search is off on this computer ({exc}); "
                                            "word search still works")
                        return False
                    if warm:
                        embedder.get_query_embedding("法令")
                    # published once ready: the app loads it in a thread of its own, and a search
                    # in another thread must not use the model while it is being warmed
                    self.embedder = embedder
            if warm and "document meaning" in self.signals:
                self.title_vectors()  # the documents' titles too, off the first English question's path
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
    def variants(self, tokens: list[str]) -> list[str]:
        """The library's other spellings of the question's terms (same reading, another form)."""
        if "variants" not in self.signals or not self._variants:
            return []
        out: list[str] = []
        for t in dict.fromkeys(tokens):
            group = self._variants.get(self.tokenizer.reading(t), ())
            # a kana spelling of the word, or the word spelled in kana — never another kanji word
            # that reads alike (回/階/会 are homophones, not spellings)
            out.extend(v for v in group if v != t and v not in tokens and v not in out
                       and (_has_kana(v) or _has_kana(t)))
        return out

    def spelled_in_kana(self, text: str) -> list[str]:
        """The library's words a question typed all in hiragana spells: 「しゃくちけんの そんぞく
        きかんは」 → 借地権, 存続, 基幹/期間/機関 (user test: Sudachi read it as 借地, 其の, 来る).
        Each run of hiragana is read as the cheapest sequence of indexed terms' readings
        (:meth:`_read_kana`); [] unless the question is hiragana only and spells a word of two
        kanji or more, so a question written as usual, or chatter, is never touched."""
        if not self._variants or not _HIRAGANA_ONLY.fullmatch(text):
            return []
        out: list[str] = []
        for run in _HIRAGANA_RUN.findall(text):
            words = self._read_kana(_katakana(run))
            out.extend(t for w in words for t in self._variants[w] if t not in out)
        # a greeting or chatter reads as one-kanji words at best (ありがとう → 有り, 問う, 当)
        return out if any(len(_IDEOGRAPHS.findall(t)) >= 2 for t in out) else []

    def _read_kana(self, kana: str) -> list[str]:
        """The cheapest reading of ``kana`` as readings of indexed terms, particles between them,
        a polite ending at the end and letters of no known word skipped at a high price (a
        greedy reading would take 「ハナ」 from 「はなんねん」)."""
        n = len(kana)
        best: list[tuple[int, list[str]]] = [(0, [])] * (n + 1)  # from each position to the end
        for i in range(n - 1, -1, -1):
            cost, words = best[i + 1]
            options: list[tuple[int, list[str]]] = [(cost + 3, words)]  # a letter of no known word (なんねん)
            if kana[i] in _PARTICLES:
                options.append((cost + 1, words))
            if kana[i:] in _ENDINGS:
                options.append((0, []))
            for j in range(min(n, i + 12), i + 1, -1):
                if kana[i:j] in self._variants:
                    options.append((best[j][0] + 1, [kana[i:j], *best[j][1]]))
            best[i] = min(options, key=lambda o: o[0])
        return best[0][1]

    def clipped(self, tokens: list[str]) -> list[str]:
        """The library's katakana words a clipped one the library does not have stands for:
        パワハラ → パワーハラスメント (the first letters of two words, the second a word of the
        library itself), リストラ → リストラクチャリング (a word's opening). User test: パワハラ found
        nothing of 「パワーハラスメントの禁止」."""
        vocab = self.bm25.vocab_dict
        out: list[str] = []
        for t in tokens:
            if t in vocab or not 3 <= len(t) <= 6 or not _KATAKANA_WORD.fullmatch(t):
                continue
            if self._katakana_terms is None:
                self._katakana_terms = [v for v in vocab if _KATAKANA_WORD.fullmatch(v)]
            head, tail = t[:2], t[2:]
            found = [v for v in self._katakana_terms if v.startswith(head) and len(v) >= len(t) + 2 and (
                v.startswith(t) or any(v[k:].startswith(tail) and v[k:] in vocab
                                       for k in range(2, len(v) - len(tail) + 1)))]
            out.extend(sorted(found, key=len)[:3])
        return out

    def compound_parts(self, tokens: list[str]) -> list[str]:
        """The library's words that a question's compound it does not have is made of (有給休暇 →
        有給, 休暇); never the question's own terms again."""
        vocab = self.bm25.vocab_dict
        out: list[str] = []
        for t in dict.fromkeys(tokens):
            if t not in vocab:
                out.extend(p for p in self.library_parts(t, tokens) if p not in out)
        return out

    def library_parts(self, term: str, exclude: Collection[str] = ()) -> list[str]:
        """The library's words among a compound's shortest units (有給休暇 → 有給, 休暇; split mode
        A), never the compound itself nor a word of ``exclude`` (the question's own terms); [] for
        a term shorter than three characters. Search and the answer read compounds by these."""
        if len(term) < 3:
            return []
        vocab = self.bm25.vocab_dict
        return [p for p in self.tokenizer.parts(term) if p != term and p in vocab and p not in exclude]

    def misspelled(self, text: str) -> list[str]:
        """The library's words a mistyped kanji word stands for: 有究休暇 → 有給休暇 (one kanji
        wrong, often of the same reading). Sudachi reads a word it does not know kanji by kanji
        (有/究/休暇, 究 as キワム), so its reading cannot find the word; the spelling can: a run
        of kanji the library does not have as a whole, one of whose characters differs from a
        library word of the same length that occurs in two passages or more."""
        vocab = self.bm25.vocab_dict
        out: list[str] = []
        for run in _KANJI_RUN.findall(text):
            if run in vocab:
                continue
            for n in range(min(len(run), MISSPELLED_MAX), MISSPELLED_MIN - 1, -1):
                for start in range(len(run) - n + 1):
                    part = run[start:start + n]
                    if part in vocab:
                        continue
                    for k in range(n):
                        for v in self._one_off().get(part[:k] + "\x00" + part[k + 1:], ()):
                            if v not in out:
                                out.append(v)
                if out:
                    break  # the longest stretch that a library word explains
        return out

    def _one_off(self) -> dict[str, list[str]]:
        """Library kanji words of MISSPELLED_MIN–MAX characters by each pattern with one of them blanked."""
        if self._one_off_index is None:
            df = np.diff(self.bm25.scores["indptr"])
            index: dict[str, list[str]] = {}
            for t, i in self.bm25.vocab_dict.items():
                if (MISSPELLED_MIN <= len(t) <= MISSPELLED_MAX and _KANJI_RUN.fullmatch(t)
                        and i < len(df) and df[i] >= 2):
                    for k in range(len(t)):
                        index.setdefault(t[:k] + "\x00" + t[k + 1:], []).append(t)
            self._one_off_index = index
        return self._one_off_index

    def _lexical(self, tokens: list[str], extra: list[str] | tuple[()] = ()) -> np.ndarray:
        """BM25 of the question's terms, their other spellings and ``extra`` terms (at VARIANT_WEIGHT),
        its compounds' parts, and the provisions' first sentences."""
        tokens = tokens + [c for c in self.clipped(tokens) if c not in tokens]
        ids = [self.bm25.vocab_dict[t] for t in tokens if t in self.bm25.vocab_dict]
        variant_ids = [self.bm25.vocab_dict[t] for t in self.variants(tokens)]
        variant_ids += [self.bm25.vocab_dict[t] for t in extra if t in self.bm25.vocab_dict]
        part_ids = [self.bm25.vocab_dict[p] for p in self.compound_parts(tokens)] if "parts" in self.signals else []
        if not ids and not variant_ids and not part_ids:
            return np.zeros(len(self.chunks), dtype=np.float32)
        body = self.bm25.get_scores(ids) if ids else np.zeros(len(self.chunks), dtype=np.float32)
        if variant_ids:
            body = body + VARIANT_WEIGHT * self.bm25.get_scores(variant_ids)
        if part_ids:
            body = body + PARTS_WEIGHT * self.bm25.get_scores(part_ids)
        lead_ids = [self.bm25_lead.vocab_dict[t] for t in tokens if t in self.bm25_lead.vocab_dict]
        if lead_ids and body.max() > 0 and "lead" in self.signals:
            # a provision's first sentence states its rule; a manual's first line is a heading
            # or a page's running text, which says no more than the rest (measured: the natural set)
            lead = self.bm25_lead.get_scores(lead_ids) * self._is_provision
            if lead.max() > 0:
                body = body + LEAD_WEIGHT * lead * (body.max() / lead.max())
        if "feedback" in self.signals and body.max() > 0:
            body = body + self._feedback(tokens, body)
        return body

    def _feedback(self, tokens: list[str], body: np.ndarray) -> np.ndarray:
        """Scores of the terms the best passages share (RM3), weighted, to add to ``body``."""
        top = _top(body, FEEDBACK_DOCS)
        top = top[body[top] > 0]
        if not top.size:
            return np.zeros_like(body)
        if self._stored is None:
            try:
                stored = load_tokens(self.version, len(self.chunks))
            except (OSError, RegLensError):
                return np.zeros_like(body)
            vocab = self.bm25.vocab_dict
            self._stored_to_bm25 = np.array([vocab.get(t, -1) for t in stored.terms], dtype=np.int64)
            self._stored = stored
        weight: dict[int, float] = {}
        own = {self.bm25.vocab_dict.get(t) for t in tokens}
        to_bm25, stored = self._stored_to_bm25, self._stored
        if to_bm25 is None or stored is None:
            return np.zeros_like(body)
        for i in top:
            ids = to_bm25[stored.of("body", int(i))]
            ids = ids[ids >= 0]
            if not ids.size:
                continue
            uniq, tf = np.unique(ids, return_counts=True)
            share = float(body[i] / body[top].sum())
            for t, n in zip(uniq.tolist(), tf.tolist(), strict=True):
                if t not in own:
                    weight[t] = weight.get(t, 0.0) + share * n / ids.size
        terms = {t: w * self._idf_by_id(t) for t, w in weight.items()}
        best = sorted(terms.items(), key=lambda kv: -kv[1])[:FEEDBACK_TERMS]
        out = np.zeros_like(body)
        total = sum(w for _, w in best)
        if not total:
            return out
        ptr, docs, data = self.bm25.scores["indptr"], self.bm25.scores["indices"], self.bm25.scores["data"]
        for t, w in best:
            np.add.at(out, docs[ptr[t]:ptr[t + 1]], (w / total) * data[ptr[t]:ptr[t + 1]])
        # as much, in all, as FEEDBACK_WEIGHT of the question's own best score
        return out * (FEEDBACK_WEIGHT * body.max() / out.max()) if out.max() > 0 else out

    def _idf_by_id(self, tid: int) -> float:
        if self._id_idf is None:  # the IDF of idf(), by term id (first use)
            by_id = np.zeros(len(self.bm25.scores["indptr"]) - 1)
            for t, i in self.bm25.vocab_dict.items():
                if t in self._idf:
                    by_id[i] = self._idf[t]
            self._id_idf = by_id
        return float(self._id_idf[tid]) if tid < len(self._id_idf) else 0.0

    def crosslingual(self, question: str) -> list[str]:
        """The library's Japanese terms nearest an English question's words by the dense model
        (measured, not adopted: ``term_vectors`` is set only by ``benchmarks/ablation.py
        --term-vectors``, from ``benchmarks/term_vectors.py``; README)."""
        if self.term_vectors is None or not latin_title(question) or not self.load_embedder():
            return []
        names, vecs = self.term_vectors
        out: list[str] = []
        for w in dict.fromkeys(x.lower() for x in re.findall(r"[A-Za-z]{3,}", question)):
            sims = vecs @ np.asarray(self.embedder.get_query_embedding(w), dtype=np.float32)
            j = int(np.argmax(sims))
            if sims[j] >= XLING_MIN and names[j] not in out:
                out.append(names[j])
        return out

    def _dense_feedback(self, text: str, fused: dict[int, float], dense: dict[int, int],
                        weight: float, allowed: np.ndarray) -> dict[int, int]:
        """Dense pseudo-relevance feedback (Rocchio; measured, not adopted): the question's vector moved
        towards the mean vector of the DENSE_FEEDBACK_DOCS best passages of the fused ranking so far."""
        score = dict(fused)
        for i, r in dense.items():
            score[i] = score.get(i, 0.0) + weight / (RRF_K + r + 1)
        top = [i for i, _ in sorted(score.items(), key=lambda kv: -kv[1])[:DENSE_FEEDBACK_DOCS]]
        if self.dense is None:
            return dense
        if self._dense_row_of is None:
            self._dense_row_of = {c: n for n, c in enumerate(self.dense.rows)}
        rows = [self._dense_row_of[i] for i in top if i in self._dense_row_of]
        q = self._query_vector(text)
        if not rows or q is None:
            return dense
        q2 = q + DENSE_FEEDBACK_BETA * np.asarray(self.dense.matrix[rows], dtype=np.float32).mean(axis=0)
        q2 /= np.linalg.norm(q2) or 1.0
        return {i: r for i, r in self.dense.ranks(q2, CANDIDATES).items() if allowed[i]}

    def _dense_ranks_among(self, text: str, mask: np.ndarray) -> dict[int, int]:
        """Rank by meaning (0 = closest) of the CANDIDATES nearest passages that ``mask`` allows, exactly."""
        q = self._query_vector(text) if self.dense is not None else None
        if q is None or self.dense is None:
            return {}
        return self.dense.ranks_among(q, mask, CANDIDATES)

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
        found = self.candidates(question, documents, folder)
        return self.assemble(found, top_k) if found is not None else []

    def candidates(self, question: str, documents: list[str] | None = None, folder: str | None = None,
                   traced: bool = False) -> Candidates | None:
        """Every candidate passage with its fused score, before one result per provision is chosen
        (None for an empty question or library). ``traced`` also keeps what each signal added to each
        candidate (``Candidates.parts``: benchmarks/learned_fusion.py reads the fusion's features
        there); a search does not trace, so ranking pays nothing for it."""
        # a lone surrogate (an undecodable byte from a terminal) cannot be tokenized
        question = question.encode("utf-8", "replace").decode("utf-8").replace("\x00", " ").strip()
        if len(question) > MAX_QUERY_CHARS:
            raise QueryTooLong(f"the question is {len(question):,} characters long; at most "
                               f"{MAX_QUERY_CHARS:,} are searched. Shorten it to its key terms")
        if not question or not self.chunks:
            return None
        analysis = analyse(question, self.names)
        allowed = self._filter_mask(documents, folder)
        topic = analysis.topic(self.catalog.titled)
        english = question_kind(analysis) == "english"
        if english and "script by meaning" in self.signals and not any(latin_title(t) for t in analysis.laws):
            # meaning decides the script, then words and meaning rank within it: the one English document's
            # words are rare here (high IDF) and its windows near any English text, so it took the first places
            unmeant = self._unmeant_script(topic, allowed)
            if unmeant is not None:
                allowed = allowed & ~unmeant
        spelled = self.spelled_in_kana(topic)
        if spelled:  # 「しゃくちけんの そんぞくきかん」: the words it spells, for both searches
            topic = " ".join(spelled)
        terms = self.query_terms(without_function_words(topic) if "english stopwords" in self.signals else topic)
        xling = self.crosslingual(question) if "crosslingual" in self.signals else []
        bm = self._lexical(terms, self.misspelled(topic) if "misspelling" in self.signals else ())
        bm = np.where(allowed, bm, 0.0)
        order = _top(bm, CANDIDATES)
        fused: dict[int, float] = {}
        trace = _Trace(fused) if traced else _NoTrace()
        for r, i in enumerate(order):
            if bm[i] <= 0:
                break
            fused[int(i)] = 1.0 / (RRF_K + r + 1)
        if xling:  # an English question's words in the library's Japanese: a ranking of its own
            xs = self.bm25.get_scores([self.bm25.vocab_dict[t] for t in xling if t in self.bm25.vocab_dict])
            xs = np.where(allowed, xs, 0.0)
            for r, i in enumerate(_top(xs, CANDIDATES)):
                if xs[i] <= 0:
                    break
                fused[int(i)] = fused.get(int(i), 0.0) + XLING_WEIGHT / (RRF_K + r + 1)
        trace.mark("lexical")
        wanted = set(terms)
        for i in order[:SUBJECT_CANDIDATES] if "subject" in self.signals else ():
            if bm[i] > 0 and self._states_rule_on(int(i), wanted):
                fused[int(i)] += SUBJECT_BOOST
        trace.mark("subject")
        dense_weight = self.dense_weight(terms, order[:COVERAGE_PASSAGES] if bm.size and bm[order[0]] > 0 else [])
        meaning_allowed = allowed  # the passages the meaning-based rankings rank
        if "named script" in self.signals and analysis.laws and not english \
                and all(latin_title(t) for t in analysis.laws):
            # A Japanese question about the English document it names (「十分性認定のある国へ…（GDPR）」): its
            # words are the library's, so it went unembedded, though the document holds none of them; its
            # meaning-based rankings count the share of its weight that document lacks, and rank that
            # document's passages only (by meaning a Japanese question is nearer any Japanese text, and the
            # English articles were not among the 300 nearest).
            docs = {d for t in analysis.laws for d in self.catalog.titled(t)}
            dense_weight = max(dense_weight, DENSE_WEIGHT * (1.0 - self.known_share_in(terms, docs)))
            meaning_allowed = allowed & self._passages_of(docs)
        meaning_factor = ENGLISH_MEANING if english else 1.0
        dense_weight *= meaning_factor
        dense: dict[int, int] = {}  # passage -> rank by meaning, when the question is embedded
        meaning: dict[int, float] = {}  # passage -> what the meaning-based rankings (dense, windows) added
        if dense_weight >= DENSE_MIN and "dense" in self.signals:
            # only then: embedding every question would cost ~50-150 ms per search on a busy
            # workstation (README, responsiveness), and a question whose words the library
            # all knows is ranked by its words
            dense = ({i: r for i, r in self._dense_ranks(topic, CANDIDATES).items() if allowed[i]}
                     if meaning_allowed is allowed else self._dense_ranks_among(topic, meaning_allowed))
            if dense and "dense feedback" in self.signals:
                dense = self._dense_feedback(topic, fused, dense, dense_weight, allowed)
            for i, r in dense.items():
                fused[i] = fused.get(i, 0.0) + dense_weight / (RRF_K + r + 1)
                meaning[i] = dense_weight / (RRF_K + r + 1)
        trace.mark("dense")
        cited = [(ref.title or (analysis.laws[0] if analysis.laws else None), ref.key)
                 for ref in analysis.articles]
        for title, key in cited if "references" in self.signals else ():
            for target in self.references(title, key):
                if target in cited:
                    continue
                for i in self.catalog.passages(*target)[:1]:
                    if allowed[i]:
                        fused[i] = fused.get(i, 0.0) + REFERENCE_BOOST
        trace.mark("references")
        named = set(analysis.laws)
        if "delegation" in self.signals:
            self._boost_delegations(fused, allowed, cited, analysis.text)
        trace.mark("delegation")
        if "definition" in self.signals:
            self._boost_definitions(fused, allowed, analysis.text, named, terms)
        trace.mark("definition")
        if "meaning" in self.signals:
            self._boost_meaning(fused, allowed, analysis.text, named)
        trace.mark("meaning")
        if named and "law" in self.signals:
            for i in fused:
                if self.catalog.title_of(self._doc_of[i]) in named:
                    fused[i] += LAW_BOOST
        trace.mark("law")
        window_weight = 0.0
        if self.windows is not None and "windows" in self.signals:
            window_weight = self._fuse_windows(fused, topic, meaning_allowed, dense_weight, terms, meaning,
                                               meaning_factor)
        trace.mark("windows")
        if "title" in self.signals:
            self._boost_titles(fused, terms)
        trace.mark("title")
        if "document meaning" in self.signals and english:
            self._boost_document_by_meaning(fused, topic, allowed)
        trace.mark("document meaning")
        if "overview" in self.signals and order.size and bm[order[0]] > 0:
            # only against word matches: what makes a purpose article rank is its list of topics
            self._demote_overviews(fused, analysis.text)
        trace.mark("overview")
        if "coordination" in self.signals:
            self._boost_coordination(fused, terms)
        trace.mark("coordination")
        if "applying" in self.signals:
            self._boost_applying(fused, allowed, terms)
        trace.mark("applying")

        cited_rows: list[int] = []
        by_paragraph: set[int] = set()  # a cited paragraph chose its part; the question's words do not choose another
        for ref in analysis.articles:
            rows = self._cited(ref.title, ref.key, allowed, analysis.laws, ref.english, ref.paragraph)
            cited_rows += rows
            if ref.paragraph:
                by_paragraph.update(rows)
        return Candidates(fused, bm, dense, cited_rows, by_paragraph, terms, dense_weight, window_weight,
                          meaning, trace.parts)

    def assemble(self, found: Candidates, top_k: int = 10, scores: dict[int, float] | None = None) -> list[Result]:
        """One result per provision, cited articles first, the meaning-based best at DENSE_SLOT.
        ``scores`` ranks the candidates instead of their fused score (a fusion learned from
        ``Candidates.parts``, benchmarks/learned_fusion.py); the rest is the same."""
        fused = found.fused if scores is None else scores
        bm, dense = found.bm, found.dense
        ranked = sorted(fused.items(), key=lambda kv: -kv[1])

        results: list[Result] = []
        seen: set[tuple[str, str]] = set()

        def add(i: int, score: float, reason: str, part_chosen: bool = False) -> None:
            # the unit from the passage columns (the stored passage says the same: ChunkStore checks
            # its document): a passage is read from disk only when it becomes a result
            unit = (self._doc_of[i], self._key_of[i] or f"#{i}")
            if unit in seen or len(results) >= top_k:
                return
            seen.add(unit)
            if "part" in self.signals and unit[1][0] != "#" and not part_chosen:
                i = self._best_part(i, bm, found)  # a split article: shown by its part that answers
            c = self.chunks[i]
            doc = self.documents[c["doc_id"]]
            results.append(Result(len(results) + 1, score, c, doc, self.doc_path(doc), reason))

        top = ranked[0][1] if ranked else 1.0
        cited_rows = list(found.cited_rows)
        if "cited order" in self.signals:
            # several cited articles: the one the rest of the question is about comes first
            # (「第2条第1項第15号に掲げる有価証券が、第5条第1項で定める特定有価証券に該当する」)
            cited_rows.sort(key=lambda i: -fused.get(i, 0.0))
        for i in cited_rows:
            add(i, top + 1.0, "citation", part_chosen=i in found.by_paragraph)
        for i, s in ranked:
            if len(results) >= top_k:
                break
            add(i, s, "hybrid")
        if dense and "dense slot" in self.signals:
            self._show_dense_best(results, dense, found, top_k)
        return results

    def window_weight(self, fused: dict[int, float], terms: list[str], dense_weight: float) -> float:
        """How much the window ranking counts: WINDOW_WEIGHT, unless the best passages so far hold
        WINDOW_HELD of the question's words (its words decide: WINDOW_DECIDED_WEIGHT of it)."""
        weight = WINDOW_WEIGHT * (dense_weight if WINDOW_GATED else 1.0)
        best = sorted(fused, key=lambda i: -fused[i])[:WINDOW_DECIDED_PASSAGES]
        if best and self.coverage(terms, best) >= WINDOW_HELD:
            weight *= WINDOW_DECIDED_WEIGHT
        return weight

    def _fuse_windows(self, fused: dict[int, float], text: str, allowed: np.ndarray, dense_weight: float,
                      terms: list[str], meaning: dict[int, float] | None = None, factor: float = 1.0) -> float:
        """Meaning over the whole text: passages ranked by their best window's similarity to the
        question (the vector the dense ranking embedded), fused like a ranking, at the weight
        :meth:`window_weight` gives (nothing is embedded when it is nil)."""
        weight = self.window_weight(fused, terms, dense_weight) * factor
        if weight < DENSE_MIN or self.windows is None:
            return 0.0
        q = self._query_vector(text)
        if q is None:
            return 0.0
        best = np.where(allowed, self.windows.passage_best(self.windows.similarities(q), len(self.chunks)), -np.inf)
        for r, i in enumerate(np.argsort(-best, kind="stable")[:WINDOW_PASSAGES]):
            if not np.isfinite(best[i]):
                break
            fused[int(i)] = fused.get(int(i), 0.0) + weight / (RRF_K + r + 1)
            if meaning is not None:
                meaning[int(i)] = meaning.get(int(i), 0.0) + weight / (RRF_K + r + 1)
        return weight

    def _show_dense_best(self, results: list[Result], dense: dict[int, int], found: Candidates, top_k: int) -> None:
        """The meaning-based ranking's best passage at place DENSE_SLOT (after any cited articles),
        when no result above that place comes from its document; it leaves its place further down."""
        i = min(dense, key=dense.__getitem__)
        doc, key = self._doc_of[i], self._key_of[i]
        at = max(DENSE_SLOT, sum(r.reason == "citation" for r in results) + 1) - 1
        if at >= top_k or any(r.chunk["doc_id"] == doc for r in results[:at + 1]):
            return
        if key and "part" in self.signals:
            i = self._best_part(i, found.bm, found)
        c = self.chunks[i]

        def same(r: Result) -> bool:  # the same provision, or the same passage of a document without articles
            return r.chunk["doc_id"] == doc and (r.chunk.get("article_key") == key if key
                                                  else r.chunk.get("id") == c.get("id"))
        rest = [r for r in results if not same(r)]
        d = self.documents[c["doc_id"]]
        score = rest[at - 1].score if 0 < at <= len(rest) else 0.0  # shown in order: as high as the one above
        rest.insert(min(at, len(rest)), Result(0, score, c, d, self.doc_path(d), "dense"))
        results[:] = rest[:top_k]
        for n, r in enumerate(results, 1):
            r.rank = n

    def _boost_coordination(self, fused: dict[int, float], terms: list[str]) -> None:
        """The passage that holds distinctly more of the question's words than the first gains COORD_BOOST."""
        best = sorted(fused, key=lambda i: -fused[i])[:COORD_CANDIDATES]
        if len(best) < 2:
            return
        held = self.held_shares(terms, best)
        most = held.max()
        winners = [i for i, h in zip(best, held, strict=True) if h >= most - 1e-9]
        if most - held[0] < COORD_MARGIN or len(winners) > COORD_TIES:
            return
        for i in winners:
            fused[i] += COORD_BOOST

    def _applied_in(self, row: int) -> str:
        """The sentences by which this passage applies other provisions (準用), "" when none; read
        once per passage and kept."""
        got = self._applying.get(row)
        if got is None:
            text = search_form(self.chunks[row]["text"])
            for _ in range(3):  # 「第九条(第一項各号を除く。)、第九条の二…を準用する」: asides out, inner ones first
                text = _ASIDE.sub("", text)
            label = search_form(self.chunks[row].get("article_label", ""))
            text = text.strip().removeprefix(label) if label else text  # its own number is not a reference
            got = self._applying[row] = "。".join(_APPLYING.findall(text))
        return got

    def _applies(self, a: int, b: int) -> bool:
        """Does passage ``a`` apply the article of passage ``b`` by name (「第九条の二…の規定を準用する」)?"""
        said = self._applied_in(a)
        label = search_form(self.chunks[b].get("article_label", ""))
        return bool(said and label) and re.search(re.escape(label) + _NOT_LONGER, said) is not None

    def held_terms(self, terms: list[str], row: int) -> frozenset[str]:
        """The question's terms that one passage holds (the BM25 matrix's postings)."""
        out = set()
        for t in set(terms):
            rows = self._postings(t)
            k = np.searchsorted(rows, row)
            if k < len(rows) and rows[k] == row:
                out.add(t)
        return frozenset(out)

    def _boost_applying(self, fused: dict[int, float], allowed: np.ndarray, terms: list[str]) -> None:
        """Applying articles (準用) read with the article they apply, when together they hold more of
        the question than any of the best passages alone."""
        best = sorted(fused, key=lambda i: -fused[i])[:APPLY_SOURCES]
        if len(best) < 2:
            return
        total = sum(self.idf(t) for t in set(terms))
        if not total:
            return

        def share(words: frozenset[str]) -> float:
            return sum(self.idf(t) for t in words) / total

        held = {i: self.held_terms(terms, i) for i in best}
        most = max(share(h) for h in held.values())
        gains: dict[int, float] = {}
        for b in best:
            key = self._key_of[b]
            if not key:
                continue
            doc = self._doc_of[b]
            for src, akey in self.graph.cited_by((doc, key)):
                if src != doc:
                    continue  # 準用 within one law (「第九条の二…の規定を準用する」), not an order's mention of it
                for a in self.catalog.passages(self.catalog.title_of(doc), akey):
                    if self._doc_of[a] != doc or not allowed[a] or not self._applies(a, b):
                        continue
                    own = held.get(a)
                    if own is None:
                        own = held[a] = self.held_terms(terms, a)
                    both = share(own | held[b])
                    # each brings what the other lacks (whom the rule is for, what it is), and together
                    # they hold more than any one passage
                    if own - held[b] and held[b] - own and both > most:
                        gains[a] = max(gains.get(a, 0.0), both)
        if not gains:
            return
        top = max(gains.values())
        for a, g in gains.items():
            if g >= top - 1e-9:
                fused[a] = fused.get(a, 0.0) + APPLY_BOOST

    def _boost_titles(self, fused: dict[int, float], terms: list[str]) -> None:
        """Passages of documents whose titles hold the question's words, by the share of its weight they hold."""
        wanted = set(terms)
        total = sum(self.idf(t) for t in wanted)
        if not total:
            return
        share: dict[str, float] = {}
        for i in fused:
            d = self._doc_of[i]
            if d not in share:
                words = self._title_terms.get(d)
                if words is None:  # tokenized once per document, when it first has a candidate
                    words = self._title_terms[d] = frozenset(
                        self.tokenizer.plain_tokens(self.catalog.title_of(d))) - QUESTION_WORDS
                share[d] = sum(self.idf(t) for t in words & wanted) / total
            fused[i] += TITLE_BOOST * share[d]

    def title_vectors(self) -> TitleVectors | None:
        """Each document's title embedded as a passage, unit length: stored by the build. An index built
        before them has them made once, for a small library only: when the app warms the model
        (``load_embedder(warm=True)``, in a thread of its own), else at the first English question."""
        if self._title_vectors is not None or len(self.documents) > TITLE_VECTORS_MAX_DOCS:
            return self._title_vectors
        # warming calls this right after publishing the model: it is not loaded (nor asked for) again
        if self.embedder is not None or self.load_embedder():
            docs = list(self.documents)
            self._title_vectors = TitleVectors(docs, unit_rows(self.embedder.get_text_embedding_batch(
                [self.documents[d]["title"] for d in docs])))
        return self._title_vectors

    def _boost_document_by_meaning(self, fused: dict[int, float], text: str, allowed: np.ndarray) -> None:
        """The candidates of the document whose title is nearest the question by meaning gain DOCUMENT_BOOST
        (an English question: its words cannot name a Japanese document, its meaning can)."""
        got = self.title_vectors()
        q = self._query_vector(text) if got is not None else None
        if got is None or q is None:
            return
        present = {self._doc_of[i] for i in fused if allowed[i]}
        order = [d for d in got.nearest_first(q) if d in present]
        if not order:
            return
        for i in fused:
            if self._doc_of[i] == order[0]:
                fused[i] += DOCUMENT_BOOST

    def _unmeant_script(self, text: str, allowed: np.ndarray) -> np.ndarray | None:
        """Per passage, is it of an English document — when the question's meaning is nearer the title of
        some other document than any English one's by SCRIPT_MARGIN (None otherwise, or when the search
        allows documents of one script only)."""
        got = self.title_vectors()
        q = self._query_vector(text) if got is not None else None
        if got is None or q is None:
            return None
        present = set(np.asarray(self._doc_of, dtype=object)[allowed]) if not allowed.all() else None
        latin = {d: latin_title(self.documents[d]["title"]) for d in got.docs}  # English (Latin title) or not
        best = {True: -np.inf, False: -np.inf}  # the nearest title of each script
        for d, s in zip(got.docs, (got.matrix @ q).tolist(), strict=True):
            if present is None or d in present:
                best[latin[d]] = max(best[latin[d]], s)
        if not np.isfinite(best[True]) or best[True] >= best[False] - SCRIPT_MARGIN:
            return None
        return self._passages_of({d for d, english in latin.items() if english})

    def _first_passage(self, doc: str, key: str) -> int | None:
        rows = self.catalog.passages(self.catalog.title_of(doc), key)
        return rows[0] if rows else None

    def _boost_delegations(self, fused: dict[int, float], allowed: np.ndarray,
                           cited: list[tuple[str | None, str]], question_text: str) -> None:
        """The order articles that fill in what the leading (or cited) act articles delegate; those of a cited
        article gain CITED_DELEGATION_BOOST when the question asks what an order decides."""
        sources: list[tuple[str, str]] = []
        for title, key in cited:
            docs = self.catalog.titled(title) if title else []
            if len(docs) == 1:
                sources.append((docs[0], key))
        asks = DELEGATION_WORDS.search(question_text) is not None
        n_cited = len(sources) if asks and "cited delegation" in self.signals else 0
        if asks:  # the question asks what an order decides
            for i, _ in sorted(fused.items(), key=lambda kv: -kv[1])[:DELEGATION_SOURCES]:
                key = self._key_of[i]
                if key:
                    sources.append((self._doc_of[i], key))
        done: set[int] = set()
        for k, src in enumerate(sources):
            for doc, key in self.graph.delegates_to(src):
                row = self._first_passage(doc, key)
                if row is not None and allowed[row] and row not in done:
                    done.add(row)
                    fused[row] = fused.get(row, 0.0) + (CITED_DELEGATION_BOOST if k < n_cited else DELEGATION_BOOST)

    def _boost_definitions(self, fused: dict[int, float], allowed: np.ndarray, text: str,
                           named: set[str], terms: list[str]) -> None:
        """Definitions of the terms the question uses, in the laws it names or its results come from."""
        laws = set(named) | {self.catalog.title_of(self._doc_of[i])
                             for i, _ in sorted(fused.items(), key=lambda kv: -kv[1])[:DELEGATION_SOURCES]}
        total = sum(self.idf(t) for t in set(terms))
        if not total:
            return
        done: set[int] = set()
        rest = text
        for term in self._terms:
            if term not in rest:
                continue
            rest = rest.replace(term, "\x00")  # a shorter term inside it is not used on its own
            words = self._term_words.get(term)
            if words is None:  # tokenized once per defined term and kept, as passage subjects are
                words = self._term_words[term] = frozenset(self.query_terms(term))
            own = words & set(terms)
            share = sum(self.idf(t) for t in own) / total
            for doc, key in self.graph.defined_in(term):
                if self.catalog.title_of(doc) not in laws:
                    continue
                row = self._defining_part(doc, key, term)
                if row is not None and allowed[row] and row not in done:
                    done.add(row)
                    fused[row] = fused.get(row, 0.0) + DEFINITION_BOOST * share

    def _boost_meaning(self, fused: dict[int, float], allowed: np.ndarray, text: str, named: set[str]) -> None:
        """The definition of the term whose meaning the question asks, in the laws it names or its results come from."""
        m = _ASKS_MEANING.search(search_form(text))
        if not m:
            return
        term = m.group(1) or m.group(2)
        laws = set(named) | {self.catalog.title_of(self._doc_of[i])
                             for i, _ in sorted(fused.items(), key=lambda kv: -kv[1])[:DELEGATION_SOURCES]}
        # 「実用新案でいう考案」: the longest defined term the asked words end with
        for start in range(len(term) - 1):
            places = self.graph.defined_in(term[start:])
            if places:
                break
        for doc, key in places:
            if self.catalog.title_of(doc) in laws:
                row = self._defining_part(doc, key, term[start:])
                if row is not None and allowed[row]:
                    fused[row] = fused.get(row, 0.0) + MEANING_BOOST
                    return

    def _best_part(self, i: int, bm: np.ndarray, found: Candidates | None = None) -> int:
        """The part of a split article to show. A part brought in by a citation or the legal graph,
        not by its words, is shown by its sibling that holds most of the question's words. A part
        found by its words is shown by the sibling with the most evidence from words and the graph
        (its fused score without what the dense and window rankings added, ``part words``): which
        article answers is the fusion's to decide, but which of its pages is the words' — the windows
        rank the parts of one long article by their best 200 characters, a near tie that put a
        neighbouring page of the commentary first (モデル就業規則 第40条: p.51 shown, p.50 asked)."""
        rows = self.catalog.passages(self.catalog.title_of(self._doc_of[i]), self._key_of[i])
        rows = [r for r in rows if self._doc_of[r] == self._doc_of[i]]
        if len(rows) < 2:
            return i
        if bm[i] > 0:  # found by its own words
            if found is None or "part words" not in self.signals or not found.meaning:
                return i

            def words(r: int) -> float:
                return found.fused.get(r, 0.0) - found.meaning.get(r, 0.0)
            best = max(rows, key=words)
            return best if words(best) > words(i) + 1e-12 else i
        best = max(rows, key=lambda r: bm[r])
        return best if bm[best] > 0 else i

    def _demote_overviews(self, fused: dict[int, float], text: str) -> None:
        """Purpose and scope articles count half unless the question asks for a purpose."""
        if _ASKS_PURPOSE.search(text):
            return
        if self._overviews is None:  # found once per index: only first articles qualify
            self._overviews = frozenset(
                i for i, k in enumerate(self._key_of) if k == "1" and not self.chunks[i].get("part", 0)
                and _OVERVIEW.match(search_form(self.chunks[i]["text"]).strip()))
        for i in self._overviews & fused.keys():
            fused[i] *= OVERVIEW_FACTOR

    def _defining_part(self, doc: str, key: str, term: str) -> int | None:
        """The part of the defining article that holds the definition: 第二条 of a law with many
        terms is split, and 「営業秘密」とは is pages after the part that opens it."""
        rows = [r for r in self.catalog.passages(self.catalog.title_of(doc), key) if self._doc_of[r] == doc]
        if len(rows) > 1 and "part" in self.signals:
            for r in rows:
                text = self.chunks[r]["text"]
                if f"「{term}」とは" in text or f"「{term}」という" in text:
                    return r
        return rows[0] if rows else None

    def _states_rule_on(self, i: int, wanted: set[str]) -> bool:
        """Is the subject of the passage's first sentence made only of question terms?"""
        if not wanted:
            return False
        subject = self._subjects.get(i)
        if subject is None:  # tokenized once per passage and kept: searches repeat passages
            c = self.chunks[i]
            if c.get("part", 0):
                subject = frozenset()
            else:  # and once per text: copies and editions of a law repeat their articles word for word
                subject = self._subject_of_text.get(c["text"])
                if subject is None:
                    if len(self._subject_of_text) >= SUBJECT_TEXTS:
                        self._subject_of_text.clear()
                    m = _SUBJECT.match(search_form(c["text"]).strip())
                    subject = frozenset(self.query_terms(m.group(1))) if m else frozenset()
                    self._subject_of_text[c["text"]] = subject
            self._subjects[i] = subject
        return len(subject) >= 2 and subject <= wanted

    def references(self, title: str | None, key: str) -> list[tuple[str, str]]:
        """(law title, article key) of the provisions an article cites in its text (the build's graph)."""
        docs = self.catalog.titled(title) if title else []
        if len(docs) != 1:
            return []
        return [(self.catalog.title_of(d), k) for d, k in self.graph.refers_to((docs[0], key))]

    def _cited(self, title: str | None, key: str, allowed: np.ndarray,
               laws: list[str], english: bool = False, paragraph: int | None = None) -> list[int]:
        """Best chunk of the cited article: the part holding the cited paragraph, else the first.

        "Section 4.020" with no document named is the one English document that has it.
        """
        titles = [title] if title else laws[:1]
        if english and not titles:
            titles = [t for t in self.catalog.laws_with(key) if latin_title(t)]
            titles = titles if len(titles) == 1 else []
        for t in titles:
            ids = [i for i in self.catalog.passages(t, key) if allowed[i]]
            if ids:
                return [self._part_with(ids, paragraph)] if paragraph and len(ids) > 1 else ids[:1]
        return []

    def _part_with(self, ids: list[int], paragraph: int) -> int:
        """The part of a split article that holds ``paragraph`` (「第2条第6項」 was shown by the part
        holding 第1項), else the first part."""
        chunks = [self.chunks[i] for i in ids]
        for i, c in zip(ids, chunks, strict=True):
            first, last = c.get("paragraph"), c.get("paragraph_end")
            if first is not None and last is not None and first <= paragraph <= last:
                return i
        # parts cut inside one long paragraph carry no range: the paragraph's first words find it,
        # where the statute prints its numbers (elsewhere paragraphs are only inferred, and a
        # guessed part showed a wrong page)
        prov = read_provision(chunks)
        par = prov.paragraph(paragraph) if prov.numbered else None
        if par is not None:
            start = search_form(par.text).strip()[:30]
            for i, c in zip(ids, chunks, strict=True):
                if start and start in search_form(c["text"]):
                    return i
        return ids[0]

    def _filter_mask(self, documents: list[str] | None, folder: str | None) -> np.ndarray:
        mask = np.ones(len(self.chunks), dtype=bool)
        if documents:
            wanted = {search_form(d) for d in documents}
            keep = {d: self.catalog.title_of(d) in wanted or any(doc["path"].endswith(w) for w in wanted)
                    for d, doc in self.documents.items()}
            mask &= self._passages_of({d for d, kept in keep.items() if kept})
        if folder:
            try:
                f = Path(folder).resolve()
            except (OSError, ValueError):
                raise RegLensError(f"not a usable folder: {folder!r}") from None
            inside = {d: bool(p) and _under(Path(p), f)
                      for d, p in ((d, self.doc_path(doc)) for d, doc in self.documents.items())}
            mask &= self._passages_of({d for d, kept in inside.items() if kept})
        return mask


def without_function_words(text: str) -> str:
    """The text without its English function words (NLTK's list, as bm25s ships it): Sudachi reads
    "how", "what", "the" as loanwords (ハウ, ホワット, ザ), rare in the library, so an English question's
    function words outweighed its content words in the lexical ranking, matched stray passages of
    Japanese documents and made the question look known (its dense weight low). An all-capitals word
    (IT, US) is an abbreviation and stays."""
    return _LATIN_WORD.sub(lambda m: " " if m.group(0).lower() in _FUNCTION_WORDS and not (
        len(m.group(0)) > 1 and m.group(0).isupper()) else m.group(0), text)


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    """``np.argsort(-scores, kind="stable")[:k]`` without sorting every passage: the k-th highest
    score is found by partition, and only the passages at or above it are sorted (stably, so ties
    keep passage order exactly as the full sort does)."""
    if len(scores) <= k:
        return np.argsort(-scores, kind="stable")
    kth = np.partition(scores, len(scores) - k)[len(scores) - k]
    above = np.flatnonzero(scores >= kth)
    return above[np.argsort(-scores[above], kind="stable")][:k]


_KANJI_RUN = re.compile(r"[\u4e00-\u9fff々]{3,}")
_LATIN_WORD = re.compile(r"(?<![A-Za-z0-9'])[A-Za-z]+(?:'[a-z]+)?(?![A-Za-z0-9])")
_FUNCTION_WORDS = frozenset(STOPWORDS_EN_PLUS)
_KATAKANA_WORD = re.compile(r"[\u30a1-\u30fa\u30fc]+")
_HIRAGANA_ONLY = re.compile(r"[\u3041-\u3096ー\s、。？?！!]+")
_HIRAGANA_RUN = re.compile(r"[\u3041-\u3096ー]+")
_PARTICLES = frozenset("ノハヲガニデトモヘヤカネヨナ")  # between the words of a kana question
_ENDINGS = frozenset(("デスカ", "マスカ", "デショウカ", "デス", "マス", "カ", "ナノ", "ナノカ"))
_IDEOGRAPHS = re.compile(r"[\u4e00-\u9fff々]")


def _katakana(hiragana: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in hiragana)


def _has_kana(text: str) -> bool:
    return any("\u3040" <= c <= "\u30ff" for c in text)



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
