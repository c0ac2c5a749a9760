from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.views import PageMixin

from .query import MAX_QUERY_CHARS, search, shown

RESULTS_PER_PAGE = 10


class AskedBefore:
    """The searches (query and page) this process has been asked lately. A search's results are kept
    only from its second asking: most queries are asked once (and a crawler invents endless ones),
    and keeping each would fill the page cache and push out the pages every visitor reads."""

    LIMIT = 10_000  # about 1 MB of keys; forgotten all at once when full

    def __init__(self):
        self._keys = set()

    def __call__(self, key):
        """Whether `key` was asked before; remembers it."""
        if key in self._keys:
            return True
        if len(self._keys) >= self.LIMIT:
            self._keys.clear()
        self._keys.add(key)
        return False

    def forget(self):
        self._keys.clear()


asked_before = AskedBefore()


class SearchView(PageMixin, TemplateView):
    """`/<language>/search/?q=…`: results in the reader's language, each labelled with its kind.

    Never stored in the shared page cache as a whole page, but a browser may keep a result page for
    a minute. From its second asking in a process (`asked_before`), its <main> is kept as a fragment
    per query and page, like any other while the index is unchanged, so a query asked again (the
    names families type are few) costs no search; the search itself runs only when that fragment
    has to be rendered.
    """

    template_name = "search/results.html"
    page_title = _("Search")
    page_description = _("Search the site: conditions, treatments, patient stories, doctors and hospitals.")
    page_cache_query_params = ("q", "page")
    page_cache_stores = False  # private: a lookup would cost every search and never find one

    def get_rendering_key(self):
        # The <head> is the same whatever was asked (its canonical address has no query).
        return self.rendering_key_for(self.request.path)

    def get_main_rendering_key(self):
        return self._main_rendering_key

    @cached_property
    def _main_rendering_key(self):
        # <main> varies with the query and the page asked for; asked once, it is not kept.
        key = super().get_rendering_key()
        return key if key is not None and asked_before(key) else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        typed = self.request.GET.get("q", "").strip()
        query = typed[:MAX_QUERY_CHARS]
        context.update(query=query, results=SimpleLazyObject(lambda: self.results(query)),
                       page_query=urlencode({"q": query}), max_query_chars=MAX_QUERY_CHARS,
                       too_long=len(typed) > MAX_QUERY_CHARS)
        return context

    def results(self, query):
        """{"found": what the search found (None for no query), "page": the page of it asked for,
        "shown": the results on that page}."""
        found = search(query, translation.get_language()) if query else None
        page = Paginator(found.ids if found else [], RESULTS_PER_PAGE).get_page(self.request.GET.get("page"))
        return {"found": found, "page": page, "shown": shown(page.object_list, found.wanted) if found else []}

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        patch_cache_control(response, private=True, max_age=60)
        return response
