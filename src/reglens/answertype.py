"""What kind of answer a question expects, and where a sentence holds one.

「何年ですか」 wants a duration, 「どこに提出」 an office, 「できますか」 the sentence
that permits or forbids. :func:`expected` reads the question (Japanese or
English) into a set of answer types; :func:`matches` finds, in a candidate
sentence, the words of each type (三十年, 所轄の労働基準監督署長, することが
できない). The summarizer scores sentences by these and emphasizes the words.
"""

from __future__ import annotations

import re
import unicodedata

from .legal.numerals import NUM_CHARS

# a number (三十, 二・一, 1,000), not the year of an era (昭和二十二年法律第百一号 is no duration)
N = f"(?<!昭和)(?<!平成)(?<!令和)(?<!大正)(?<!明治)(?<![{NUM_CHARS}])[{NUM_CHARS}][{NUM_CHARS}・.,]*(?<=[{NUM_CHARS}])"
_NUM_EN = r"[0-9][0-9 ,.]*"

DURATION = "duration"
DEADLINE = "deadline"
AMOUNT = "amount"
QUANTITY = "quantity"
AUTHORITY = "authority"
TIME = "time"
PERMISSION = "permission"
LIST = "list"
DEFINITION = "definition"

# question → expected types (NFKC text; English lower-cased). 「何分の一」 asks for a fraction, not minutes
_QUESTION = [
    (DURATION, r"何年|何か月|何ヶ月|何ヵ月|何カ月|何日|何週|何時間|何分(?!の[一1１])|"
               r"どれ(?:くらい|ぐらい|だけ)|どのくらい|"
               r"期間(?:は|って|を教|$|[?？])|何年間|存続期間|いつまで|how long|for how many|period|duration"),
    (DEADLINE, r"いつ|期限|何日前|何日以内|までに|締め?切|提出期|how soon|deadline|within what|when|by when"),
    (AMOUNT, r"いくら|何円|金額|上限|罰|手数料|料金|費用|点数|何点|いくつ|上乗せ|払|how much|fine|fee|"
             r"penalt|amount|cost"),
    (QUANTITY, r"何(?:メートル|センチ|平方|ルクス|人|名|歳|%|パーセント|倍|回|件|階|m|度|割|部|通|枚|冊)|(?<!効)率|"
               r"最低|最大|最小|何分の[一1１]|何(?:[^、。]{0,6})(?:以上|以下|未満)|何人|割合|"
               r"how many|what age|which age|maximum|minimum|at least|how high|how wide|gradient|percent"),
    (AUTHORITY, r"誰|だれ|どこ|どの(?:機関|役所|官庁|行政|組織|省|団体|裁判所|課|局|部署|窓口)|"
                r"提出先|届出先|届け出先|申請先|窓口|"
                r"所管|管轄|誰の|who|whom|which (?:authority|body|court|office)|where|"
                r"to which"),
    (TIME, r"何時(?!間)|時間帯|from what time|what time|which hours|時から"),
    (PERMISSION, r"でき(?:ます|る|ない|ません)か|使え(?:ます|る)か|"
                 r"[えけせてねべめれ]ますか|られますか|可能(?:ですか|か)|できる\?|でしょうか|"
                 r"認められ|許され|してもよい|"
                 r"しても(?:いい|よい|構[わい]|かま[わい]|大丈夫|問題)|ても(?:いい|よい|構[わい]|かま[わい]|大丈夫)|必要(?:が)?(?:あり|ある)|なければなりませんか|なければならないか|いけません|"
                 r"禁止|足りますか|対象(?:に|と)なり|含まれ|問題がありますか|問題(?:ない|なし|ありません)(?:ですか|か|でしょうか)?[?？]|"
                 r"大丈夫(?:ですか|か|でしょうか)?[?？]|"
                 r"^(?:can|may|must|is|are|do|does|should) |\b(?:allowed|permitted|obliged|required|prohibited)\b"),
    (LIST, r"何が必要|どの(?!くらい|ぐらい|程度|位)|"
           r"どんな|どのような|どういう|何を|なにを|条件|要件|ケース|種類|項目|一覧|どの法律|"
           r"what (?:are|grounds|conditions|kinds|documents)|on what grounds|which (?:items|conditions|laws)|list"),
    (DEFINITION, r"とは$|とは[?？]|とは何|何を(?:指|いう|言う|意味)|何のこと|定義|意味|って何|"
                 r"what (?:is|counts as|does .* mean)|definition|means?\b"),
]
# what asks for a list in so many words (「どの」「どんな」 also ask which office, which penalty)
# (「何を指しますか」 asks what a word means)
_LIST_WORDS = re.compile(r"何が必要|条件|要件|ケース|種類|項目|一覧|"
                         r"(?:何|なに)を(?!指|いう|言う|意味)|どの法律|どんな場合|どのような場合|"
                         r"what (?:are|grounds|conditions|kinds|documents)|on what grounds|"
                         r"which (?:items|conditions|laws)|list")
