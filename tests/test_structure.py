import pymupdf

from reglens.ingest import OK, extract
from reglens.structure import chunk_document

from .pdfmaker import make_columns_pdf, make_pdf

STATUTE = [
    "見本法",
    "（令和五年法律第百号）",
    "第一章　総則",
    "（目的）",
    "第一条　この法律は、見本の適正な取扱いを確保することを目的とする。",
    "（定義）",
    "第二条　この法律において「見本」とは、次に掲げるものをいう。",
    "一　紙の見本",
    "二　電子的な見本",
    "２　この法律において「保管者」とは、見本を保管する者をいう。",
    "３　前項の保管者は、第一条の目的に従わなければならない。",
    "第二章　保管",
    "第一節　通則",
    "第二条の二　保管者は、見本を適切に保管しなければならない。",
    "第三条　削除",
    "第十条の三の二　保管者は、毎年、報告しなければならない。",
]


def test_statute_articles_paragraphs_and_headings(tmp_path):
    pdf = make_pdf(tmp_path / "見本法.pdf", [STATUTE[:9], STATUTE[9:]])
    doc = extract(pdf)
    assert doc.status == OK
    assert doc.title == "見本法"
    assert doc.law_num == "（令和五年法律第百号）"
    chunks = chunk_document(doc, "d")
    arts = [c for c in chunks if c.kind == "article"]
    assert [c.article_key for c in arts] == ["1", "2", "2-2", "3", "10-3-2"]
    assert [c.article_label for c in arts] == ["第一条", "第二条", "第二条の二", "第三条", "第十条の三の二"]
    first, second = arts[0], arts[1]
    assert first.caption == "（目的）" and second.caption == "（定義）"
    assert first.heading_path == ["第一章　総則"]
    assert arts[2].heading_path == ["第二章　保管", "第一節　通則"]
    # paragraphs ２ and ３ detected; items stay inside paragraph 1
    assert (second.paragraph, second.paragraph_end) == (1, 3)
    assert "一　紙の見本" in second.text and "２　この法律" in second.text
    # article 2 starts on page 1 and continues on page 2, with positions on both
    assert second.pages == [0, 1]
    assert {s[0] for s in second.spans} == {0, 1}
    assert all(len(s) == 5 and s[3] > s[1] for s in second.spans)
    assert arts[3].text.endswith("削除")


def test_wrapped_reference_is_not_an_article(tmp_path):
    lines = ["見本法", "（令和五年法律第百号）",
             "第一条　保管者は、次条に定める手続に従い、",
             "第五条の規定により届け出なければならない。",
             "第二条　前条の届出は、書面でしなければならない。"]
    doc = extract(make_pdf(tmp_path / "a.pdf", [lines]))
    keys = [c.article_key for c in chunk_document(doc, "d") if c.kind == "article"]
    assert keys == ["1", "2"]


def test_long_article_is_split_at_paragraphs_with_citations(tmp_path):
    body = "保管者は、見本を適切に保管し、その状況を記録しなければならない。" * 5
    lines = ["見本法", "（令和五年法律第百号）", "第一条　" + body[:40]]
    for n in range(2, 12):
        lines.append(f"{'０１２３４５６７８９'[n] if n < 10 else str(n)}　" + body[:40])
        lines += [body[i:i + 40] for i in range(40, len(body), 40)]
    doc = extract(make_pdf(tmp_path / "long.pdf", [lines[:45], lines[45:]]))
    parts = [c for c in chunk_document(doc, "d") if c.kind == "article"]
    assert len(parts) > 1
    assert all(c.article_key == "1" for c in parts)
    assert [c.part for c in parts] == list(range(len(parts)))
    assert parts[1].paragraph and parts[1].paragraph > 1
    assert parts[0].citation == "見本法 第一条"
    assert parts[1].citation.startswith("見本法 第一条第")


