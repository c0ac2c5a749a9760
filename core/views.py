"""What every page view gives base.html: title, description, breadcrumbs, JSON-LD, and the
languages the page is in and can be read in."""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic.base import TemplateResponseMixin

from . import fragments
from .page_cache import address_as_cached
from .structured_data import page_graph, to_script_json
from .translation import SOURCE_LANGUAGE, language_tag

# Open Graph names a locale with its country.
OPEN_GRAPH_LOCALES = {"en": "en_US", "zh-hans": "zh_CN", "ru": "ru_RU"}


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    breadcrumbs: list  # [(name, path)] from the home page to this one
    json_ld: str  # the page's JSON-LD, safe inside <script>
    canonical_url: str
    content_language: str  # the BCP 47 tag of the language the content is shown in
    alternates: list = field(default_factory=list)  # [(hreflang, url)], x-default last
    og_type: str = "website"
    og_locale: str = "en_US"
    not_translated: bool = False  # shown in English to a reader of another language
    translation_unreviewed: bool = False  # a translation no doctor has checked yet


class PageMixin:
    """Fills in `page_meta`. A view sets `page_title` and `page_description` or overrides
    their getters, names the pages above it in `get_parent_crumbs()`, and gives its
    schema.org entities in `get_structured_data()`.

    base.html keeps the page's <head> and <main> as fragments in the page cache, told apart
    by `rendering_key`, so that a page rendered again (for staff, for a visitor with a session,
    or after an edit of something else it shows) reuses what has not changed. `page_meta` and
    the object of a detail page are worked out only when a fragment has to be rendered.
    """

    page_title = ""
    page_description = ""
    og_type = "website"
    # False for pages that hold what a visitor typed or asked for (never kept as fragments).
    cache_rendering = True
    # False for pages whose <main> holds a form: its CSRF token is the visitor's own.
    cache_main_rendering = True

    def get_page_title(self):
        return self.page_title

    def get_page_description(self):
        return self.page_description

    def get_parent_crumbs(self):
        return []

    def get_structured_data(self):
        return []

    def get_content_language(self):
        """The language the page's content is shown in."""
        return translation.get_language()

    def get_readable_languages(self):
        """The languages readers can read this page in (its hreflang alternates)."""
        return [code for code, _name in settings.LANGUAGES]

    def is_translation_unreviewed(self):
        return False

    def get_breadcrumbs(self):
        home = (_("Home"), reverse("home"))
        if self.request.path == home[1]:
            return [home]
        return [home, *self.get_parent_crumbs(), (self.get_page_title(), self.request.path)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_meta"] = SimpleLazyObject(self.get_page_meta)
        context["rendering_key"] = self.get_rendering_key()
        context["main_rendering_key"] = self.get_main_rendering_key()
        return context

    def get_rendering_key(self):
        """What the page's fragments vary by: the view, its address with the query parameters the view
        reads, and whether drafts are shown; None when they must not be cached. The view is named
        because two views may answer one address (a detail page, or the 404 page where none is)."""
        if not self.cache_rendering:
            return None
        return self.rendering_key_for(address_as_cached(self.request, getattr(self, "page_cache_query_params", ())))

    def rendering_key_for(self, address):
        """The key of this view's fragments at `address` (any string that tells its renderings apart)."""
        return repr((type(self).__qualname__, address, self.request.user.is_staff))

    def get_main_rendering_key(self):
        """What the page's <main> varies by; None when it must not be kept."""
        return self.get_rendering_key() if self.cache_main_rendering else None

    def get_page_meta(self):
        crumbs = self.get_breadcrumbs()
        content_language = self.get_content_language()
        urls = {code: settings.SITE_URL + translate_url(self.request.path, code)
                for code in self.get_readable_languages()}
        alternates = [(language_tag(code), url) for code, url in urls.items()]
        if len(alternates) > 1:
            # As the sitemap has it: the address without a language, which sends each
            # visitor to the language their browser prefers.
            prefix = f"/{SOURCE_LANGUAGE}/"
            alternates.append(("x-default", urls[SOURCE_LANGUAGE].replace(prefix, "/", 1)))
        graph = page_graph(crumbs, self.get_structured_data())
        return PageMeta(
            title=self.get_page_title(), description=self.get_page_description(), breadcrumbs=crumbs,
            json_ld=mark_safe(to_script_json(graph)),  # noqa: S308 - escaped for <script>
            canonical_url=urls.get(content_language, settings.SITE_URL + self.request.path),
            content_language=language_tag(content_language), alternates=alternates, og_type=self.og_type,
            og_locale=OPEN_GRAPH_LOCALES.get(content_language, "en_US"),
            not_translated=content_language != translation.get_language(),
            translation_unreviewed=self.is_translation_unreviewed(),
        )


class ListPageMixin(PageMixin):
    """A list page (with ListView) whose query is built only when its <main> has to be rendered:
    while <main> is kept, building the query would cost about as much as the rest of the page.
    Every list page may be empty (ListView's `allow_empty`); name the list `context_object_name`,
    or finding a name for it builds the query."""

    def get(self, request, *args, **kwargs):
        self.object_list = SimpleLazyObject(self.get_queryset)
        return self.render_to_response(self.get_context_data())

    def get_template_names(self):
        # Only `template_name`: ListView would add one named after the list's model, building the query.
        return TemplateResponseMixin.get_template_names(self)

    def paginate_queryset(self, queryset, page_size):
        """(paginator, page, the page's objects, whether there are other pages), each worked out when
        first used. A bad or out-of-range page number gives a real page (`get_page`), never an error."""

        def paginate():
            paginator = self.get_paginator(queryset, page_size)
            page = paginator.get_page(self.request.GET.get(self.page_kwarg))
            return paginator, page, page.object_list, page.has_other_pages()

        paged = SimpleLazyObject(paginate)
        return tuple(SimpleLazyObject(lambda index=index: paged[index]) for index in range(4))


class _FoundPage(SimpleLazyObject):
    """A page known to exist, loaded on first use: DetailView's `if self.object` must not load it."""

    def __bool__(self):
        return True


class ObjectPageMixin(PageMixin):
    """A detail page, titled by its object and described by its summary, shown whole in the
    reader's language where its translation is complete, else whole in English. The
    model's queryset gives what the page shows (`for_detail_page(user)`: drafts for staff)."""

    def get_queryset(self):
        return self.model.objects.for_detail_page(self.request.user)

    def get_object(self, queryset=None):
        """The page, loaded whole, with all it shows, only when a fragment of it has to be rendered:
        even building that query costs more than finding the page.

        Whether it exists at all: while the page's <main> is kept, it was visible to this reader
        when kept and none of the tables it was built from (its own included) has changed since,
        so no query is needed; otherwise one light query (a missing page or a draft is a 404 at
        once)."""
        if fragments.kept(self.request, "main", self.get_main_rendering_key()) is not None:
            return self.loaded_lazily(self.find_page)
        found = self.find_page(self.model.objects.visible_to(self.request.user))
        return self.loaded_lazily(lambda queryset: queryset.get(pk=found.pk))

    def find_page(self, queryset):
        """The page at this address in `queryset`; Http404 when there is none."""
        return super().get_object(queryset)

    def loaded_lazily(self, find):
        language = translation.get_language()

        def load():
            page = find(self.get_queryset())
            page.show_in(language)
            return page

        return _FoundPage(load)

    def get_context_object_name(self, obj):
        return self.context_object_name or self.model._meta.model_name

    def get_template_names(self):
        if self.template_name:
            return [self.template_name]
        return [f"{self.model._meta.app_label}/{self.model._meta.model_name}{self.template_name_suffix}.html"]

    def get_page_title(self):
        return str(self.object)

    def get_page_description(self):
        return self.object.summary

    def get_content_language(self):
        return self.object.get_current_language()

    def get_readable_languages(self):
        return self.object.readable_languages.split(",")

    def is_translation_unreviewed(self):
        return self.object.is_unreviewed_translation
