from decimal import ROUND_FLOOR, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from parler.models import TranslatedFields

from core.models import MARKDOWN_HELP, MedicallyReviewedModel, PublishableModel, PublishableQuerySet, ReviewedQuerySet
from core.richtext import plain_text
from core.translation import TranslatedPage, TranslatedRow, name_and_summary_fields, translation_record_fields


class TreatmentQuerySet(ReviewedQuerySet):
    def for_detail_page(self, user):
        """What a treatment page shows, in a fixed number of queries; drafts only for staff."""
        return self.visible_to(user).select_related("parent", "reviewer").prefetch_related(
            "translations", "parent__translations", "reviewer__translations",
            models.Prefetch("subtherapies", queryset=Treatment.objects.published().prefetch_related("translations")),
            models.Prefetch("outcome_statistics", queryset=OutcomeStatistic.objects.for_display(),
                            to_attr="published_statistics"),
        )


class Treatment(TranslatedPage, MedicallyReviewedModel):
    detail_url_name = "treatments:detail"

    class Category(models.TextChoices):
        CHEMOTHERAPY = "chemotherapy", _("Chemotherapy and novel agents")
        RADIOTHERAPY = "radiotherapy", _("Radiotherapy")
        TRANSPLANT = "transplant", _("Stem cell transplantation")
        TARGETED = "targeted", _("Targeted therapy")
        IMMUNOTHERAPY = "immunotherapy", _("Immunotherapy")
        CELLULAR = "cellular", _("Cellular therapy")
        OTHER = "other", _("Other treatments")

    slug = models.SlugField(
        _("web address"), max_length=120, unique=True,
        help_text=_("The last part of the page address. Filled in from the name."),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="subtherapies",
        verbose_name=_("part of"),
        help_text=_("For a sub-therapy (e.g. CAR-T under immunotherapy), the main treatment "
                    "it belongs to. Leave empty for a main treatment."),
    )
    translations = TranslatedFields(
        **name_and_summary_fields(),
        description=models.TextField(_("what it is"), help_text=MARKDOWN_HELP),
        how_it_works=models.TextField(_("how it works"), blank=True, help_text=MARKDOWN_HELP),
        # What a family needs to know before it starts; each is left out of the page while empty.
        suitable_for=models.TextField(_("who it may suit"), blank=True, help_text=MARKDOWN_HELP),
        what_to_expect=models.TextField(_("what to expect"), blank=True, help_text=MARKDOWN_HELP),
        time_in_hospital=models.CharField(
            _("usual time in hospital"), max_length=200, blank=True,
            help_text=_("Only what the medical team states as usual, e.g. “about 3 weeks”."),
        ),
        time_overall=models.CharField(_("usual time for the whole treatment"), max_length=200, blank=True),
        side_effects=models.TextField(
            _("common side effects and how they are managed"), blank=True, help_text=MARKDOWN_HELP,
        ),
        follow_up=models.TextField(_("follow-up"), blank=True, help_text=MARKDOWN_HELP),
        **translation_record_fields(),
    )
    position = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers are listed first."),
    )
    is_featured = models.BooleanField(_("feature on the home page"), default=False)

    objects = TreatmentQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("treatment")
        verbose_name_plural = _("treatments")


    row_relations = ("outcome_statistics",)

    def translated_rows(self):
        statistics = getattr(self, "published_statistics", None)
        if statistics is None:
            statistics = [s for s in self.outcome_statistics.all() if s.is_published]
        return statistics

    def clean(self):
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A treatment cannot be part of itself.")})
        if self.parent and self.parent.parent_id:
            raise ValidationError({"parent": _("Choose a main treatment: sub-therapies go one level deep.")})

    def readability_text(self):
        parts = [self.summary, self.description, self.how_it_works, self.suitable_for, self.what_to_expect,
                 self.side_effects, self.follow_up]
        return "\n\n".join(plain_text(p) for p in parts if p)


class OutcomeStatisticQuerySet(PublishableQuerySet):
    def for_display(self):
        return self.published().select_related("condition").prefetch_related("translations", "treatments")


