"""Sentence splitting tuned for news text, and a check that a sentence reads on its own.

The splitter knows the abbreviations news copy is full of ("U.S.", "Mr.", "Feb. 18",
"J. K. Rowling", "3.5%"), closing quotes after the full stop (``."`` and ``.”``), and
BBC-style run-together sentences ("profits rose.Shares fell").
"""

from __future__ import annotations

import re

_TITLES = frozenset(
    re.findall(
        r"\S+",
        """mr mrs ms dr prof st gen sen rep gov lt col capt sgt cmdr adm maj pres supt insp rev fr
hon jr sr messrs mme mlle no nos vol art fig ft mt vs v""",
    )
)
"""Abbreviations that never end a sentence ("Mr. Putin", "No. 10")."""

_MONTHS = frozenset(re.findall(r"\S+", """jan feb mar apr jun jul aug sep sept oct nov dec"""))
_ENDINGS = frozenset(re.findall(r"\S+", """inc ltd co corp plc llc bros etc al"""))
"""Abbreviations that end a sentence only when a typical sentence opener follows."""

_OPENERS = frozenset(
    re.findall(
        r"\S+",
        """the a an he she it they we i you his her its their our this that these those there but
and however in on at for after before when while as if meanwhile some many most one two
three officials police""",
    )
)
"""Lower-cased words that usually start a sentence; used after ambiguous abbreviations."""

_RUN_TOGETHER = re.compile(r"(?<=[a-z0-9%)\]][.!?])(?=[“‘]?[A-Z][a-z])|(?<=[.!?][\"”’])(?=[A-Z“])")
_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*\s+")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


def _starts_sentence(rest: str) -> bool:
    """Whether the text after a candidate boundary can start a sentence."""
    rest = rest.lstrip("\"“‘'([")
    return bool(rest) and (rest[0].isupper() or rest[0].isdigit())


def _first_word(rest: str) -> str:
    match = re.match(r"[\"“‘'(]*([A-Za-z]+)", rest)
    return match.group(1).lower() if match else ""


def _is_false_boundary(before: str, rest: str) -> bool:
    """True when the full stop ending ``before`` belongs to an abbreviation or initial."""
    match = _WORD_BEFORE.search(before)
    if match is None:
        return False
    token = match.group(1)
    low = token.lower().rstrip(".")
    if low in _TITLES:
        return True
    if len(token) == 1 and token.isupper():  # an initial: "Donald J. Trump"
        return True
    if low in _MONTHS:
        return rest[:1].isdigit()
    if "." in token or low in _ENDINGS:  # "U.S.", "a.m.", "Inc."
        return _first_word(rest) not in _OPENERS
    return False


def _split_paragraph(paragraph: str) -> list[str]:
    text = _RUN_TOGETHER.sub(" ", paragraph.strip())
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        rest = text[end:]
        head = text[start : match.start() + 1]
        if not _starts_sentence(rest):
            continue
        if text[match.start()] == "." and _is_false_boundary(head, rest):
            continue
        sentences.append(text[start:end].strip())
        start = end
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def split_sentences(text: str) -> list[str]:
    """The sentences of a text, in order; a line break always ends a sentence."""
    sentences: list[str] = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            sentences.extend(_split_paragraph(line))
    return sentences


_CREDIT = re.compile(r"\s+[–—-]\s+[A-Z][\w.]{1,30}\.?$")
"""A trailing wire credit such as " – France24." at the end of an article."""


_DATELINE = re.compile(
    r"^[A-Z]{3,}(?:[ .'’-][A-Z]+)*"  # the place, in capitals: "PORT ELLIS", "WASHINGTON"
    r"(?:(?:, [A-Z][A-Za-z.]{1,10}(?: \d{1,2})?)(?: \([^()]{2,40}\))?"  # ", Nov 19 (AP)"
    r"|(?: \([^()]{2,40}\)))"  # or just "(Reuters)": one of the two is required
    r" ?(?:--|[–—-]) "
)
"""A leading wire dateline such as "PORT ELLIS, Nov 19 (Meridian Wire) - "."""