def test_notice_without_articles_is_cut_at_headings(tmp_path):
    lines = ["事 務 連 絡", "令和６年３月１日", "1. 目的", "本通知は見本の取扱いを定める。",
             "2. 対象", "全ての部署を対象とする。", "問1 保管期間は何年か。", "答 五年とする。"]
    doc = extract(make_pdf(tmp_path / "notice.pdf", [lines]))
    chunks = chunk_document(doc, "d")
    assert all(c.kind == "section" for c in chunks)
    heads = [c.heading_path[-1] for c in chunks if c.heading_path]
    assert heads == ["1. 目的", "2. 対象", "問1 保管期間は何年か。"]
    assert chunks[0].text.startswith("事務連絡")  # letter-spacing undone
    assert all(c.pages == [0] for c in chunks)


def test_article_numbers_in_a_table_are_not_headings(tmp_path):
    # a 読替え table lists the parent act's articles, each alone in its cell (one per line)
    lines = ["見本法施行令", "第十四条　法第二十七条の規定の技術的読替えは、次の表のとおりとする。",
             "第二十七条の二（第二項から第六項までに限る。）", "前条第二項", "第二十七条の四", "前条第三項",
             "第二十七条の四", "次条第八項", "第十五条　この政令は、公布の日から施行する。"]
    chunks = chunk_document(extract(make_pdf(tmp_path / "t.pdf", [lines])), "d")
    assert [c.article_key for c in chunks if c.article_key] == ["14", "15"]
    assert "第二十七条の四" in chunks[-2].text  # the table stays with the article that has it


def test_number_printed_alone_before_its_text_is_still_a_heading(tmp_path):
    lines = ["見本規程", "第１条", "この規程は、文書の保存を定める。", "第２条", "保存期間は、十年とする。"]
    chunks = chunk_document(extract(make_pdf(tmp_path / "r.pdf", [lines])), "d")
    assert [c.article_key for c in chunks if c.article_key] == ["1", "2"]


def test_template_versions_of_one_article_are_cited_apart(tmp_path):
    """Model work rules print alternative versions of an article under 「［例N］」 headings; each
    version is cited with its mark, articles printed once are not, and a sentence about a version
    (「〔例２〕は、…」) is not a heading."""
    rules = [
        "モデル規則",
        "第４章　労働時間",
        "［例１］ 完全週休２日制の規程例",
        "第１９条 労働時間は、１日８時間とする。",
        "２ 休憩時間は、６０分とする。",
        "第２０条 休日は、土曜日及び日曜日とする。",
        "〔例２〕１か月単位の変形労働時間制の規程例",
        "第１９条 所定労働時間は、２週間ごとに平均して４０時間とする。",
        "〔例２〕は、隔週で週休２日とする例である。",
        "第２１条 時間外労働を命ずることがある。",
        "第５章　定年",
        "［例１］ 定年を満７０歳とする例",
        "第５１条 定年は、満７０歳とする。",
        "［例２］ 定年を満６５歳とする例",
        "第５１条 定年は、満６５歳とする。",
    ]
    chunks = chunk_document(extract(make_pdf(tmp_path / "rules.pdf", [rules])), "d")
    cites = [c.citation for c in chunks if c.kind == "article"]
    assert [c for c in cites if "第１９条" in c and "項" not in c] == [
        "モデル規則 〔例１〕第１９条", "モデル規則 〔例２〕第１９条"]
    # printed once: no version, even though it stands under 〔例２〕 (and after a sentence about it)
    assert "モデル規則 第２１条" in cites and "モデル規則 第２０条" in cites
    # the same number printed again straight after (no other article between) is a version too
    assert [c for c in cites if "第５１条" in c] == ["モデル規則 〔例１〕第５１条", "モデル規則 〔例２〕第５１条"]


