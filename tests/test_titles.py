"""Document titles: what a person would call the document, from its first page."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from reglens.titles import detect, plausible

from .conftest import SHARED


@dataclass
class L:
    text: str
    size: float = 12.0


def lines(*rows) -> list[L]:
    return [r if isinstance(r, L) else L(r) for r in rows]


def test_a_statute_is_its_title_above_its_number():
    assert detect("", lines("借地借家法", "（平成三年法律第九十号）", "目次")) == \
        ("借地借家法", "（平成三年法律第九十号）")
    # a long title wraps; the number may also come first
    assert detect("", lines("医薬品、医療機器等の品質、有効性及び安全性の確保等に関する", "法律施行令",
                            "（昭和三十六年政令第十一号）"))[0] == \
        "医薬品、医療機器等の品質、有効性及び安全性の確保等に関する法律施行令"
    assert detect("", lines("昭和二十五年政令第三百三十八号", "建築基準法施行令", "内閣は、…")) == \
        ("建築基準法施行令", "昭和二十五年政令第三百三十八号")


def test_a_notice_is_its_subject_line():
    page = lines("事務連絡", "令和８年３月23日", "地方厚生（支）局医療課", "国民健康保険主管課（部）      御中",
                 "厚生労働省保険局医療課", "疑義解釈資料の送付について（その１）",
                 "診療報酬の算定方法の一部を改正する件（令和８年厚生労働省告示第69号）等につい")
    assert detect("", page)[0] == "疑義解釈資料の送付について（その１）"
    numbered = lines("薬食審査発1117 第３号", "平成26年11月17日", "各都道府県衛生主管部（局）長 殿",
                     "厚生労働省医薬食品局審査管理課長", "（", "公", "印", "省", "略", "）",
                     "原薬等登録原簿の利用に関する指針について", "「薬事法等の一部を改正する法律」…")
    assert detect("", numbered)[0] == "原薬等登録原簿の利用に関する指針について"


def test_letter_spaced_and_wrapped_subjects_are_joined():
    # 「事」「務」「連」「絡」 one per line, OCR sizes varying, the subject wrapped before について
    page = [L("事", 16.3), L("務", 15.8), L("連", 16.0), L("絡", 16.0), L("平成17年7月28日", 21.7),
            L("独立行政法人医薬品医療機器総合機構御中", 21.1), L("厚生労働省医薬食品局審査管理課", 18.2),
            L("原薬等登録原簿に関する質疑応答集(Q&A)", 22.6), L("について", 21.5), L("標記", 32.1),
            L("につきまして、別添により…", 25.7)]
    assert detect("", page)[0] == "原薬等登録原簿に関する質疑応答集(Q&A)について"


def test_an_attachment_is_named_with_the_line_after_its_label():
    assert detect("", lines("別表第一", "医科診療報酬点数表", "［目次］"))[0] == "別表第一　医科診療報酬点数表"
    assert detect("", lines("別添３", "調剤報酬点数表に関する事項", "＜通則＞",
                            "１ 保険薬局は、…期間について"))[0] == "別添３　調剤報酬点数表に関する事項"


def test_a_heading_wrapped_over_lines_of_its_size_is_joined():
    page = [L("クラウドサービス利用のための", 18), L("情報セキュリティマネジメントガイドライン", 18),
            L("Information security management guidelines", 9), L("2013年度版", 18), L("経済産業省", 18)]
    # the PDF's title field is an encoded file name here
    assert detect("<4D6963726F736F667420576F7264202D20>", page)[0] == \
        "クラウドサービス利用のための情報セキュリティマネジメントガイドライン"
    # a heading that does not go on is not joined with the next line of its size
    assert detect("", [L("AI 事業者ガイドライン案", 36), L("（第 1.0 版）", 36), L("令和6年4月", 14)])[0] == \
        "AI 事業者ガイドライン案"


def test_an_eu_act_is_its_number_and_short_name():
    page = lines("I (Legislative acts) REGULATIONS REGULATION (EU) 2016/679 OF THE EUROPEAN PARLIAMENT",
                 "AND OF THE COUNCIL of 27 April 2016 on the protection of natural persons",
                 "(General Data Protection Regulation) (Text with EEA relevance)")
    assert detect("", page)[0] == "Regulation (EU) 2016/679 (General Data Protection Regulation)"


def test_the_pdf_title_field_only_when_it_names_the_document():
    page = [L("診療報酬の算定方法の一部を改正する件", 14), L("○厚生労働省告示第五十四号", 14)]
    assert detect("（様式２）告示_柱書き＋新旧", page)[0] == "診療報酬の算定方法の一部を改正する件"
    assert detect("Microsoft Word - 02_本文.docx", page)[0] == "診療報酬の算定方法の一部を改正する件"
    assert detect("モデル就業規則（R4.11版）", [L("モデル就業規則", 34), L("令和４年11月版", 18)])[0] == \
        "モデル就業規則（R4.11版）"
    for junk in ("", "untitled", "スライド 1", "report.pdf", "a_b", "\u00c3\u00a9\u00c2", "事務連絡"):
        assert not plausible(junk) or junk == "事務連絡"
    assert detect("事務連絡", page)[0] == "診療報酬の算定方法の一部を改正する件"  # a label is not a title
    assert detect("", []) == ("", "")


@pytest.mark.skipif(not (SHARED / "realpdfs").is_dir(), reason="../shared/realpdfs not available")
def test_no_real_pdf_is_named_by_a_label_or_a_fragment():
    """The real-world PDFs: none titled by what kind of paper it is, a date or half a heading."""
    from reglens.ingest import extract
    from reglens.titles import _not_a_title
    for path in sorted((SHARED / "realpdfs").glob("*.pdf")):
        if "scan" in path.name:
            continue  # no text layer without OCR
        title = extract(path, ocr=False).title
        assert title and not _not_a_title(title), (path.name, title)
        assert not title.endswith(("の", "のための", "に関する")), (path.name, title)


def test_an_ocr_heading_gives_way_to_a_file_name_that_reads_as_a_title():
    """clerk4: a scanned Q&A was titled 「原薬等訪録原息に関する…」 from OCR. A file name that reads as
    a Japanese title is typed by a person; a PDF title field already wins over any heading."""
    from reglens.ingest import Line, Page, _detect_title
    heading = "原薬等訪録原息に関する質疑応答集(Q&A)について"
    page = Page(index=0, label="", width=595, height=842, ocr=True,
                lines=[Line(text="事務連絡", page=0, bbox=(0, 0, 50, 10), size=10),
                       Line(text=heading, page=0, bbox=(0, 20, 300, 30), size=12)])
    assert _detect_title("", [page], "原薬等登録原簿に関する質疑応答集")[0] == "原薬等登録原簿に関する質疑応答集"
    assert _detect_title("原薬等登録原簿Q&A", [page], "scan")[0] == "原薬等登録原簿Q&A"
    for stem in ("mhlw_mf_scan_2005_a", "0000123456", "scan0001", "事務連絡", "Microsoft Word - 文書1"):
        assert _detect_title("", [page], stem)[0] == heading, stem  # no better source: the heading as read
    text_layer = Page(index=0, label="", width=595, height=842, lines=page.lines)
    # a text layer is read right: its heading stands
    assert _detect_title("", [text_layer], "原薬等登録原簿に関する質疑応答集")[0] == heading
