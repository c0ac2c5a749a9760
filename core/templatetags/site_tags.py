import secrets
from html import escape  # Django's, which also takes lazy strings, costs three times as much here

from django import template
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core import content_versions, fragments
from core.models import MedicalReview
from core.page_cache import address_in
from core.richtext import keep_terms_whole, render_markdown
from core.translation import SOURCE_LANGUAGE, TranslatedPage, language_tag

register = template.Library()


@register.filter
def markdown(text):
    """Render editor-written Markdown as sanitised HTML."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has sanitised it


@register.filter
def nowrap_terms(text):
    """Plain text (a name, a title) escaped, with terms such as CAR-T kept on one line."""
    return mark_safe(keep_terms_whole(conditional_escape(text)))  # noqa: S308 - escaped first


@register.filter
def lang_attr(obj):
    """` lang="en"` on an element holding `obj`'s text when it is in another language than the page."""
    language = obj.get_current_language()
    if language == translation.get_language():
        return ""
    return format_html(' lang="{}"', language_tag(language))


@register.simple_tag
def reviewer_name(doctor):
    """A reviewing doctor's name, linked to their profile once it is published."""
    if doctor.is_published:
        return format_html('<a href="{}"{}>{}</a>', doctor.get_absolute_url(), lang_attr(doctor),
                           doctor.name_with_title)
    return format_html("<span{}>{}</span>", lang_attr(doctor), doctor.name_with_title)


@register.simple_tag
def date_element(value):
    """A date in the reader's language, machine-readable too."""
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), date_format(value))


@register.simple_tag(takes_context=True)
def language_links(context):
    """The same page in each language, as a list of plain links: pages stay cacheable. Built in
    Python: every page rendered for a visitor has it, and the template's loop cost 0.09 ms."""
    request, current = context.get("request"), translation.get_language()
    items = []
    for code, name in settings.LANGUAGES if request else ():  # the 500 page has no request
        tag = language_tag(code)
        here = ' aria-current="true"' if code == current else ""
        items.append(f'<li><a href="{escape(address_in(request, code))}" lang="{tag}" hreflang="{tag}"{here}>'
                     f"{escape(name)}</a></li>")
    return mark_safe(f"<ul>{''.join(items)}</ul>")  # noqa: S308 - the addresses and names are escaped


@register.simple_tag
def pagination(page, query=""):
    """Links to a list's previous and next pages, and which page this is; nothing for a list of one
    page. `query`: the rest of the address's query (the filters, the search). Built in Python: as
    a template it cost 0.14 ms of each page of search results, several times as much."""
    if not page.has_other_pages():
        return ""
    address = f"?{query}&page=" if query else "?page="

    def link(number, rel, label):
        return format_html('<li><a href="{}{}" rel="{}">{}</a></li>', address, number, rel, label)

    previous = link(page.previous_page_number(), "prev", gettext("Previous page")) if page.has_previous() else ""
    following = link(page.next_page_number(), "next", gettext("Next page")) if page.has_next() else ""
    here = gettext("Page %(n)s of %(total)s") % {"n": page.number, "total": page.paginator.num_pages}
    return format_html('<nav class="pagination" aria-label="{}">\n  <ul>\n    {}\n    <li><span aria-current="page">{}'
                       '</span></li>\n    {}\n  </ul>\n</nav>', gettext("Pages"), previous, here, following)