def test_commentary_after_an_article_is_cited_as_commentary(tmp_path):
    """Model work rules print 【第２２条 …】 commentary after each article; quoting it as the
    article (user test: a 民法 sentence cited as 「第５２条」) misleads a legal officer."""
    rules = [
        "モデル規則",
        "第４章　労働時間",
        "第２１条 時間外労働を命ずることがある。",
        "２ 前項の場合、労使協定を締結する。",
        "【第２１条 時間外労働】",
        "１ 時間外労働には労使協定の届出が必要です。",
        "２ 上限は月４５時間です。",
        "第５章　休暇",
        "１ 休暇に関することは、必ず記載する事項です。",
        "第２２条 年次有給休暇を与える。",
        "【第２２条 年次有給休暇】",
        "【第２３条 特別休暇】",
        "１ 付与日数は法定です。",
    ]
    chunks = chunk_document(extract(make_pdf(tmp_path / "rules.pdf", [rules])), "d")
    by_cite = {c.citation: c.text for c in chunks}
    assert "上限" not in by_cite["モデル規則 第２１条"] and "労使協定を締結する" in by_cite["モデル規則 第２１条"]
    assert "上限は月４５時間" in by_cite["モデル規則 【第２１条 時間外労働】"]
    # the commentary's 「２」 is not a paragraph of the article (no passage cited 第２１条第３項…)
    assert [c for c in by_cite if c.startswith("モデル規則 第２１条")] == ["モデル規則 第２１条"]
    # a chapter's own introduction after a commentary is cited by the chapter
    assert "必ず記載する事項" in by_cite["モデル規則 第５章　休暇"]
    # two headings in a row introduce one commentary
    assert "付与日数" in by_cite["モデル規則 【第２２条 年次有給休暇】"]
    assert [c.article_key for c in chunks if c.kind == "article"] == ["21", "22"]


def test_a_numbered_paragraph_that_wraps_is_not_a_heading(tmp_path):
    """User test: the 点数表's notes 「２ 区分番号Ａ０００に掲げる初診料を…」 run on to the next line;
    read as headings, each became a passage cited by its own first line (five results that looked
    the same), cut from the fee it belongs to. Short numbered lines still head sections, and a
    Q&A's 問 heads one even when it wraps."""
    wrap = "２　区分番号Ａ０００に掲げる初診料を算定する初診の日に行った指導の費用は、初診"
    lines = ["見本点数表", "５　見本指導料　　270点",
             "注１　見本指導料は、慢性疾患の患者に対して必要な生活指導を継続して行った場合に、",
             "月１回に限り算定する。", wrap, "料に含まれるものとする。",
             "６　見本てんかん指導料　　250点",
             "注１　てんかんの患者に対して治療計画に基づき療養上必要な指導を行った場合に、月",
             "１回に限り算定する。",
             "問３　見本指導料と見本てんかん指導料は、同じ月に同じ患者について算定できますか。",
             "答　算定できない。"]
    chunks = chunk_document(extract(make_pdf(tmp_path / "fees.pdf", [lines])), "d")
    heads = [c.heading_path[-1] for c in chunks if c.heading_path]
    assert heads == ["５　見本指導料　　270点", "６　見本てんかん指導料　　250点",
                     "問３　見本指導料と見本てんかん指導料は、同じ月に同じ患者について算定できますか。"]
    assert "初診料に含まれるものとする" in chunks[heads.index("５　見本指導料　　270点")
                                           + (len(chunks) - len(heads))].text.replace("\n", "")


def test_a_paragraph_after_a_sentence_ending_at_the_margin_starts_its_own_line(tmp_path):
    """User test: 「…短縮することができる。」 ended at the right margin and 「３ 前項の規定は…」 was
    run into it, so the provision reader never saw paragraph 3 (and its items ① ② went to 2)."""
    full = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよ"  # a full line
    lines = ["見本規程", "（解雇）", "第５条　" + full[:34] + "。",
             "２　前項の場合は" + full[:33] + "。",
             "３　前項の規定は、次の各号のいずれかに該当する者には" + full[:13] + "。",
             "① 日々雇い入れられる者", "② ２か月以内の期間を定めて使用する者", "第６条　" + full[:34] + "。"]
    chunks = chunk_document(extract(make_pdf(tmp_path / "rules.pdf", [lines])), "d")
    art = next(c for c in chunks if c.article_key == "5")
    assert "。\n３　前項の規定は" in art.text
    from reglens.legal.provisions import read_provision
    prov = read_provision([{"text": art.text, "pages": art.pages}])
    assert [p.number for p in prov.paragraphs] == [1, 2, 3] and list(prov.paragraphs[2].items) == ["1", "2"]


