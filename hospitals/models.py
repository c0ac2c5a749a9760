"""The group's hospitals and how to reach them, as staff enter it: nothing is shown that
staff have not filled in, and the demo fills in only what the center's page says."""

import zoneinfo

from django.db import models
from django.utils.translation import gettext_lazy as _
from parler.models import TranslatedFields

from conditions.models import Condition
from core.models import MARKDOWN_HELP, Ordered, PublishableModel, PublishableQuerySet
from core.translation import TranslatedPage, TranslatedPageQuerySet, translation_record_fields

TIME_ZONES = sorted(zone for zone in zoneinfo.available_timezones() if "/" in zone and not zone.startswith("Etc"))


class HospitalQuerySet(PublishableQuerySet, TranslatedPageQuerySet):
    def for_detail_page(self, user):
        return self.visible_to(user).prefetch_related(
            "translations",
            models.Prefetch("contacts", queryset=HospitalContact.objects.prefetch_related("translations")),
            models.Prefetch("conditions", queryset=Condition.objects.published().prefetch_related("translations")),
        )

    def for_contact(self):
        """Published hospitals with what a family needs to reach them."""
        return self.published().prefetch_related(
            "translations", models.Prefetch("contacts", queryset=HospitalContact.objects.prefetch_related(
                "translations")))


class Hospital(TranslatedPage, PublishableModel):
    title_field = "name"
    detail_url_name = "hospitals:detail"
    row_relations = ("contacts",)

    slug = models.SlugField(_("web address"), max_length=120, unique=True)
    translations = TranslatedFields(
        name=models.CharField(_("name"), max_length=200),
        city=models.CharField(_("city"), max_length=100),
        summary=models.CharField(
            _("short summary"), max_length=300, blank=True,
            help_text=_("Optional: one or two plain sentences about the hospital for cards."),
        ),
        address=models.TextField(_("address"), blank=True, help_text=_("As it should be written on an envelope.")),
        hours=models.TextField(
            _("opening hours"), blank=True,
            help_text=_("When families can call or visit, e.g. “Monday to Friday, 8:30 to 17:30”. The time zone "
                        "is set below."),
        ),
        languages_spoken=models.CharField(
            _("languages spoken"), max_length=200, blank=True,
            help_text=_("The languages staff speak with families, e.g. “Chinese, English, Russian”."),
        ),
        services=models.TextField(
            _("services"), blank=True, help_text=_("What the hospital offers families. ") + MARKDOWN_HELP,
        ),
        **translation_record_fields(),
    )
    time_zone = models.CharField(
        _("time zone of the opening hours"), max_length=50, blank=True, choices=[(z, z) for z in TIME_ZONES],
    )
    email = models.EmailField(_("email"), blank=True)
    map_url = models.URLField(_("map link"), blank=True, help_text=_("A link to the hospital on a map."))
    conditions = models.ManyToManyField(
        Condition, blank=True, related_name="hospitals", verbose_name=_("conditions treated here"),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers are listed first."))

    objects = HospitalQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("hospital")
        verbose_name_plural = _("hospitals")

    def translated_rows(self):
        return list(self.contacts.all())

    @property
    def has_contact_details(self):
        return bool(self.address or self.hours or self.email or self.map_url or self.contacts.all())


class HospitalContact(Ordered):
    """A phone number or messenger account of a hospital, with what it is for."""

    class Kind(models.TextChoices):
        PHONE = "phone", _("Phone")
        WECHAT = "wechat", "WeChat"
        WHATSAPP = "whatsapp", "WhatsApp"
        TELEGRAM = "telegram", "Telegram"

    page_field = "hospital"
    title_field = "purpose"
    hospital = models.ForeignKey(Hospital, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    value = models.CharField(
        _("number or account"), max_length=100,
        help_text=_("A phone number with its country code (+86 …), or the account's ID or user name."),
    )
    translations = TranslatedFields(
        purpose=models.CharField(
            _("what it is for"), max_length=200, blank=True,
            help_text=_("e.g. “International patients, in English and Russian”."),
        ),
    )

    class Meta(Ordered.Meta):
        verbose_name = _("phone or messenger")
        verbose_name_plural = _("phones and messengers")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"

    @property
    def link(self):
        """A link that opens the right app, where there is a standard one."""
        if self.kind == self.Kind.PHONE:
            return "tel:" + "".join(c for c in self.value if c.isdigit() or c == "+")
        if self.kind == self.Kind.WHATSAPP:
            return "https://wa.me/" + "".join(c for c in self.value if c.isdigit())
        if self.kind == self.Kind.TELEGRAM:
            return "https://t.me/" + self.value.lstrip("@")
        return ""
