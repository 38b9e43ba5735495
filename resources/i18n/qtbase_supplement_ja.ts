<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt 6 strings that Qt's own qtbase_ja.qm does not translate (its Japanese file still
     carries the Qt 5 forms). Loaded after it, so these win; compiled by `make i18n`. -->
<TS version="2.1" language="ja_JP">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>場所(&amp;L):</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>ファイルの種類(&amp;T):</translation>
    </message>
</context>
</TS>
