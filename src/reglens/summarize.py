"""Extractive answers: the sentences of the top passages that answer, each tagged [n].

Nothing is generated, so nothing can be invented: every sentence shown is a
sentence (or a 号 item, or a table row) of the cited provision. Candidates are
scored by

* the answer type the question expects (何年 → a duration, どこに → an office,
  できますか → the sentence that permits or forbids; :mod:`answertype`);
* meaning: dense similarity of question and sentence (the index's query model);
* lexical overlap (IDF-weighted) with the question, of the sentence and of its
  passage (caption, the lead clause of an item);
* the passage's rank, whether the question cited that provision, and whether
  the sentence opens its provision (where rules are stated).

The best candidate is the answer; a second one is added only when it is close
and brings what the first lacks (the other half of 「できますか。いつ終わりますか」),
more only for list questions. A matching 号 item is quoted with its lead clause
(「次の各号のいずれかに該当する者は、…できない。」+「三 …」), not with the whole article.
A question a document asks itself (Q&A: 「問７ …どの程度を指すのか。」) is not an answer;
the sentence after it (「（答）30分程度を指す。」) is, read with the question's words.

Whether the answer is trusted is a verdict calibrated on the natural question set
(``benchmarks/answer_eval.py``): when unsure, the best candidate is still shown,
labelled 「該当する可能性のある規定」.

Every answer sentence carries its position in the passage and, through it, the
PDF positions of its own lines (:mod:`sentence_spans`) and the character ranges of
the words that answer.
"""

from __future__ import annotations

import hashlib
import math
import re
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from . import answertype as at
from .errors import Cancelled
from .legal.format import key_label, provision_text
from .legal.grammar import ARTICLE_NO, article_keys, english_keys, paragraph_number, scan
from .legal.grammar import item_key as grammar_item_key
from .legal.names import latin_title
from .legal.provisions import Provision, read_provision
from .normalize import search_form
from .query import Analysis, analyse, question_kind
from .search import Index, Result
from .structure import CONTENTS_ENTRY, topic_headings

MAX_SENTENCES = 4
# an item is read with its lead clause's words (it is quoted with them): its lexical overlap is at
# least this share of theirs together
ITEM_LEX = 1.0
MAX_CHARS = 420
PASSAGES = 10  # search results the answer is drawn from (top 10 vs 5: docs/history/answers.md)
# a list question is answered by the lead clause and all its items (「三六協定で協定すべき内容」 has
# eleven): up to LIST_MAX_ITEMS items within LIST_MAX_CHARS, more than a sentence answer's MAX_CHARS
LIST_MAX_ITEMS = 12
LIST_MAX_CHARS = 600
# ... and when the best unit holds no list, a close one of its passage that enumerates in one
# sentence (「ID、氏、名、性別、連絡先が必須項目」) is the answer too, as a lead with its items is
# (1: yes; docs/history/answers.md, round 9)
LIST_INLINE = 1
# ``elsewhere`` (round 9) read only under a fee schedule's item heading (1) or under any heading (0)
ELSEWHERE_FEES = 1
_FEE_ITEM = re.compile(r"(?:料|加算|料金)[\s　]*$")
# table rows: cells of at most CELL_CHARS join the row label before them, up to ROW_CHARS
CELL_CHARS = 16
ROW_CHARS = 160
# a table's value cell that a PDF's text puts at the start of the next row's line (「五分の一（二）前項
# 第一号に掲げる居室」, 「５点ロ 時間外対応加算２」): a short cell with a number, before a row label
_SPILLED = re.compile(r"^([^。、\s　]{0,14}?[0-9０-９一二三四五六七八九十百千万][^。、\s　]{0,6}?)"
                      r"(?=[（(][0-9０-９一二三四五六七八九十]{1,3}[)）]|"
                      r"[イロハニホヘトチリヌルヲワカヨタレソツネナラム][\s　]|"
                      # a fee schedule's item code and note (「91,500点Ｋ０８２－５ 人工距骨…」「3,620点注 介達…」)
                      r"[Ａ-ＺA-Z][0-9０-９]{3}(?:[－\-][0-9０-９]+)*[\s　]|注[0-9０-９]*[\s　]|"
                      # 「11 個別の…」 is a paragraph number; 「2026年10 月31 日」 a date spaced by the PDF
                      r"(?<![0-9０-９])[0-9０-９]{1,2}[\s　]+(?![年月日時分秒円点%％人回件歳か箇ヶ]))")
# Scoring weights (benchmarks/answer_eval.py, natural set and lawqa dev; docs/history/answers.md)
# Each candidate's score is a weighted sum of these features (``_Unit.feats``):
#   lex     share of the question's IDF weight in the sentence
#   ctx     ... in the sentence with its passage's caption and its item's lead clause
#   typed   share of the expected answer types whose words the sentence holds
#   rank    1 / the passage's search rank
#   first   the sentence opens its provision (where rules are stated)
#   cited   the question cited this provision (第N条)
#   focus   share of the sentence's own IDF weight that is the question's
#   defines the sentence defines a term of the question (「X」とは、…をいう)
#   listed  a list is asked for and the sentence introduces one (次に掲げる, 以下のとおり) or is an item
#   rare    how few other candidates hold the types asked (measured; weight 0: docs/history/answers.md)
#   borrowed a 準用 clause (measured; weight 0)
#   local   the question's words held, each weighted by how few other candidates hold it (measured,
#           weight 0: docs/history/answers.md, round 7)
#   doc     1 / the rank of the passage's document among the results' documents (a duration
#           sentence of another law, far below, must not outscore the top results' own rule)
#   section the question's share in the title the unit stands under (round 8's feature; round 9
#           measured its weight: docs/history/answers.md)
#   elsewhere the unit stands under a heading sharing none of the question's words while another
#           candidate's heading shares some (a fee schedule's neighbouring item; round 9)
TYPED_WEIGHTS = {"lex": 1.0, "ctx": 1.0, "typed": 0.6, "rank": 0.3, "first": 0.1, "cited": 1.0, "cond": 0.5,
                 "focus": 0.5, "defines": 0.5, "listed": 0.3, "doc": 0.0, "section": 0.0, "elsewhere": 0.0}
# the passage's search rank n enters as n ** -RANK_POWER (1: 1, 1/2, 1/3 …; 0.5 measured, no better)
RANK_POWER = 1.0
# questions that ask for no particular kind of answer (「…について正しいものは」): overlap
UNTYPED_WEIGHTS = {"lex": 1.0, "rank": 0.3, "first": 0.15, "cited": 1.0, "section": 0.0, "elsewhere": 0.0}
# the question's compounds read by their parts (docs/history/answers.md, round 7): 0 no, 1 a compound the
# library never writes whole (調剤薬局 → 薬局), 2 also one whose parts a unit holds all of (提出期限)
PARTS_MODE = 1
# ... and a compound the library writes whole, held by a unit in part (初診料 by 「初診を行った場合」): this
# share of its weight times the share of its parts held
PART_CREDIT = 0.0
W_DENSE = 2.0    # dense similarity, relative to the best candidate's
DENSE_CANDIDATES = 12
DENSE_CHARS = 160
# Window vectors (an index built with them, windows.py): a unit's best overlapping window's
# similarity to the question, looked up (nothing embedded but the question), relative to the best
# unit's. docs/history/windows.md: benchmarks/window_dense.py.
W_WINDOW = 0.0
# ``meaning`` feature (a learned ranking's): 1 for the unit whose best window is nearest the question
# in meaning, 0 this far below it
WINDOW_SPAN = 0.1


@dataclass(frozen=True)
class UnitRanking:
    """Weights of a unit's features (``_Unit.feats``), read off the dev sets instead of set by
    hand (docs/history/answers.md, round 8): one table for questions of a type, one for the others.
    A unit's score is the weighted sum, as with the hand-set tables it replaces; fitted by
    ``benchmarks/unit_ranker.py`` (a conditional logit over each question's candidates, the
    weights kept non-negative and rescaled so that the best unit's mean score on the dev sets is
    the hand-set tables': the answer is built from score ratios, ``SECOND_RATIO`` and the others,
    and only the verdict's margin reads the scale, which the calibration below is refitted for)."""

    typed: dict[str, float]
    untyped: dict[str, float]
    # the verdict refitted on the answers these tables give (as CALIBRATION, CALIBRATION_WORDS)
    calibration: dict[str, float] | None = None
    calibration_words: dict[str, float] | None = None
    # the kinds of question (``query.question_kind``) these tables rank; the others keep the
    # hand-set tables and the shipped calibration. Empty: every question (round 10: a ranking read
    # off natural questions, applied to lawqa's questions, lost one of them). So does an empty table.
    kinds: tuple[str, ...] = ()

    def ranks(self, kind: str, typed: bool = True) -> bool:
        """Whether a question of this kind (asking for a type of answer or not) is ranked with
        these tables; an empty table leaves its questions to the hand-set one."""
        return (not self.kinds or kind in self.kinds) and bool(self.typed if typed else self.untyped)


# The tables fitted on the three dev sets (round 8; ``benchmarks/unit_ranker.py … --rows R``, the
# "fitted on all" line, and its calibration). NOT in use: left out of sample they held +1 / −1 / +4
# answers on dev / dev2 / dev3 and one fewer on lawqa, and a ranking is adopted only when it gains on
# every set (docs/history/answers.md, round 8); blended with the hand-set tables, the blend's weight
# chosen out of sample (round 9, ``unit_ranker.py --blend``), not adopted either. Kept to be measured:
# ``answer_eval.py --set UNIT_RANKING=FITTED_RANKING``.
FITTED_RANKING = UnitRanking(
    typed={"lex": 0.471, "ctx": 0.594, "rank": 0.247, "first": 0.001, "cited": 0.325, "cond": 0.294,
           "defines": 0.481, "listed": 0.007, "section": 0.419, "pos": 0.131, "short": 0.184, "meaning": 0.838,
           "local": 0.142, "rare": 0.609, "proviso": 0.033},
    untyped={"lex": 0.088, "rank": 0.199, "cited": 0.338, "ctx": 0.327, "focus": 0.077, "plocal": 0.005,
             "short": 0.118, "meaning": 0.333, "local": 0.294, "rare": 0.047, "proviso": 0.08},
    calibration={"evidence": 1.180, "ctx": 3.708, "meaning_rank": 0.818, "bias": -2.395},
    calibration_words={"evidence": 0.986, "ctx": 2.181, "bias": -1.518})
