"""Load the demo content in `demo/content/*.yaml` into the database.

Objects are looked up by slug and created only when missing, so a second run changes
nothing and never overwrites what staff have edited since.
"""

from decimal import Decimal
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction
from django.utils import translation

from conditions.models import ChoiceReason, Condition, ConditionTreatment, GlossaryTerm, Symptom
from core.translation import SOURCE_LANGUAGE, languages_worked_out_at_the_end
from doctors.models import Doctor
from hospitals.models import Hospital
from journey.models import JourneyPage, JourneyStep
from stories.models import PatientStory, StoryQuestion, StorySection, StoryTreatmentNote
from treatments.models import OutcomeStatistic, Treatment

CONTENT = Path(__file__).resolve().parent / "content"
DEMO_CONSENT_SCOPE = (
    "Demo content: this story is retold from the one already published on the center's "
    "multiple myeloma page. Confirm the patient's written consent before going live."
)
# Recorded on each demo translation; no doctor has checked them, so readers are told so.
DEMO_TRANSLATOR = "Website team (demo translation)"
# The rows of each page, as the YAML names them and as the page's related manager does.
ROWS = {
    "conditions": {"symptoms": "symptoms", "treatments": "condition_treatments", "reasons": "reasons",
                   "glossary": "glossary_terms"},
    "stories": {"sections": "sections", "questions": "questions", "treatment_notes": "treatment_notes"},
    "treatments": {},
    "hospitals": {},
    "doctors": {},
    "journey": {"steps": "steps"},
}


def read(kind, language=SOURCE_LANGUAGE):
    """The list of items in demo/content/<kind>.yaml, or in its translation in <language>/."""
    folder = CONTENT if language == SOURCE_LANGUAGE else CONTENT / language
    with open(folder / f"{kind}.yaml", encoding="utf-8") as file:
        return yaml.load(file, Loader=yaml.CSafeLoader)  # libyaml: a fifth of the pure-Python time


def _fields(item, *children):
    return {key: value for key, value in item.items() if key not in {"slug", *children}}


def _create_children(model, parent_field, parent, rows, **links):
    """Rows of an ordered child model, positions as listed; `links` maps a field to {slug: object}."""
    for position, row in enumerate(rows):
        fields = {key: links[key][value] if key in links else value for key, value in row.items()}
        model.objects.create(**{parent_field: parent}, position=position, **fields)


def load():
    """Create what is missing, in English first, then its translations, as one transaction (so
    each page's languages and search documents are worked out once, at the end)."""
    with transaction.atomic(), translation.override(SOURCE_LANGUAGE), languages_worked_out_at_the_end():
        return _load()


