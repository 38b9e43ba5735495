"""Citation text as legal officers write it, and result exports. No Qt here."""

from __future__ import annotations

import csv
import html
import io
import re

from ..legal.format import passage_citation


def formal_citation(r: dict) -> str:
    """借地借家法（平成三年法律第九十号）第三条第二項"""
    return passage_citation(r, formal=True, law_num=r.get("law_num") or "")


def short_citation(r: dict) -> str:
    """借地借家法 第三条第二項 — the line shown for a result."""
    return passage_citation(r)


def page_text(r: dict) -> str:
    text = f"p.{r['page']}"
    if r.get("page_label") and r["page_label"] != str(r["page"]):
        text += f"（{r['page_label']}）"
    return text


def passage_with_citation(r: dict) -> str:
    return f"{r['text']}\n（{formal_citation(r)}、{page_text(r)}、{r['doc_path']}）"


def highlight_html(text: str, terms: list[str], limit: int = 220) -> str:
    """Snippet with the question's terms in bold, HTML-escaped."""
    snippet = text.replace("\n", " ")
    if len(snippet) > limit:
        snippet = snippet[:limit] + "…"
    escaped = html.escape(snippet)
    words = sorted({t for t in terms if len(t) >= 2 and not t.startswith("§")}, key=len, reverse=True)
    if words:
        pattern = re.compile("|".join(re.escape(html.escape(w)) for w in words))
        escaped = pattern.sub(lambda m: f"<b style='background:#fff2a8'>{m.group(0)}</b>", escaped)
    return escaped


def to_markdown(question: str, results: list[dict]) -> str:
    lines = [f"# {question}", ""]
    for r in results:
        lines.append(f"{r['rank']}. **{formal_citation(r)}** ({page_text(r)}) — `{r['doc_path']}`")
        lines.append("")
        lines.append("   > " + r["text"].replace("\n", "\n   > "))
        lines.append("")
    return "\n".join(lines)


def to_csv(results: list[dict]) -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["rank", "citation", "doc_title", "law_num", "article", "paragraph", "page", "doc_path",
                "score", "text"])
    for r in results:
        w.writerow([r["rank"], formal_citation(r), r["doc_title"], r.get("law_num", ""),
                    r.get("article_label", ""), r.get("paragraph") or "", r["page"], r["doc_path"],
                    r["score"], r["text"]])
    return out.getvalue()