LEFT = ("この要綱は、市の施設の利用に関し必要な事項を定めるものとする。利用者は、施設の利用に当たっては、"
        "職員の指示に従わなければならない。施設の利用時間は、午前九時から午後五時までとする。ただし、"
        "市長が特に必要と認めるときは、これを変更することができる。") * 2
RIGHT = ("施設を利用しようとする者は、あらかじめ市長の許可を受けなければならない。許可を受けた者は、その"
         "権利を他人に譲渡し、又は転貸してはならない。使用料は、別表に定める額とし、利用の許可の際に納付"
         "しなければならない。") * 2


def test_a_page_set_in_two_columns_reads_each_column_as_running_text(tmp_path):
    """Measured against the page's right edge, every line of the left column ended "short" and
    became a sentence of its own; each column is measured against its own edge."""
    doc = extract(make_columns_pdf(tmp_path / "two.pdf", "施設利用要綱", [LEFT, RIGHT]))
    assert doc.status == OK
    lines = doc.pages[0].lines
    left = [ln for ln in lines if ln.bbox[2] < 300 and ln.bbox[1] > 70]
    assert len(left) >= 8
    assert [ln.hard_break for ln in left[:-1]] == [False] * (len(left) - 1)  # wrapped, not ended
    assert left[-1].hard_break  # the column's text ends there
    text = "\n".join(c.text for c in chunk_document(doc, "two"))
    assert "施設の利用時間は、午前九時から午後五時までとする。" in text
    assert "あらかじめ市長の許可を受けなければならない。" in text


def test_a_table_read_row_by_row_keeps_its_rows_apart(tmp_path):
    """A label column beside a value column looks like two columns; but its reading order crosses
    the gutter at every row, so the labels still end their lines."""
    rows = [f"{n} 看護職員処遇改善評価料{n}" for n in range(40, 60)]
    doc_pdf = pymupdf.open()
    page = doc_pdf.new_page(width=595, height=842)
    for i, label in enumerate(rows):
        y = 80 + i * 18
        page.insert_text((56, y), label, fontname="japan", fontsize=10.5)
        page.insert_text((480, y), f"{i + 40}点", fontname="japan", fontsize=10.5)
    doc_pdf.save(tmp_path / "table.pdf")
    doc = extract(tmp_path / "table.pdf")
    labels = [ln for ln in doc.pages[0].lines if "評価料" in ln.text]
    assert len(labels) == 20 and all(ln.hard_break for ln in labels)


def test_a_table_of_contents_is_not_a_passage_but_the_rest_of_its_page_is(tmp_path):
    """A contents page holds the words of every heading; it came up among the results for
    questions on a dozen sections of one manual."""
    contents = ["利用の手引き", "目次", "1.",  "1.1.", "1.2.",
                "はじめに ........................................ 1",
                "利用者の登録 .................................... 3",
                "パスワードの変更 ................................ 5",
                "データの削除 .................................... 7",
                "第１９条（労働時間及び休憩時間）",
                "問い合わせ先 .................................... 9",
                "本書は、市民向けシステムの利用方法を説明するものです。"]
    body = ["1. はじめに", "本システムは、市の職員が利用する。",
            "1.1. 利用者の登録", "利用者の登録は、所属長が申請する。"]
    doc = extract(make_pdf(tmp_path / "guide.pdf", [contents, body]))
    chunks = chunk_document(doc, "guide")
    text = "\n".join(c.text for c in chunks)
    assert "......" not in text and "パスワードの変更" not in text and "目次" not in text
    assert "第１９条" not in text  # an article listed in the contents is no article
    assert "本書は、市民向けシステムの利用方法を説明するものです。" in text  # the page's own sentence stays
    assert "利用者の登録は、所属長が申請する。" in text