# Round 10: the round-9 blend, score = ½·hand-set + ½·learned (``unit_ranker.py --blend``; λ ½ was
# round 9's nested choice on every fold), for plain and English questions only, and for those only
# its table for questions of a type: the statute-worded questions (all but 22 of lawqa's) and the
# questions asking for no type (lawqa's 「正しいものを教えてください」) keep the hand-set tables and the
# shipped calibration. The learned part weighs a unit's nearness in meaning (``meaning``), which
# the hand-set tables do not: a paraphrased or English question shares few words with its answer.
# Left out of sample it held +1 / 0 / +2 answers on dev / dev2 / dev3 and lawqa unchanged
# (docs/history/answers.md, round 10). Round 12 refitted it on the four dev sets (``unit_ranker.py
# --loso all:0.1 --kinds plain,english --typed-only``: L2 0.1, every feature, λ ¾ chosen by the
# ranking's top-1 leaving one set out): left out of sample per set it held 236 answers of 390
# against the round-10 blend's 232. Its calibration is fitted on the answers it ranks (plain and
# English questions asking for a type) of the four sets: judged leaving one set out, that cost
# 102 against 115 fitted on every question.
BLENDED_RANKING = UnitRanking(
    typed={"cited": 0.5222, "cond": 0.257, "ctx": 0.6175, "defines": 0.4587, "first": 0.0723, "focus": 0.1392,
           "lex": 0.6573, "listed": 0.075, "local": 0.1387, "meaning": 0.6202, "pos": 0.0338, "proviso": 0.0353,
           "rank": 0.2985, "rare": 0.4193, "section": 0.303, "short": 0.1733, "typed": 0.15},
    untyped={},
    calibration={"evidence": 1.513, "ctx": 4.117, "meaning_rank": 0.927, "bias": -2.773},
    calibration_words={"evidence": 1.251, "ctx": 2.269, "bias": -1.692},
    kinds=("plain", "english"))
# the ranking in use; None: the hand-set TYPED_WEIGHTS / UNTYPED_WEIGHTS for every question (measured as
# ``answer_eval.py --set UNIT_RANKING=HAND_SET``; a sweep of TYPED_WEIGHTS reaches plain and English
# questions only so)
HAND_SET: UnitRanking | None = None
UNIT_RANKING: UnitRanking | None = BLENDED_RANKING
# Neighbours (round 11): the answer also reads the passages next to its first NEIGHBOUR_HOSTS
# results — the passage before and after on a page they share, and the other parts of the same
# split article — since a third of the answers whose phrase was in no result had it there
# (benchmarks/answer_neighbours.py, session 26). A neighbour's unit is ranked as its host's
# (the passage-rank feature of the result it neighbours) times NEIGHBOUR_FACTOR; when it is
# chosen, its passage becomes a result of its own, after the search's, so [n] names it exactly.
# 0 hosts: no neighbours read. Round 11 (docs/history/answers.md): 5 hosts, factor 1, a neighbour a
# close-call rival only when short enough to be shown beside the best, none for an untyped question:
# +1 / 0 / +1 answers on dev / dev2 / dev3, lawqa's answers and the confident wrong ones unchanged.
NEIGHBOUR_HOSTS = 5
NEIGHBOUR_FACTOR = 1.0
# A neighbour's unit may be the answer or the sentence bringing what it lacks; as a close-call rival
# shown beside the best: 0 as any unit, 1 never (_close_second, _closer), 2 as the close second only
# when short enough to be shown beside the best (a long one kept the results' own close second out)
NEIGHBOUR_RIVALS = 2
# 0: a question asking for no type of answer reads no neighbours (its answer is one sentence per result;
# with them, lawqa lost a gold provision's sentence to another part of the first result's article)
NEIGHBOUR_UNTYPED = 0
# the parts of one split article lie within this many passages of each other
ARTICLE_SPAN = 6
# A question the document asks (Q&A, 「…でよいか。」) scores this share: its answer follows it
ASK_FACTOR = 0.5
# A second sentence must be at least this close to the best one's score
SECOND_RATIO = 0.8
# ... and one this close is shown even when the best has what was asked (a close call)
CLOSE_RATIO = 0.8
# ... and more candidates as close as this are shown too, up to CLOSE_MORE of them within
# CLOSE_MORE_CHARS (docs/history/answers.md, round 6)
CLOSE_MORE = 1
CLOSE_MORE_RATIO = 0.85
CLOSE_MORE_CHARS = 300
# An unsure answer also shows the best unit of another passage when it scores within this share of
# the best (0: never) and the two are at most RUNNER_UP_CHARS long (docs/history/answers.md, round 8)
RUNNER_UP_RATIO = 0.0
RUNNER_UP_CHARS = 250
# A question that asks for no particular kind of answer gets up to this many sentences
UNTYPED_SENTENCES = 4
UNTYPED_RATIO = 0.5
# Verdict. The summarizer's own score of the answer (``evidence``: the best unit's share of the
# question, the passages' cover, the type asked, the margin to the runner-up; scaled down below) is
# turned into the chance that the answer is right, a logistic model fitted on the three dev sets
# (benchmarks/answer_calibrate.py; docs/history/answers.md, round 7) with two more signals: ``ctx``, the
# share of the question the best unit holds with its setting, and, when search embedded the
# question, ``meaning_rank``: where the best unit's passage stands among the passages by meaning
# (1, 1/2, …; looked up, nothing embedded for it). A confident wrong answer misleads; a right one
# labelled 「該当する可能性のある規定」 only asks the clerk to check it, so the first costs twice the
# second and an answer is confident when its chance is at least 2/3. Before round 7 the verdict
# was ``evidence >= 1.2``.
CALIBRATION = {"evidence": 0.853, "ctx": 4.486, "meaning_rank": 1.463, "bias": -3.233}
# ... an index without a meaning model: the same fitted without meaning_rank
CALIBRATION_WORDS = {"evidence": 0.577, "ctx": 3.231, "bias": -1.959}
MIN_CONFIDENCE = 2 / 3
W_MARGIN = 2.0
# ... and a question asking for a value (何時間, いくら, どこに) answered by no value of that kind
# is at most tentative (value scaled by this)
NO_VALUE_FACTOR = 0.6
# ... and so is one whose value stands in a unit holding less than this share of the question's
# words (its own and its item's lead; docs/history/answers.md, round 5)
VALUE_LEX = 0.0
# ... and so is one from below the FAR_RANK-th passage in another document than the first result's
FAR_RANK = 3
FAR_FACTOR = 0.6
# ... and passages holding less than this share of the question's words make it fall off
MIN_COVER = 0.1
# ... and below this evidence nothing is shown as an answer at all (only the closest provisions)
MIN_TENTATIVE = 0.15
# Kept for callers of the previous summarizer (generate.py, settings)
MIN_COVERAGE = 0.5
KEEP_RATIO = 0.5
_OPEN, _CLOSE = "「（(『【", "」）)』】"
_QUALIFIER = re.compile(r"^(ただし|但し|この場合において|この場合には|この場合)")
# 「…守らなければならない。その職を退いた後においても、同様とする。」: the second sentence
# extends the first rule and says nothing alone
_SAME = re.compile(r"(?:においても|についても|も)、?同様とする。$")
SAME_MAX = 40
_EN_BREAK = re.compile(r"(?<=[a-z0-9)][.;])\s+(?=[A-Z(])")
# a 号 number is followed by a space (「三　禁錮以上の刑…」); 「一四〇以上」「五年」 without one are
# table cells (statutes: 3,557 lines of the first kind, 179 of the second, all cells)
_ITEM = re.compile(r"^(?:[一二三四五六七八九十百]+(?:の[一二三四五六七八九十]+)*(?=[\s　])|"
                   r"[イロハニホヘトチリヌルヲワカヨタレソツネナラム](?=[\s　])|"
                   r"[(（][0-9０-９a-zａ-ｚ一二三四五六七八九十ivxイロハニホヘト]{1,4}[)）]|[①-⑳]|[・•●○◆◇■□]|"
                   r"[0-9０-９]{1,2}[.．)）]|[a-z][.)]|[*＊\-‐](?=[\s　]))[\s　]*\S")
# a manual's numbered line (「1 労務提供上の支障がある場合」), an item when it follows a lead
_NUMBERED = re.compile(r"^[0-9０-９]{1,2}[\s　]+\S")
_NUMBERED_LABEL = re.compile(r"^[0-9０-９]{1,2}[\s　]+")
# how a paragraph (not an item) opens: it refers to the paragraphs before it
_PARAGRAPH_OPENS = re.compile(r"^(?:前項|前各項|前条|同項|第[0-9０-９一二三四五六七八九十]+項|この条)")
_MARK = re.compile(r"^[\s　]*(?:[0-9０-９]{1,2}[.．)）]|[(（][0-9０-９]{1,2}[)）])")  # 「3.」 opening a point
_TOC = CONTENTS_ENTRY  # a table-of-contents line (structure.py keeps them out of passages)
_ASK_OPEN = re.compile(r"^[（(【]?[\s　]?(?:問|質問|Q)[\s　]?[0-9０-９一二三四五六七八九十]*(?:[-－][0-9０-９]+)?"
                       r"(?:[)）】]|[\s　.．:：])[\s　]*|"
                       r"^[（(][\s　]?間[\s　]?[0-9０-９]+[\s　]?[)）][\s　]*")  # OCR reads 問 as 間: 「(間2)」
_ANSWER_OPEN = re.compile(r"^(?:[（(【][\s　]?(?:答|回答|A)[0-9０-９]*[\s　]?[)）】]|(?:答|回答)[0-9０-９]*[\s　:：]|"
                          r"A[0-9０-９]*[.:：])[\s　]*")
