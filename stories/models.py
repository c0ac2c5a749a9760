from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from parler.models import TranslatedFields

from core.models import MARKDOWN_HELP, MedicallyReviewedModel, Ordered, ReviewedQuerySet
from core.photos import Photographed
from core.richtext import plain_text
from core.translation import TranslatedPage, translation_record_fields
from doctors.models import Doctor
from treatments.models import Treatment


class PatientStoryQuerySet(ReviewedQuerySet):
    def published(self):
        # Consent is checked again here so that no code path can show a story whose
        # consent has been withdrawn, even if the flag were left on by a data import.
        return self.filter(is_published=True, consent_on_file=True)

    def for_cards(self):
        return (self.select_related("condition").prefetch_related("translations", "condition__translations")
                .order_by("-is_featured", "-published_at", "-id"))

    def about(self, subject, exclude=None):
        """Published stories about a condition or a treatment, or naming a doctor, for cards, featured first."""
        stories = self.published().for_cards()
        if isinstance(subject, Treatment):
            stories = stories.filter(treatments=subject)
        elif isinstance(subject, Doctor):
            stories = stories.filter(models.Q(doctors=subject) | models.Q(expert=subject)).distinct()
        else:
            stories = stories.filter(condition=subject)
        return stories.exclude(pk=exclude.pk) if exclude else stories

    def for_detail_page(self, user):
        """What a story page shows, in a fixed number of queries; drafts only for staff."""
        return self.visible_to(user).select_related("condition", "expert", "reviewer").prefetch_related(
            "translations", "condition__translations", "expert__translations", "reviewer__translations",
            models.Prefetch("treatments", queryset=Treatment.objects.prefetch_related("translations")),
            models.Prefetch("doctors", queryset=Doctor.objects.published().prefetch_related("translations")),
            models.Prefetch("sections", queryset=StorySection.objects.prefetch_related("translations")),
            models.Prefetch("questions", queryset=StoryQuestion.objects.prefetch_related("translations")),
        )


class Voice(models.TextChoices):
    """Whose words a piece of a story is in. Only a person's exact words may be shown as a quotation."""

    ACCOUNT = "account", _("Our account of what happened")
    SUMMARY = "summary", _("A summary, in our words, of what someone told us")
    QUOTE = "quote", _("Someone's own words, quoted exactly")


