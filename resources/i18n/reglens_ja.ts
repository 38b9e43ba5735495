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
        <location filename="../../src/reglens/ui/library.py" line="35"/>
        <source>Library</source>
        <translation>ライブラリ</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="45"/>
        <source>Add folder…</source>
        <translation>フォルダーを追加…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="46"/>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="47"/>
        <source>Rebuild index</source>
        <translation>索引を再構築</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="48"/>
        <source>Update index</source>
        <translation>索引を更新</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="49"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="60"/>
        <source>Drop folders here or use “Add folder…”.</source>
        <translation>ここにフォルダーをドロップするか「フォルダーを追加…」を使ってください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="63"/>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="63"/>
        <source>Title</source>
        <translation>題名</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="63"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="64"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="64"/>
        <source>Pages</source>
        <translation>ページ数</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="64"/>
        <source>Passages</source>
        <translation>パッセージ数</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="77"/>
        <source>Folders in the library:</source>
        <translation>ライブラリのフォルダー:</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="86"/>
        <source>Looking for PDF files</source>
        <translation>PDF を探しています</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="86"/>
        <source>Reading PDFs</source>
        <translation>PDF を読み込み中</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="87"/>
        <source>Indexing words</source>
        <translation>語を索引化中</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="87"/>
        <source>Computing embeddings</source>
        <translation>埋め込みを計算中</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="88"/>
        <source>Writing the index</source>
        <translation>索引を書き込み中</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="88"/>
        <source>Publishing</source>
        <translation>公開中</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="89"/>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="93"/>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="93"/>
        <source>Needs OCR</source>
        <translation>要 OCR</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="93"/>
        <source>Encrypted</source>
        <translation>暗号化</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="94"/>
        <source>Corrupt</source>
        <translation>破損</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="94"/>
        <source>Empty</source>
        <translation>空</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="94"/>
        <source>Unreadable</source>
        <translation>読めません</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="95"/>
        <source>Not a PDF</source>
        <translation>PDF ではない</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="108"/>
        <source>Add a folder of PDFs</source>
        <translation>PDF のフォルダーを追加</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/library.py" line="130"/>
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
        <location filename="../../src/reglens/ui/main_window.py" line="130"/>
        <source>Ask a question, e.g. 借地権の存続期間は何年ですか</source>
        <translation>質問を入力（例: 借地権の存続期間は何年ですか）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="157"/>
        <source>Index the bundled sample statutes</source>
        <translation>同梱のサンプル法令を索引化</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="190"/>
        <source>Loading the index…</source>
        <translation>索引を読み込んでいます…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="204"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="205"/>
        <source>&amp;Library…</source>
        <translation>ライブラリ(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="206"/>
        <source>Export results as &amp;Markdown…</source>
        <translation>結果を Markdown で書き出す(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="208"/>
        <source>Export results as &amp;CSV…</source>
        <translation>結果を CSV で書き出す(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="209"/>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="210"/>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="211"/>
        <source>&amp;Focus search</source>
        <translation>検索欄へ移動(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="212"/>
        <source>Cancel &amp;search</source>
        <translation>検索を中止(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="213"/>
        <source>Copy &amp;citation</source>
        <translation>引用をコピー(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="214"/>
        <source>Copy &amp;passage with citation</source>
        <translation>条文と引用をコピー(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="216"/>
        <source>Open in system PDF &amp;viewer</source>
        <translation>PDF ビューアーで開く(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="217"/>
        <source>&amp;Tools</source>
        <translation>ツール(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="218"/>
        <source>Check &amp;citations in a text…</source>
        <translation>引用条文のチェック(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="220"/>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="254"/>
        <source>{0} documents, {1} passages — {2}</source>
        <translation>文書 {0} 件、パッセージ {1} 件 — {2}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="273"/>
        <source>&lt;b&gt;No library yet.&lt;/b&gt; Index the bundled sample statutes to try RegLens, or add your own folders of PDFs with &lt;i&gt;File → Library…&lt;/i&gt; (Ctrl+B).</source>
        <translation>&lt;b&gt;ライブラリがまだありません。&lt;/b&gt;同梱のサンプル法令を索引化して試すか、&lt;i&gt;ファイル → ライブラリ…&lt;/i&gt;（Ctrl+B）から PDF のフォルダーを追加してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="275"/>
        <source>No index</source>
        <translation>索引なし</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="277"/>
        <source>&lt;b&gt;The index cannot be used:&lt;/b&gt; {0}&lt;br&gt;Rebuild it from &lt;i&gt;File → Library…&lt;/i&gt;.</source>
        <translation>&lt;b&gt;索引を使用できません:&lt;/b&gt; {0}&lt;br&gt;&lt;i&gt;ファイル → ライブラリ…&lt;/i&gt; から再構築してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="279"/>
        <source>Index damaged</source>
        <translation>索引が破損しています</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="310"/>
        <source>Loading the index… the search will run when it is ready</source>
        <translation>索引を読み込んでいます…読み込みが終わると検索します</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="312"/>
        <location filename="../../src/reglens/ui/main_window.py" line="495"/>
        <source>Build an index first (File → Library…)</source>
        <translation>先に索引を作成してください（ファイル → ライブラリ…）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="330"/>
        <source>Searching…</source>
        <translation>検索しています…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="343"/>
        <source>Search cancelled</source>
        <translation>検索を中止しました</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="383"/>
        <source>Composing the answer…</source>
        <translation>回答をまとめています…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="384"/>
        <source>{0} results</source>
        <translation>{0} 件</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="425"/>
        <source>No clear answer found; closest provisions are listed below.</source>
        <translation>明確な回答は見つかりませんでした。関連する規定を下に示します。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="429"/>
        <source>Extracted from the cited provisions; check the sources.</source>
        <translation>引用した規定から抜き出した文です。必ず原文を確認してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="444"/>
        <location filename="../../src/reglens/ui/main_window.py" line="453"/>
        <source>Language model not used: {0}</source>
        <translation>言語モデルは使用されませんでした：{0}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="446"/>
        <source>Asking the language model…</source>
        <translation>言語モデルに問い合わせ中…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="459"/>
        <source> {0} generated sentence(s) were removed because the cited passage did not support them.</source>
        <translation> 引用元の資料で裏付けられなかった生成文 {0} 件を除外しました。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="462"/>
        <source>Generated by {0}</source>
        <translation>{0} による生成文</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="463"/>
        <source>every sentence was checked against the passage it cites; read the passages before relying on it.</source>
        <translation>各文は引用元の資料と照合済みです。利用する前に資料を確認してください。</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="488"/>
        <location filename="../../src/reglens/ui/main_window.py" line="508"/>
        <source>Cannot open {0}: {1}</source>
        <translation>{0} を開けません: {1}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="539"/>
        <source>Refers to: {0}</source>
        <translation>引用している規定：{0}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="542"/>
        <source>Cited by: (reading the library…)</source>
        <translation>引用されている規定：（ライブラリを読み込み中…）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="546"/>
        <source> and {0} more</source>
        <translation> ほか {0} 件</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="547"/>
        <source>Cited by: {0}</source>
        <translation>引用されている規定：{0}</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="570"/>
        <source>Citation copied</source>
        <translation>引用をコピーしました</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="576"/>
        <source>Passage copied</source>
        <translation>条文をコピーしました</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="588"/>
        <source>Export results</source>
        <translation>結果の書き出し</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/main_window.py" line="592"/>
        <source>Exported to {0}</source>
        <translation>{0} に書き出しました</translation>
    </message>
</context>
<context>
    <name>PdfViewer</name>
    <message>
        <location filename="../../src/reglens/ui/viewer.py" line="26"/>
        <source>◀ Previous</source>
        <translation>◀ 前へ</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/viewer.py" line="27"/>
        <source>Next ▶</source>
        <translation>次へ ▶</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/viewer.py" line="30"/>
        <source>Open in PDF viewer</source>
        <translation>PDF ビューアーで開く</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/viewer.py" line="48"/>
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
    <name>SettingsDialog</name>
    <message>
        <location filename="../../src/reglens/ui/settings_dialog.py" line="28"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/settings_dialog.py" line="30"/>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/settings_dialog.py" line="42"/>
        <source>system default</source>
        <translation>システムの既定</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/settings_dialog.py" line="50"/>
        <source>off — e.g. http://127.0.0.1:8080/v1 or a .gguf file</source>
        <translation>オフ（例：http://127.0.0.1:8080/v1 または .gguf ファイル）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/settings_dialog.py" line="53"/>
        <location filename="../../src/reglens/ui/settings_dialog.py" line="69"/>
        <source>Index folder</source>
        <translation>索引フォルダ</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/settings_dialog.py" line="54"/>
        <source>Results per search</source>
        <translation>検索結果の件数</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/settings_dialog.py" line="55"/>
        <source>Font size</source>
        <translation>文字サイズ</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/settings_dialog.py" line="56"/>
        <source>Language</source>
        <translation>表示言語</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/settings_dialog.py" line="57"/>
        <source>Language model (optional)</source>
        <translation>言語モデル（任意）</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/settings_dialog.py" line="58"/>
        <source>Model name</source>
        <translation>モデル名</translation>
    </message>
    <message>
        <location filename="../../src/reglens/ui/settings_dialog.py" line="59"/>
        <source>Font size and language apply when RegLens is restarted. A language model&apos;s sentences are shown only when the cited passage supports them.</source>
        <translation>文字サイズと表示言語は再起動後に反映されます。言語モデルの文は、引用元の資料で裏付けられた場合のみ表示されます。</translation>
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
