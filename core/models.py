"""Abstract bases every content model builds on, the help text editors see under Markdown fields,
and the lock the page cache renders a missing page under."""

from datetime import timedelta

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, models, transaction
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


class ReviewQuerySetMixin:
    """Filters on the medical review of pages, or of rows (such as glossary terms) reviewed on their own."""

    def never_reviewed(self):
        return self.filter(models.Q(reviewer__isnull=True) | models.Q(last_reviewed__isnull=True))

    def due_for_review(self, today=None):
        return self.filter(next_review_due__lte=today or timezone.localdate())


class ReviewedQuerySet(ReviewQuerySetMixin, PublishableQuerySet, TranslatedPageQuerySet):
    pass


class ReviewedRowQuerySet(ReviewQuerySetMixin, TranslatableQuerySet):
    pass


class MedicalReview(models.Model):
    """Who checked this medical text and when, and when it is due to be checked again.

    It counts as reviewed only with both a reviewer and a date; anything less is shown as not
    yet reviewed.
    """

    # A doctor's profile (the doctors app, named as a string: core imports no app of ours).
    reviewer = models.ForeignKey(
        "doctors.Doctor", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("medically reviewed by"),
        help_text=_("The doctor who checked this text. Their profile is linked from the page."),
    )
    last_reviewed = models.DateField(_("last reviewed on"), null=True, blank=True)
    next_review_due = models.DateField(
        _("next review due"),
        null=True,
        blank=True,
        help_text=_("The admin lists what is past this date so it is checked again."),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.next_review_due and self.last_reviewed and self.next_review_due <= self.last_reviewed:
            raise ValidationError({"next_review_due": _("The next review must come after the last one.")})
        if self.last_reviewed and self.last_reviewed > timezone.localdate():
            raise ValidationError({"last_reviewed": _("A review date cannot be in the future.")})

    @property
    def is_medically_reviewed(self):
        return self.reviewer_id is not None and self.last_reviewed is not None

    @property
    def is_due_for_review(self):
        return self.next_review_due is not None and self.next_review_due <= timezone.localdate()


class MedicallyReviewedModel(MedicalReview, PublishableModel):
    """A page whose medical content is checked by a clinician on a schedule."""

    objects = ReviewedQuerySet.as_manager()

    class Meta:
        abstract = True


class Illustrated:
    """A page that may show one of its app's explaining drawings: `illustration` is chosen from the
    model's `Illustration` choices, each drawn in templates/<app>/illustrations/<choice>.html."""

    @property
    def illustration_template(self):
        """The drawing's template, or "" (an unknown value from outside the admin shows none)."""
        if self.illustration in self.Illustration.values:
            return f"{self._meta.app_label}/illustrations/{self.illustration}.html"
        return ""


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


def aliases_field():
    """Other names and abbreviations a reader may type; site search finds the page by them."""
    return models.CharField(
        _("other names and abbreviations"), max_length=300, blank=True,
        help_text=_("Separated by commas, in any language, e.g. MM, ММ, 多发性骨髓瘤. Site search finds "
                    "this by them."),
    )


class RenderLock(models.Model):
    """Held by the one request that renders a page missing from the page cache, in the database
    every app server shares (an insert is atomic there, whatever the cache is), so that a crowd
    arriving after an edit renders the page once."""

    key = models.CharField(max_length=100, primary_key=True)
    expires_at = models.DateTimeField()

    def __str__(self):
        return self.key

    @classmethod
    def acquire(cls, key, seconds):
        """Whether this request now holds `key` (a holder that vanished loses it after `seconds`)."""
        now = timezone.now()
        for _attempt in range(2):
            try:
                with transaction.atomic():
                    cls.objects.create(key=key, expires_at=now + timedelta(seconds=seconds))
                return True
            except IntegrityError:
                if not cls.objects.filter(key=key, expires_at__lt=now).delete()[0]:
                    return False
        return False

    @classmethod
    def release(cls, key):
        cls.objects.filter(key=key).delete()