@register.simple_tag(takes_context=True)
def content_status(context):
    """What the admin home lists for editors, per model they may change: medical text never
    reviewed or past its review date, and pages not yet readable, or not yet checked by a
    doctor, in each language."""
    user = context["request"].user
    review, translations = [], []
    for model in apps.get_models():
        opts = model._meta
        if not admin.site.is_registered(model) or not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            continue
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        label = opts.verbose_name_plural.capitalize()
        if issubclass(model, MedicalReview):
            never, overdue = model.objects.never_reviewed().count(), model.objects.due_for_review().count()
            if never or overdue:
                review.append({"label": label, "never": never, "overdue": overdue,
                               "never_url": f"{changelist}?review=never",
                               "overdue_url": f"{changelist}?review=overdue"})
        if not issubclass(model, TranslatedPage):
            continue
        for code, name in settings.LANGUAGES:
            if code == SOURCE_LANGUAGE:
                continue
            missing = model.objects.missing_translation(code).count()
            unreviewed = model.objects.unreviewed_translation(code).count()
            if missing or unreviewed:
                translations.append({
                    "label": label, "language": name, "missing": missing, "unreviewed": unreviewed,
                    "missing_url": f"{changelist}?translation=missing:{code}",
                    "unreviewed_url": f"{changelist}?translation=unreviewed:{code}",
                })
    return {"review": review, "never_total": sum(item["never"] for item in review),
            "overdue_total": sum(item["overdue"] for item in review), "translations": translations}


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on, only):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on
        self.only = only
        self.holes = nodelist.get_nodes_by_type(HoleNode)
        self._nodes_by_type = {}

    def get_nodes_by_type(self, nodetype):
        # {% extends %} looks through the whole of base.html, one fragment, for its blocks on every
        # rendering; a compiled template never changes.
        if nodetype not in self._nodes_by_type:
            self._nodes_by_type[nodetype] = super().get_nodes_by_type(nodetype)
        return list(self._nodes_by_type[nodetype])

    def render(self, context):
        request = context.get("request")
        vary_on = [value.resolve(context) for value in self.vary_on]
        if not fragments.can_keep(request, vary_on):
            return self.nodelist.render(context)
        outer = context.render_context.get(HoleNode.FILLINGS)
        context.render_context[HoleNode.FILLINGS] = None
        try:
            html = self._render(request, context, vary_on)
        finally:
            context.render_context[HoleNode.FILLINGS] = outer
        if outer is not None and self.holes:
            # Inside a fragment being kept, outside its holes (in a child template's block): what
            # this one renders for each request must not be kept in that one, which is not kept.
            outer.append((self, html))
            return HoleNode.MARKER
        return html

    def _render(self, request, context, vary_on):
        pieces = fragments.kept(request, self.name, *vary_on)
        # Kept by a release whose template had other holes (for up to PAGE_CACHE_SECONDS): rendered again.
        if pieces is not None and len(pieces) == len(self.holes) + 1:
            return _filled(pieces, [hole.nodelist.render(context) for hole in self.holes])
        recorded = content_versions.request_recording()
        fillings = []
        if self.holes:
            context.render_context[HoleNode.FILLINGS] = fillings
        if self.only:
            with content_versions.recording() as own:
                html = self.nodelist.render(context)
            recorded.include(own.snapshot)
            built_from = own.snapshot
        else:
            html = self.nodelist.render(context)
            built_from = recorded.copy()
        pieces = tuple(html.split(HoleNode.MARKER))
        # Kept when its own holes, and no others (from a child template's blocks), were each rendered
        # once: not when one sits inside an {% if %} that was false, or in a loop.
        if [hole for hole, _html in fillings] == self.holes:
            fragments.keep(request, self.name, vary_on, pieces, built_from)
        return _filled(pieces, [html for _hole, html in fillings])


def _filled(pieces, fillings):
    return mark_safe("".join(piece + filling for piece, filling in zip(pieces, [*fillings, ""], strict=True)))  # noqa: S308 - rendered by templates


@register.tag
def fragment(parser, token):
    """`{% fragment "main" [value ...] [only] %}…{% endfragment %}`: the block rendered once per
    language and values, then taken from the page cache while what it was built from is
    unchanged (`core.content_versions`): every table its request read until then, since an
    object loaded lazily for an earlier part of the page may be used here without a query; with
    `only`, for a block that loads all it shows itself (the footer, shared by every page), just
    the tables it read.

    Only for blocks that are the same for every visitor given those values: nothing from the
    session, the user or a form may be inside, except in a `{% hole %}`. An empty value (a page
    whose `rendering_key` is None) renders the block every time.
    """
    name, *vary_on = token.split_contents()[1:]
    only = bool(vary_on) and vary_on[-1] == "only"
    if only:
        vary_on.pop()
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    node = FragmentNode(nodelist, template.Variable(name).resolve({}), [parser.compile_filter(v) for v in vary_on],
                        only)
    if any(inner.holes for inner in nodelist.get_nodes_by_type(FragmentNode)):
        raise template.TemplateSyntaxError("A {% hole %} belongs to the outermost {% fragment %} around it.")
    return node


class HoleNode(template.Node):
    """Rendered for every request, inside a fragment otherwise kept: while the fragment is rendered to
    be kept, it leaves MARKER in the fragment's HTML and itself with its HTML in the fragment's
    FILLINGS, in order."""

    FILLINGS = "fragment-hole-fillings"
    MARKER = f"\x00hole-{secrets.token_hex(8)}\x00"  # nothing a template or a visitor writes

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        fillings = context.render_context.get(self.FILLINGS)
        if fillings is None:
            return self.nodelist.render(context)
        context.render_context[self.FILLINGS] = None  # a hole inside this one is part of it
        try:
            html = self.nodelist.render(context)
        finally:
            context.render_context[self.FILLINGS] = fillings
        fillings.append((self, html))
        return self.MARKER


@register.tag
def hole(parser, token):
    """`{% hole %}…{% endhole %}`: in a `{% fragment %}` kept for many requests, what is rendered for
    each (the language links that keep a search's query, a <main> of its own). In the fragment's own
    template, not an included one (an include renders on its own, and its hole would be kept as it
    was), and not inside an `{% if %}` or a loop (a fragment whose holes were not each rendered once
    is not kept). Once the fragment is kept, its holes are rendered with the context the fragment is
    rendered with: a hole must not use what a tag inside the fragment sets (`{% with %}`)."""
    nodelist = parser.parse(("endhole",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(HoleNode):
        raise template.TemplateSyntaxError("A {% hole %} cannot hold another: all of it is rendered each time.")
    return HoleNode(nodelist)