def test_a_few_dotted_lines_are_a_form_not_contents(tmp_path):
    """Two dotted lines (a form's blanks) are kept: a contents page lists at least three entries."""
    lines = ["申請書", "氏名 .................................... 1", "住所 .................................... 2",
             "上記のとおり申請します。"]
    text = "\n".join(c.text for c in chunk_document(extract(make_pdf(tmp_path / "form.pdf", [lines])), "form"))
    assert "氏名" in text and "住所" in text


def test_a_caption_after_an_item_heads_the_next_article(tmp_path):
    """An item ends no sentence, so the next article's caption was kept as the item's last line:
    157 of the statutes' passages ended with the next article's caption."""
    law = ["見本法", "（令和五年法律第一号）", "（欠格）",
           "第一条　次の各号のいずれかに該当する者は、登録を受けることができない。",
           "一　破産者", "二　禁錮以上の刑に処せられた者", "（帳簿）",
           "第二条　登録業者は、帳簿を備えなければならない。"]
    chunks = chunk_document(extract(make_pdf(tmp_path / "law.pdf", [law])), "law")
    first, second = [c for c in chunks if c.kind == "article"]
    assert first.text.endswith("二　禁錮以上の刑に処せられた者")
    assert second.caption == "（帳簿）"


def test_an_english_line_that_runs_on_in_lower_case_ends_no_sentence(tmp_path):
    """clerk4 (GDPR): 「…up to 4 % of the total」 was an answer sentence, 「worldwide annual
    turnover…」 the next — a PDF line ended short there. A line end is a sentence end in Latin
    text only when punctuation says so; a short line that ends a sentence, a heading or a URL
    label stays apart, and the passage keeps its bounds."""
    from reglens.summarize import split_sentences
    lines = ["Article 83",
             "General conditions for imposing administrative fines",
             "1. Infringements shall be subject to administrative fines up to 20 000 000 EUR,",
             "or in the case of an undertaking, up to 4 % of the total",
             "worldwide annual turnover of the preceding financial year, whichever is higher.",
             "2. Each supervisory authority shall ensure that the imposition of administrative fines in respect",
             "of infringements is effective.",
             "See the register",
             "http://example.org/register"]
    pdf = pymupdf.open()
    page = pdf.new_page(width=595, height=842)
    for i, line in enumerate(lines):
        page.insert_text((56, 72 + i * 16), line, fontname="helv", fontsize=10)
    pdf.save(tmp_path / "en.pdf")
    doc = extract(tmp_path / "en.pdf")
    read = doc.pages[0].lines
    by_text = {ln.text.strip(): ln for ln in read}
    assert not by_text["or in the case of an undertaking, up to 4 % of the total"].hard_break
    assert by_text["or in the case of an undertaking, up to 4 % of the total"].ends_short  # where passages may be cut
    assert by_text["General conditions for imposing administrative fines"].hard_break  # a heading: next is "1."
    assert by_text["See the register"].hard_break  # the next line is a URL, not a word going on
    text = "\n".join(c.text for c in chunk_document(doc, "en"))
    sentences = split_sentences(text)
    assert any("up to 4 % of the total worldwide annual turnover of the preceding financial year, whichever is "
               "higher." in s for s in sentences), sentences
    assert any(s.endswith("fines in respect of infringements is effective.") for s in sentences), sentences
    assert not any(s.endswith(("of the total", "in respect")) for s in sentences)
    assert "Article 83" in sentences and "General conditions for imposing administrative fines" in sentences


