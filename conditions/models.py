from django.db import models
from django.utils.translation import gettext_lazy as _
from parler.models import TranslatedFields

from core.models import (
    MARKDOWN_HELP,
    Illustrated,
    MedicallyReviewedModel,
    MedicalReview,
    Ordered,
    ReviewedQuerySet,
    ReviewedRowQuerySet,
    aliases_field,
)
from core.richtext import plain_text
from core.translation import TranslatedPage, name_and_summary_fields, translation_record_fields
from treatments.models import OutcomeStatistic, Treatment


class ConditionQuerySet(ReviewedQuerySet):
    def for_cards(self):
        """Published conditions with what a card needs to say whether the page is brief."""
        return self.published().prefetch_related("translations", "symptoms", "condition_treatments")

    def with_home_results(self):
        """Published conditions with figures chosen for the home page, each with `result_count`."""
        listed = models.Q(outcome_statistics__is_published=True, outcome_statistics__is_highlighted=True)
        return (self.published().annotate(result_count=models.Count("outcome_statistics", filter=listed))
                .filter(result_count__gt=0).prefetch_related("translations"))

    def for_detail_page(self, user):
        """What a condition page shows, in a fixed number of queries; drafts only for staff.

        `treatment_options` and `published_statistics` are lists on each condition.
        """
        return self.visible_to(user).select_related("reviewer").prefetch_related(
            "translations", "reviewer__translations",
            models.Prefetch("symptoms", queryset=Symptom.objects.prefetch_related("translations")),
            models.Prefetch("reasons", queryset=ChoiceReason.objects.prefetch_related("translations")),
            models.Prefetch("glossary_terms", queryset=GlossaryTerm.objects.select_related("reviewer")
                            .prefetch_related("translations", "reviewer__translations")),
            models.Prefetch("records_to_send", queryset=RecordToSend.objects.prefetch_related("translations")),
            models.Prefetch(
                "condition_treatments", to_attr="treatment_options",
                queryset=ConditionTreatment.objects.select_related("treatment")
                .prefetch_related("translations", "treatment__translations")
                .filter(treatment__in=Treatment.objects.visible_to(user)),
            ),
            models.Prefetch("outcome_statistics", queryset=OutcomeStatistic.objects.for_display(),
                            to_attr="published_statistics"),
        )


class Condition(Illustrated, TranslatedPage, MedicallyReviewedModel):
    detail_url_name = "conditions:detail"
    slug = models.SlugField(
        _("web address"), max_length=120, unique=True,
        help_text=_("The last part of the page address, e.g. multiple-myeloma. Filled in "
                    "from the name; change it only before the page is first published."),
    )
    aliases = aliases_field()
    translations = TranslatedFields(
        **name_and_summary_fields(),
        overview=models.TextField(_("overview"), help_text=MARKDOWN_HELP),
        symptoms_intro=models.TextField(_("introduction to symptoms"), blank=True, help_text=MARKDOWN_HELP),
        diagnosis=models.TextField(_("how it is diagnosed"), blank=True, help_text=MARKDOWN_HELP),
        treatment_approach=models.TextField(_("how we treat it"), blank=True, help_text=MARKDOWN_HELP),
        reasons_intro=models.TextField(
            _("introduction to why patients choose us"), blank=True, help_text=MARKDOWN_HELP,
        ),
        **translation_record_fields(),
    )
    position = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers are listed first."),
    )
    is_featured = models.BooleanField(
        _("feature on the home page"), default=False,
    )
    treatments = models.ManyToManyField(
        "treatments.Treatment", through="ConditionTreatment", related_name="conditions", blank=True,
    )

    class Illustration(models.TextChoices):
        MYELOMA = "myeloma", _("Where multiple myeloma starts: plasma cells in the bone marrow")

    illustration = models.CharField(
        _("illustration"), max_length=20, choices=Illustration.choices, blank=True,
        help_text=_("A drawing that explains the condition, shown on its page below the overview with the same "
                    "points in words. Leave empty for none."),
    )

    objects = ConditionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")


    row_relations = ("symptoms", "reasons", "glossary_terms", "condition_treatments", "outcome_statistics",
                     "records_to_send")

    def _treatment_options(self):
        # On the page itself they are prefetched as `treatment_options`, drafts left out.
        options = getattr(self, "treatment_options", None)
        return self.condition_treatments.all() if options is None else options

    def translated_rows(self):
        statistics = getattr(self, "published_statistics", None)
        if statistics is None:
            statistics = [s for s in self.outcome_statistics.all() if s.is_published]
        return [*self.symptoms.all(), *self.reasons.all(), *self.glossary_terms.all(), *self.records_to_send.all(),
                *self._treatment_options(), *statistics]

    @property
    def is_brief(self):
        """Only a short description so far: no symptoms, diagnosis or treatment on the page yet."""
        return not (self.symptoms.all() or self._treatment_options() or self.diagnosis or self.treatment_approach)

    def readability_text(self):
        parts = [self.summary, self.overview, self.symptoms_intro, self.diagnosis,
                 self.treatment_approach, self.reasons_intro]
        parts += [f"{s.name}. {s.explanation}" for s in self.symptoms.all()]
        return "\n\n".join(plain_text(p) for p in parts if p)


