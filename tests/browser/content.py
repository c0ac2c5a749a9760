"""Make sure every page type has something to show, then name one page of each type.

The browser tests run on the demo content. Where the demo does not (yet) fill a part of
a template — a treatment, a figure, a story with a photo, a glossary term — a small
sample is added through the shared factories, so axe, the keyboard walk and the reflow
checks see every branch of the markup, not just the empty states.
"""

from datetime import date
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone, translation

from conditions.models import Condition
from doctors.models import Doctor
from hospitals.models import Hospital
from journey.models import JourneyPage, JourneyStep
from stories.models import PatientStory, StorySection, Voice
from tests.factories import (
    image_bytes,
    make_choice_reason,
    make_condition,
    make_condition_treatment,
    make_doctor,
    make_glossary_term,
    make_hospital,
    make_hospital_contact,
    make_statistic,
    make_story,
    make_symptom,
    make_treatment,
    translate,
    uploaded_file,
)
from treatments.models import OutcomeStatistic, Treatment

REVIEW = {"last_reviewed": date(2025, 1, 15), "next_review_due": date(2027, 1, 15)}


def sample_reviewer():
    return Doctor.objects.filter(slug="sample-reviewer").first() or make_doctor(
        slug="sample-reviewer", name="Sample Reviewer", role="Hematologist")


def ensure_every_page_type():
    condition = (Condition.objects.published().filter(slug="multiple-myeloma").first()
                 or Condition.objects.published().first())
    if condition is None:
        condition = make_condition(
            slug="multiple-myeloma", name="Multiple myeloma", **REVIEW,
            summary="A blood cancer of plasma cells.", overview="A blood cancer of plasma cells.",
        )
    if not condition.reviewer:
        Condition.objects.filter(pk=condition.pk).update(reviewer=sample_reviewer(), **REVIEW)
    if not condition.symptoms.exists():
        make_symptom(condition, name="Bone pain", explanation="Pain in the back or ribs that does not go away.")
    if not condition.glossary_terms.exists():
        make_glossary_term(condition, term="Plasma cell", explanation="A white blood cell that makes antibodies.")
    if not condition.reasons.exists():
        make_choice_reason(condition, text="A team that treats many patients like you.")

    treatment = Treatment.objects.published().filter(parent=None, subtherapies__isnull=False).first()
    if treatment is None:
        treatment = Treatment.objects.published().filter(parent=None).first()
    if treatment is None:
        treatment = make_treatment(
            slug="immunotherapy", name="Immunotherapy", category=Treatment.Category.IMMUNOTHERAPY,
            summary="Treatment that helps the immune system fight the cancer.",
            description="Immunotherapy uses the body's own defences.", **REVIEW,
        )
    if not treatment.reviewer:
        Treatment.objects.filter(pk=treatment.pk).update(reviewer=sample_reviewer(), **REVIEW)
    if not treatment.subtherapies.filter(is_published=True).exists():
        make_treatment(
            slug=f"{treatment.slug}-sample-kind", name=f"{treatment.name}: a sample kind",
            category=treatment.category, parent=treatment, summary="One kind of this treatment.",
            description="A sample sub-therapy.", **REVIEW,
        )
    if not condition.condition_treatments.exists():
        make_condition_treatment(condition, treatment)

    # The demo's figures give no group size; this one does, for the interval and the caution.
    if not OutcomeStatistic.objects.published().filter(condition=condition, patient_count__isnull=False).exists():
        figure = make_statistic(
            condition, [treatment], title="A sample figure", patient_group="Sample patients",
            regimen="Sample regimen", measure=OutcomeStatistic.Measure.OVERALL_RESPONSE,
            value="45.5", patient_count=22, source_kind="published", citation_title="A sample journal article",
            source_year=2024, source_url="https://example.org/study", is_highlighted=True,
        )
        # Translated, so that the demo's pages stay readable in every language.
        translate(figure, "zh-hans", title="示例数据", patient_group="示例患者", regimen="示例方案")
        translate(figure, "ru", title="Пример данных", patient_group="Пример пациентов", regimen="Пример лечения")

    if not PatientStory.objects.published().filter(condition=condition).exclude(image="").exists():
        photo = image_bytes("JPEG", size=(900, 600), color=(180, 200, 210))
        make_story(
            condition, [treatment], sections=[("Before treatment", "She felt tired.")],
            questions=[("How do you feel now?", "Much better.")],
            slug="sample-story-with-photo", title="A sample story", display_name="Anna",
            name_is_pseudonym=True, age_at_treatment=58, country="KZ",
            outcome=PatientStory.Outcome.COMPLETE_REMISSION, outcome_timing="three months after treatment",
            summary="Anna travelled for treatment and reached remission.",
            expert_name="Dr Sample", expert_role="hematologist", expert_text="A sample expert view.",
            image=uploaded_file("sample.jpg", photo, "image/jpeg"), image_alt="Anna sitting in a hospital garden",
            is_featured=True, consent_date=timezone.localdate(), consent_scope="Browser test sample.",
        )
        story = PatientStory.objects.get(slug="sample-story-with-photo")
        StorySection.objects.create(story=story, position=1, heading="What Anna told us", body="She is grateful.",
                                    voice=Voice.SUMMARY, speaker="Anna")
        StorySection.objects.create(story=story, position=2, heading="In her words", body="Thank you.",
                                    voice=Voice.QUOTE, speaker="Anna")

    hospital = Hospital.objects.published().first() or make_hospital(slug="sample-hospital", name="A sample hospital")
    if not hospital.contacts.exists():
        Hospital.objects.filter(pk=hospital.pk).update(email="sample@example.org", map_url="https://maps.example/")
        make_hospital_contact(hospital, kind="phone", value="+86 10 0000 0000", purpose="Sample purpose")
        make_hospital_contact(hospital, kind="wechat", value="sample-wechat-id")
    if not Doctor.objects.published().filter(hospital=hospital).exists():
        make_doctor([condition], slug="sample-doctor", name="Sample Doctor", role="Hematologist", hospital=hospital,
                    own_words="A sample sentence in the doctor's own words.", education="Studied medicine.")
    if not JourneyPage.objects.published().exists():
        page = JourneyPage.objects.create(slug="international-patients", title="Coming from abroad",
                                          summary="The first steps.", is_published=True)
        JourneyStep.objects.create(page=page, title="Send your records", family_does="Fill in the form.",
                                   center_does="We read it.", needs="Your reports.")


