"""English words as an applicant types them, for the item search on an English screen.

Catalogue names and keywords are British ("business licence", "driving licence"); visitors
type "business license", "driver's license", "register a company" or "get married". So a
query is split into words, each matched on its own, in any order: spelling variants are
folded to one form (license → licence, -ize → -ise, center → centre), common endings cut
("registration" and "register" share "regist…", "married" and "marriage" "marri…"), and
words that carry no meaning in a search ("a", "the", "get", "want") are dropped.
"""

from __future__ import annotations

import re
import unicodedata

# American spellings (and a few forms typed for the same thing) → the catalogue's.
_SPELLING = {
    "license": "licence", "licenses": "licences", "licensing": "licencing",
    "center": "centre", "centers": "centres", "meter": "metre", "theater": "theatre",
    "color": "colour", "labor": "labour", "neighbor": "neighbour", "honor": "honour",
    "catalog": "catalogue", "program": "programme", "enroll": "enrol",
    "enrollment": "enrolment", "defense": "defence", "apartment": "flat",
    "apartments": "flats", "id": "identity",
}
_NOISE = frozenset({
    "a", "an", "the", "of", "for", "to", "and", "or", "in", "on", "at", "with", "my", "our",
    "i", "me", "we", "want", "need", "how", "do", "can", "get", "please", "apply",
    "applying", "application",
})
# Cut longest first; what is left keeps at least three letters.
_ENDINGS = ("ations", "ation", "ings", "ing", "ers", "er", "ied", "ies", "ed", "es", "s",
            "e", "y")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def _canonical(word: str) -> str:
    word = word.removesuffix("'s").replace("'", "")
    word = _SPELLING.get(word, word)
    if len(word) > 5 and word.endswith(("ize", "ized", "izes", "ization", "izing")):
        word = word.replace("iz", "is")
    return word


def _stem(word: str) -> str:
    if word.endswith("ss"):  # business, address: not plurals
        return word
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[:-len(ending)]
    return word


def words(text: str) -> tuple[str, ...]:
    """The meaningful words of ``text``, folded and stemmed, in order."""
    plain = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    folded = (_canonical(w) for w in _WORD.findall(plain))
    return tuple(_stem(w) for w in folded if w and w not in _NOISE)


def match(query_word: str, text_words: tuple[str, ...], *, last: bool = False) -> int:
    """2: ``query_word`` is one of ``text_words``; 1: one begins with the other and the
    shorter has five letters or more ("regist…" of register and "registr…" of
    registration), or, for the ``last`` word of the query, which may be unfinished, it has
    three ("car" of "card", "pass" of passport); 0: neither."""
    if query_word in text_words:
        return 2
    for word in text_words:
        shorter = min(len(word), len(query_word))
        if (shorter >= 5 or (last and shorter >= 3)) and (
                word.startswith(query_word) or query_word.startswith(word)):
            return 1
    return 0
