import math
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from parler.models import TranslatedFields

from core.models import (
    MARKDOWN_HELP,
    Illustrated,
    MedicallyReviewedModel,
    PublishableModel,
    PublishableQuerySet,
    ReviewedQuerySet,
    aliases_field,
)
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


class Treatment(Illustrated, TranslatedPage, MedicallyReviewedModel):
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
    aliases = aliases_field()
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

    class Illustration(models.TextChoices):
        CAR_T = "car-t", _("How CAR-T cell therapy works, in five steps")
        AUTOLOGOUS_HSCT = "autologous-hsct", _("How a transplant of the patient's own stem cells works, in four steps")

    illustration = models.CharField(
        _("illustration"), max_length=20, choices=Illustration.choices, blank=True,
        help_text=_("A drawing that explains the treatment, shown on its page above its steps in words. "
                    "Leave empty for none."),
    )

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


def matches_rate(count, size, rate):
    """Whether `count` of `size` patients gives `rate` (a percentage), rounded to a tenth or to a whole number."""
    exact = Decimal(100 * count) / Decimal(size)
    if exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) == rate:
        return True
    return rate == rate.to_integral_value() and exact.quantize(Decimal(1), rounding=ROUND_HALF_UP) == rate


def wilson_interval(count, size, z=1.959963984540054):
    """The 95% Wilson score interval of `count` out of `size`, as percentages (low, high)."""
    p, z2 = count / size, z * z
    centre = (p + z2 / (2 * size)) / (1 + z2 / size)
    half = z * math.sqrt(p * (1 - p) / size + z2 / (4 * size * size)) / (1 + z2 / size)
    return max(0.0, centre - half) * 100, min(1.0, centre + half) * 100