def clean_sentence(sentence: str) -> str:
    """The sentence without a leading dateline or a trailing outlet credit.

    What remains is still a verbatim substring of the article.
    """
    return _DATELINE.sub("", _CREDIT.sub("", sentence.strip()).strip(), count=1).strip()


_WIRES = "AP|AFP|CNN|Reuters|Bloomberg|Kyodo|Xinhua|UPI|dpa|PA|PTI|IANS|ANI|Yonhap|TASS"
_LOOSE_DATELINE = re.compile(
    r"^(?:"
    r"[A-Z][A-Z.'’]+(?: [A-Z][A-Z.'’]+){1,3}(?: \([^()]{2,40}\))? ?(?:--|[–—:-]) ?"  # KUALA LUMPUR:
    r"|[A-Z][A-Z.'’]{4,}(?: \([^()]{2,40}\))? ?(?:--|[–—:-]) ?"  # DENVER —, PARIS—, SYDNEY:
    r"|[A-Z][A-Z.'’]{2,}(?: \([^()]{2,40}\))? ?(?:[–—:]) ?"  # ROME — (not "NATO - Russia")
    r"|[A-Z][A-Z.'’]{2,}(?: [A-Z][A-Z.'’]+)* \([^()]{2,40}\) ?(?:(?:--|[–—-]) )?"  # ROME (AP)
    rf"|[A-Z][a-z]+(?: [A-Z][a-z]+)? \((?:{_WIRES})\) ?(?:(?:--|[–—-]) )?"  # Paris (CNN)
    r")(?=[\"“‘'A-Z0-9])"
)
"""A looser dateline, for key points only: a place in capitals and a dash or colon with no
date ("DENVER — ", "SYDNEY: "), or a place and a wire in brackets run into the text."""


def strip_dateline(sentence: str) -> str:
    """:func:`clean_sentence`, and any looser leading dateline too (a verbatim substring)."""
    text = clean_sentence(sentence)
    return _LOOSE_DATELINE.sub("", text, count=1).strip() or text


_DANGLING = re.compile(
    r"^(?:he|she|it|they|him|her|his|hers|its|their|them|but|and|or|"
    r"(?:this|that|these|those)(?! (?:week|weekend|month|year|morning|afternoon|evening))|"
    r"so|yet|also|however|still|instead|moreover|furthermore|nevertheless|nonetheless|"
    r"meanwhile,|then|thus|hence|therefore|besides|otherwise|likewise|similarly|"
    r"in addition|as well|on the other hand|at the same time|the former|the latter|"
    r"the (?:two|pair|company|firm|group|official|minister|president|spokesman|"
    r"spokeswoman|spokesperson|report|statement|move|deal|decision|plan|proposal)\b)\b",
    re.IGNORECASE,
)
"""Openings that refer back to a previous sentence."""

_BOILERPLATE = re.compile(
    r"subscri|newsletter|sign up|log in|click here|read more|support (?:us|the)|"
    r"all rights reserved|copyright|©|cookie|privacy policy|terms of (?:use|service)|"
    r"follow us|share this|advertis|dear reader|donat|our journalism|our work|"
    r"independent journalism|every contribution|"
    r"optimized by|scroll down|getty images|photograph:|photo:|image:|video:|watch:|listen:|"
    r"https?://|www\.|\.com\b|@\w|#\w|remind me later|continue reading|"
    r"this article (?:was|has been)|contributed to this report|reporting by|editing by",
    re.IGNORECASE,
)

_TIME = r"\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:[A-Z]{2,4})?"
_DATE = r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+,?\s+\d{4}"
_STAMP = rf"(?:(?:{_TIME},?\s*(?:on\s+)?)?{_DATE}|{_TIME})"
_FURNITURE = re.compile(
    r"^(?:"
    r"(?:PUBLISHED|UPDATED|Published|Updated|Last updated|First published|Posted)"
    rf"(?:\s+(?:at|on))?\s*:?\s*(?:{_STAMP}(?:\s+(?:at|on)\s+{_STAMP})?)?"  # PUBLISHED: .
    rf"|{_STAMP}"  # 14:11 EST, 25 October 2013
    r"|[|•·.]"  # "| ." left between header parts
    r")[\s.|•·]*$"
)
_BYLINE_HEAD = re.compile(r"^By\b\s*\.?$|^By\s+(?:[A-Z][\w'’.-]*,?\s*){1,4}\.?$")
_CONNECTORS = frozenset({"and", "of", "for", "the", "in", "de", "van", "von", "al"})


