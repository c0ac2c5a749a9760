from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView
from django_countries import countries

from conditions.models import Condition
from core.views import ListPageMixin, ObjectPageMixin
from treatments.models import Treatment

from .models import PatientStory
from .structured_data import story_article


class StoryListView(ListPageMixin, ListView):
    """Published stories, filterable by condition, treatment and country with plain GET links."""

    template_name = "stories/story_list.html"
    context_object_name = "stories"
    paginate_by = 12
    page_cache_query_params = ("condition", "treatment", "country", "page")
    page_title = gettext_lazy("Patient stories")
    page_description = gettext_lazy("Patients and families tell how they were treated at GoBroad. One person's "
                                    "experience does not predict another's.")

    def get_filters(self):
        filters = {
            key: self.request.GET.get(key, "").strip()[:100]
            for key in ("condition", "treatment", "country")
            if self.request.GET.get(key, "").strip()
        }
        if "country" in filters:
            # A country is a two-letter code; an English name, as older links carry, still works.
            filters["country"] = countries.by_name(filters["country"]) or filters["country"].upper()
        return filters

    def get_queryset(self):
        stories = PatientStory.objects.published().for_cards()
        filters = self.get_filters()
        if "condition" in filters:
            stories = stories.filter(condition__slug=filters["condition"])
        if "treatment" in filters:
            stories = stories.filter(treatments__slug=filters["treatment"]).distinct()
        if "country" in filters:
            stories = stories.filter(country=filters["country"])
        return stories

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The filters' choices are worked out only when the list is rendered, not taken from its fragment.
        choices = SimpleLazyObject(self.filter_choices)
        context.update(
            filters=self.get_filters(),
            **{name: SimpleLazyObject(lambda name=name: choices[name])
               for name in ("condition_options", "treatment_options", "country_options", "active_filters")},
            page_query=self._query_without("page"),
        )
        return context

    def filter_choices(self):
        published = PatientStory.objects.published()
        conditions = list(Condition.objects.published().filter(stories__in=published).distinct()
                          .prefetch_related("translations"))
        treatments = list(Treatment.objects.published().filter(stories__in=published).distinct()
                          .prefetch_related("translations"))
        codes = published.exclude(country="").values_list("country", flat=True).distinct()
        country_options = sorted(((code, countries.name(code)) for code in codes), key=lambda option: option[1])
        names = {
            "condition": {c.slug: c.name for c in conditions},
            "treatment": {t.slug: t.name for t in treatments},
            "country": dict(country_options),
        }
        labels = {"condition": _("Condition"), "treatment": _("Treatment"), "country": _("Country")}
        return {
            "condition_options": conditions,
            "treatment_options": treatments,
            "country_options": country_options,
            "active_filters": [
                {"label": labels[key], "value": names[key].get(value, value), "remove_query": self._query_without(key)}
                for key, value in self.get_filters().items()
            ],
        }

    def _query_without(self, key):
        query = self.request.GET.copy()
        query.pop(key, None)
        query.pop("page", None)
        return query.urlencode()


class StoryDetailView(ObjectPageMixin, DetailView):
    model = PatientStory
    template_name = "stories/story_detail.html"
    context_object_name = "story"
    og_type = "article"

    def get_parent_crumbs(self):
        return [(_("Patient stories"), reverse("stories:list"))]

    def get_structured_data(self):
        return story_article(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["related_stories"] = SimpleLazyObject(
            lambda: list(PatientStory.objects.about(self.object.condition, exclude=self.object)[:3]))
        return context