class Symptom(Ordered):
    page_field = "condition"
    title_field = "name"
    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="symptoms")
    translations = TranslatedFields(
        name=models.CharField(_("symptom"), max_length=100, help_text=_("A few plain words, e.g. “Bone pain”.")),
        explanation=models.TextField(_("plain-language explanation"), max_length=600),
    )

    class Meta(Ordered.Meta):
        verbose_name = _("symptom")
        verbose_name_plural = _("symptoms")



class ConditionTreatment(Ordered):
    """A treatment used for a condition, in the order the condition page lists them."""

    page_field = "condition"
    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="condition_treatments")
    treatment = models.ForeignKey(
        "treatments.Treatment", on_delete=models.CASCADE, related_name="condition_links",
    )
    translations = TranslatedFields(
        note=models.TextField(
            _("how it is used for this condition"), blank=True, max_length=1000,
            help_text=_("Optional. Shown under the treatment's name on the condition page."),
        ),
    )

    class Meta(Ordered.Meta):
        constraints = [
            models.UniqueConstraint(fields=["condition", "treatment"], name="unique_condition_treatment"),
        ]
        verbose_name = _("treatment option")
        verbose_name_plural = _("treatment options")

    def __str__(self):
        return f"{self.condition} – {self.treatment}"


class ChoiceReason(Ordered):
    """One of the “why patients choose us” points on a condition page."""

    page_field = "condition"
    title_field = "text"
    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="reasons")
    translations = TranslatedFields(text=models.CharField(_("point"), max_length=300))

    class Meta(Ordered.Meta):
        verbose_name = _("reason patients choose us")
        verbose_name_plural = _("reasons patients choose us")



class GlossaryTerm(MedicalReview, Ordered):
    """A medical word used on a condition page, with a short plain-words explanation.

    An explanation is a medical claim of its own, so each is reviewed on its own schedule.
    """

    page_field = "condition"
    title_field = "term"
    # Each term is also a search result of its own, linking to the words explained on the page.
    search_anchor = "words"
    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="glossary_terms")
    aliases = aliases_field()
    translations = TranslatedFields(
        term=models.CharField(_("term"), max_length=100),
        explanation=models.CharField(_("in plain words"), max_length=400),
    )

    objects = ReviewedRowQuerySet.as_manager()

    class Meta(Ordered.Meta):
        verbose_name = _("word explained")
        verbose_name_plural = _("words explained")



class RecordToSend(Ordered):
    """One item of what a family should send with a consultation request about this condition."""

    page_field = "condition"
    title_field = "text"
    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="records_to_send")
    translations = TranslatedFields(
        text=models.CharField(
            _("record"), max_length=300,
            help_text=_("A report or result the specialists need, in plain words, e.g. “Blood tests from the "
                        "last month”."),
        ),
    )

    class Meta(Ordered.Meta):
        verbose_name = _("record to send")
        verbose_name_plural = _("what to send with a request")