_JUDGE = re.compile(r"(?:正しい|誤っている|誤りの|誤った|適切な|不適切な|該当しない|該当する)もの(?:を|は|として|に)")
VALUE_KINDS = {DURATION, DEADLINE, AMOUNT, QUANTITY, AUTHORITY, TIME}
# A question asking for a value and ending as a yes/no one (「何年間保存しておかないといけませんか」
# 「いつから適用されますか」): 0 both read (as before round 12), 1 the yes/no reading dropped, 2 dropped
# only when it rests on a polite ending alone (「受け取れますか」「適用されますか」), kept when the
# question asks whether one may or must (「できますか」「必要がありますか」「なければなりませんか」).
# Measured in round 12 (docs/history/answers.md): 1 lost three answers whose modal was part of the
# answer, 2 gained one; neither adopted.
VALUE_NOT_YESNO = 0
_YESNO_EXPLICIT = re.compile(r"でき(?:ます|る|ない|ません)か|可能(?:ですか|か)|認められ|許され|しても|"
                             r"ても(?:いい|よい)|必要(?:が)?(?:あり|ある)|なければなりませんか|なければならないか|いけません|禁止")
_QUESTION_RE = [(t, re.compile(p)) for t, p in _QUESTION]

_UNIT_TIME = r"(?:年|箇月|か月|ヶ月|ヵ月|カ月|ケ月|月|週間|週|日|時間|分)"
_SENTENCE = {
    DURATION: rf"{N}\s*{_UNIT_TIME}(?:間|以内|以上|以下|を超え|を経過|をもつて|をもって|程度|未満)?|"
              rf"{_NUM_EN}\s*(?:years?|months?|days?|hours?|weeks?)\b|期間の定めがない",
    DEADLINE: rf"{N}\s*{_UNIT_TIME}(?:以内|前|後|を経過|まで|が経過)|(?:{N}年)?{N}月{N}日(?:まで|から)|"
              rf"(?:令和|平成|昭和)[{NUM_CHARS}元]+年度?(?:[{NUM_CHARS}]+月(?:[{NUM_CHARS}]+日)?)?(?:まで|から|以降|以後)|"
              rf"{N}年度(?:まで|から)|までの間|までに|遅滞なく|直ちに|速やかに|without (?:undue )?delay|"
              rf"not later than|within {_NUM_EN}|{_NUM_EN}\s*hours|夏前|年内|年度内",
    AMOUNT: rf"{N}\s*(?:万|億|千)?(?:円|点|ユーロ)|{_NUM_EN}\s*(?:EUR|euros?)\b|{N}\s*%|{N}\s*パーセント|"
            r"罰金|科料|懲役|禁錮|拘禁刑|無料|有料|手数料|相当(?:と認める)?額",
    QUANTITY: rf"{N}割(?:{N}分)?|"
              rf"{N}\s*(?:メートル|センチメートル|ミリメートル|平方メートル|立方メートル|キログラム|ルクス|ルツクス|"
              rf"人|名|歳|%|パーセント|倍|回|件|階|度|通|枚|冊|分の{N}|センチ|m(?![A-Za-z])|cm(?![A-Za-z])|㎡)|"
              rf"{N}分の{N}|{N}\s*(?:以上|以下|未満|を超え)|"
              rf"{_NUM_EN}\s*(?:years? old|%|per ?cent)|\b(?:ISO|JIS)\s*[0-9]+",
    AUTHORITY: rf"[^\s、。「」（）()]{{0,14}}(?:大臣|知事|市長|区長|町長|村長|長官|委員会|署長|局長|所長|機構|裁判所|"
               rf"省|庁|本市|本県|公安委員会|事務所|税務署|保健所|協会|センター|法人|監督署|機関|当局|(?<![{NUM_CHARS}])部|課|管理人|代理人|責任者|代表者)"
               r"(?:に(?:届け出|提出|申請|報告|対して)|の(?:許可|登録|認可|承認|指定|免許|確認)|が(?:発行|行う|定める)|に設置|に置)?|"
               r"supervisory authority|authority|court|commission|controller",
    TIME: rf"(?:午前|午後|正午|深夜|早朝)(?:{N}時)?(?:{N}分)?|{N}時(?:{N}分)?|[0-9]{{1,2}}:[0-9]{{2}}|a\.m\.|p\.m\.",
    PERMISSION: r"することができ(?:る|ない)|ことができ(?:る|ない)|でき(?:る|ない|ます|ません)|"
                r"してはならない|てはならない|[てで](?:ください|下さい)|"
                r"ならない|なければならない|を要しない|要する|必要(?:がある|はない|とする|である|ない)|不要|差し支え(?:ない|ありません)|"
                r"この限りでない|に限り|限る|含まない|含む|自由|認め(?:る|られる|ない|られない)|禁止|義務|"
                r"可能(?:です|である|となる|とする|な)|不可|望ましい|望まれる|推奨|"
                r"\b(?:may|shall not|shall|must|is not|are not|prohibited|permitted|allowed)\b",
    LIST: r"次の各号|次に掲げる|次のとおり|[以下記]の(?:とおり|通り)|次の通り|各号|following|:$|：$|"
          r"(?:[^、。]{1,15}[、・]){3,}",
    DEFINITION: r"とは、|をいう|を指す|という。|means\b|shall mean",
}
_SENTENCE_RE = {t: re.compile(p) for t, p in _SENTENCE.items()}
# a deadline is also a duration and vice versa; an amount question is often answered by a number
_ALSO = {DURATION: (DEADLINE,), DEADLINE: (DURATION,), AMOUNT: (QUANTITY,), QUANTITY: (AMOUNT,)}