class PatientStory(TranslatedPage, Photographed, MedicallyReviewedModel):
    title_field = "title"
    detail_url_name = "stories:detail"

    class Outcome(models.TextChoices):
        COMPLETE_REMISSION = "cr", _("Complete remission (CR)")
        VGPR = "vgpr", _("Very good partial response (VGPR)")
        PARTIAL_REMISSION = "pr", _("Partial remission (PR)")
        OTHER = "other", _("Other")

    slug = models.SlugField(_("web address"), max_length=200, unique=True)
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=200),
        display_name=models.CharField(
            _("name shown"), max_length=100,
            help_text=_("Only the name the patient agreed to: a first name, a pseudonym, or a "
                        "description such as “A 64-year-old woman from Russia”."),
        ),
        summary=models.CharField(_("card summary"), max_length=400),
        diagnosis_detail=models.CharField(
            _("diagnosis as recorded"), max_length=300, blank=True,
            help_text=_("Type and stage as the clinicians recorded them, e.g. “IgA-κ, R-ISS stage III”."),
        ),
        outcome_detail=models.CharField(
            _("outcome in plain words"), max_length=200, blank=True,
            help_text=_("Needed for “Other”; optional otherwise."),
        ),
        outcome_timing=models.CharField(
            _("when the outcome was reached"), max_length=120, blank=True,
            help_text=_("e.g. “30 days after treatment” or “February 2024”."),
        ),
        expert_name=models.CharField(_("expert's name"), max_length=120, blank=True),
        expert_role=models.CharField(_("expert's role"), max_length=200, blank=True),
        expert_text=models.TextField(
            _("expert perspective"), blank=True, help_text=_(
                "Either the expert's exact words (choose “quoted exactly”), or a summary in the third "
                "person, e.g. “Dr. Su explains that …”, which the page labels as a summary."),
        ),
        image_alt=models.CharField(
            _("photo description"), max_length=250, blank=True,
            help_text=_("Required with a photo: what it shows, for people who cannot see it."),
        ),
        **translation_record_fields(),
    )
    name_is_pseudonym = models.BooleanField(
        _("the name is a pseudonym"), default=False,
        help_text=_("Tick when the name shown is not the patient's real name; the site then says so."),
    )
    age_at_treatment = models.PositiveSmallIntegerField(_("age at treatment"), null=True, blank=True)
    country = CountryField(
        _("country"), blank=True,
        help_text=_("Leave empty when the patient's country has not been published."),
    )
    condition = models.ForeignKey(
        "conditions.Condition", on_delete=models.PROTECT, related_name="stories",
    )
    treatments = models.ManyToManyField("treatments.Treatment", related_name="stories", blank=True)
    doctors = models.ManyToManyField(
        Doctor, related_name="stories", blank=True, verbose_name=_("doctors named in the story"),
        help_text=_("Their profiles link back to this story."),
    )
    expert = models.ForeignKey(
        Doctor, on_delete=models.SET_NULL, null=True, blank=True, related_name="expert_perspectives",
        verbose_name=_("expert"),
        help_text=_("The doctor whose perspective closes the story; their name and role come from the profile."),
    )
    expert_voice = models.CharField(
        _("the expert perspective is"), max_length=10, default=Voice.SUMMARY,
        choices=[(Voice.SUMMARY, Voice.SUMMARY.label), (Voice.QUOTE, Voice.QUOTE.label)],
    )
    outcome = models.CharField(_("outcome reached"), max_length=10, choices=Outcome.choices)
    is_featured = models.BooleanField(_("featured"), default=False,
                                      help_text=_("Featured stories come first and appear on the home page."))
    consent_on_file = models.BooleanField(
        _("written consent to publish is on file"), default=False,
        help_text=_("Untick if the patient withdraws consent: the story is unpublished at once."),
    )
    consent_date = models.DateField(_("consent date"), null=True, blank=True)
    consent_scope = models.TextField(
        _("consent scope"), blank=True, max_length=1000,
        help_text=_("What the patient agreed to, e.g. “name, age, country and story on the website”."),
    )
    is_demo_content = models.BooleanField(_("demo content"), default=False, editable=False)

    objects = PatientStoryQuerySet.as_manager()

    class Meta:
        ordering = ["-is_featured", "-published_at", "-id"]
        verbose_name = _("patient story")
        verbose_name_plural = _("patient stories")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_published=False) | models.Q(consent_on_file=True),
                name="published_story_has_consent",
                violation_error_message=_("A story cannot be published without recorded consent."),
            ),
        ]


    row_relations = ("sections", "questions", "treatment_notes")

    def translated_rows(self):
        return [*self.sections.all(), *self.questions.all(), *self.treatment_notes.all()]

    def clean(self):
        super().clean()
        errors = {}
        if (self.expert_voice == Voice.QUOTE and self.expert_text.strip() and not self.expert_id
                and not self.expert_name.strip()):
            errors["expert_voice"] = _("A quotation needs the name of the person quoted: choose the expert's "
                                       "profile or type their name.")
        if self.is_published and not self.consent_on_file:
            errors["is_published"] = _(
                "This story cannot be published until written consent is recorded: tick "
                "“written consent to publish is on file” and give its date and scope."
            )
        # Demo stories carry no consent date: none was recorded, and none is invented.
        if self.consent_on_file and not self.is_demo_content and not self.consent_date:
            errors["consent_date"] = _("Give the date the written consent was signed.")
        if self.consent_on_file and not self.consent_scope.strip():
            errors["consent_scope"] = _("Say what the patient agreed to.")
        errors.update(self.photo_errors())
        if self.outcome == self.Outcome.OTHER and not self.outcome_detail.strip():
            errors["outcome_detail"] = _("Describe the outcome in plain words.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.consent_on_file:
            self.is_published = False
        super().save(*args, **kwargs)

    @property
    def outcome_label(self):
        if self.outcome == self.Outcome.OTHER:
            return self.outcome_detail
        return self.get_outcome_display()

    @property
    def has_expert_perspective(self):
        return bool(self.expert_text.strip())

    @property
    def expert_display_name(self):
        profile = self.expert_profile
        return profile.name_with_title if profile else self.expert_name

    @property
    def expert_profile(self):
        """The expert's published profile, if the story links one."""
        return self.expert if self.expert and self.expert.is_published else None

    def readability_text(self):
        parts = [self.summary] + [f"{s.heading}. {s.body}" for s in self.sections.all()]
        return "\n\n".join(plain_text(p) for p in parts if p)


class StorySection(Ordered):
    page_field = "story"
    title_field = "heading"
    story = models.ForeignKey(PatientStory, on_delete=models.CASCADE, related_name="sections")
    voice = models.CharField(_("this section is"), max_length=10, choices=Voice.choices, default=Voice.ACCOUNT)
    translations = TranslatedFields(
        heading=models.CharField(_("heading"), max_length=200),
        body=models.TextField(_("text"), help_text=MARKDOWN_HELP),
        speaker=models.CharField(
            _("whose words"), max_length=200, blank=True,
            help_text=_("For a summary or a quotation: who said it, e.g. “Mr. Wang and his wife”."),
        ),
    )

    class Meta(Ordered.Meta):
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def clean(self):
        super().clean()
        if self.voice != Voice.ACCOUNT and not (self.safe_translation_getter("speaker") or "").strip():
            raise ValidationError({"speaker": _("Say whose words these are.")})



class StoryQuestion(Ordered):
    page_field = "story"
    title_field = "question"
    story = models.ForeignKey(PatientStory, on_delete=models.CASCADE, related_name="questions")
    answer_voice = models.CharField(
        _("the answer is"), max_length=10, default=Voice.SUMMARY,
        choices=[(Voice.SUMMARY, Voice.SUMMARY.label), (Voice.QUOTE, Voice.QUOTE.label)],
        help_text=_("A summary is written in the third person (“He says that …”)."),
    )
    translations = TranslatedFields(
        question=models.CharField(_("question"), max_length=500),
        answer=models.TextField(_("answer"), help_text=MARKDOWN_HELP),
    )

    class Meta(Ordered.Meta):
        verbose_name = _("question and answer")
        verbose_name_plural = _("questions and answers")



class StoryTreatmentNote(Ordered):
    """What one story tells about a treatment (how long it took, a side effect and how it was
    managed), shown on the treatment's page as that person's experience, never as a promise."""

    class Aspect(models.TextChoices):
        DURATION = "duration", _("How long it took")
        SIDE_EFFECTS = "side_effects", _("Side effects and how they were managed")
        FOLLOW_UP = "follow_up", _("Follow-up")

    page_field = "story"
    title_field = "text"
    story = models.ForeignKey(PatientStory, on_delete=models.CASCADE, related_name="treatment_notes")
    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="story_notes",
                                  verbose_name=_("treatment"))
    aspect = models.CharField(_("about"), max_length=20, choices=Aspect.choices)
    translations = TranslatedFields(
        text=models.CharField(
            _("what the story tells"), max_length=400,
            help_text=_("One sentence about this person only, e.g. “Zinaida had both CAR-T treatments within "
                        "three weeks.”"),
        ),
    )

    class Meta(Ordered.Meta):
        verbose_name = _("what the story tells about a treatment")
        verbose_name_plural = _("what the story tells about its treatments")