class OutcomeStatistic(TranslatedRow, PublishableModel):
    """One reported result, with the study group it comes from, its size where known, and its source.

    Before a figure is published it must pass the data check (`data_problems`), which also
    compares it with the other figures about the same patients (`same_group_as`).
    """

    class Measure(models.TextChoices):
        COMPLETE_REMISSION = "cr", _("Complete remission rate (CR)")
        OVERALL_RESPONSE = "orr", _("Overall response rate (ORR)")
        OBJECTIVE_RESPONSE = "objective", _("Objective response rate (ORR)")
        PROGRESSION_FREE_SURVIVAL = "pfs", _("Progression-free survival (PFS)")
        EVENT_FREE_SURVIVAL = "efs", _("Event-free survival (EFS)")
        OVERALL_SURVIVAL = "os", _("Overall survival (OS)")
        OTHER = "other", _("Other measure")

    class SourceKind(models.TextChoices):
        CENTER = "center", _("Our own long-term follow-up of our patients")
        PUBLISHED = "published", _("A published study")
        REGISTRY = "registry", _("A patient registry")
        PUBLISHED_AND_CENTER = "published_and_center", _(
            "Published studies and our own long-term follow-up of our patients (the source does not say which)")

    class TimeUnit(models.TextChoices):
        DAYS = "days", _("days")
        WEEKS = "weeks", _("weeks")
        MONTHS = "months", _("months")
        YEARS = "years", _("years")

    SURVIVAL = (Measure.PROGRESSION_FREE_SURVIVAL, Measure.EVENT_FREE_SURVIVAL, Measure.OVERALL_SURVIVAL)
    RESPONSE = (Measure.OVERALL_RESPONSE, Measure.OBJECTIVE_RESPONSE)
    SMALL_GROUP = 30

    PLAIN_WORDS = {
        Measure.COMPLETE_REMISSION: _("had no remaining signs of the disease in their tests "
                                     "(complete remission)"),
        Measure.OVERALL_RESPONSE: _("responded to treatment: the disease shrank or "
                                    "disappeared (overall response)"),
        Measure.OBJECTIVE_RESPONSE: _("responded to treatment: the disease shrank or "
                                      "disappeared (objective response)"),
        Measure.PROGRESSION_FREE_SURVIVAL: _("were alive without their disease getting worse "
                                             "(progression-free survival)"),
        Measure.EVENT_FREE_SURVIVAL: _("were alive without their disease getting worse, coming back or "
                                       "needing a change of treatment (event-free survival)"),
        Measure.OVERALL_SURVIVAL: _("were alive (overall survival)"),
    }
    # What each measure means, shown beside every figure and on the page about our data.
    MEANINGS = {
        Measure.COMPLETE_REMISSION: _("After treatment, tests no longer find signs of the disease. It does not "
                                      "always mean the disease is cured: it can come back."),
        Measure.OVERALL_RESPONSE: _("The share of patients whose disease shrank or disappeared after treatment. "
                                    "It counts both complete and partial responses, so it is always at least "
                                    "as high as the complete remission rate."),
        Measure.OBJECTIVE_RESPONSE: _("The share of patients whose disease shrank by at least an agreed amount, "
                                      "or disappeared, on standard tests. Like the overall response rate, it "
                                      "counts both complete and partial responses; we keep the name each "
                                      "source uses."),
        Measure.PROGRESSION_FREE_SURVIVAL: _("The share of patients who were alive and whose disease had not got "
                                             "worse at a given time after treatment, for example 6 months."),
        Measure.EVENT_FREE_SURVIVAL: _("The share of patients who, at a given time after treatment, were alive "
                                       "and had not had any of the events the study counts, such as the "
                                       "disease getting worse or coming back."),
        Measure.OVERALL_SURVIVAL: _("The share of patients who were alive at a given time after treatment, "
                                    "whatever happened to their disease."),
    }

    condition = models.ForeignKey(
        "conditions.Condition", on_delete=models.PROTECT, related_name="outcome_statistics",
    )
    treatments = models.ManyToManyField(Treatment, related_name="outcome_statistics", blank=True)
    same_group_as = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="group_members",
        verbose_name=_("same patients as"),
        help_text=_("Another figure about exactly the same group of patients (e.g. the overall survival of the "
                    "group whose progression-free survival this is), so the data check compares them."),
    )
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
    )
    measure = models.CharField(
        _("measure"), max_length=10, choices=Measure.choices,
        help_text=_("Use the source's own term: an “objective response rate” stays objective."),
    )
    value = models.DecimalField(
        _("rate (%)"), max_digits=4, decimal_places=1, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("As the source gives it. Leave empty to work it out from the two numbers below."),
    )
    outcome_count = models.PositiveIntegerField(
        _("patients with the outcome"), null=True, blank=True, help_text=_("Leave empty when not known."),
    )
    patient_count = models.PositiveIntegerField(
        _("patients in the group"), null=True, blank=True,
        validators=[MinValueValidator(1)], help_text=_("Leave empty when not known."),
    )
    time_point_amount = models.PositiveSmallIntegerField(
        _("time point"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("When the result was measured after treatment; needed for survival figures."),
    )
    time_point_unit = models.CharField(_("time unit"), max_length=10, choices=TimeUnit.choices, blank=True)
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
    is_highlighted = models.BooleanField(
        _("list on the home page"), default=False,
        help_text=_("The home page links to the figure's condition page; it never shows the figure alone."),
    )

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
        super().clean()
        errors = {}
        if self.measure == self.Measure.OTHER and not self.measure_description:
            errors["measure_description"] = _("Say in plain words what this measure is.")
        if bool(self.time_point_amount) != bool(self.time_point_unit):
            errors["time_point_unit"] = _("Give the time point as a number and a unit, e.g. 6 months.")
        if self.same_group_as_id:
            root = self.same_group_as.same_group_as or self.same_group_as
            if root.pk == self.pk:
                errors["same_group_as"] = _("Choose another figure: this one is already the group's first.")
            elif root.condition_id != self.condition_id:
                errors["same_group_as"] = _("Figures about the same patients must be about the same condition.")
            else:
                self.same_group_as = root
        if self.value is None:
            if self.outcome_count is not None and self.patient_count:
                self.value = (Decimal(100 * self.outcome_count) / self.patient_count).quantize(
                    Decimal("0.1"), rounding=ROUND_HALF_UP)
            else:
                errors["value"] = _("Give the rate, or the number of patients with the outcome and the "
                                    "number in the group.")
        if errors:
            raise ValidationError(errors)
        if self.is_published and (problems := self.data_problems()):
            raise ValidationError({"is_published": [
                _("This figure cannot be published until the data check passes:"), *problems]})

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # A figure that joins another group brings the figures linked to it along.
        if self.same_group_as_id:
            OutcomeStatistic.objects.filter(same_group_as=self).update(same_group_as=self.same_group_as_id)

    def group_figures(self):
        """The other figures about the same patients."""
        root = self.same_group_as_id or self.pk
        if root is None:
            return []
        return list(OutcomeStatistic.objects.filter(Q(pk=root) | Q(same_group_as=root)).exclude(pk=self.pk)
                    .prefetch_related("translations"))

    def data_problems(self, group=None):
        """What the data check finds wrong with this figure, alone and beside the others of its group,
        in words for staff; empty when it may be published."""
        problems = []
        if self.value is not None and not 0 <= self.value <= 100:
            problems.append(_("The rate must be between 0 and 100%."))
        if self.outcome_count is not None and self.patient_count:
            if self.outcome_count > self.patient_count:
                problems.append(_("More patients have the outcome (%(count)d) than are in the group (%(size)d).")
                                % {"count": self.outcome_count, "size": self.patient_count})
            elif self.value is not None and not matches_rate(self.outcome_count, self.patient_count, self.value):
                problems.append(_("%(count)d of %(size)d patients is not %(rate)s%%, even rounded: check the "
                                  "numbers against the source.")
                                % {"count": self.outcome_count, "size": self.patient_count, "rate": self.value_display})
        elif self.patient_count and self.value is not None and self.events is None:
            problems.append(_("%(rate)s%% of %(size)d patients is not a whole number of patients: check the rate "
                              "and the group size against the source.")
                            % {"rate": self.value_display, "size": self.patient_count})
        if self.measure in self.SURVIVAL and not self.time_point_amount:
            problems.append(_("A survival figure needs the time point it was measured at, e.g. 6 months."))
        if not self.has_source:
            problems.append(_("Add the source: its kind, or the title of the study."))
        for other in self.group_figures() if group is None else group:
            problems += self._conflicts_with(other)
        return problems

    def _conflicts_with(self, other):
        problems = []
        if self.patient_count and other.patient_count and self.patient_count != other.patient_count:
            problems.append(_("“%(other)s” is about the same patients but gives %(other_size)d of them, "
                              "not %(size)d.")
                            % {"other": other.title, "other_size": other.patient_count, "size": self.patient_count})
        if self.value is None or other.value is None or not self.is_same_time_point(other):
            return problems
        pairs = [(a, b) for a, b in ((self, other), (other, self))
                 if (a.measure in self.SURVIVAL and a.measure != self.Measure.OVERALL_SURVIVAL
                     and b.measure == self.Measure.OVERALL_SURVIVAL)
                 or (a.measure == self.Measure.COMPLETE_REMISSION and b.measure in self.RESPONSE)]
        for part, whole in pairs:
            if part.value > whole.value:
                problems.append(
                    _("%(part)s (%(part_rate)s%%) cannot be higher than %(whole)s (%(whole_rate)s%%) in the same "
                      "patients at the same time: check both figures against the source.")
                    % {"part": part.get_measure_display(), "part_rate": part.value_display,
                       "whole": whole.get_measure_display(), "whole_rate": whole.value_display})
        return problems

    def is_same_time_point(self, other):
        return (self.time_point_amount, self.time_point_unit) == (other.time_point_amount, other.time_point_unit)

    @classmethod
    def check_for_staff(cls, statistics):
        """Set `data_problems_found` on each figure, reading the figures of all their groups in one query."""
        roots = {s.same_group_as_id or s.pk for s in statistics}
        figures = list(cls.objects.filter(Q(pk__in=roots) | Q(same_group_as__in=roots))
                       .prefetch_related("translations"))
        for statistic in statistics:
            root = statistic.same_group_as_id or statistic.pk
            statistic.data_problems_found = statistic.data_problems(
                [f for f in figures if (f.same_group_as_id or f.pk) == root and f.pk != statistic.pk])

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

    @property
    def meaning(self):
        return self.MEANINGS.get(self.measure, "")

    @property
    def time_point(self):
        """“6 months”, in the reader's language; empty when there is none."""
        if not self.time_point_amount:
            return ""
        n = self.time_point_amount
        return {
            self.TimeUnit.DAYS: ngettext("%(n)d day", "%(n)d days", n),
            self.TimeUnit.WEEKS: ngettext("%(n)d week", "%(n)d weeks", n),
            self.TimeUnit.MONTHS: ngettext("%(n)d month", "%(n)d months", n),
            self.TimeUnit.YEARS: ngettext("%(n)d year", "%(n)d years", n),
        }[self.time_point_unit] % {"n": n}

    @property
    def events(self):
        """How many patients had the outcome: as given, or worked out from the rate and the group size."""
        if self.outcome_count is not None or not self.patient_count or self.value is None:
            return self.outcome_count
        count = int((self.value * self.patient_count / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        return count if matches_rate(count, self.patient_count, self.value) else None

    @property
    def interval(self):
        """The 95% interval (low, high) in percent, when the group size and the count are known."""
        if not self.patient_count or self.events is None or self.events > self.patient_count:
            return None
        return wilson_interval(self.events, self.patient_count)

    @property
    def interval_width(self):
        low, high = self.interval
        return high - low

    @property
    def is_small_group(self):
        return self.patient_count is not None and self.patient_count < self.SMALL_GROUP
