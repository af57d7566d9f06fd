"""Thai words: the one place where text is cut into words, for every Thai search (knowledge base, public site)
and the keyword counts of lessons learned.

Thai is written without spaces between words, so neither the database's ``LIKE`` nor its full-text search finds words
reliably (``LIKE '%นาดี%'`` matches ``ชาวนาดีใจ``, "the farmer is glad", across the word boundary ชาวนา|ดีใจ).
Instead, text is cut into words with PyThaiNLP's dictionary tokenizer (``newmm``) when a record is saved, and kept as
a normalised field of space-separated words with a space at both ends (`` ระบบ น้ำสะอาด หมู่บ้าน ``). A query is cut
the same way and each of its words must appear as a whole word (``LIKE '% word %'``), which behaves identically on
SQLite and PostgreSQL.

A compound word can also be stored with its syllables (``search_field(…, syllables=True)``, the public site), so
``น้ำ`` finds ``น้ำสะอาด`` while ``ตา`` still does not find ``ตาก``.

Normalisation: Thai typing variants are unified (``pythainlp.util.normalize``: ``นํ้า`` → ``น้ำ``), Thai digits become
0–9, Latin letters lower case, punctuation separates words and is dropped, and so are the repetition
and abbreviation marks (ๆ ฯ).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from django.db.models import Q
from pythainlp.corpus import thai_stopwords
from pythainlp.tokenize import syllable_tokenize, word_tokenize
from pythainlp.util import normalize

from tuksuk.core.thai import sort_key, to_arabic_digits

ENGINE = "newmm"
MARKS = frozenset({"ๆ", "ฯ", "ฯลฯ"})
# Words too common in answers about this programme to tell one answer from another.
PROGRAMME_STOPWORDS = frozenset({"โครงการ", "อำเภอ", "ทำ", "ให้", "เป็น", "ๆ"})


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """PyThaiNLP's Thai stopword list (and a few words every answer in this programme uses)."""
    return frozenset(thai_stopwords()) | PROGRAMME_STOPWORDS


# Anything but letters, digits and the Thai block (whose vowel and tone marks are not "letters") separates words.
SEPARATORS = re.compile(r"[^\w\u0E00-\u0E7F]+|_")


def words(text: str | None) -> list[str]:
    """The normalised words of ``text``, in order (repeats kept)."""
    if not text:
        return []
    text = to_arabic_digits(normalize(text)).lower()
    found = []
    for token in word_tokenize(text, engine=ENGINE, keep_whitespace=False):
        found.extend(piece for piece in SEPARATORS.split(token) if piece and piece not in MARKS)
    return found


def _syllables(word: str) -> list[str]:
    """The syllables of a word of several syllables (none for a word of one)."""
    pieces = [piece for piece in syllable_tokenize(word, engine="dict") if piece and not SEPARATORS.fullmatch(piece)]
    return pieces if len(pieces) > 1 else []


def search_field(*texts: str | None, syllables: bool = False) -> str:
    """What is stored for searching: the words of all ``texts`` (and, with ``syllables``, the syllables of each
    compound word), each once, space-separated, with a space at both ends."""
    found: dict[str, None] = {}
    for text in texts:
        for word in words(text):
            found[word] = None
            if syllables:
                found.update(dict.fromkeys(_syllables(word)))
    return f" {' '.join(found)} " if found else ""


def contains_all(field: str, terms: Iterable[str]) -> Q:
    """The filter keeping rows whose search ``field`` (made by ``search_field``) holds every one of ``terms``."""
    condition = Q()
    for term in terms:
        condition &= Q(**{f"{field}__contains": f" {term} "})
    return condition


def query_words(query: str | None) -> list[str]:
    """The distinct words a search must find. Stopwords are left out unless the query has nothing else."""
    found = list(dict.fromkeys(words((query or "")[:200])))
    meaningful = [word for word in found if word not in stopwords()]
    return meaningful or found


def is_keyword(word: str) -> bool:
    """A word worth counting: not a stopword, not a number, not a single character."""
    return len(word) > 1 and not word.isdigit() and word not in stopwords()


def keywords(texts: Iterable[str], limit: int = 10) -> list[tuple[str, int]]:
    """The most frequent keywords of ``texts`` with their counts; ties in Thai dictionary order."""
    counts: Counter[str] = Counter(word for text in texts for word in words(text) if is_keyword(word))
    return sorted(counts.items(), key=lambda pair: (-pair[1], sort_key(pair[0])))[:limit]