_INTERROGATIVE = re.compile(r"(?:か|でしょうか|ですか|のか)[。？?]?$|[？?]$")
_HEADING = re.compile(r"^(?:Article|Section|Chapter)\s+[0-9]+[^.;:]{0,80}?(?:\s[0-9]{1,2}\.)?$")
# a section title of a manual or a guideline: 「【適用が猶予される中小企業】」「1. 焼津データマップ概要」, a
# term label before its definition 「AI 利用者（AI Business User）」. It answers nothing itself; its
# words are the setting of the lines under it (like a caption), not a rival to them
_TITLE_TERM = re.compile(r"^[^、。，,（(]{1,30}[（(][A-Za-z][A-Za-z .\-]{1,40}[)）]$")
_TITLE = re.compile(r"^【[^】]{1,40}】$|"
                    # 「第１２条（職場のパワーハラスメントの禁止）」 alone on its line: an article's heading
                    r"^第[0-9０-９一二三四五六七八九十百]+条(?:の[0-9０-９一二三四五六七八九十]+)*"
                    r"[\s　]*[（(][^）)]{1,40}[）)]$|"
                    r"^[0-9０-９]{1,2}(?:[.．\-－][0-9０-９]{1,2})*[.．][\s　]*[^\s　。、，,]{1,30}$|"
                    + _TITLE_TERM.pattern)
# the condition a question sets (「海外の製造業者の場合は」「本人が希望すれば」「保健所のある市だと」): the words
# before the conditional, back to the previous clause
_COND = re.compile(r"([^、。？?]{2,40}?)"
                   r"(?:の場合|場合|とき|時[はに]|ならば?|であれば|れば|たら|だと|ても|でも|以外|を除)")
# a unit that states an exception or a special case (ただし…この限りでない, …にかかわらず, …を除き)
_PROVISO = re.compile(r"ただし|但し|この限りでない|にかかわらず|を除き|を除く|以外の|特例")
_BORROWED = re.compile(r"(?:準用する|準用される|例による|同様とする)。?$")
# (「５０人以下の事業主」 is a limit, not 「以下のとおり」)
_LEAD = re.compile(r"各号|次に掲げる|次の|下記|following|[:：]$|"
                   r"(?<![0-9０-９一二三四五六七八九十百千万人円歳日月年間分件回度%％])以下の")
_LABEL = re.compile(rf"^{ARTICLE_NO}[\s　]+|^[0-9０-９]{{1,3}}[\s　]+")
# 「X」とは、…をいう; 「DFFT」（Data Free Flow with Trust）: an abbreviation spelled out
_DEFINES = re.compile(r"「([^」]{1,40})」(?:とは|[（(])|"
                      r"^(?:この(?:法律|政令|省令|規則|規程|要綱)において)?([^、。「」]{1,30})とは、")
# sentence terms per loaded index (dropped with it), most recent TERMS_CACHE texts
TERMS_CACHE = 50000
_TERMS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_TERMS_LOCK = threading.Lock()
TENTATIVE = "該当する可能性のある規定"
NEIGHBOUR = "neighbour"  # a result's ``reason`` when the answer cites a passage next to a search result
NO_ANSWER = "明確な回答は見つかりませんでした"


@dataclass
class Sentence:
    text: str
    passage: int  # 1-based number of the cited passage
    score: float = 0.0
    cites: list[int] = field(default_factory=list)  # all passages cited, when more than one
    start: int = -1  # character offsets of ``text`` in its passage's text (-1: not from a passage)
    end: int = -1
    role: str = "sentence"  # sentence | lead (of the item that follows) | item
    emphasis: list[tuple[int, int]] = field(default_factory=list)  # answering words, ranges in text
    # the sentence's place down to its paragraph (and item) when that is more than its passage's
    # citation says: 「第二十六条第一項」 ("" when the document prints no 項 numbers, the article
    # has one paragraph, or the sentence was not found in it)
    provision: str = ""
    # [page, x0, y0, x1, y1] of its lines, found when first asked for (the viewer asks on a
    # click; reading the PDF's lines again was half the answer's time): see ``spans``
    _spans: list[list[float]] | None = field(default=None, repr=False)
    _spans_exact: bool = field(default=False, repr=False)
    _where: tuple | None = field(default=None, repr=False, compare=False)  # (chunk, doc_path)

    @property
    def spans(self) -> list[list[float]]:
        """PDF boxes of the sentence's own lines (empty when it is not from a passage)."""
        if self._spans is None:
            self._spans, self._spans_exact = [], False
            if self._where is not None and self.start >= 0:
                from .sentence_spans import locate
                chunk, doc_path = self._where
                self._spans, self._spans_exact = locate(chunk, doc_path, self.start, self.end)
        return self._spans

    @spans.setter
    def spans(self, value: list[list[float]]) -> None:
        self._spans = value

    @property
    def spans_exact(self) -> bool:
        """The positions were read from the PDF (else estimated from line geometry)."""
        self.spans  # noqa: B018 - located on first use
        return self._spans_exact

    @spans_exact.setter
    def spans_exact(self, value: bool) -> None:
        self._spans_exact = value

    @property
    def cited(self) -> list[int]:
        return self.cites or [self.passage]

    @property
    def marks(self) -> str:
        return "" if self.role == "lead" else "".join(f"[{n}]" for n in self.cited)

    def to_json(self) -> dict:
        return {"text": self.text, "cites": self.cited, "role": self.role,
                "start": self.start, "end": self.end, "provision": self.provision,
                "emphasis": [list(r) for r in self.emphasis],
                "spans": self.spans, "spans_exact": self.spans_exact}


@dataclass
class Answer:
    question: str
    passages: list[Result]
    sentences: list[Sentence] = field(default_factory=list)
    weak: bool = False  # not a confident answer: sentences (if any) are only a candidate
    coverage: float = 0.0
    confidence: float = 0.0
    answer_types: list[str] = field(default_factory=list)
    signals: dict = field(default_factory=dict)  # what the confidence was computed from
    # the scored candidates, best first (what benchmarks/answer_eval.py --why reads)
    candidates: list = field(default_factory=list, repr=False)

    @property
    def verdict(self) -> str:
        if not self.weak:
            return "answer"
        return "tentative" if self.sentences else "none"

    @property
    def text(self) -> str:
        # one sentence (or item) a line, as the app shows them: an export must not run them
        # together (「…ありませ2.MF登録申請の…」, user test)
        body = "\n".join(f"{s.text}{s.marks}" for s in self.sentences)
        if not self.weak:
            return body
        if self.sentences:
            return f"{NO_ANSWER}。{TENTATIVE}：\n{body}"
        return f"{NO_ANSWER}。関連する規定：" + "、".join(
            f"{r.chunk['doc_title']} {r.chunk.get('article_label') or ''}[{n}]".replace(" [", "[")
            for n, r in enumerate(self.passages[:3], 1))

    def to_json(self) -> dict:
        return {
            "question": self.question, "answer": self.text, "verdict": self.verdict,
            "weak_evidence": self.weak, "confidence": round(self.confidence, 3),
            "coverage": round(self.coverage, 3), "answer_types": self.answer_types, "generated": False,
            "sentences": [s.to_json() for s in self.sentences],
            "citations": [{"n": n, **r.to_json()} for n, r in enumerate(self.passages, 1)],
        }