def test_a_japanese_sentence_stopping_a_character_short_ends_its_line():
    """User test 5: 借地借家法 第二十六条's 第二項 ends 「…同項と同様とする。」 one character short of
    the margin; read as a wrap it ran into 第三項 and the citation check lit both as 第二項. The next
    character would have fit, so the line ends there — unless it may not open a line (」、。)."""
    from reglens.ingest import Line, _mark_hard_breaks
    full, short, em = 524.0, 513.5, 10.5
    texts = [("第二十六条　建物の賃貸借について期間の定めがある場合において、当事者が", full),
             ("する場合において、建物の賃貸人が遅滞なく異議を述べなかったときも、同項と同様とする。", short),
             ("建物の転貸借がされている場合においては、建物の転借人がする建物の使用の継続を建物の賃借", full),
             ("人がする建物の使用の継続とみなして、建物の賃借人と賃貸人との間について前項の規定を適用", full),
             ("する。", 104.0),
             ("この法律において「特定事業」とは、次に掲げる事業をいう。", short),
             ("」の規定を準用する。", full),
             ("前項の規定は、届出について準用する。", full),
             ("第二十七条　建物の賃貸人が賃貸借の解約の申入れをした場合においては、建物の賃貸借は", full)]
    lines = [Line(t, 0, (72.5, 20.0 * i, x1, 20.0 * i + em), em) for i, (t, x1) in enumerate(texts)]
    _mark_hard_breaks(lines)
    assert [ln.stops_short for ln in lines] == [False, True, False, False, False, False, False, False, False]
    assert lines[4].hard_break and not lines[1].hard_break  # 「する。」 ends well short: a hard break already
    from reglens.structure import _join
    assert _join(lines[:6], article=True).count("\n") == 2  # an article's paragraph ends its line
    assert _join(lines[:6]).count("\n") == 1  # elsewhere the sentence runs on (white space only)


def test_unnumbered_paragraph_after_a_short_stop_is_its_own(sample_docs):
    from reglens.legal.provisions import read_provision
    doc = extract(sample_docs / "借地借家法.pdf")
    art = next(c for c in chunk_document(doc, "x") if c.article_key == "26")
    prov = read_provision([{"text": art.text, "pages": art.pages}])
    assert [p.text[:8] for p in prov.paragraphs] == ["第二十六条　建物", "前項の通知をした", "建物の転貸借がさ"]


def test_a_numbered_one_line_paragraph_stopping_a_character_short_is_no_heading():
    """Passage rules 7 end an article's sentence at a 「。」 line one character short of the edge;
    a numbered line so ended in a notice is a one-line paragraph (「２ …算定する。」), not a section
    heading that would open a passage cited by its own first line."""
    from reglens.ingest import Line, _mark_hard_breaks
    from reglens.structure import _section_heading
    em = 10.5
    texts = [("１ 初診料は、患者の傷病について医学的に初診といわれる診療行為があった場合", 524.0),
             ("に算定する。", 130.0),
             ("２ 同一の保険医療機関において、同一の患者について同一日に算定する。", 513.5),
             ("３ 区分番号Ａ０００に掲げる初診料を算定する場合は、当該患者について", 524.0),
             ("は算定しない。", 140.0)]
    lines = [Line(t, 0, (72.5, 20.0 * i, x1, 20.0 * i + em), em) for i, (t, x1) in enumerate(texts)]
    _mark_hard_breaks(lines)
    assert lines[2].stops_short and not lines[2].hard_break  # the sentence ends there
    from reglens.normalize import search_form
    assert not _section_heading(search_form(lines[2].text), lines[2])