def _form(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def expected(question: str) -> set[str]:
    """Answer types the question asks for (may be empty: then any sentence will do)."""
    q = _form(question)
    low = q.lower()
    if _JUDGE.search(q):
        return set()  # 「…として正しいものを教えてください」: the provision itself is the answer
    out = {t for t, rx in _QUESTION_RE if rx.search(q) or rx.search(low)}
    if DURATION in out and DEADLINE in out and re.search(r"いつまで|期限|until|deadline", low):
        pass  # both: 「いつまで」 is answered by 「一年以内」 and 「三月三十一日まで」 alike
    if LIST in out and out & (VALUE_KINDS | {DEFINITION}) and not _LIST_WORDS.search(low):
        # 「どの役所が」「どんな刑罰が」「どういう意味」: the interrogative asks for that office, penalty or
        # meaning, not for a list
        out.discard(LIST)
    if VALUE_NOT_YESNO and PERMISSION in out and out & VALUE_KINDS and \
            (VALUE_NOT_YESNO == 1 or not _YESNO_EXPLICIT.search(q)):
        # the interrogative asks for the value; the ending may be the question's politeness only. Read
        # as a yes/no too, it halves the credit of a sentence giving the value without a modal
        out.discard(PERMISSION)
    if not out and re.search(r"ば(?:いい|よい|良い)|たら(?:いい|よい|良い)", q):
        out.add(PERMISSION)  # 「再読み込みすればいいですか」: what to do (「…してください」), or not
    if TIME in out:
        out.discard(DURATION)  # 何時 is a time of day, not 何時間
        if re.search(r"何時間", q):
            out.add(DURATION)
    return out


def matches(sentence: str, kind: str) -> list[tuple[int, int]]:
    """Character ranges of ``sentence`` that are words of this answer type."""
    rx = _SENTENCE_RE[kind]
    out = []
    # NFKC keeps the length of almost every character of statutes; where it would not,
    # the match is made on the original text (full-width digits are in NUMBER already)
    text = sentence if len(_form(sentence)) != len(sentence) else unicodedata.normalize("NFKC", sentence)
    for m in rx.finditer(text):
        if m.end() > m.start() and not _SUFFICIENT.match(text, m.start()):
            out.append((m.start(), m.end()))
    return out


# 「十分に」「十分な」「不十分で」 say "enough", not ten minutes (a Q&A's 「十分に入院患者の看護に当たる」
# outscored 「（答）30分程度を指す。」 as the minutes asked for)
_SUFFICIENT = re.compile(r"(?<=不)十分|十分(?=[にながでとだ])")


# 「何時間」 asks for hours: 「一日の勤務終了後」 holds a duration, not the one asked for. The units a
# question names and the units of a sentence's value that answer it (a year is also said in
# months: 「六箇月」 answers 「何年」 rarely, 「一年六月」 often)
_ASKED_UNIT = [
    (re.compile(r"何時間|how many hours"), r"時間|分|hours?"),
    (re.compile(r"何分(?!の)|how many minutes"), r"分|時間|minutes?"),
    (re.compile(r"何日|how many days"), r"日|週|days?"),
    (re.compile(r"何週"), r"週|日"),
    (re.compile(r"何(?:か|ヶ|ヵ|カ|ケ|箇|个)?月|how many months"), r"月|年|months?"),
    (re.compile(r"何年|how many years"), r"年|月|years?"),
]
_TIMED = (DURATION, DEADLINE)
# A template's blank (model work rules: 「月額      円」「○時間」「満＿歳」「（　）」): the rule leaves the
# value to the employer. Kept in the answer (a blank is part of the rule), never read as a value.
_DIGIT = "0-9０-９一二三四五六七八九十百千〇○◯・.．"  # 〇 as a zero stands next to other digits (一〇〇, 〇・〇〇五)
BLANK = re.compile(rf"(?<![{_DIGIT}])[〇○◯]+(?![{_DIGIT}])|"
                   r"[＿_]+|[（(][\s　]*[)）]|"
                   r"(?<=[^\s　0-9０-９])[ \t]{2,}(?=(?:円|時間|分|歳|日|年|か月|箇月|%|％|人|回))")


def asked_units(question: str) -> re.Pattern | None:
    """The units a question's 「何時間」「何年」 asks the value in (None: any)."""
    q = _form(question).lower()
    found = [units for rx, units in _ASKED_UNIT if rx.search(q)]
    return re.compile("|".join(found)) if found else None


def blanks(sentence: str) -> list[tuple[int, int]]:
    """Character ranges of a template's blanks in the sentence."""
    return [(m.start(), m.end()) for m in BLANK.finditer(sentence)]


def show_blanks(sentence: str) -> str:
    """The sentence with a blank of spaces made visible (「月額      円」 → 「月額＿＿円」): spaces
    are folded by every display, and the blank would vanish from the rule."""
    return BLANK.sub(lambda m: "＿＿" if not m.group().strip() else m.group(), sentence)


def type_hits(sentence: str, kinds: set[str], units: re.Pattern | None = None) -> dict[str, list[tuple[int, int]]]:
    """For each expected kind (or one it implies), the ranges found in the sentence.

    ``units``: the units the question asks a duration or deadline in (:func:`asked_units`);
    a value in other units is not the one asked for. A template's blank is no value."""
    out: dict[str, list[tuple[int, int]]] = {}
    empty = blanks(sentence)
    for k in kinds:
        found: list[tuple[int, int]] = []
        for kind in (k, *_ALSO.get(k, ())):
            found = [r for r in matches(sentence, kind)
                     if not any(a < r[1] and r[0] < b for a, b in empty)
                     and (units is None or kind not in _TIMED or units.search(sentence[r[0]:r[1]]))]
            if found:
                break
        if found:
            out[k] = found
    return out


# what emphasis marks for a yes/no question: the words that permit, forbid or oblige, not the
# endings every statute sentence has (含む, という, に限り, この限りでない, 要する)
_DECISIVE = re.compile(r"(?:することが|ことが)?でき(?:る|ない|ます|ません)|(?:し)?てはならない|なければならない|"
                       r"禁止(?:する|されて)?|認め(?:る|られる|ない|られない)|差し支え(?:ない|ありません)|不要|"
                       r"可能(?:です|である)|不可|\b(?:may|shall not|must not|prohibited|permitted|allowed)\b")
_WORD = re.compile(r"[ぁ-ゖー]+$")
# the question's interrogatives are no content words of an answer: 「何時から」 asks a time, and
# 「何時でも」 (at any time) in a rule is not one (clerk4: 特許法 公示送達 with 「**何時**でも」)
_INTERROGATIVE = re.compile(r"^(?:何|いつ|誰|だれ|どこ|どなた|どの|どれ|どう|いくら|幾)")
_LATIN_WORD = re.compile(r"[A-Za-z0-9]")


def emphasis(sentence: str, kinds: set[str], units: re.Pattern | None = None,
             words: set[str] | frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """The ranges to show in bold: the value of the kind asked for (三十年, 所轄の労働基準監督署長に
    届け出) and the question's own content words in the sentence; for a yes/no question the words
    that decide it (してはならない), not the modal endings of every rule (clerk test, round 5)."""
    value_kinds = kinds & (VALUE_KINDS | {DEFINITION})
    hits = type_hits(sentence, value_kinds, units)
    ranges = [r for rs in hits.values() for r in rs]
    if PERMISSION in kinds:
        ranges += [m.span() for m in _DECISIVE.finditer(sentence)]
    for w in words:
        if len(w) < 2 or _WORD.match(w) or w.isascii() and len(w) < 3 or _INTERROGATIVE.match(w):
            continue  # kana-only words (する, こと), short Latin tokens and interrogatives are not content words
        if w.isascii():
            ranges += _latin_word_ranges(sentence, w)
            continue
        start = sentence.find(w)
        while start >= 0:
            ranges.append((start, start + len(w)))
            start = sentence.find(w, start + len(w))
    return merge_ranges(ranges)


def _latin_word_ranges(sentence: str, word: str) -> list[tuple[int, int]]:
    """Where a Latin word stands as a word (its inflection bold with it: fine → **fines**), never
    inside another (clerk4: 「administrative **fine**s」, 「**1 m**ay」)."""
    out = []
    for m in re.finditer(rf"(?<![A-Za-z0-9]){re.escape(word)}", sentence, re.IGNORECASE):
        end = m.end()
        while end < len(sentence) and _LATIN_WORD.match(sentence[end]):
            end += 1
        out.append((m.start(), end))
    return out


def merge_ranges(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out