def is_page_furniture(sentence: str) -> bool:
    """Whether a "sentence" is the page around the story rather than its text.

    Raw scraped pages carry a byline and time-stamp header split into pieces ("By .",
    "Associated Press .", "PUBLISHED: .", "14:11 EST, 25 October 2013 . | ."), and
    ``|`` separators; none of it may stand as the lede or a point.
    """
    text = sentence.strip()
    return bool(_FURNITURE.match(text) or _BYLINE_HEAD.match(text))


def _name_only(sentence: str) -> bool:
    """A short line of capitalised words ("Associated Press .", "Ray Massey, Editor .")."""
    words = re.findall(r"[A-Za-z][\w'’-]*", sentence)
    return (
        0 < len(words) <= 8
        and all(w[0].isupper() or w.lower() in _CONNECTORS for w in words)
        and not re.search(r"[!?]$", sentence.strip())
    )


_DETACHED_STOP = re.compile(r"\w \.$")


def is_caption(sentence: str) -> bool:
    """Whether a sentence is a photo caption run into the text of a scraped page.

    Scraped tabloid pages end a caption with a full stop detached from its last word
    ("… against Burnley ."), where the story's own sentences end "word." or with a quote.
    A caption with a quotation in it is left alone: a real sentence with a stray space
    before its full stop (BBC copy has a few) usually quotes someone.
    """
    text = sentence.strip()
    return bool(_DETACHED_STOP.search(text)) and not any(q in text for q in "\"“”‘’'")


def leading_furniture(sentences: list[str]) -> int:
    """How many of the first sentences are page furniture: a byline and time-stamp header,
    with the author's name and desk after "By ." (0 for clean text)."""
    count = 0
    after_byline = False
    for sentence in sentences:
        if is_page_furniture(sentence):
            after_byline = sentence.strip().startswith("By")
        elif not (after_byline and _name_only(sentence)):
            break
        count += 1
    return count


def story_prose(sentences: list[str]) -> list[int]:
    """Indices of the sentences that are the story's prose: after a raw page's header
    (:func:`leading_furniture`), photo captions (:func:`is_caption`) left out."""
    start = leading_furniture(sentences)
    return [i for i in range(start, len(sentences)) if not is_caption(sentences[i])]


_OPEN_CLOSE = (("“", "”"), ("(", ")"), ("[", "]"))


def is_boilerplate(sentence: str) -> bool:
    """Whether a sentence is site furniture (subscription pleas, credits, links, tags) or
    page furniture (:func:`is_page_furniture`)."""
    return bool(_BOILERPLATE.search(sentence)) or is_page_furniture(sentence)


def quotes_balanced(sentence: str) -> bool:
    """Whether every quotation mark and bracket the sentence opens is closed."""
    if sentence.count('"') % 2:
        return False
    return all(sentence.count(left) == sentence.count(right) for left, right in _OPEN_CLOSE)


def standalone(sentence: str, *, min_words: int = 6, max_words: int = 60) -> bool:
    """Whether a sentence reads cleanly on its own, e.g. as the opening of a key point.

    Rejects: too short or long, no final punctuation (headlines, captions), a question,
    a lower-case start, an opening that points back ("He said", "But", "However,"),
    unbalanced quotes or brackets, and boilerplate.
    """
    text = sentence.strip()
    words = text.split()
    if not min_words <= len(words) <= max_words:
        return False
    if not text[0].isupper() and text[0] not in "\"“‘'" and not text[0].isdigit():
        return False
    if not re.search(r"[.!][\"”’')]*$", text):
        return False
    if _DANGLING.match(text.lstrip("\"“‘'")):
        return False
    return quotes_balanced(text) and not is_boilerplate(text)


