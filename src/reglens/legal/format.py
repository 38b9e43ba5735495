"""The one citation formatter: how RegLens prints a provision, everywhere.

Two shapes, because two things are cited:

* a **provision** someone referred to (the citation check, links between
  articles): every level that was named is printed, 第一項 included —
  借地借家法第三条第一項第二号イただし書;
* a **passage** of the index (a search result, an answer's [n], an export): the
  article, and the paragraph only where the passage begins inside the article
  (a passage that starts at the article's beginning is the article).

Each in a *formal* variant (the title, the law number, no space: 借地借家法（平成三年
法律第九十号）第三条, what a legal officer writes in a document) and a *short* one
(title, a space, the provision: 借地借家法 第三条, what a list shows). Documents
without articles are cited by their last heading.

Numbers below the article follow the article's own notation (第四十二条第八項, 第４２条第８項),
and an article printed in several alternative versions (a template's 〔例１〕〔例２〕) is cited
with its version (〔例３〕第１９条), so the three 第１９条 of model work rules are told apart.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .numerals import article_label, to_kanji

# 「［例３］ １年単位の変形労働時間制の規程例」: model rules and templates print alternative
# versions of one article under such a heading (not 「〔例２〕は、…」, a sentence about one)
VARIANT_HEAD = re.compile(
    r"^[［〔\[]\s*例\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*[］〕\]](?![はのをにがでとも、。])")
_TO_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def variant_mark(heading: str) -> str:
    """「［例３］ …の規程例」 → 〔例３〕 (one bracket style in citations); "" for other headings."""
    m = VARIANT_HEAD.match(heading.strip())
    return f"〔例{m.group(1)}〕" if m else ""


def number_like(label: str, n: int) -> str:
    """``n`` in the notation of ``label``: kanji after 第四十二条, ８ after 第４２条, 8 after 第42条."""
    if re.search("[０-９]", label):
        return str(n).translate(_TO_FULLWIDTH)
    if re.search("[0-9]", label):
        return str(n)
    return to_kanji(n)


def key_label(key: str | None) -> str:
    """Article key → printed label: 27-13 → 第二十七条の十三, 附則2 → 附則第二条; English keys as is."""
    if not key:
        return ""
    if key.startswith("附則"):
        return "附則" + article_label(key.removeprefix("附則"))
    if not key.replace("-", "").isdigit():
        return key  # an English section number (4.020, 12a)
    return article_label(key)


def item_label(item: str, like: str = "") -> str:
    """Item key → 第三号の二 (3-2), in the notation of the article label ``like``."""
    first, *branches = (number_like(like, int(p)) for p in item.split("-"))
    return f"第{first}号" + "".join("の" + b for b in branches)


def provision_text(law: str, article: str, paragraph: int | None = None, item: str = "",
                   subitem: str = "", qualifier: str = "") -> str:
    """A provision as referred to: 借地借家法第三条第一項第二号イただし書 (``article`` is its printed label)."""
    if not article:
        return law
    if article[:1].isascii():  # an English document's "Article 17", paragraph "(1)", point "(e)"
        return f"{law} {article}" + (f"({paragraph})" if paragraph else "") + (f"({item})" if item else "")
    out = law + article
    if paragraph:
        out += f"第{number_like(article, paragraph)}項"
    if item:
        out += item_label(item, article)
    return out + subitem + qualifier


# a heading numbered within its parent (「１ 乳幼児加算」, 「（２） 登録の対象」), not a dotted 「10.1.1」
_RELATIVE_HEADING = re.compile(r"^[(（]?[0-9０-９①-⑳]{1,2}(?![.．0-9０-９])")


def passage_citation(passage: Mapping, formal: bool = False, law_num: str = "",
                     with_page: bool = False) -> str:
    """A passage of the index as cited in results, answers and exports.

    ``passage`` is a passage record or a result's JSON (``doc_title``,
    ``article_label``, ``paragraph``, ``heading_path``, ``pages`` or ``page``).
    Short: 借地借家法 第三条第二項; formal: 借地借家法（平成三年法律第九十号）第三条第二項.
    """
    gap = "" if formal else " "
    if law_num and not law_num.startswith(("（", "(")):  # printed bare: 「昭和二十五年政令第三百三十八号」
        law_num = f"（{law_num}）"
    cite = passage["doc_title"] + (law_num if formal else "")
    paragraph = passage.get("paragraph")
    if passage.get("article_label"):
        label = passage["article_label"]
        heads = passage.get("heading_path") or [""]
        cite += gap + variant_mark(heads[-1]) + label
        if paragraph and paragraph > 1:
            cite += f"第{number_like(label, paragraph)}項"
    elif passage.get("heading_path"):
        heads = passage["heading_path"]
        # a section numbered within its parent is cited under it: 「１ 乳幼児加算」 stands under many fee items
        shown = heads[-2:] if _RELATIVE_HEADING.match(heads[-1]) else heads[-1:]
        cite += " " + " › ".join(re.sub(r"\s{2,}", " ", h.strip()) for h in shown)
    if with_page:
        page = passage["pages"][0] + 1 if "pages" in passage and "page" not in passage else passage.get("page")
        cite += f" (p.{page})"
    return cite
