"""Citation text as legal officers write it, and result exports. No Qt here."""

from __future__ import annotations

import csv
import html
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

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
        # a Latin word is marked as a whole word, in any case: "on" never inside "operation"
        pattern = re.compile("|".join(rf"(?<![A-Za-z]){re.escape(html.escape(w))}(?![A-Za-z])" if w.isascii()
                                      else re.escape(html.escape(w)) for w in words), re.IGNORECASE)
        escaped = pattern.sub(lambda m: f"<b style='background:#fff2a8'>{m.group(0)}</b>", escaped)
    return escaped


@dataclass
class Export:
    """Everything an exported result list carries, so the file stands on its own:
    which question, what the answer said (its [n] are the citations' numbers), when,
    and from which index version."""

    question: str
    results: list[dict]
    answer: str = ""
    when: datetime = field(default_factory=lambda: datetime.now().astimezone())
    index_version: str = ""
    index_path: str = ""

    @property
    def date(self) -> str:
        return self.when.strftime("%Y-%m-%d %H:%M")


# labels of the exported fields; the app passes them in the UI's language
LABELS = {"question": "Question", "answer": "Answer", "date": "Date", "index": "Index version",
          "citations": "Citations", "rank": "No.", "citation": "Citation", "page": "Page", "file": "File",
          "score": "Score", "text": "Text", "doc_title": "Title", "article": "Article",
          "paragraph": "Paragraph", "no_answer": "(no answer)", "ocr": "OCR",
          "read_by_ocr": "read by OCR"}


def to_markdown(export: Export, labels: dict[str, str] | None = None) -> str:
    lb = {**LABELS, **(labels or {})}
    index = export.index_version + (f" ({export.index_path})" if export.index_path else "")
    lines = [f"# {export.question}", "",
             f"- {lb['date']}: {export.date}", f"- {lb['index']}: {index}", "",
             f"## {lb['answer']}", "", (export.answer or lb["no_answer"]).replace("\n", "\n\n"), "",
             f"## {lb['citations']}", ""]
    for r in export.results:
        ocr = f" ({lb['read_by_ocr']})" if r.get("ocr") else ""  # machine-read text: check it on the page
        lines.append(f"- **[{r['rank']}] {formal_citation(r)}** ({page_text(r)}){ocr} — `{r['doc_path']}`")
        lines.append("")
        lines.append("  > " + r["text"].replace("\n", "\n  > "))
        lines.append("")
    return "\n".join(lines)


CSV_FIELDS = ["question", "answer", "date", "index", "rank", "citation", "page", "file", "doc_title",
              "article", "paragraph", "score", "text", "ocr"]


def to_csv(export: Export, labels: dict[str, str] | None = None) -> str:
    """One row per citation, each with the question, answer, date and index version
    (a row copied elsewhere in a spreadsheet still says where it came from)."""
    lb = {**LABELS, **(labels or {})}
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow([lb[f] for f in CSV_FIELDS])
    for r in export.results:
        w.writerow([export.question, export.answer, export.date, export.index_version, r["rank"],
                    formal_citation(r), page_text(r), r["doc_path"], r["doc_title"],
                    r.get("article_label", ""), r.get("paragraph") or "", f"{r['score']:.3f}", r["text"],
                    lb["read_by_ocr"] if r.get("ocr") else ""])
    return out.getvalue()


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)


def export_file_name(question: str, when: datetime, extension: str, limit: int = 40) -> str:
    """A default file name from the question and date that Windows accepts:
    no \\/:*?"<>| or control characters, no trailing dot or space, no reserved
    device name, and at most ``limit`` characters of the question."""
    stem = unicodedata.normalize("NFKC", question)
    stem = _UNSAFE.sub(" ", stem)
    stem = re.sub(r"\s+", "_", stem.strip())[:limit].strip("._ ")
    if not stem or _RESERVED.match(stem):
        stem = "reglens" + (f"_{stem}" if stem else "")
    return f"{stem}_{when.strftime('%Y%m%d-%H%M')}{extension}"


def with_extension(path: str, extension: str) -> str:
    """The path with ``extension`` added when the user typed a name without it."""
    return path if path.lower().endswith(extension.lower()) else path + extension
