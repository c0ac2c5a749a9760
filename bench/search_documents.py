"""Add generated documents to a benchmark database's search index, so search is measured on an
index about thirty times the demo's: `python -m bench.search_documents COUNT` with
DATABASE_URL set. Each is made of the demo documents' own words in the same language,
shuffled, so the vocabulary and the matches are realistic. Never run on a real database.
"""

import random
import sys

import django


def add(count):
    from search.index import title_terms
    from search.models import SearchDocument
    from search.text import index_text

    rng = random.Random(2026)  # noqa: S311 - reproducible filler text, not security
    demo = list(SearchDocument.objects.all())
    if not demo:
        sys.exit("The search index is empty: load the demo content first.")
    made = []
    for number in range(count):
        source = demo[number % len(demo)]
        title_words, body_words = source.title.split(), source.text.split()
        rng.shuffle(title_words)
        rng.shuffle(body_words)
        title, text = f"{' '.join(title_words)} {number}", " ".join(body_words)
        made.append(SearchDocument(kind=source.kind, page_key=f"bench:{number}", language=source.language,
                                   url=source.url, title=title[:300], text=text,
                                   title_terms=title_terms(title, ""), body_terms=index_text(text)))
    SearchDocument.objects.bulk_create(made, batch_size=200)
    return len(made)


if __name__ == "__main__":
    django.setup()
    print(f"{add(int(sys.argv[1]))} generated search documents added")
