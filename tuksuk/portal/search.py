"""Thai word-aware search over published items, the same on SQLite and PostgreSQL.

Thai is written without spaces between words, so a plain substring search matches inside words (``ตา`` in
``ตาก``). At save time the item's text is cut into words with PyThaiNLP's dictionary tokenizer (newmm), and each
word of several syllables also into its syllables (so the compound ``น้ำสะอาด`` is found by ``น้ำ``); they are kept
in ``search_text`` as `` word word … `` (a space on each side). A query is cut into words the same way; an item
matches when every query word is one of its words or syllables (so ``ตา`` does not find ``ตาก``).
"""

from __future__ import annotations

import unicodedata

from django.db.models import Q

MAX_QUERY_WORDS = 8


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, without spaces and punctuation."""
    from pythainlp.tokenize import word_tokenize

    text = unicodedata.normalize("NFC", text or "").lower()
    if not text.strip():
        return []
    return [w for w in word_tokenize(text, engine="newmm", keep_whitespace=False) if _is_word(w)]


def _is_word(token: str) -> bool:
    return any(unicodedata.category(ch)[0] in "LN" for ch in token.strip())


def _syllables(word: str) -> list[str]:
    from pythainlp.tokenize import syllable_tokenize

    pieces = [p for p in syllable_tokenize(word, engine="dict") if _is_word(p)]
    return pieces if len(pieces) > 1 else []


def index_text(*parts: str) -> str:
    """What goes into ``search_text``: each distinct word and syllable once, space-separated, a space on each side."""
    seen: dict[str, None] = {}
    for part in parts:
        for word in words(part):
            seen[word] = None
            seen.update(dict.fromkeys(_syllables(word)))
    return f" {' '.join(seen)} " if seen else ""


def query_filter(query: str) -> Q | None:
    """The filter for a search box's text; None when it has no words (then nothing matches)."""
    terms = list(dict.fromkeys(words(query)))[:MAX_QUERY_WORDS]
    if not terms:
        return None
    condition = Q()
    for term in terms:
        condition &= Q(search_text__contains=f" {term} ")
    return condition