def _calendar_page_pdf(path, prose: list[str]):
    """Prose lines across the page above a 14-day calendar whose cells are single characters
    (日付・曜日・〃), as a manual's worked example prints it."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    for i, line in enumerate(prose):
        page.insert_text((85, 110 + 18 * i), line, fontname="japan", fontsize=10.5)
    for day in range(14):
        x = 125 + 23 * day
        for j, ch in enumerate([str(day % 10), "日", "目", "月火水木金土日"[day % 7], "〃"]):
            page.insert_text((x, 360 + 18 * j), ch, fontname="japan", fontsize=10.5)
    doc.save(path)
    doc.close()
    return path


def test_a_horizontal_page_with_a_calendar_of_single_characters_keeps_its_prose_in_order(tmp_path):
    """A page with more one-character table cells than lines of prose was read as vertical text,
    right to left, and its sentences were cut apart and interleaved with the cells."""
    prose = ["３　１か月単位の変形労働時間制を採用する場合には、就業規則等において変形期間の起",
             "算日や各日の始業・終業の時刻及び各日の労働時間を明確にしておくことが必要です。"]
    doc = extract(_calendar_page_pdf(tmp_path / "calendar.pdf", prose))
    assert doc.status == OK
    texts = [ln.text.strip() for ln in doc.pages[0].lines]
    assert texts[:2] == [p.strip() for p in prose]


def test_a_vertical_page_of_single_characters_is_read_in_columns_right_to_left(tmp_path):
    """Vertical (縦書き) text that a PDF stores one character per line is rebuilt column by
    column, the rightmost column first."""
    columns = ["第一条この告示は令和四年から適用する。", "第二条前条の規定は別表による。"]
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    for c, text in enumerate(columns):
        x = 500 - 30 * c
        for j, ch in enumerate(text):
            page.insert_text((x, 80 + 14 * j), ch, fontname="japan", fontsize=11)
    doc.save(tmp_path / "vertical.pdf")
    doc.close()
    ex = extract(tmp_path / "vertical.pdf")
    texts = [ln.text.strip() for ln in ex.pages[0].lines]
    assert texts == columns


def _line(text, bbox):
    from reglens.ingest import Line
    return Line(text=text, page=0, bbox=bbox, size=10.5)


def test_a_text_layer_printed_twice_keeps_one_copy(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    for _ in range(2):
        page.insert_text((72, 100), "第一条　この規程は、令和五年四月一日から施行する。",
                         fontname="japan", fontsize=10.5)
    doc.save(tmp_path / "twice.pdf")
    doc.close()
    texts = [ln.text.strip() for ln in extract(tmp_path / "twice.pdf").pages[0].lines]
    assert texts == ["第一条　この規程は、令和五年四月一日から施行する。"]


def test_only_copies_of_a_line_are_dropped_as_overprinted():
    """A garbled copy in the same box goes; a real line that a taller line box above it covers
    stays (電気通信事業法 p5: item 七's second line was lost)."""
    from reglens.ingest import _drop_overprinted
    first = _line("七　その電気通信事業が電気通信", (83.0, 77.3, 300.8, 91.0))
    second = _line("の健全な発達のために適切でないと認められる者", (83.0, 81.6, 314.0, 95.3))
    assert _drop_overprinted([first, second]) == [first, second]
    garbled = _line("\x82l\x82r\x82o\x83S\x83V\x83b\x83N", (83.2, 77.3, 300.6, 91.0))
    assert _drop_overprinted([first, garbled]) == [first]
    shifted = _line("七　その電気通信事業が電気通信", (83.0, 80.3, 300.8, 94.0))
    assert _drop_overprinted([first, shifted]) == [first]


def test_readings_printed_over_kanji_are_not_text(tmp_path):
    """A fee schedule prints ぼうこう over 膀胱: the reading is dropped and the line it split is
    one line again (「ト　膀胱」「ぼうこう」「洗浄」 were three sentences, 膀胱洗浄 never a word)."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((100, 200), "ト　膀胱", fontname="japan", fontsize=10)
    page.insert_text((120, 189), "ぼうこう", fontname="japan", fontsize=5)
    page.insert_text((140, 200), "洗浄", fontname="japan", fontsize=10)
    page.insert_text((100, 300), "よみがな", fontname="japan", fontsize=5)  # no base under it: kept
    page.insert_text((100, 330), "次の行は本文である。", fontname="japan", fontsize=10)
    doc.save(tmp_path / "ruby.pdf")
    doc.close()
    texts = [ln.text.strip() for ln in extract(tmp_path / "ruby.pdf").pages[0].lines]
    assert texts == ["ト　膀胱洗浄", "よみがな", "次の行は本文である。"]


def test_a_table_header_set_vertically_on_a_horizontal_page_is_one_word(tmp_path):
    """A fee table's column headers stand one character under the other; each is one line (服薬管理
    指導料), while the row's single cells side by side (○ × ○) stay cells of their own."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((70, 100), "別表１　他の薬学管理料の算定の可否について次の表に示す。",
                     fontname="japan", fontsize=10)
    for j, ch in enumerate("服薬管理指導料"):
        page.insert_text((360, 130 + 10 * j), ch, fontname="japan", fontsize=10)
    for j, ch in enumerate("手帳減算"):
        page.insert_text((390, 130 + 10 * j), ch, fontname="japan", fontsize=10)
    for k, ch in enumerate("○×○"):
        page.insert_text((360 + 30 * k, 220), ch, fontname="japan", fontsize=10)
    doc.save(tmp_path / "table.pdf")
    doc.close()
    texts = [ln.text.strip() for ln in extract(tmp_path / "table.pdf").pages[0].lines]
    assert "服薬管理指導料" in texts and "手帳減算" in texts
    assert texts[-3:] == ["○", "×", "○"]


