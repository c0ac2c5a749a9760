"""What every page view gives base.html: title, description, breadcrumbs and JSON-LD."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .structured_data import page_graph, to_script_json


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    breadcrumbs: list  # [(name, path)] from the home page to this one
    json_ld: str  # the page's JSON-LD, safe inside <script>
    og_type: str = "website"


class PageMixin:
    """Fills in `page_meta`. A view sets `page_title` and `page_description` or overrides
    their getters, names the pages above it in `get_parent_crumbs()`, and gives its
    schema.org entities in `get_structured_data()`."""

    page_title = ""
    page_description = ""
    og_type = "website"

    def get_page_title(self):
        return self.page_title

    def get_page_description(self):
        return self.page_description

    def get_parent_crumbs(self):
        return []

    def get_structured_data(self):
        return []

    def get_breadcrumbs(self):
        home = (_("Home"), reverse("home"))
        if self.request.path == home[1]:
            return [home]
        return [home, *self.get_parent_crumbs(), (self.get_page_title(), self.request.path)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        crumbs = self.get_breadcrumbs()
        graph = page_graph(crumbs, self.get_structured_data())
        context["page_meta"] = PageMeta(
            title=self.get_page_title(), description=self.get_page_description(), breadcrumbs=crumbs,
            json_ld=mark_safe(to_script_json(graph)),  # noqa: S308 - escaped for <script>
            og_type=self.og_type,
        )
        return context


class ObjectPageMixin(PageMixin):
    """A detail page, titled by its object and described by the object's summary."""

    def get_page_title(self):
        return str(self.object)

    def get_page_description(self):
        return self.object.summary
