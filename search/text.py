"""Text prepared for the index in Python, the same way for documents and for queries, so that
SQLite's FTS5 and PostgreSQL's `simple` text search see the same terms and give the same answers.

- Chinese has no spaces: each run of Han characters becomes its single characters and its
  overlapping pairs (骨髓瘤 → 骨 髓 瘤 骨髓 髓瘤), so two-character words (移植, 骨髓) are
  found and a longer word is found by all of its pairs. No dictionary to load (jieba 0.42.1
  took 0.5 s and 80 MB more per process here, against a worker budget of 120 MB), and
  nothing in the text is missed for being an unknown word.
- Russian and English words are stemmed (snowballstemmer), so трансплантации finds
  трансплантация and transplants finds transplant; ё is read as е.
- A hyphenated word is also kept joined (CAR-T → car, t and cart).
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A run of Han characters, or a word of other letters and digits, maybe hyphenated.
_WORD = rf"[^\W_{HAN}]+"
TOKEN = re.compile(rf"[{HAN}]+|{_WORD}(?:-{_WORD})*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_HAN_RUN = re.compile(rf"^[{HAN}]+$")
_STEMMERS = {"ru": snowballstemmer.stemmer("russian"), "en": snowballstemmer.stemmer("english")}


def normalise(text):
    return unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")


@lru_cache(maxsize=50_000)
def stem(word):
    if word.isdigit():
        return word
    return _STEMMERS["ru" if _CYRILLIC.search(word) else "en"].stemWord(word)


def han_terms(run, for_query=False):
    """A document's run gives its characters and pairs; a query's run only what must match."""
    if len(run) == 1:
        return [run]
    pairs = [run[i:i + 2] for i in range(len(run) - 1)]
    return pairs if for_query else [*run, *pairs]


def word_terms(token):
    parts = token.split("-")
    words = [*parts, "".join(parts)] if len(parts) > 1 else parts
    return [stem(word) for word in words]


def terms(text, for_query=False):
    """The index terms of `text`, in order (a query's terms are what every match must contain)."""
    found = []
    for token in TOKEN.findall(normalise(text or "")):
        if _HAN_RUN.match(token):
            found += han_terms(token, for_query)
        elif for_query and "-" in token:
            found.append(stem("".join(token.split("-"))))  # CAR-T typed means the joined word
        else:
            found += word_terms(token)
    return found


def index_text(text):
    """What is stored in the index for `text`: its terms separated by spaces."""
    return " ".join(terms(text))


def is_han(term):
    return bool(_HAN_RUN.match(term))