def page_paths(language="en"):
    """One public address per page type in `language`, from what is in the database now."""
    condition = (Condition.objects.published().filter(slug="multiple-myeloma").first()
                 or Condition.objects.published().first())
    treatment = (Treatment.objects.published().filter(slug="immunotherapy").first()
                 or Treatment.objects.published().filter(parent=None).first())
    story = PatientStory.objects.published().filter(condition=condition).exclude(image="").first()
    country = (PatientStory.objects.published().filter(condition=condition).exclude(country="")
               .values_list("country", flat=True).first())
    with translation.override(language):
        return {
            "home": reverse("home"),
            "condition list": reverse("conditions:list"),
            "condition detail": condition.get_absolute_url(),
            "treatment list": reverse("treatments:list"),
            "treatment detail": treatment.get_absolute_url(),
            "story list": reverse("stories:list"),
            "story list, filtered": reverse("stories:list") + "?" + urlencode({"condition": condition.slug,
                                                                              "country": country}),
            "story detail": story.get_absolute_url(),
            "hospital list": reverse("hospitals:list"),
            "hospital detail": Hospital.objects.published().first().get_absolute_url(),
            "doctor list": reverse("doctors:list"),
            "doctor detail": Doctor.objects.published().filter(hospital__isnull=False).first().get_absolute_url(),
            "international patients": reverse("journey:page"),
            "contact": reverse("contact"),
            "privacy": reverse("privacy"),
            "accessibility": reverse("accessibility"),
            "about our data": reverse("about_our_data"),
            "404": f"/{language}/no-such-page/",
        }


PAGE_TYPES = ["home", "condition list", "condition detail", "treatment list", "treatment detail",
              "story list", "story list, filtered", "story detail", "hospital list", "hospital detail",
              "doctor list", "doctor detail", "international patients", "contact", "privacy", "accessibility",
              "about our data", "404"]
