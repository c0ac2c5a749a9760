"""Doctors' profiles: only what staff enter, a photo only with recorded consent, and the
person's own words only as they said or wrote them. No ratings."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from parler.models import TranslatedFields

from conditions.models import Condition
from core.models import MARKDOWN_HELP, PublishableModel, PublishableQuerySet
from core.photos import Photographed
from core.translation import TranslatedPage, TranslatedPageQuerySet, translation_record_fields
from hospitals.models import Hospital


class DoctorQuerySet(PublishableQuerySet, TranslatedPageQuerySet):
    def for_cards(self):
        return self.select_related("hospital").prefetch_related("translations", "hospital__translations")

    def for_detail_page(self, user):
        return self.visible_to(user).select_related("hospital").prefetch_related(
            "translations", "hospital__translations",
            models.Prefetch("conditions", queryset=Condition.objects.published().prefetch_related("translations")),
        )

    def named(self, name):
        """Doctors whose name, in any language, or other spelling is `name`."""
        name = " ".join(name.split())
        return self.filter(models.Q(translations__name__iexact=name) | models.Q(aliases__icontains=name)).distinct()


class Doctor(TranslatedPage, Photographed, PublishableModel):
    title_field = "name"
    detail_url_name = "doctors:detail"

    slug = models.SlugField(_("web address"), max_length=120, unique=True)
    translations = TranslatedFields(
        name=models.CharField(_("name"), max_length=120, help_text=_("As patients will read it in this language.")),
        title=models.CharField(_("title"), max_length=100, blank=True, help_text=_("e.g. “Professor”, “Dr.”")),
        role=models.CharField(
            _("role"), max_length=200, blank=True,
            help_text=_("e.g. “Director of the Hematology and Myeloma Center”."),
        ),
        summary=models.CharField(
            _("short summary"), max_length=300, blank=True, help_text=_("One or two plain sentences for cards."),
        ),
        specialties=models.CharField(_("specialties"), max_length=300, blank=True),
        languages=models.CharField(
            _("languages spoken with patients"), max_length=200, blank=True, help_text=_("e.g. “Chinese, English”."),
        ),
        education=models.TextField(_("education and career"), blank=True, help_text=MARKDOWN_HELP),
        interests=models.TextField(_("clinical interests"), blank=True, help_text=MARKDOWN_HELP),
        own_words=models.TextField(
            _("in their own words"), blank=True,
            help_text=_("Only words the doctor said or wrote, exactly, for this page. It is shown as a quotation "
                        "from them. Leave empty rather than write it for them."),
        ),
        image_alt=models.CharField(
            _("photo description"), max_length=250, blank=True,
            help_text=_("Required with a photo: what it shows, for people who cannot see it."),
        ),
        **translation_record_fields(),
    )
    aliases = models.CharField(
        _("other spellings of the name"), max_length=300, blank=True,
        help_text=_("Separated by commas, e.g. the name in another order. The site finds the doctor by them."),
    )
    hospital = models.ForeignKey(
        Hospital, on_delete=models.SET_NULL, null=True, blank=True, related_name="doctors", verbose_name=_("hospital"),
    )
    conditions = models.ManyToManyField(
        Condition, blank=True, related_name="doctors", verbose_name=_("conditions treated"),
    )
    photo_consent_on_file = models.BooleanField(
        _("the doctor's consent to show the photo is on file"), default=False,
        help_text=_("A photo is shown only with recorded consent."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers are listed first."))

    objects = DoctorQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("doctor")
        verbose_name_plural = _("doctors")

    def clean(self):
        errors = self.photo_errors()
        if self.image and not self.photo_consent_on_file:
            errors["photo_consent_on_file"] = _("Record the doctor's consent before adding a photo.")
        if errors:
            raise ValidationError(errors)

    @property
    def shown_photo(self):
        """The photo's renditions, only when consent to show it is recorded."""
        return self.fallback_image if self.photo_consent_on_file else None

    @property
    def name_with_title(self):
        if not self.title:
            return self.name
        return pgettext("a doctor's title and name", "%(title)s %(name)s") % {"title": self.title, "name": self.name}
