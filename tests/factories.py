"""Small builders for test data; names say what they make."""

from decimal import Decimal
from itertools import count

from conditions.models import ChoiceReason, Condition, ConditionTreatment, GlossaryTerm, Symptom
from stories.models import PatientStory, StoryQuestion, StorySection
from treatments.models import OutcomeStatistic, Treatment

_seq = count(1)


def make_treatment(**fields):
    n = next(_seq)
    defaults = {"name": f"Treatment {n}", "slug": f"treatment-{n}", "category": "immunotherapy",
                "summary": f"Summary of treatment {n}.", "description": "What it is.", "is_published": True}
    return Treatment.objects.create(**{**defaults, **fields})


def make_condition(**fields):
    n = next(_seq)
    defaults = {"name": f"Condition {n}", "slug": f"condition-{n}", "summary": f"Summary {n}.",
                "overview": "An overview.", "is_published": True}
    return Condition.objects.create(**{**defaults, **fields})


def make_statistic(condition, treatments=(), **fields):
    n = next(_seq)
    defaults = {"title": f"Study {n}", "patient_group": "adults with relapsed disease",
                "regimen": "CAR-T", "measure": "cr", "value": Decimal("45.5"),
                "source_citation": "Published study", "is_published": True}
    statistic = OutcomeStatistic.objects.create(condition=condition, **{**defaults, **fields})
    statistic.treatments.set(treatments)
    return statistic


def fill_condition(condition, size):
    """Give a condition `size` of every kind of child, with treatments and statistics."""
    Symptom.objects.bulk_create(
        Symptom(condition=condition, position=i, name=f"Symptom {i}", explanation="Why.") for i in range(size)
    )
    ChoiceReason.objects.bulk_create(ChoiceReason(condition=condition, position=i, text=f"R{i}") for i in range(size))
    GlossaryTerm.objects.bulk_create(
        GlossaryTerm(condition=condition, position=i, term=f"Term {i}", explanation="Means.") for i in range(size)
    )
    for i in range(size):
        treatment = make_treatment()
        ConditionTreatment.objects.create(condition=condition, treatment=treatment, position=i, note="Used.")
        make_statistic(condition, [treatment])


def make_story(condition, treatments=(), sections=1, questions=0, **fields):
    n = next(_seq)
    defaults = {"title": f"Story {n}", "slug": f"story-{n}", "display_name": f"Name {n}",
                "age_at_treatment": 40, "country": "Russia", "outcome": "cr", "summary": "A summary.",
                "consent_on_file": True, "consent_date": "2026-01-01", "consent_scope": "Website",
                "is_published": True}
    story = PatientStory.objects.create(condition=condition, **{**defaults, **fields})
    story.treatments.set(treatments)
    StorySection.objects.bulk_create(
        StorySection(story=story, position=i, heading=f"Part {i}", body="Text.") for i in range(sections)
    )
    StoryQuestion.objects.bulk_create(
        StoryQuestion(story=story, position=i, question=f"Q{i}?", answer="A.") for i in range(questions)
    )
    return story