def sentence_offsets(text: str, wrapped: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split at 。 outside brackets, at line ends and
    between English sentences; 「ただし…」「この場合において…」 stay on the sentence
    they qualify. Offsets exclude surrounding white space.

    ``wrapped``: the lines were wrapped by the page, not by the text (OCR of a scan:
    「MF登録申\n請は、無料で行っています。」), so a line end splits only after a sentence
    end or before an item, a question or an answer."""
    raw: list[tuple[int, int]] = []
    pos = 0
    work = _unwrap(text) if wrapped else text
    for line in work.split("\n"):
        depth, start = 0, 0
        for i, ch in enumerate(line):
            if ch in _OPEN:
                depth += 1
            elif ch in _CLOSE:
                depth = max(0, depth - 1)
            elif ch == "。" and depth == 0:
                raw.append((pos + start, pos + i + 1))
                start = i + 1
        if start < len(line):
            rest = line[start:]
            cut = start
            for m in _EN_BREAK.finditer(rest):
                raw.append((pos + cut, pos + start + m.start()))
                cut = start + m.end()
            raw.append((pos + cut, pos + len(line)))
        pos += len(line) + 1
    out: list[tuple[int, int]] = []
    for a, b in raw:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a >= b:
            continue
        if out and (_QUALIFIER.match(text[a:b]) or b - a <= SAME_MAX and _SAME.search(text[a:b].replace("\n", ""))):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _unwrap(text: str) -> str:
    """``text`` with the line breaks inside sentences replaced by a line separator (same
    length, so offsets still point into ``text``)."""
    lines = text.split("\n")
    out = [lines[0]]
    for prev, line in zip(lines, lines[1:], strict=False):
        ends = prev.rstrip()[-1:] in ("", "。", "．", "！", "？", "!", "?", "：", ":")
        opens = bool(_ITEM.match(line) or _MARK.match(line) or _ASK_OPEN.match(line) or _ANSWER_OPEN.match(line))
        out.append(("\n" if ends or opens else "\u2028") + line)
    return "".join(out)


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` (line breaks inside a merged sentence removed)."""
    return [text[a:b].replace("\n", "") for a, b in sentence_offsets(text)]


def _strip_label(sentence: str) -> str:
    """「第三条　借地権の…」 → 「借地権の…」: the citation carries the number."""
    return _LABEL.sub("", sentence, count=1)


@dataclass
class _Unit:
    passage: int
    pos: int  # order in the passage
    start: int
    end: int
    text: str
    terms: set[str]
    is_item: bool = False
    lead: _Unit | None = None
    score: float = 0.0
    lex: float = 0.0
    ctx: float = 0.0
    dense: float | None = None
    has_items: bool = False  # a lead clause followed by its items
    asks: bool = False  # a question (問…か。): no answer in itself
    answers: bool = False  # the first sentence of the answer to the question before it
    context: set[str] = field(default_factory=set)  # the question's words, for its answer
    section: set[str] = field(default_factory=set)  # the words of the title the unit stands under
    title: str = ""  # that title
    opens: bool = False  # the first unit under its title (where a section states its point)
    rank: int = 0  # the search rank it is ranked by: its passage's, or the result a neighbour stands by
    neighbour: bool = False  # from a passage next to a result, not from a result (``Summarizer._neighbours``)
    hits: dict = field(default_factory=dict)
    feats: dict = field(default_factory=dict)


class Summarizer:
    def __init__(self, index: Index, max_sentences: int = MAX_SENTENCES, max_chars: int = MAX_CHARS,
                 min_coverage: float = MIN_COVERAGE, min_confidence: float = MIN_CONFIDENCE,
                 dense: bool = False, spans: bool = True):
        self.index = index
        self.max_sentences = max_sentences
        self.max_chars = max_chars
        self.min_coverage = min_coverage
        self.min_confidence = min_confidence
        self.use_dense = dense
        self.with_spans = spans
        # compute every feature a ranking may weigh, also those the weights in use leave out
        # (benchmarks/unit_ranker.py reads them off the candidates)
        self.all_features = False
        self.idf = index.idf
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()  # sentence vectors by content hash
        # terms of sentences, shared by every Summarizer of this index: the app makes one per
        # question, and the same provisions come back for related questions
        with _TERMS_LOCK:
            self._terms_cache = _TERMS.setdefault(index, OrderedDict())
        self._read: tuple[str, Analysis] | None = None  # the question being answered, read once

    # -- helpers -------------------------------------------------------------
    def _analysis(self, question: str) -> Analysis:
        """The question read by the reference grammar (``query.analyse``), once per answer: its kind
        chooses the ranking, and its topic tells whether search embedded it (meaning, windows)."""
        if self._read is None or self._read[0] != question:
            self._read = (question, analyse(question, self.index.names))
        return self._read[1]

    def _topic(self, question: str) -> str:
        """What search embedded and ranked for this question (``Analysis.topic``)."""
        return self._analysis(question).topic(self.index.catalog.titled)

    def _terms(self, text: str) -> set[str]:
        hit = self._terms_cache.get(text)
        if hit is None:
            hit = frozenset(self.index.query_terms(text))
            with _TERMS_LOCK:
                self._terms_cache[text] = hit
                while len(self._terms_cache) > TERMS_CACHE:
                    self._terms_cache.popitem(last=False)
        return set(hit)

    def _only_citation(self, q: set[str]) -> bool:
        """The question's words are a citation and nothing more (law names, article numbers)."""
        names = self.index.names.canonical
        return bool(q) and all(t.startswith("§") or t in names or t in names.values() for t in q)

    def _aliases(self, q: set[str]) -> dict[str, str]:
        """Other spellings in the library of the question's terms → the question's term."""
        variants = getattr(self.index, "variants", None)
        if variants is None:
            return {}
        out: dict[str, str] = {}
        for t in sorted(q):
            for v in variants([t]):
                out.setdefault(v, t)
        if PARTS_MODE:
            # a compound of the question the library never writes whole (調剤薬局, where it says
            # 薬局): a unit holding one of its parts holds it, as search reads it by its parts
            vocab = self._vocab()
            for t in sorted(q):
                if t not in vocab:
                    for p in self.index.library_parts(t, q):
                        out.setdefault(p, t)
        return out

    def _vocab(self):
        bm25 = getattr(self.index, "bm25", None)
        return getattr(bm25, "vocab_dict", {}) if bm25 is not None else {}

    def _compounds(self, q: set[str]) -> list[tuple[str, dict[str, float]]]:
        """The question's compounds the library also writes whole, with their parts' weights
        (初診料 → 初診, 料): a unit saying 「初診を行った場合」 speaks of 初診料 in part."""
        vocab = self._vocab()
        out = []
        for t in sorted(q):
            if t in vocab:
                parts = {p: self.idf(p) for p in self.index.library_parts(t, q)}
                if parts and math.fsum(parts.values()) > 0:
                    out.append((t, parts))
        return out

    def _part_credit(self, compounds: list[tuple[str, dict[str, float]]], terms: set[str]) -> float:
        """The weight of the question's compounds a unit holds only in part: each compound's own
        weight times the share of its parts' weight the unit holds."""
        return math.fsum(self.idf(t) * math.fsum(w for p, w in parts.items() if p in terms) / math.fsum(parts.values())
                         for t, parts in compounds if t not in terms)

    def _wholes(self, q: set[str]) -> list[tuple[str, frozenset[str]]]:
        """The question's compounds the library also writes apart (提出期限 → 提出, 期限): a unit
        holding all the parts (「…三月以内に…提出しなければならない」 holds 提出 but says 期限 as a
        period) holds the compound."""
        if PARTS_MODE < 2:
            return []
        vocab = self._vocab()
        out = []
        for t in sorted(q):
            if t in vocab:
                parts = frozenset(self.index.library_parts(t, q))
                if len(parts) >= 2:
                    out.append((t, parts))
        return out

    def _weight(self, terms: set[str]) -> float:
        # fsum: a plain sum over a set depends on the set's order, which changes with the process's
        # string hashing, and a verdict at the threshold flipped from run to run (README round 6)
        return math.fsum(self.idf(t) for t in terms)

    def _defines(self, text: str, q: set[str]) -> bool:
        """Does the sentence define a term the question names (「再処理」とは、…をいう)?"""
        for m in _DEFINES.finditer(text):
            term = self._terms(m.group(1) or m.group(2) or "")
            if term and self._weight(term & q) >= 0.5 * self._weight(term):
                return True
        return False

    def _labels(self, title: str, q: set[str]) -> bool:
        """Is the title a term label (「AI 利用者（AI Business User）」) of a term the question names?
        The line under it is the term's definition."""
        if not _TITLE_TERM.match(title):
            return False
        term = self._terms(title)
        return bool(term) and self._weight(term & q) >= 0.5 * self._weight(term)

    def _sentence_vectors(self, texts: list[str]) -> np.ndarray | None:
        emb = self.index.embedder
        if emb is None:
            return None
        model = getattr(emb, "model_name", "")
        keys = [hashlib.sha1(f"{model}\x00{t}".encode()).hexdigest() for t in texts]
        missing = [i for i, k in enumerate(keys) if k not in self._vectors]
        if missing:
            vecs = emb.get_text_embedding_batch([texts[i] for i in missing])
            for i, v in zip(missing, vecs, strict=True):
                self._vectors[keys[i]] = _unit(np.asarray(v, dtype=np.float32))
            while len(self._vectors) > 50000:
                self._vectors.popitem(last=False)
        return np.stack([self._vectors[k] for k in keys])

    def _query_vector(self, question: str) -> np.ndarray | None:
        if not self.use_dense or self.index.dense is None or not self.index.load_embedder():
            return None
        getter = getattr(self.index, "query_vector", None)
        v = getter(question) if getter else self.index._query_vector(question)
        return None if v is None else _unit(np.asarray(v, dtype=np.float32))

    def _units(self, n: int, r: Result) -> list[_Unit]:
        text = r.chunk["text"]
        units: list[_Unit] = []
        lead: _Unit | None = None
        lead_numbering: str | None = None  # how the lead's items are numbered: "arabic", "other"
        asking: set[str] | None = None  # terms of the open question of a Q&A (問…か。), if any
        answering = False  # the units since the last question are its answer
        first = False  # the next unit opens the answer
        section: tuple[str, set[str]] = ("", set())  # the title the next units stand under
        for pos, (a, b) in enumerate(_row_cells(text, sentence_offsets(text, wrapped=bool(r.chunk.get("ocr"))))):
            s = text[a:b]
            # 「1 労務提供上の支障がある場合」 after a lead is an item of a manual's numbered list,
            # not a paragraph numbered 1 (whose number the citation carries)
            # ... unless the lead's items are numbered otherwise (①, 一) or the line opens as a
            # paragraph does (「２ 前項の規定により…」): user test, 第2項 shown as an item of 第1項's lead
            numbered = lead is not None and bool(_NUMBERED.match(s)) and (len(s) <= 60 or not s.endswith("。")) \
                and lead_numbering in (None, "arabic") and not _PARAGRAPH_OPENS.match(_NUMBERED_LABEL.sub("", s))
            stripped = s if numbered else _strip_label(s)
            a += len(s) - len(stripped)
            s = stripped.replace("\n", "")
            if _TOC.search(s):
                continue  # 「監査ログ取得 ........ 47」: a table of contents line answers nothing
            opens_ask, opens_answer = bool(_ASK_OPEN.match(s)), bool(_ANSWER_OPEN.match(s))
            if len(_ASK_OPEN.sub("", s) if opens_ask else _ANSWER_OPEN.sub("", s)) < 4 and (opens_ask or opens_answer):
                # a bare 「（問３）」 or 「（答）」 line: it opens the block, it is no candidate
                if opens_ask:
                    asking, answering = set(), False
                else:
                    answering, first = True, True
                continue
            if not s or _HEADING.match(s):
                continue  # 「Article 20 Right to data portability 1.」 is a title, not an answer
            if (lead is None or s.startswith(("【", "第"))) and _TITLE.match(s):
                # a 【…】 box title is a title even after a lead clause (a manual's commentary
                # box follows its article's items): a heading alone never answers
                lead = None
                section = (s, self._terms(s))  # 「1. 焼津データマップ概要」: the setting of what follows
                continue
            is_item = numbered or bool(_ITEM.match(s)) and pos > 0
            prev = units[-1] if units else None
            if (prev is not None and not is_item and len(s) <= CELL_CHARS and "。" not in s
                    and not prev.text.endswith("。") and len(prev.text) + len(s) <= ROW_CHARS
                    and not text[prev.end:a].strip()):
                # a table cell (「一四〇以上」) after its row's label: one candidate, the row
                prev.end = b
                prev.text += s
                prev.terms = self._terms(prev.text)
                continue
            if len(s) < 4:
                continue  # too short to say anything alone (a row's 「５点」 has joined its row above)
            u = _Unit(n, pos, a, b, s, self._terms(s), is_item=is_item, title=section[0], section=section[1],
                      opens=bool(section[0]) and not (units and units[-1].title == section[0]))
            if is_item:
                u.lead = lead
                if lead is not None:
                    lead.has_items = True
                    lead_numbering = lead_numbering or ("arabic" if numbered else "other")
            else:
                lead = u if _LEAD.search(s) else None
                lead_numbering = None
            # Q&A (疑義解釈, 質疑応答集): a question is no answer; the sentences after it are,
            # read with the question's words (「（答）30分程度を指す。」 says nothing alone)
            if opens_ask:
                asking, answering = set(), False
            elif opens_answer:
                answering, first = True, True
            if asking is not None and not answering:
                u.asks = True
                asking |= u.terms
                if _INTERROGATIVE.search(s):
                    answering, first = True, True  # the question ends here; what follows answers it
            elif _INTERROGATIVE.search(s) and not is_item:
                u.asks = True
                asking, answering, first = set(u.terms), True, True
            elif asking is not None:
                u.context = asking
                u.answers, first = first, False
            units.append(u)
        return units

    # -- answering -----------------------------------------------------------
    def answer(self, question: str, top_k: int = PASSAGES, **filters) -> Answer:
        return self.answer_from(question, self.index.search(question, top_k=top_k, **filters))

    def answer_from(self, question: str, passages: list, stop: Callable[[], bool] | None = None) -> Answer:
        """The answer made of these search results (the app shows them before it has the answer).

        ``stop`` is asked between passages; when it says so the answer is abandoned with
        :class:`~reglens.errors.Cancelled` (the app's newer question or Esc: composing an
        answer takes up to a few hundred ms on a busy machine, and its result would be dropped)."""
        kinds = at.expected(question)
        ans = Answer(question, passages, answer_types=sorted(kinds))
        if not passages:
            ans.weak = True
            return ans
        q = self._terms(question)
        q_weight = self._weight(q) or 1.0
        # the library's other spellings of the question's words count as those words
        # (取扱い/取り扱い are one normalized form already; 癌/がん, ごみ/ゴミ only by reading)
        alias = self._aliases(q)
        wholes = self._wholes(q)
        compounds = self._compounds(q) if PART_CREDIT else []
        units_asked = at.asked_units(question)
        # the question's own condition (「海外の製造業者の場合は」): a unit that carries it beats the
        # provision's opening sentence carrying only the general topic
        cond = q & _canon(self._terms(_condition(search_form(question))), alias)
        cond_weight = self._weight(cond)
        units: list[_Unit] = []
        best_cover = 0.0
        named = _article_keys(question)
        # the provision the question cites; also when search did not know the document's
        # name as a law (「スマートマップ焼津利用規約第12条」, 「GDPR Article 20」): the article number
        # alone counts only when search resolved no citation (else other laws' 第二十八条 would)
        resolved = any(r.reason == "citation" for r in passages)
        # ... and never for another law than the one the question names (「借地借家法第99条」, an
        # article it does not have, was answered with 金融商品取引法 and 電気事業法 第九十九条)
        laws = {h.title for h in self.index.names.find(search_form(question))}
        cited_at = [r.reason == "citation" or not resolved and bool(r.chunk.get("article_key"))
                    and r.chunk["article_key"] in named
                    and (not laws or self.index.catalog.title_of(r.chunk.get("doc_id", "")) in laws)
                    for r in passages]
        # 「借地借家法第28条」 and nothing else: the answer is that provision, not other laws' 第二十八条
        only_cited = any(cited_at) and self._only_citation(q)
        if named and not any(cited_at) and self._only_citation(q):
            ans.weak = True  # a citation of a provision the library lacks: nothing here answers it
            return ans
        # 「特許法第67条第2項」: the cited paragraph (or item), not the article's first one
        parts = _cited_parts(question)
        inexact = False  # a cited item the cited paragraph does not have (answered by the paragraph)
        # each passage's document's rank among the results' documents (first appearance)
        docs: dict[str, int] = {}
        for r in passages:
            docs.setdefault(_doc_of(r), len(docs) + 1)
        # the results' neighbours, read after them (none for a bare citation: the cited article is the answer)
        near = [] if only_cited or not (kinds or NEIGHBOUR_UNTYPED) else self._neighbours(passages)
        pool = list(passages) + [r for _, r in near]
        host = list(range(1, len(passages) + 1)) + [h for h, _ in near]
        covers: dict[int, float] = {}  # each passage's share of the question
        for n, r in enumerate(pool, 1):
            if stop is not None and stop():
                raise Cancelled()
            rank = host[n - 1]
            cited = n <= len(passages) and cited_at[n - 1]
            if only_cited and not cited:
                continue
            heading = " ".join(topic_headings(r.chunk))
            context = _canon(self._terms(r.chunk.get("caption", "") + " " + heading), alias, wholes)
            # the item of a fee schedule the passage stands under (「Ａ００１ 再診料」「６ 20対１入院基本料」)
            head = _canon(self._terms(heading), alias, wholes) if _FEE_ITEM.search(heading) or not ELSEWHERE_FEES \
                else set()
            p_terms = _canon(self._terms(r.chunk["text"]), alias, wholes) | context
            cover = 1.0 if cited else self._weight(q & p_terms) / q_weight
            p_weight = self._weight(q & p_terms)
            if n > len(passages) and r.chunk.get("article_key") and \
                    r.chunk["article_key"] == passages[rank - 1].chunk.get("article_key"):
                cover = max(cover, covers[rank])  # another part of its article: the article's words hold
            covers[n] = cover
            if n <= len(passages):  # the verdict reads the results' cover (and the winner's own, below)
                best_cover = max(best_cover, cover)
            punits = self._units(n, r)
            for u in punits:
                u.terms = _canon(u.terms, alias, wholes)
                u.rank, u.neighbour = rank, n > len(passages)
            outside, exact = self._outside_cited_part(r, punits, parts) if cited else (set(), True)
            inexact |= not exact
            for u in punits:
                # another paragraph of the cited article is not what the question cites
                unit_cited = cited and id(u) not in outside
                if only_cited and not unit_cited:
                    continue
                own = q & u.terms
                # the first sentence of a Q&A answer is read with its question's words
                u.lex = self._weight(own | (q & u.context if u.answers else set())) / q_weight
                if ITEM_LEX and u.is_item and u.lead is not None:
                    u.lex = max(u.lex, ITEM_LEX * self._weight(q & (u.terms | u.lead.terms)) / q_weight)
                section = _canon(u.section, alias)  # the title the unit stands under
                ctx = q & (context | (u.lead.terms if u.lead else set()) | u.context | section)
                u.ctx = max(cover, self._weight(own | ctx) / q_weight) if u.pos == 0 or u.lead or u.answers else \
                    self._weight(own | ctx) / q_weight
                u.ctx = 0.5 * (u.ctx + cover)
                if PART_CREDIT and compounds:
                    credit = self._part_credit(compounds, u.terms | (u.lead.terms if u.lead else set())) / q_weight
                    u.lex += PART_CREDIT * credit
                    u.ctx += 0.5 * PART_CREDIT * credit
                u.hits = at.type_hits(u.text, kinds, units_asked)
                if at.LIST in kinds and (u.has_items or u.is_item):
                    u.hits[at.LIST] = []  # a lead clause with its items is what a list question wants
                if not kinds and not unit_cited and \
                        self._weight(q & (u.terms | (u.lead.terms if u.lead else set()))) / q_weight < 0.1:
                    continue  # nothing in particular asked: only sentences (or items) that share words
                u.feats = {
                    "lex": u.lex, "ctx": u.ctx, "rank": rank ** -RANK_POWER, "first": float(u.pos == 0 or u.answers),
                    "cited": float(unit_cited),
                    "doc": 1.0 / docs[_doc_of(r)],
                    "typed": len(u.hits) / len(kinds) if kinds else 0.0,
                    # share of the sentence's own weight that is the question's: a long
                    # sentence touching many topics says less about this one
                    "focus": self._weight(own) / (self._weight(u.terms) or 1.0),
                    "defines": float(at.DEFINITION in kinds and (self._defines(u.text, q) or
                                                                 u.opens and self._labels(u.title, q))),
                    "listed": float(at.LIST in kinds and (u.has_items or u.is_item or bool(_LEAD.search(u.text)))),
                    # 「…の規定は、…について準用する。」: a rule borrowed from elsewhere states nothing here
                    "borrowed": float(bool(_BORROWED.search(u.text))),
                    "cond": self._weight(cond & (u.terms | (u.lead.terms if u.lead else set()))) / cond_weight
                    if cond_weight else 0.0,
                    "proviso": float(bool(cond) and bool(_PROVISO.search(u.text))),
                    # round 8 (learned ranking, ``UNIT_RANKING``): the words of the title the unit
                    # stands under; its share of the question's words its own passage holds (the
                    # topic every unit of a passage shares tells none of them apart); where it
                    # stands in the passage; how short it is; a 号 item
                    "section": self._weight(q & section) / q_weight,
                    "plocal": self._weight(own) / p_weight if p_weight else 0.0,
                    "pos": 1.0 / (1.0 + u.pos),
                    "short": 1.0 / (1.0 + len(u.text) / 100.0),
                    "item": float(u.is_item),
                    # round 9: the share of the question in the heading the unit stands under (its
                    # passage's, 「６ 20対１入院基本料」, or its title); read by ``_elsewhere``
                    "heading": self._weight(q & (head | section)) / q_weight
                    if head or u.section and not ELSEWHERE_FEES else -1.0,
                }
                units.append(u)
        ans.coverage = best_cover
        if not units:
            ans.weak = True
            return ans
        # what sets a unit apart is read among the results' units: a neighbour competes, it does not
        # change how the results' own units compare (nor, unless shown, the verdict's margin)
        population = [u for u in units if not u.neighbour] or units
        _specificity(units, kinds, population)
        _elsewhere(units, population)
        self._distinct(units, q, population)
        ranking = self._ranking(question, bool(kinds))
        if ranking is not None:
            weights = ranking.typed if kinds else ranking.untyped
        else:
            weights = TYPED_WEIGHTS if kinds else UNTYPED_WEIGHTS
        if weights.get("meaning") or self.all_features:
            self._window_feats(question, units, pool)
        for u in units:
            u.score = sum(weights.get(k, 0.0) * v for k, v in u.feats.items())
            if u.asks:
                u.score *= ASK_FACTOR  # a question asked in the document is not its answer
            if u.neighbour:
                u.score *= NEIGHBOUR_FACTOR  # next to a result, not found by search itself
        self._add_dense(question, units)
        self._add_windows(question, units, pool)
        ranked = sorted(units, key=lambda u: -u.score)
        ans.candidates = ranked
        best_cover = max(best_cover, covers[ranked[0].passage])  # a neighbour's, when it wins
        # 「建基令第126条の2第1項」 and nothing else, citing no 号: the cited paragraph's lead is the
        # answer; its first item quoted in full is not what was cited (user test: ~560 characters,
        # the [1] below the fold). The items stay one click away, in the viewer.
        lead_alone = only_cited and not any(item for _, item in parts.values())
        chosen = self._choose(ranked, kinds, _question_parts(question), lead_alone)
        evidence = self._confidence(ranked, best_cover, kinds, chosen, ans.signals,
                                    across=self._across_scripts(question, pool[ranked[0].passage - 1]))
        ans.signals["evidence"] = evidence
        ans.signals.update(self._meaning(question, passages, ranked[0].rank))
        ans.confidence = _chance(ans.signals, ranking)
        # 「特許法第67条第2項第3号」 where 第2項 has no items: its paragraph is quoted, never as the answer
        ans.weak = ans.confidence < self.min_confidence or inexact
        if ans.weak and RUNNER_UP_RATIO:
            chosen = chosen + self._runner_up(ranked, chosen)
        ans.passages = self._cite_neighbours(ans, chosen if evidence >= MIN_TENTATIVE else [], pool, len(passages))
        if evidence >= MIN_TENTATIVE:
            ans.sentences = self._sentences(chosen, ans.passages, kinds, q, units_asked)
        return ans

    def _neighbours(self, passages: list) -> list[tuple[int, Result]]:
        """The passages next to the first ``NEIGHBOUR_HOSTS`` results, each with the rank of the
        result it stands by: the passage before and after in the same document on a page the two
        share, and the other parts of the same split article. The search shows one part of an
        article and one passage of a page's run; the sentence that answers is often in the next
        one (「…三十年とする。」's article goes on in its second part). None is already a result."""
        if not NEIGHBOUR_HOSTS:
            return []
        chunks = self.index.chunks
        seen = {r.chunk.get("id") for r in passages}
        out: list[tuple[int, Result]] = []
        for n, r in enumerate(passages[:NEIGHBOUR_HOSTS], 1):
            i, doc, key = r.chunk.get("id"), r.chunk.get("doc_id"), r.chunk.get("article_key")
            if not isinstance(i, int):
                continue
            span = range(i - ARTICLE_SPAN, i + ARTICLE_SPAN + 1) if key else range(i - 1, i + 2)
            for m in sorted(span, key=lambda m: abs(m - i)):
                if m in seen or not 0 <= m < len(chunks) or not self._same_place(m, doc, key, abs(m - i) == 1):
                    continue
                c = chunks[m]
                if key and c.get("article_key") == key or set(c.get("pages", [])) & set(r.chunk.get("pages", [])):
                    seen.add(m)
                    out.append((n, Result(0, 0.0, c, r.doc, r.doc_path, NEIGHBOUR, beside=n)))
        return out

    def _same_place(self, m: int, doc: str | None, key: str | None, next_to: bool) -> bool:
        """Whether passage ``m`` may neighbour a result of document ``doc`` (article ``key``): in
        the same document, and right next to it or a part of the same article. Read from the
        index's passage columns when it has them (a passage is read from disk only if it may be)."""
        docs, keys = getattr(self.index, "_doc_of", None), getattr(self.index, "_key_of", None)
        if docs is None or keys is None:
            c = self.index.chunks[m]
            return c.get("doc_id") == doc and (next_to or bool(key) and c.get("article_key") == key)
        return docs[m] == doc and (next_to or bool(key) and keys[m] == key)

    def _cite_neighbours(self, ans: Answer, chosen: list[_Unit], pool: list, results: int) -> list:
        """The results the answer cites: the search's, then each neighbour a chosen unit comes from,
        as a result of its own (its own document, article and page: [n] must name where the
        sentence is). Units are renumbered to match; candidates from neighbours not cited are
        dropped from ``ans.candidates`` (their numbers name no result)."""
        wanted: list[int] = []
        for u in chosen:
            for x in (u, u.lead):
                if x is not None and x.passage > results and x.passage not in wanted:
                    wanted.append(x.passage)
        number = {m: results + j for j, m in enumerate(wanted, 1)}
        kept = [u for u in ans.candidates if u.passage <= results or u.passage in number]
        moved: dict[int, _Unit] = {}
        for u in kept + [u.lead for u in kept if u.lead is not None] + chosen:
            if u.passage in number and id(u) not in moved:
                moved[id(u)] = u
        for u in moved.values():
            u.passage = number[u.passage]
        ans.candidates = kept
        return list(pool[:results]) + [replace(pool[m - 1], rank=number[m]) for m in wanted]

    def _ranking(self, question: str, typed: bool) -> UnitRanking | None:
        """The ranking in use for this question (``UNIT_RANKING`` where it ranks the question's
        kind), None for the hand-set tables."""
        ranking = UNIT_RANKING
        if ranking is None or not ranking.kinds and ranking.typed and ranking.untyped:
            return ranking
        kind = question_kind(self._analysis(question)) if ranking.kinds else ""
        return ranking if ranking.ranks(kind, typed) else None

    def _distinct(self, units: list[_Unit], q: set[str], population: list[_Unit] | None = None) -> None:
        """``local``: the question's words in a unit weighted by how few of the other candidates
        hold them. The question's topic (特許, 原子力, 再処理等拠出金) is in nearly every
        retrieved unit and tells none of them apart; the words only a few hold (期限, 提出先,
        外国製造業者) point to the one that answers. Scored against the candidates' own
        vocabulary, not the library's (whose IDF ranks the topic words highest)."""
        if not units:
            return

        def read(u: _Unit) -> set[str]:
            return q & (u.terms | (u.lead.terms if u.lead else set()) | (u.context if u.answers else set()))

        reads = [read(u) for u in units]
        population = units if population is None else population
        df: dict[str, int] = {}
        for words in map(read, population):
            for t in words:
                df[t] = df.get(t, 0) + 1
        n = len(population)
        weight = {t: self.idf(t) * (1.0 - c / (n + 1)) for t, c in df.items()}
        total = math.fsum(weight.values()) or 1.0
        for words in reads:  # a neighbour's word no result's unit holds
            weight.update({t: self.idf(t) for t in words if t not in weight})
        for u, words in zip(units, reads, strict=True):
            u.feats["local"] = math.fsum(weight[t] for t in words) / total

    def _meaning(self, question: str, passages: list, n: int) -> dict:
        """How near in meaning the best unit's passage is to the question, when search embedded
        the question (its vector is kept; nothing is embedded here: a question whose words the
        library all knows is ranked by its words, and embedding it only for the verdict cost
        p95 1.2-1.6 s on the busy test machine): ``meaning_rank`` 1, 1/2, … among the passages."""
        ix = self.index
        last = getattr(ix, "_last_query", None)
        if ix.dense is None or last is None:
            return {}
        topic = self._topic(question)
        spelled = ix.spelled_in_kana(topic)
        if last[0] not in (topic, " ".join(spelled) if spelled else topic):
            return {}  # search ranked this question by its words alone
        qv = last[1]
        if ix._dense_row_of is None:
            ix._dense_row_of = {c: i for i, c in enumerate(ix.dense.rows)}
        sims = []
        for r in passages:
            row = ix._dense_row_of.get(r.chunk.get("id"))
            sims.append(float(np.asarray(ix.dense.matrix[row], dtype=np.float32) @ qv) if row is not None else None)
        known = sorted((x for x in sims if x is not None), reverse=True)
        if not known or sims[n - 1] is None:
            return {}
        return {"meaning_rank": 1.0 / (1 + known.index(sims[n - 1]))}

    def _add_dense(self, question: str, units: list[_Unit]) -> None:
        qv = self._query_vector(question)
        if qv is None:
            return
        top = sorted(units, key=lambda u: -u.score)[:DENSE_CANDIDATES]
        texts = [(u.lead.text[:60] + " " if u.lead else "") + u.text[:DENSE_CHARS] for u in top]
        vecs = self._sentence_vectors(texts)
        if vecs is None:
            return
        sims = vecs @ qv
        best = float(sims.max())
        for u, s in zip(top, sims, strict=True):
            u.dense = float(s)
            u.score += W_DENSE * (float(s) - best)
        floor = min(u.score for u in top) if len(top) == DENSE_CANDIDATES else None
        if floor is not None:  # not embedded: no better than the weakest embedded one
            for u in units:
                if u.dense is None:
                    u.score = min(u.score, floor - 1e-6)

    def _window_feats(self, question: str, units: list[_Unit], passages: list) -> None:
        """``meaning``: how near in meaning the unit's best overlapping window is to the question,
        against the best unit's: 1 for the best, falling to 0 at ``WINDOW_SPAN`` below it. Looked
        up only when search embedded this question (it does when the index has windows): nothing
        is embedded here, so an index without windows scores 0 for every unit (no effect on the
        order)."""
        ix = self.index
        windows, last = getattr(ix, "windows", None), getattr(ix, "_last_query", None)
        if windows is None or last is None or not units:
            return
        topic = self._topic(question)
        if last[0] != (topic or question):
            return
        got = _window_similarities(windows, last[1], units, passages)
        if not got:
            return
        # measured against the results' best unit (a neighbour nearer still scores 1, as the best)
        best = max((s for u, s in got if not u.neighbour), default=max(s for _, s in got))
        for u, s in got:
            u.feats["meaning"] = min(1.0, max(0.0, 1.0 - (best - s) / WINDOW_SPAN))

    def _add_windows(self, question: str, units: list[_Unit], passages: list) -> None:
        windows = getattr(self.index, "windows", None)
        if not W_WINDOW or windows is None or not self.index.load_embedder():
            return
        topic = self._topic(question)
        q = self.index.query_vector(topic or question)  # what search embedded: no second embedding
        if q is None:
            return
        got = _window_similarities(windows, q, units, passages)
        if not got:
            return
        best = max(s for _, s in got)
        for u, s in got:
            u.feats["window"] = s
            u.score += W_WINDOW * (s - best)

    def _choose(self, ranked: list[_Unit], kinds: set[str], parts: int = 1,
                lead_alone: bool = False) -> list[_Unit]:
        best = ranked[0]
        if at.LIST in kinds and not (best.is_item or best.has_items):
            # a list is asked for: a lead clause with its items, in the best sentence's own
            # provision and close to it, is the answer
            for u in ranked[1:]:
                if u.score < best.score * SECOND_RATIO:
                    break
                if u.passage == best.passage and (u.has_items or (u.is_item and u.lead is not None) or
                                                  LIST_INLINE and at.LIST in u.hits and at.LIST not in best.hits):
                    best = u
                    break
        chosen = [best]
        lead = best.lead if best.is_item else best
        items = [u for u in ranked if u.lead is lead and lead is not None]
        if at.LIST in kinds and items and lead is not None:
            # the items of the list, in order, within the length bound
            siblings = [u for u in items if u is not best]
            length = len(lead.text) + (len(best.text) if best.is_item else 0)
            if not best.is_item:
                chosen = []
            for u in sorted(siblings, key=lambda u: u.pos):
                if len(chosen) >= LIST_MAX_ITEMS or length + len(u.text) > max(self.max_chars, LIST_MAX_CHARS):
                    break
                chosen.append(u)
                length += len(u.text)
            return chosen or [best]
        if items and not best.is_item and not lead_alone:
            # 「…次の各号に定めるところによらなければならない。」 answers nothing alone: its best
            # item is the answer, quoted after it
            best = items[0]
            chosen = [best]
        if len(chosen) >= self.max_sentences:
            return chosen
        missing = set(kinds) - set(best.hits) - {at.LIST}
        two_part = parts > 1 and bool(kinds)
        close = self._close_second(ranked, best)
        want_more = at.LIST in kinds or bool(missing) or not kinds or two_part or close is not None
        if not want_more:
            return chosen  # the best sentence has what was asked: stop
        if close is not None and not two_part and kinds and at.LIST not in kinds:
            # two candidates the scores cannot tell apart: both are shown (the first one alone
            # is wrong about as often as right in that case; see docs/history/answers.md)
            if len(best.text) + len(close.text) <= self.max_chars:
                chosen.append(close)
                chosen += self._closer(ranked, chosen)
            return chosen
        # a question asking for nothing in particular (「…について」) gets the main sentence
        # of each of the best provisions (one each: a judgement question is about a provision,
        # and the first passage is not always it); otherwise one more sentence, for what the
        # best one lacks or for the second question of 「何年ですか。延長はできますか」
        limit = min(self.max_sentences, UNTYPED_SENTENCES if not kinds else 2)
        ratio = UNTYPED_RATIO if not kinds else SECOND_RATIO
        length = len(best.text)
        used = {best.passage}
        for u in ranked[1:]:
            if len(chosen) >= limit or u.score < best.score * ratio:
                break
            if any(_jaccard(u.terms, c.terms) > 0.6 or u.text == c.text for c in chosen):
                continue
            if not kinds and u.passage in used and (u.score < best.score * CLOSE_RATIO or u.is_item
                                                     or u.feats.get("cited")):
                continue  # one sentence per provision, unless two of its own are too close to call
            if missing and not (set(u.hits) & missing):
                continue
            if two_part and not missing and not u.hits:
                continue
            if length + len(u.text) > self.max_chars:
                continue
            chosen.append(u)
            used.add(u.passage)
            length += len(u.text)
        return chosen

    def _closer(self, ranked: list[_Unit], chosen: list[_Unit]) -> list[_Unit]:
        """More candidates too close to call (within ``CLOSE_MORE_RATIO`` of the best), up to
        ``CLOSE_MORE`` of them and ``CLOSE_MORE_CHARS`` for the whole answer: the right unit is
        often third or fourth behind two near-equal rivals from other provisions."""
        best, out = chosen[0], []
        length = sum(len(u.text) for u in chosen)
        for u in ranked[1:]:
            if len(out) >= CLOSE_MORE or u.score < best.score * CLOSE_MORE_RATIO:
                break
            if u.neighbour and NEIGHBOUR_RIVALS:
                continue
            if any(u is c or u is c.lead or (u.lead is not None and u.lead is c.lead) for c in chosen + out):
                continue
            if any(_jaccard(u.terms, c.terms) > 0.6 or u.text == c.text for c in chosen + out):
                continue
            if length + len(u.text) > CLOSE_MORE_CHARS:
                continue
            out.append(u)
            length += len(u.text)
        return out

    def _runner_up(self, ranked: list[_Unit], chosen: list[_Unit]) -> list[_Unit]:
        """An unsure answer's runner-up from another passage, when within ``RUNNER_UP_RATIO`` of the
        best and the two fit in ``RUNNER_UP_CHARS``: the clerk checks both (docs/history/answers.md, round 8)."""
        best = ranked[0]
        length = sum(len(u.text) for u in chosen)
        passages = {u.passage for u in chosen}
        for u in ranked[1:]:
            if u.score < best.score * RUNNER_UP_RATIO:
                return []
            if u.passage in passages or any(u is c or _jaccard(u.terms, c.terms) > 0.6 for c in chosen):
                continue
            extra = len(u.text) + (len(u.lead.text) if u.lead is not None else 0)  # an item comes with its lead
            return [u] if length + extra <= RUNNER_UP_CHARS else []
        return []

    def _close_second(self, ranked: list[_Unit], best: _Unit) -> _Unit | None:
        """The next candidate when it scores within ``CLOSE_RATIO`` of the best (not the same
        words, not the best's own lead or items)."""
        for u in ranked[1:]:
            if u is best or u is best.lead or (u.lead is not None and u.lead is best.lead):
                continue
            if u.neighbour and (NEIGHBOUR_RIVALS == 1 or NEIGHBOUR_RIVALS == 2
                                and len(best.text) + len(u.text) > self.max_chars):
                continue  # a too-close call is between the results' units (or those shown beside the best)
            if u.score < best.score * CLOSE_RATIO:
                return None
            if _jaccard(u.terms, best.terms) > 0.6 or u.text == best.text:
                continue
            return u
        return None

    def _across_scripts(self, question: str, result) -> bool:
        """Whether an English question is answered from a Japanese passage: no word of one can be a
        word of the other, so the share of the question's words the passages hold says nothing there
        (the meaning-based rankings found the passage)."""
        if question_kind(self._analysis(question)) != "english":
            return False
        return not latin_title(str(result.chunk.get("text", ""))[:400])

    def _confidence(self, ranked: list[_Unit], cover: float, kinds: set[str],
                    chosen: list[_Unit] | None = None, signals: dict | None = None,
                    across: bool = False) -> float:
        best = ranked[0]
        typed = 1.0 if (not kinds or best.hits) else 0.0
        # how far the best candidate stands out from the next one tells most (natural set:
        # median 0.20 where the answer was right, 0.07 where not); question coverage next
        margin = best.score - ranked[1].score if len(ranked) > 1 else best.score
        if chosen:
            # what is shown against the best of what is not: a close second shown with the
            # best is part of the answer, not a rival to it
            shown = {id(u) for u in chosen}
            rest = [u.score for u in ranked if id(u) not in shown and not u.neighbour]
            low = min(u.score for u in chosen)
            margin = max(0.0, low - rest[0] if rest else low)
        if signals is not None:
            signals.update({"lex": best.lex, "ctx": best.ctx, "cover": cover, "typed": typed,
                            "margin": margin, "rank": 1.0 / (best.rank or best.passage), "untyped": float(not kinds),
                            "score": best.score, "focus": best.feats.get("focus", 0.0),
                            "shown": float(len(chosen or [])), "cited": best.feats.get("cited", 0.0)})
        value = 0.5 * max(best.lex, best.ctx) + 0.5 * cover + 0.2 * typed + W_MARGIN * margin
        wanted = kinds & at.VALUE_KINDS
        if wanted and not any(set(u.hits) & wanted for u in chosen or [best]):
            # 「何時間まで？」 answered by a sentence with no number of hours: not an answer to it,
            # however well its words match (the model work rules' interval rule for 残業)
            value *= NO_VALUE_FACTOR
        elif wanted and best.lex < VALUE_LEX:
            # the value asked for, in a unit whose other words are not the question's (「二十分の一」
            # of the windowless-rooms rule for a question about classrooms): the value alone is
            # no evidence that it is the one asked for
            value *= NO_VALUE_FACTOR
        if (best.rank or best.passage) > FAR_RANK and best.feats.get("doc", 1.0) < 1.0:
            # a unit from far down the results, in a document that is not the top result's: the
            # question and the results are about another law (clerk test, round 5)
            value *= FAR_FACTOR
        # passages that hold (next to) none of the question's words answer something else, however
        # clearly one sentence stands out in them (「宇宙旅行の料金」 over a licensing act) — unless the
        # question is English and the passage Japanese: then no passage can hold its words, and the
        # gate left such a question with no answer at all, not even one labelled unsure, whenever no
        # English passage among the results lent it shared words (retrieval round 12, lead session 31)
        return value if across else value * min(1.0, cover / MIN_COVER)

    def _sentences(self, chosen: list[_Unit], passages: list[Result], kinds: set[str],
                   q: set[str], units=None) -> list[Sentence]:
        out: list[Sentence] = []
        seen: set[int] = set()
        leads = {id(u.lead) for u in chosen if u.is_item and u.lead is not None}
        words = frozenset(q)
        for u in sorted(chosen, key=lambda u: (u.passage, u.pos)):
            if u.lead is not None and id(u.lead) not in seen:
                seen.add(id(u.lead))
                out.append(self._sentence(u.lead, "lead", passages, kinds, units, words))
            if id(u) in seen:
                continue
            seen.add(id(u))
            # a chosen lead clause whose chosen item follows is printed as that item's lead
            role = "item" if u.is_item else "lead" if id(u) in leads else "sentence"
            out.append(self._sentence(u, role, passages, kinds, units, words))
        return out

    def _sentence(self, u: _Unit, role: str, passages: list[Result], kinds: set[str], units=None,
                  words: set[str] | frozenset[str] = frozenset()) -> Sentence:
        # a template's blank of spaces (「月額      円」) is shown as one: a display folds spaces
        text = at.show_blanks(u.text)
        emphasis = at.emphasis(text, kinds, units, words)
        s = Sentence(text, u.passage, round(u.score, 4), start=u.start, end=u.end, role=role,
                     emphasis=emphasis)
        r = passages[u.passage - 1]
        if role != "lead":
            s.provision = self._provision(r, u.text, role == "item")
        if self.with_spans:
            s._where = (r.chunk, r.doc_path)  # located when first read (Sentence.spans)
        return s

    def _provision(self, r: Result, text: str, item: bool) -> str:
        """「第二十六条第一項」 (「第三条第二号」): where in its article a sentence stands, for the
        legal officer who cites it; "" when the passage's own citation says as much."""
        place = self._place(r, text, item)
        if place is None:
            return ""
        prov, number, found = place
        several = prov.numbered and len(prov.paragraphs) > 1
        if not several and not found:
            return ""
        return provision_text("", key_label(r.chunk["article_key"]), number if several else None, found)

    def _place(self, r: Result, text: str, item: bool) -> tuple[Provision, int, str] | None:
        """The article a sentence stands in, read back, with the sentence's paragraph number and
        item key ("" when it is no item); None when it is not found there."""
        prov = self._article(r)
        place = _locate(prov, text, item) if prov is not None else None
        return (prov, *place) if prov is not None and place is not None else None

    def _article(self, r: Result) -> Provision | None:
        """The whole article of a passage (all its parts), read back; None for a passage of no article."""
        doc, key = r.chunk.get("doc_id"), r.chunk.get("article_key")
        if not doc or not key:
            return None
        catalog = self.index.catalog
        rows = [i for i in catalog.passages(catalog.title_of(doc), key) if catalog.doc_of(i) == doc]
        return read_provision([self.index.chunks[i] for i in rows]) if rows else None

    def _outside_cited_part(self, r: Result, units: list[_Unit],
                            parts: dict[str, tuple[int | None, str]]) -> tuple[set[int], bool]:
        """Units (by id) of a cited article that stand outside the paragraph or item the question
        cites, and whether the cited part was found as cited. The citation used to count for the
        whole article, so 「第67条第2項」 was answered with 第1項 (user test: 10 of 10 such
        citations). A cited item its paragraph lacks (「第67条第2項第3号」) leaves the paragraph,
        not the article's first one (user test 5), and says the citation was not found as cited.
        Nothing is left out when no unit is found in the cited part (the document's layout
        hides its paragraphs)."""
        want = parts.get(r.chunk.get("article_key") or "")
        if not want or (want[0] is None and not want[1]):
            return set(), True
        paragraph, item = want
        prov = self._article(r)  # read once for all the passage's units
        if prov is None:
            return set(), True
        places = {id(u): _locate(prov, u.text, u.is_item) for u in units}

        def inside(with_item: bool) -> set[int]:
            out: set[int] = set()
            for u in units:
                place = places[id(u)]
                if place is None:
                    continue
                number, found = place
                if (paragraph is None or number == paragraph) and (not with_item or not item or found == item):
                    out.add(id(u))
                    if u.lead is not None:
                        out.add(id(u.lead))
            return out

        exact = inside(True)
        chosen = exact or (inside(False) if item and paragraph is not None else set())
        if not chosen:
            return set(), True
        return {id(u) for u in units if id(u) not in chosen}, bool(exact)


def _window_similarities(windows, question_vector, units: list[_Unit], passages: list) -> list[tuple[_Unit, float]]:
    """Each unit's best overlapping window's similarity to the question (units no window covers
    are left out): the unit-level meaning that window vectors give for free once search embedded
    the question."""
    sims = windows.similarities(question_vector)
    return [(u, s) for u in units
            if (s := windows.range_best(sims, passages[u.passage - 1].chunk["id"], u.start, u.end)) is not None]


def _locate(prov: Provision, text: str, item: bool) -> tuple[int, str] | None:
    """A sentence's paragraph number in an article and its item key ("" when it is no item);
    None when the article does not hold it."""
    needle = search_form(text).strip()[:40]
    for par in prov.paragraphs:
        found = next((k for k, it in par.items.items() if needle in search_form(it.text)), "") if item else ""
        if found or needle in search_form(par.text):
            return par.number, found
    return None


def _row_cells(text: str, offsets: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``offsets`` with a row's value cell cut from the line it was printed on.

    A PDF's text gives a table row's value on the next row's line, before that row's label
    (「（一）…小学校…の教室」, 「五分の一（二）前項第一号に掲げる居室」): read as one line the value
    belongs to the wrong row, and the row asked about has none. After a line that ends with
    no sentence end (a row waiting for its value), a short cell with a number followed by a
    row label becomes a unit of its own, which joins the row before it as its cell."""
    out: list[tuple[int, int]] = []
    for a, b in offsets:
        m = _SPILLED.match(text[a:b])
        if m and out and not text[out[-1][0]:out[-1][1]].rstrip().endswith("。") and a + m.end(1) < b:
            out.append((a, a + m.end(1)))
            a += m.end(1)
        out.append((a, b))
    return out


def _chance(signals: dict, ranking: UnitRanking | None = None) -> float:
    """The chance that the answer is right, from its signals (``CALIBRATION``; a ranking's own
    calibration when the answer was ranked with it, ``Summarizer._ranking``)."""
    full, words = CALIBRATION, CALIBRATION_WORDS
    if ranking is not None and ranking.calibration and ranking.calibration_words:
        full, words = ranking.calibration, ranking.calibration_words  # fitted with those scores
    model = full if "meaning_rank" in signals else words
    z = model["bias"] + math.fsum(w * float(signals.get(k, 0.0)) for k, w in model.items() if k != "bias")
    return 1.0 / (1.0 + math.exp(-z))


def _doc_of(r: Result) -> str:
    return str(r.chunk.get("doc_id") or r.doc_path)


def _condition(question: str) -> str:
    """The clauses of a question that set its condition (「海外の製造業者の場合は」 → 「海外の製造業者」);
    a clause too short to say anything (「…対応した、という場合の」) is read with the one before it."""
    out = []
    for m in _COND.finditer(question):
        a = m.start(1)
        if m.end(1) - a < 4:
            a = question.rfind("、", 0, max(0, a - 1)) + 1
        out.append(question[a:m.end(1)])
    return " ".join(out)


def _cited_parts(question: str) -> dict[str, tuple[int | None, str]]:
    """Article key → (paragraph number, item key) the question cites below the article
    (「特許法第67条第2項」 → {"67": (2, "")}, 「第56条第3号」 → {"56": (None, "3")})."""
    out: dict[str, tuple[int | None, str]] = {}
    for ref in scan(search_form(question)):
        if ref.relative:
            continue
        number, item = paragraph_number(ref.paragraph), grammar_item_key(ref.item)
        if number is not None or item:
            out.setdefault(ref.key, (number, item))
    return out


def _article_keys(question: str) -> set[str]:
    """Articles a question cites by number (第三条, Article 5, Section 4.020)."""
    return set(article_keys(question)) | set(english_keys(question))


def _question_parts(question: str) -> int:
    """How many questions the text asks (「何年まで動かせますか？延長はできますか。」 → 2)."""
    return max(1, sum(1 for p in re.split(r"[?？]|(?<=か)。", question) if len(p.strip()) >= 3))


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n else v


def _specificity(units: list[_Unit], kinds: set[str], population: list[_Unit] | None = None) -> None:
    """``rare``: how much the sentence's answer types set it apart from the other candidates
    (for each type the question asks and the sentence holds, the share of candidates that do
    not hold it; averaged over the types asked). 「しなければならない」 is in almost every
    statute sentence, so holding it says little; 「三十年」 among rules without a number, much."""
    if not kinds:
        return
    population = units if population is None else population
    share = {k: sum(k in u.hits for u in population) / len(population) for k in kinds}
    for u in units:
        u.feats["rare"] = sum(1.0 - share[k] for k in u.hits if k in share) / len(kinds)


def _elsewhere(units: list[_Unit], population: list[_Unit] | None = None) -> None:
    """``elsewhere``: the unit stands under a heading that holds none of the question's words while
    another candidate's heading holds some. A fee schedule's note under 「再診料」 answers a question
    about 初診料 with the neighbouring item's rule (docs/history/answers.md, round 9); the heading the
    question names is the one whose lines answer it."""
    named = any(u.feats.get("heading", -1.0) > 0 for u in (units if population is None else population))
    for u in units:
        u.feats["elsewhere"] = float(named and u.feats.get("heading", -1.0) == 0.0)
        u.feats.pop("heading", None)


def _canon(terms: set[str], alias: dict[str, str], wholes: list[tuple[str, frozenset[str]]] = ()) -> set[str]:
    out = {alias.get(t, t) for t in terms} if alias else terms
    for whole, parts in wholes:
        if whole not in out and parts <= out:
            out = out | {whole}
    return out


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0
