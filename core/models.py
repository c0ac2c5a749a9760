"""Abstract bases every content model builds on, and the help text editors see under Markdown fields."""

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from parler.managers import TranslatableQuerySet

from .translation import TranslatedPageQuerySet, TranslatedRow

MARKDOWN_HELP = _("Plain text. Leave an empty line between paragraphs; start a line with "
                  "“- ” for a bullet point and wrap words in **double stars** for bold.")


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        abstract = True


class PublishableQuerySet(TranslatableQuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Everything for staff (draft preview), only published items for everyone else."""
        if user.is_active and user.is_staff:
            return self
        return self.published()


class PublishableModel(TimeStampedModel):
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Tick to show this on the public site. Unticked, it is a draft that "
                    "only staff can preview."),
    )
    published_at = models.DateTimeField(_("first published"), null=True, blank=True, editable=False)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)


class ReviewedQuerySet(PublishableQuerySet, TranslatedPageQuerySet):
    def due_for_review(self, today=None):
        return self.filter(next_review_due__lte=today or timezone.localdate())


class MedicallyReviewedModel(PublishableModel):
    """A page whose medical content is checked by a clinician on a schedule."""

    # A doctor's profile (the doctors app, named as a string: core imports no app of ours).
    reviewer = models.ForeignKey(
        "doctors.Doctor", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("medically reviewed by"),
        help_text=_("The doctor who checked this page. Their profile is linked from the page."),
    )
    last_reviewed = models.DateField(_("page last reviewed"), null=True, blank=True)
    next_review_due = models.DateField(
        _("next review due"),
        null=True,
        blank=True,
        help_text=_("The admin lists pages past this date so they are checked again."),
    )

    objects = ReviewedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_due_for_review(self):
        return self.next_review_due is not None and self.next_review_due <= timezone.localdate()


class Ordered(TranslatedRow):
    """A translated row of a page, listed in the order editors give it; `page_field` names the page."""

    page_field = None
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def translated_pages(self):
        try:
            return [getattr(self, self.page_field)]
        except ObjectDoesNotExist:  # the page is being deleted with its rows
            return []
