"""The international patient's journey: ordered steps, each saying what the family does, what
the center does and what it needs. Staff write what the center really offers; nothing is
promised that they have not entered."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from parler.models import TranslatedFields

from core.models import MARKDOWN_HELP, Ordered, PublishableModel, PublishableQuerySet
from core.richtext import plain_text
from core.translation import TranslatedPage, TranslatedPageQuerySet, translation_record_fields


class JourneyPageQuerySet(PublishableQuerySet, TranslatedPageQuerySet):
    def for_detail_page(self, user):
        return self.visible_to(user).prefetch_related(
            "translations", models.Prefetch("steps", queryset=JourneyStep.objects.prefetch_related("translations")))


class JourneyPage(TranslatedPage, PublishableModel):
    """The page the site shows at /international-patients/ (the first published one)."""

    title_field = "title"
    detail_url_name = "journey:page"
    row_relations = ("steps",)

    slug = models.SlugField(_("web address"), max_length=120, unique=True,
                            help_text=_("For staff; the page is always at /international-patients/."))
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=200),
        summary=models.CharField(_("short summary"), max_length=300,
                                 help_text=_("One or two plain sentences for search results.")),
        intro=models.TextField(_("introduction"), blank=True, help_text=MARKDOWN_HELP),
        **translation_record_fields(),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = JourneyPageQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("international patient's journey")
        verbose_name_plural = _("international patient's journey")

    def get_absolute_url(self):
        return reverse(self.detail_url_name)

    def translated_rows(self):
        return list(self.steps.all())

    def readability_text(self):
        parts = [self.summary, self.intro]
        for step in self.steps.all():
            parts += [step.title, step.family_does, step.center_does, step.needs]
        return "\n\n".join(plain_text(p) for p in parts if p)


class JourneyStep(Ordered):
    page_field = "page"
    title_field = "title"
    page = models.ForeignKey(JourneyPage, on_delete=models.CASCADE, related_name="steps")
    translations = TranslatedFields(
        title=models.CharField(_("step"), max_length=200, help_text=_("e.g. “Send us the medical records”.")),
        family_does=models.TextField(_("what the family does"), blank=True, help_text=MARKDOWN_HELP),
        center_does=models.TextField(_("what we do"), blank=True, help_text=MARKDOWN_HELP),
        needs=models.TextField(_("what is needed"), blank=True, help_text=MARKDOWN_HELP),
    )

    class Meta(Ordered.Meta):
        verbose_name = _("step")
        verbose_name_plural = _("steps")
