"""Sudachi tokenization for BM25, with law names and citations kept whole.

Split mode C (longest units) with normalized forms: measured on the dev
questions it beats mode A (see README, "Tokenizer"), because compounds such as
借地権 or 有価証券届出書 stay one term. Punctuation, whitespace, particles and
auxiliary verbs are dropped: they carry no topic and only lengthen documents.
Law names (titles and aliases) become one token of their official title and
article numbers one token such as ``§27-13``, so 「金商法第二十七条の十三」 and
「金融商品取引法第27条の13」 produce the same terms.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from .legal.grammar import ARTICLE_NUMBER, SUBDIVISION
from .legal.names import LawNames
from .legal.numerals import NUMBER, article_key
from .normalize import search_form

try:
    from sudachipy import Dictionary, SplitMode
except ImportError as exc:  # pragma: no cover - depends on installation
    raise ImportError("SudachiPy is missing: pip install sudachipy sudachidict-core") from exc

MIN_READING = 2  # a one-kana reading (字, 時, 事 → ジ) says nothing about the word
DROP_POS = {"補助記号", "空白", "助詞", "助動詞"}
# an article number, with the paragraph and item that follow it, is one term (§27-13)
CITATION = re.compile(rf"{ARTICLE_NUMBER.pattern}(?:第{NUMBER}項)?(?:第{NUMBER}号)?")
_MODES = {"A": SplitMode.A, "B": SplitMode.B, "C": SplitMode.C}
_local = threading.local()


def dictionary_version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    for dist in ("sudachidict-core", "sudachidict-full", "sudachidict-small"):
        try:
            return f"{dist} {version(dist)}"
        except PackageNotFoundError:
            continue
    return "unknown"


def _sudachi(mode: str):
    """One Sudachi tokenizer per thread and mode (they are not thread-safe)."""
    cache = getattr(_local, "tokenizers", None)
    if cache is None:
        cache = _local.tokenizers = {}
    if mode not in cache:
        try:
            dic = Dictionary(dict="core")
        except MemoryError:
            raise  # out of memory is not a missing dictionary: say what happened
        except (ImportError, FileNotFoundError) as exc:
            raise ImportError("Sudachi dictionary missing: pip install sudachidict-core") from exc
        except Exception as exc:
            raise ImportError(f"the Sudachi dictionary could not be loaded ({exc})") from exc
        cache[mode] = dic.tokenizer(mode=_MODES[mode])
    return cache[mode]


@dataclass(frozen=True)
class Unit:
    """One unit of a text as search sees it, with what guidance needs to judge it.

    ``pos`` is Sudachi's first part-of-speech field, or "law" / "article" for a
    protected law name or article number.
    """

    surface: str
    form: str
    pos: str


class Tokenizer:
    def __init__(self, names: LawNames | None = None, mode: str = "C", whole_names: bool = True):
        """``whole_names=False`` is plain Sudachi, kept only to measure what protection buys."""
        if mode not in _MODES:
            raise ValueError(f"unknown Sudachi split mode {mode!r} (A, B or C)")
        self.names = names or LawNames(())
        self.mode = mode
        self.whole_names = whole_names

    def _protected(self, text: str) -> list[tuple[int, int, str]]:
        if not self.whole_names:
            return []
        spans = [(h.start, h.end, h.title) for h in self.names.find(text)]
        for m in CITATION.finditer(text):
            try:
                key = article_key(f"第{m.group(1)}条{m.group(2)}")
            except ValueError:
                continue
            spans.append((m.start(), m.end(), "§" + key))
        for m in SUBDIVISION.finditer(text):
            spans.append((m.start(), m.end(), ""))
        spans.sort()
        merged: list[tuple[int, int, str]] = []
        for s in spans:
            if merged and s[0] < merged[-1][1]:
                continue
            merged.append(s)
        return merged

    def tokens(self, text: str) -> list[str]:
        s = search_form(text)
        out: list[str] = []
        pos = 0
        for start, end, token in self._protected(s):
            out.extend(self._plain(s[pos:start]))
            if token:
                out.append(token)
            pos = end
        out.extend(self._plain(s[pos:]))
        return out

    def plain_tokens(self, text: str) -> list[str]:
        """Sudachi's terms alone, law names not kept whole: the words of a title
        (「…重要情報の公表に関する内閣府令」 → 重要, 情報, 公表, …), which a question uses one by one."""
        return self._plain(search_form(text))

    def reading(self, term: str) -> str:
        """The katakana reading of a term (がん, 癌, ガン → ガン), "" when it has none.

        Statutes and manuals spell a word in kana where people type kanji or katakana
        and the other way round; Sudachi's normalized form folds okurigana but not
        these, its reading form does. Law titles and article terms (§3) have none.
        """
        if term.startswith("§") or term in self.names.titles or not term.strip():
            return ""
        parts = []
        for m in _sudachi(self.mode).tokenize(term):
            r = m.reading_form()
            if not r or not all("ァ" <= c <= "ヺ" or c == "ー" for c in r):
                return ""  # digits, Latin letters, symbols: nothing to fold
            parts.append(r)
        return "".join(parts)

    def parts(self, term: str) -> list[str]:
        """The shortest units of a compound term (split mode A): 有給休暇 → 有給, 休暇. A question's
        compound that the library never uses as a whole (it has 年次有給休暇, split mode C keeps
        compounds whole) is still about the words it is made of. [] for law names and articles."""
        if term.startswith("§") or term in self.names.titles or not term.strip():
            return []
        return [m.normalized_form().lower() for m in _sudachi("A").tokenize(term)
                if m.part_of_speech()[0] not in DROP_POS and m.normalized_form().strip()]

    def units(self, text: str) -> list[Unit]:
        """The same segmentation as :meth:`tokens`, keeping surface and part of speech
        (guidance decides from them whether a question has a topic at all)."""
        s = search_form(text)
        out: list[Unit] = []
        pos = 0
        for start, end, token in self._protected(s):
            out.extend(self._plain_units(s[pos:start]))
            if token:
                out.append(Unit(s[start:end], token, "article" if token.startswith("§") else "law"))
            pos = end
        out.extend(self._plain_units(s[pos:]))
        return out

    def _plain_units(self, text: str) -> list[Unit]:
        if not text.strip():
            return []
        tok = _sudachi(self.mode)
        return [Unit(m.surface(), m.normalized_form().lower(), m.part_of_speech()[0])
                for piece in _pieces(text) for m in tok.tokenize(piece)
                if m.part_of_speech()[0] not in DROP_POS and m.normalized_form().strip()]

    def _plain(self, text: str) -> list[str]:
        if not text.strip():
            return []
        tok = _sudachi(self.mode)
        out = []
        for piece in _pieces(text):
            for m in tok.tokenize(piece):
                if m.part_of_speech()[0] in DROP_POS:
                    continue
                form = m.normalized_form().lower()
                if form.strip():
                    out.append(form)
        return out


def _pieces(text: str, limit: int = 4000) -> list[str]:
    """Sudachi rejects very long inputs; cut at line ends below its limit."""
    if len(text) <= limit:
        return [text]
    out, buf = [], ""
    for line in text.splitlines(keepends=True):
        if len(buf) + len(line) > limit and buf:
            out.append(buf)
            buf = ""
        while len(line) > limit:
            out.append(line[:limit])
            line = line[limit:]
        buf += line
    if buf:
        out.append(buf)
    return out