_PRONOUN = r"(?:he|she|it|they|his|her|its|their)"
_SPEECH = (
    r"(?:said|says|added|adds|told|tells|stated|explained|wrote|writes|noted|notes|continued|"
    r"asked|asks|insisted|argued|warned|recalled|declared|replied|tweeted|posted|admitted|"
    r"conceded|acknowledged|claimed|claims|implied|suggested|went on)"
)
_UNIQUE = r"(?:dollar|euro|pound|yen|yuan|rouble|oil price|price of oil|stock market|economy)"
"""Nouns with one referent in news copy: "The dollar fell" points back to nothing."""
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
_DEMONSTRATIVE = "'this' or 'these' pointing back"
_POINTS_BACK = (
    (re.compile(r"(?:\.\.\.|…)[\"”’')]*$"), "cut off with an ellipsis"),
    (re.compile(r"^[\"“][^\"“”]+[\"”]$"), "a quotation with no speaker"),
    (
        re.compile(rf"[,\"”’]\s+{_PRONOUN}\s+(?:\w+ly\s+)?{_SPEECH}\b", re.IGNORECASE),
        "the speaker is only a pronoun",
    ),
    (
        re.compile(rf"^(?:[^,\s\"“”]+\s+){{0,7}}[^,\s\"“”]+,\s+{_PRONOUN}\b(?!,)", re.I),
        "a pronoun after an opening phrase",
    ),
    (
        re.compile(
            rf"^(?:while|when|after|before|although|though|as|since|because|if|once|until|"
            rf"unless|now that|even though|in|on|at|for|with|by|from|under|during)\s+{_PRONOUN}\b",
            re.I,
        ),
        "a pronoun in an opening clause",
    ),
    (re.compile(r"^(?!.*\bbut\b).*\bnot only\b", re.I), "cut short after 'not only'"),
    (
        re.compile(
            r"\b(?:this|these)\b(?!['’]s|\s+(?:year|years|week|weeks|month|months|morning|"
            r"afternoon|evening|weekend|season|summer|winter|spring|autumn|century|decade|"
            r"quarter|term|time|country)\b)",
            re.I,
        ),
        _DEMONSTRATIVE,
    ),
    (
        re.compile(
            rf"^The (?!{_UNIQUE}\b)(?:[a-z][\w'’-]*\s+){{0,2}}[a-z][\w'’-]*(?:,|\s+(?:is|are|was|"
            r"were|has|have|had|will|would|could|can|may|might|did|does|said|says|also|comes|"
            r"came|follows|means|meant|threatens|won|made|told|took|gave|sold|left|met|paid|"
            r"began|became|found|got|put|went|held|kept|brought|ran|rose|fell|grew|wrote|"
            r"spoke|struck|broke|chose|drew|\w+ed)\b)"
        ),
        "a bare noun that points back",
    ),
    (
        re.compile(
            r"^(?:I|I'm|I’m|We|We're|We’re|My|Our|Us|You|Your|Both|Such|Another|"
            r"Meanwhile|Separately|Elsewhere|Indeed|Additionally|Consequently|Again|"
            r"The (?:three|four|five|six|seven|eight|nine|ten|trio|couple|duo|\d+-year-old|"
            r"former|latter|band|singer|actor|actress|star|rapper|club|team|bank|lender|"
            r"airline|carrier|retailer|broadcaster|agency|regulator|watchdog|court|judge|"
            r"film|book|show|album|song|men|women|man|woman|victim|suspect|player|coach))\b"
        ),
        "an opening that needs the sentence before",
    ),
    (re.compile(r"^[-–—•*▪●]"), "a list item"),
)
"""What makes a sentence that passed :func:`standalone` still unreadable alone, and why."""


def points_back(sentence: str) -> str | None:
    """Why a sentence cannot stand alone as a key point, or None when it can.

    Stricter than :func:`standalone`: a sentence cut off with "...", a quotation with no
    speaker, a quote attributed only to "he" or "they", a pronoun right after an opening
    phrase ("On Monday, he urged"), a first- or second-person opening, a bare noun that
    needs the sentence before ("The band has"), "this"/"these" outside a quotation
    ("this was damaging"), a list item.
    """
    text = sentence.strip()
    unquoted = _QUOTED.sub("", text)  # what a quoted speaker says may refer to anything
    for pattern, why in _POINTS_BACK:
        if pattern.search(unquoted if why == _DEMONSTRATIVE else text):
            return why
    return None
