"""Law names and abbreviations found as whole units in text.

Law names must never be matched piecemeal (資金決済法 as 資金/決済/法 makes every
page that mentions 資金 a candidate), so the tokenizer and the query analyser
both ask this table first. Names come from the indexed documents' titles and
from an alias table users can extend.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..normalize import search_form
from ..resources import resource


def read_alias_file(path: Path) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t") if p.strip()]
        if len(parts) == 2:
            aliases[search_form(parts[0])] = search_form(parts[1])
    return aliases


def default_aliases(extra: Iterable[Path] = ()) -> dict[str, str]:
    aliases = read_alias_file(resource("law_aliases.tsv"))
    for path in extra:
        aliases.update(read_alias_file(Path(path)))
    return aliases


_ENFORCEMENT_SUFFIX = re.compile(r"(施行令|施行規則)$")
_SUB_LAW = re.compile(r"施行令|施行規則")


def parent_act(title: str) -> str:
    """金融商品取引法施行令 → 金融商品取引法: the act a 「法第N条」 in it means."""
    return _ENFORCEMENT_SUFFIX.sub("", title)


def latin_title(title: str) -> bool:
    """An English document's title: mostly Latin letters."""
    return sum(c.isascii() and c.isalpha() for c in title) * 2 >= len(title.replace(" ", ""))


_SHORT_TITLE = re.compile(r"^(?P<long>.{6,}?)\s*\((?P<short>[A-Z][A-Za-z ]{5,80})\)$")


def english_short_names(title: str) -> list[str]:
    """What people call an English act whose title ends in its short title:
    "Regulation (EU) 2016/679 (General Data Protection Regulation)" is also
    "Regulation (EU) 2016/679", "General Data Protection Regulation" and "GDPR"
    (the short title's initials) — a Japanese question says 「GDPRで…」, never the whole title."""
    m = _SHORT_TITLE.match(title.strip())
    if not m or not latin_title(title):
        return []
    short = m.group("short").strip()
    initials = "".join(w[0] for w in short.split() if w[:1].isupper())
    return [m.group("long").strip(), short] + ([initials] if len(initials) >= 3 else [])


@dataclass(frozen=True)
class NameHit:
    start: int
    end: int
    surface: str
    title: str  # canonical (official) title, search form


class LawNames:
    """Longest-match finder for law titles and their aliases."""

    def __init__(self, titles: Iterable[str], aliases: dict[str, str] | None = None):
        self.canonical: dict[str, str] = {}
        for t in titles:
            t = search_form(t).strip()
            if len(t) >= 2:
                self.canonical[t] = t
        for alias, title in (aliases or {}).items():
            self.canonical.setdefault(alias, title)
        for t in list(self.canonical.values()):
            for name in english_short_names(t):
                self.canonical.setdefault(search_form(name), t)
        names = sorted(self.canonical, key=len, reverse=True)
        self._pattern = (re.compile("|".join(re.escape(n) for n in names))
                         if names else None)

    def find(self, text: str) -> list[NameHit]:
        """Hits in ``text`` (already in search form), leftmost-longest."""
        if self._pattern is None:
            return []
        hits = []
        for m in self._pattern.finditer(text):
            title, end = self.canonical[m.group(0)], m.end()
            # an alias composes with the sub-law's suffix: 金商法施行令 → 金融商品取引法施行令
            suffix = _SUB_LAW.match(text, end)
            if suffix and self.canonical.get(title + suffix.group(0)) == title + suffix.group(0):
                title, end = title + suffix.group(0), suffix.end()
            hits.append(NameHit(m.start(), end, text[m.start():end], title))
        return hits

    @property
    def titles(self) -> set[str]:
        return set(self.canonical.values())