class OutcomeStatistic(TranslatedRow, PublishableModel):
    """One reported result, with the study group it comes from and its source."""

    class Measure(models.TextChoices):
        COMPLETE_REMISSION = "cr", _("Complete remission rate (CR)")
        OVERALL_RESPONSE = "orr", _("Overall response rate (ORR)")
        PROGRESSION_FREE_SURVIVAL = "pfs", _("Progression-free survival (PFS)")
        OVERALL_SURVIVAL = "os", _("Overall survival (OS)")
        OTHER = "other", _("Other measure")

    class SourceKind(models.TextChoices):
        CENTER = "center", _("Our own long-term follow-up of our patients")
        PUBLISHED = "published", _("A published study")
        REGISTRY = "registry", _("A patient registry")
        PUBLISHED_AND_CENTER = "published_and_center", _(
            "Published studies and our own long-term follow-up of our patients (the source does not say which)")

    PLAIN_WORDS = {
        Measure.COMPLETE_REMISSION: _("had no remaining signs of the disease in their tests "
                                     "(complete remission)"),
        Measure.OVERALL_RESPONSE: _("responded to treatment: the disease shrank or "
                                    "disappeared (overall response)"),
        Measure.PROGRESSION_FREE_SURVIVAL: _("were alive without their disease getting worse "
                                             "(progression-free survival)"),
        Measure.OVERALL_SURVIVAL: _("were alive (overall survival)"),
    }

    condition = models.ForeignKey(
        "conditions.Condition", on_delete=models.PROTECT, related_name="outcome_statistics",
    )
    treatments = models.ManyToManyField(Treatment, related_name="outcome_statistics", blank=True)
    translations = TranslatedFields(
        title=models.CharField(
            _("short title"), max_length=200,
            help_text=_("What was studied, e.g. “CAR-T for plasmablastic myeloma”."),
        ),
        patient_group=models.CharField(
            _("patient group"), max_length=300,
            help_text=_("Who the result is about, e.g. “patients whose earlier CAR-T therapy "
                        "did not work”."),
        ),
        regimen=models.CharField(_("treatment given"), max_length=300),
        measure_description=models.CharField(
            _("what the measure means (other measures)"), max_length=200, blank=True,
            help_text=_("Only for “Other measure”: finish the sentence “… of patients …”."),
        ),
        time_point=models.CharField(
            _("time point"), max_length=50, blank=True,
            help_text=_("When the result was measured, where one applies, e.g. “6 months”."),
        ),
    )
    measure = models.CharField(_("measure"), max_length=10, choices=Measure.choices)
    value = models.DecimalField(
        _("value (%)"), max_digits=4, decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    patient_count = models.PositiveIntegerField(
        _("number of patients"), null=True, blank=True, help_text=_("Leave empty when not known."),
    )
    source_kind = models.CharField(
        _("kind of source"), max_length=30, choices=SourceKind.choices, blank=True,
        help_text=_("Where the figure comes from. A figure needs this or a citation title to be published."),
    )
    citation_authors = models.CharField(_("authors or team"), max_length=300, blank=True)
    citation_title = models.CharField(_("title of the study or report"), max_length=500, blank=True)
    citation_venue = models.CharField(_("journal or meeting"), max_length=300, blank=True)
    source_year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    doi = models.CharField(_("DOI"), max_length=200, blank=True, help_text=_("For example 10.1182/blood.2023.1234."))
    source_url = models.URLField(_("source link"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    is_highlighted = models.BooleanField(_("show on the home page"), default=False)

    objects = OutcomeStatisticQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("outcome statistic")
        verbose_name_plural = _("outcome statistics")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_published=False) | ~Q(source_kind="") | ~Q(citation_title=""),
                name="published_statistic_has_source",
                violation_error_message=_("A figure cannot be published without its source."),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0) & Q(value__lte=100), name="statistic_value_is_percentage",
            ),
        ]

    def __str__(self):
        title = self.safe_translation_getter("title", any_language=True) or ""
        return f"{title}: {self.value}% {self.get_measure_display()}"

    def translated_pages(self):
        return [self.condition, *self.treatments.all()] if self.condition_id else list(self.treatments.all())

    def clean(self):
        if self.is_published and not self.has_source:
            raise ValidationError({"source_kind": _("Add the source before publishing this figure: its kind, or "
                                                    "the title of the study.")})
        if self.measure == self.Measure.OTHER and not self.measure_description:
            raise ValidationError({"measure_description": _("Say in plain words what this measure is.")})

    @property
    def has_source(self):
        return bool(self.source_kind or self.citation_title.strip())

    @property
    def value_display(self):
        return f"{self.value.normalize():f}"

    @property
    def per_hundred(self):
        """The figure as a natural frequency, never rounded up: 45.5% reads “about 45 in 100”."""
        return int(self.value.quantize(Decimal(1), rounding=ROUND_FLOOR))

    @property
    def is_exact_per_hundred(self):
        return self.value == self.per_hundred

    @property
    def plain_words(self):
        return self.PLAIN_WORDS.get(self.measure, self.measure_description)
