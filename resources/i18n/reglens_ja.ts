<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>CitationDialog</name>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="51"/>
        <source>Check citations</source>
        <translation>引用条文のチェック</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="55"/>
        <source>Paste a draft or a citation, e.g. 金商法27条の13第1項及び同法施行令第9条の3第1項第2号</source>
        <translation>起案文や引用を貼り付けてください（例：金商法27条の13第1項及び同法施行令第9条の3第1項第2号）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="56"/>
        <source>&amp;Check</source>
        <translation>チェック(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="61"/>
        <source>As written</source>
        <translation>記載</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="61"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="61"/>
        <source>Provision</source>
        <translation>規定</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="62"/>
        <source>Page</source>
        <translation>ページ</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="62"/>
        <source>Note</source>
        <translation>備考</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="90"/>
        <source>Checking…</source>
        <translation>チェック中…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="113"/>
        <source>{0} citations, {1} with problems</source>
        <translation>引用 {0} 件、うち問題あり {1} 件</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="114"/>
        <source>No citations found in the text</source>
        <translation>条文の引用は見つかりませんでした</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="120"/>
        <source>found (check in PDF)</source>
        <translation>あり（PDFで確認）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="122"/>
        <source>found</source>
        <translation>あり</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="123"/>
        <source>no such paragraph</source>
        <translation>該当項なし</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="124"/>
        <source>no such item</source>
        <translation>該当号なし</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="125"/>
        <source>no such article</source>
        <translation>該当条なし</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="126"/>
        <source>deleted (削除)</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="127"/>
        <source>law not in library</source>
        <translation>未収録の法令</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="128"/>
        <source>ambiguous</source>
        <translation>特定できない</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="129"/>
        <source>unresolved</source>
        <translation>参照先不明</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/cite_dialog.py" line="132"/>
        <source>The check failed: {0}</source>
        <translation>チェックに失敗しました：{0}</translation>
    </message>
</context>
<context>
    <name>LibraryDialog</name>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="36"/>
        <source>Library</source>
        <translation>ライブラリ</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="46"/>
        <source>Add folder…</source>
        <translation>フォルダーを追加…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="47"/>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="48"/>
        <source>Rebuild index</source>
        <translation>索引を再構築</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="49"/>
        <source>Update index</source>
        <translation>索引を更新</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="50"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="61"/>
        <source>Drop folders here or use “Add folder…”.</source>
        <translation>ここにフォルダーをドロップするか「フォルダーを追加…」を使ってください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="64"/>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="64"/>
        <source>Title</source>
        <translation>題名</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="64"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="65"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="65"/>
        <source>Pages</source>
        <translation>ページ数</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="65"/>
        <source>Passages</source>
        <translation>パッセージ数</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="78"/>
        <source>Folders in the library:</source>
        <translation>ライブラリのフォルダー:</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="87"/>
        <source>Looking for PDF files</source>
        <translation>PDF を探しています</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="87"/>
        <source>Reading PDFs</source>
        <translation>PDF を読み込み中</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="88"/>
        <source>Indexing words</source>
        <translation>語を索引化中</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="88"/>
        <source>Computing embeddings</source>
        <translation>埋め込みを計算中</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="89"/>
        <source>Writing the index</source>
        <translation>索引を書き込み中</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="89"/>
        <source>Publishing</source>
        <translation>公開中</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="90"/>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="94"/>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="94"/>
        <source>Needs OCR</source>
        <translation>要 OCR</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="94"/>
        <source>Encrypted</source>
        <translation>暗号化</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="95"/>
        <source>Corrupt</source>
        <translation>破損</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="95"/>
        <source>Empty</source>
        <translation>空</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="95"/>
        <source>Unreadable</source>
        <translation>読めません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="96"/>
        <source>Not a PDF</source>
        <translation>PDF ではない</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="109"/>
        <source>Add a folder of PDFs</source>
        <translation>PDF のフォルダーを追加</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="131"/>
        <source>Add at least one folder first.</source>
        <translation>先にフォルダーを1つ以上追加してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="147"/>
        <source>Cancelling…</source>
        <translation>キャンセルしています…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="158"/>
        <source> — about {0} s left</source>
        <translation> — 残り約 {0} 秒</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="166"/>
        <source>Index published.</source>
        <translation>索引を公開しました。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="171"/>
        <source>Cancelled. The previous index is unchanged.</source>
        <translation>キャンセルしました。以前の索引はそのままです。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="174"/>
        <source>Failed: {0}. The previous index is unchanged.</source>
        <translation>失敗しました: {0}。以前の索引はそのままです。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="99"/>
        <source>Ask a question, e.g. 借地権の存続期間は何年ですか</source>
        <translation>質問を入力（例: 借地権の存続期間は何年ですか）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="126"/>
        <source>Index the bundled sample statutes</source>
        <translation>同梱のサンプル法令を索引化</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="153"/>
        <source>Loading the index…</source>
        <translation>索引を読み込んでいます…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="167"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="168"/>
        <source>&amp;Library…</source>
        <translation>ライブラリ(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="169"/>
        <source>Export results as &amp;Markdown…</source>
        <translation>結果を Markdown で書き出す(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="171"/>
        <source>Export results as &amp;CSV…</source>
        <translation>結果を CSV で書き出す(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="172"/>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="173"/>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="174"/>
        <source>&amp;Focus search</source>
        <translation>検索欄へ移動(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="175"/>
        <source>Copy &amp;citation</source>
        <translation>引用をコピー(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="176"/>
        <source>Copy &amp;passage with citation</source>
        <translation>条文と引用をコピー(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="178"/>
        <source>Open in system PDF &amp;viewer</source>
        <translation>PDF ビューアーで開く(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="179"/>
        <source>&amp;Tools</source>
        <translation>ツール(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="180"/>
        <source>Check &amp;citations in a text…</source>
        <translation>引用条文のチェック(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="209"/>
        <source>{0} documents, {1} passages — {2}</source>
        <translation>文書 {0} 件、パッセージ {1} 件 — {2}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="219"/>
        <source>&lt;b&gt;No library yet.&lt;/b&gt; Index the bundled sample statutes to try RegLens, or add your own folders of PDFs with &lt;i&gt;File → Library…&lt;/i&gt; (Ctrl+B).</source>
        <translation>&lt;b&gt;ライブラリがまだありません。&lt;/b&gt;同梱のサンプル法令を索引化して試すか、&lt;i&gt;ファイル → ライブラリ…&lt;/i&gt;（Ctrl+B）から PDF のフォルダーを追加してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="221"/>
        <source>No index</source>
        <translation>索引なし</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="223"/>
        <source>&lt;b&gt;The index cannot be used:&lt;/b&gt; {0}&lt;br&gt;Rebuild it from &lt;i&gt;File → Library…&lt;/i&gt;.</source>
        <translation>&lt;b&gt;索引を使用できません:&lt;/b&gt; {0}&lt;br&gt;&lt;i&gt;ファイル → ライブラリ…&lt;/i&gt; から再構築してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="225"/>
        <source>Index damaged</source>
        <translation>索引が破損しています</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="250"/>
        <location filename="../../src/reglens/ui/main_window.py" line="311"/>
        <source>Build an index first (File → Library…)</source>
        <translation>先に索引を作成してください（ファイル → ライブラリ…）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="274"/>
        <source>{0} results</source>
        <translation>{0} 件</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="283"/>
        <source>No clear answer found; closest provisions are listed below.</source>
        <translation>明確な回答は見つかりませんでした。関連する規定を下に示します。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="287"/>
        <source>Extracted from the cited provisions; check the sources.</source>
        <translation>引用した規定から抜き出した文です。必ず原文を確認してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="304"/>
        <location filename="../../src/reglens/ui/main_window.py" line="324"/>
        <source>Cannot open {0}: {1}</source>
        <translation>{0} を開けません: {1}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="341"/>
        <source>Refers to: {0}</source>
        <translation>引用している規定：{0}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="344"/>
        <source>Cited by: (reading the library…)</source>
        <translation>引用されている規定：（ライブラリを読み込み中…）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="350"/>
        <source> and {0} more</source>
        <translation> ほか {0} 件</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="351"/>
        <source>Cited by: {0}</source>
        <translation>引用されている規定：{0}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="373"/>
        <source>Citation copied</source>
        <translation>引用をコピーしました</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="379"/>
        <source>Passage copied</source>
        <translation>条文をコピーしました</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="391"/>
        <source>Export results</source>
        <translation>結果の書き出し</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="395"/>
        <source>Exported to {0}</source>
        <translation>{0} に書き出しました</translation>
    </message>
</context>
<context>
    <name>PdfViewer</name>
    <message>
        <location filename="../../src/reglens/ui/viewer.py" line="27"/>
        <source>◀ Previous</source>
        <translation>◀ 前へ</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/viewer.py" line="28"/>
        <source>Next ▶</source>
        <translation>次へ ▶</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/viewer.py" line="31"/>
        <source>Open in PDF viewer</source>
        <translation>PDF ビューアーで開く</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/viewer.py" line="49"/>
        <source>Select a result to see its page</source>
        <translation>結果を選ぶとそのページを表示します</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/viewer.py" line="91"/>
        <source>page {0} / {1}</source>
        <translation>{0} / {1} ページ</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/viewer.py" line="93"/>
        <source> (printed {0})</source>
        <translation>（印刷上 {0}）</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../src/reglens/ui/errors.py" line="36"/>
        <source>Something unexpected happened. The report below was also written to {0}.</source>
        <translation>予期しない問題が発生しました。以下の報告は {0} にも記録されています。</translation>
    </message>
</context>
</TS>