def _load():
    created = {"treatments": 0, "conditions": 0, "outcome statistics": 0, "hospitals": 0, "doctors": 0,
               "patient stories": 0, "journey pages": 0}
    treatments = {}
    for position, item in enumerate(read("treatments")):
        parent = treatments[item["parent"]] if item.get("parent") else None
        treatments[item["slug"]], is_new = Treatment.objects.get_or_create(
            slug=item["slug"],
            defaults={**_fields(item, "parent"), "parent": parent, "position": position, "is_published": True},
        )
        created["treatments"] += is_new

    conditions = {}
    children = ("symptoms", "treatments", "reasons", "glossary")
    for position, item in enumerate(read("conditions")):
        condition, is_new = Condition.objects.get_or_create(
            slug=item["slug"], defaults={**_fields(item, *children), "position": position, "is_published": True},
        )
        conditions[item["slug"]] = condition
        if not is_new:
            continue
        created["conditions"] += 1
        _create_children(Symptom, "condition", condition, item.get("symptoms", []))
        _create_children(ConditionTreatment, "condition", condition, item.get("treatments", []),
                         treatment=treatments)
        _create_children(ChoiceReason, "condition", condition, [{"text": text} for text in item.get("reasons", [])])
        _create_children(GlossaryTerm, "condition", condition, item.get("glossary", []))

    statistics, new_statistics = {}, []
    for position, item in enumerate(read("statistics")):
        statistic, is_new = OutcomeStatistic.objects.get_or_create(
            condition=conditions[item["condition"]],
            translations__language_code=SOURCE_LANGUAGE,
            translations__title=item["title"],
            defaults={**_fields(item, "key", "condition", "treatments", "value", "same_group_as"),
                      "value": Decimal(item["value"]), "position": position,
                      "same_group_as": statistics.get(item.get("same_group_as"))},
        )
        statistics[item["key"]] = statistic
        if is_new:
            statistic.treatments.set([treatments[slug] for slug in item["treatments"]])
            new_statistics.append(statistic)
    # As for staff, a figure is published only once it passes the data check; the others stay drafts.
    for statistic in new_statistics:
        if not statistic.data_problems():
            statistic.is_published = True
            statistic.save()
        created["outcome statistics"] += 1

    hospitals = {}
    for position, item in enumerate(read("hospitals")):
        hospitals[item["slug"]], is_new = Hospital.objects.get_or_create(
            slug=item["slug"], defaults={**_fields(item, "conditions"), "position": position, "is_published": True},
        )
        if is_new:
            hospitals[item["slug"]].conditions.set([conditions[slug] for slug in item.get("conditions", [])])
            created["hospitals"] += 1

    doctors = {}
    for position, item in enumerate(read("doctors")):
        doctors[item["slug"]], is_new = Doctor.objects.get_or_create(
            slug=item["slug"],
            defaults={**_fields(item, "hospital", "conditions"), "hospital": hospitals[item["hospital"]],
                      "position": position, "is_published": True},
        )
        if is_new:
            doctors[item["slug"]].conditions.set([conditions[slug] for slug in item.get("conditions", [])])
            created["doctors"] += 1

    for item in read("stories"):
        story, is_new = PatientStory.objects.get_or_create(
            slug=item["slug"],
            defaults={
                **_fields(item, "condition", "treatments", "sections", "questions", "doctors", "expert",
                          "treatment_notes"),
                "condition": conditions[item["condition"]],
                "expert": doctors.get(item.get("expert")),
                "consent_on_file": True,
                "consent_scope": DEMO_CONSENT_SCOPE,
                "is_demo_content": True,
                "is_published": True,
            },
        )
        if not is_new:
            continue
        created["patient stories"] += 1
        story.treatments.set([treatments[slug] for slug in item.get("treatments", [])])
        story.doctors.set([doctors[slug] for slug in item.get("doctors", [])])
        _create_children(StorySection, "story", story, item.get("sections", []))
        _create_children(StoryQuestion, "story", story, item.get("questions", []))
        _create_children(StoryTreatmentNote, "story", story, item.get("treatment_notes", []), treatment=treatments)

    for position, item in enumerate(read("journey")):
        page, is_new = JourneyPage.objects.get_or_create(
            slug=item["slug"], defaults={**_fields(item, "steps"), "position": position, "is_published": True},
        )
        if is_new:
            _create_children(JourneyStep, "page", page, item.get("steps", []))
            created["journey pages"] += 1

    for code, _name in settings.LANGUAGES:
        if code != SOURCE_LANGUAGE:
            created[f"translations into {code}"] = _load_translations(code)
    return created


def _translate(obj, language, fields, **record):
    """Give `obj` its translation in `language` unless it has one (staff may have written it)."""
    if obj.has_translation(language):
        return False
    translated = {name: value for name, value in fields.items() if name in obj._parler_meta.get_translated_fields()}
    obj.create_translation(language, **translated, **record)
    return True


def _load_translations(language):
    """Translate the demo pages and their rows into `language`; returns how many pages it translated."""
    record = {"translation_ready": True, "translated_by": DEMO_TRANSLATOR}
    count = 0
    for kind, model in (("treatments", Treatment), ("conditions", Condition), ("hospitals", Hospital),
                        ("doctors", Doctor), ("stories", PatientStory), ("journey", JourneyPage)):
        for item in read(kind, language):
            page = model.objects.get(slug=item["slug"])
            for key, related in ROWS[kind].items():
                for row, fields in zip(getattr(page, related).all(), item.get(key, []), strict=True):
                    _translate(row, language, fields if isinstance(fields, dict) else {"text": fields})
            count += _translate(page, language, item, **record)
    for english, item in zip(read("statistics"), read("statistics", language), strict=True):
        statistic = OutcomeStatistic.objects.get(condition__slug=english["condition"],
                                                 translations__title=english["title"],
                                                 translations__language_code=SOURCE_LANGUAGE)
        _translate(statistic, language, item)
    return count