def test_a_bullet_set_apart_from_its_item_joins_it(tmp_path):
    """A list's bullet drawn as a line of its own beside its item reads as part of the item, not as
    a sentence 「・」 before it; a table's single marks side by side (● －) stay cells."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    for k, item in enumerate(["データの出所を追跡できる状態を確保する", "リスクの程度を評価する"]):
        page.insert_text((100, 120 + 20 * k), "・", fontname="japan", fontsize=10)
        page.insert_text((118, 120 + 20 * k), item, fontname="japan", fontsize=10)
    page.insert_text((100, 200), "●", fontname="japan", fontsize=10)
    page.insert_text((130, 200), "－", fontname="japan", fontsize=10)
    doc.save(tmp_path / "bullets.pdf")
    doc.close()
    texts = [ln.text.strip() for ln in extract(tmp_path / "bullets.pdf").pages[0].lines]
    assert texts == ["・データの出所を追跡できる状態を確保する", "・リスクの程度を評価する", "●", "－"]


def test_ocr_pieces_of_one_printed_line_are_one_line():
    """Tesseract returns a printed line in pieces, each short of the margin and so a sentence of its
    own (「標記」「につきまして、…」); pieces left to right on one row join, the next row does not."""
    from reglens.ingest import _join_row_fragments
    pieces = [_line("標記", (94, 342, 186, 354)),
              _line("につきまして、別添により各都道府県衛生主管部(局) 薬務主管課あて連絡し", (124, 337, 506, 355)),
              _line("まし", (84, 365, 142, 375)), _line("たので、その写しを送付", (108, 361, 264, 377)),
              _line("します。", (237, 361, 264, 377)), _line("Q&A", (84, 390, 120, 402)),
              _line("について", (126, 390, 180, 402))]
    assert [ln.text for ln in _join_row_fragments(pieces)] == [
        "標記につきまして、別添により各都道府県衛生主管部(局) 薬務主管課あて連絡し",
        "ましたので、その写しを送付します。", "Q&Aについて"]
                     # 再診料's own line, right before its first note, is no passage of its own


def test_only_the_line_a_reading_split_is_joined_again():
    """After 「膀胱」 and 「洗浄」 are joined round their dropped reading, the next piece on the row
    (a table's next cell, no reading before it) stays a line of its own (review: the join had
    tested only that the line before was not the last one kept, which a join also makes true)."""
    from reglens.ingest import Line, _drop_ruby

    def line(text: str, x0: float, x1: float, y1: float, size: float) -> Line:
        return Line(text=text, page=0, bbox=(x0, y1 - size, x1, y1), size=size)

    lines = [line("ト　膀胱", 100, 140, 200, 10), line("ぼうこう", 120, 140, 189, 5),
             line("洗浄", 140, 160, 200, 10), line("算定", 162, 182, 200, 10)]
    assert [ln.text for ln in _drop_ruby(lines)] == ["ト　膀胱洗浄", "算定"]
