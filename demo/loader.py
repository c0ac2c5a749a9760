"""Load the demo content in `demo/content/*.yaml` into the database.

Objects are looked up by slug and created only when missing, so a second run changes
nothing and never overwrites what staff have edited since.
"""

from decimal import Decimal
from pathlib import Path

import yaml

from conditions.models import ChoiceReason, Condition, ConditionTreatment, GlossaryTerm, Symptom
from stories.models import PatientStory, StoryQuestion, StorySection
from treatments.models import OutcomeStatistic, Treatment

CONTENT = Path(__file__).resolve().parent / "content"
DEMO_CONSENT_SCOPE = (
    "Demo content: this story is retold from the one already published on the center's "
    "multiple myeloma page. Confirm the patient's written consent before going live."
)


def read(kind):
    """The list of items in demo/content/<kind>.yaml."""
    with open(CONTENT / f"{kind}.yaml", encoding="utf-8") as file:
        return yaml.safe_load(file)


def _fields(item, *children):
    return {key: value for key, value in item.items() if key not in {"slug", *children}}


def _create_children(model, parent_field, parent, rows, **links):
    """Rows of an ordered child model, positions as listed; `links` maps a field to {slug: object}."""
    objects = []
    for position, row in enumerate(rows):
        fields = {key: links[key][value] if key in links else value for key, value in row.items()}
        objects.append(model(**{parent_field: parent}, position=position, **fields))
    model.objects.bulk_create(objects)


def load():
    created = {"treatments": 0, "conditions": 0, "outcome statistics": 0, "patient stories": 0}
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

    for position, item in enumerate(read("statistics")):
        statistic, is_new = OutcomeStatistic.objects.get_or_create(
            condition=conditions[item["condition"]],
            title=item["title"],
            defaults={**_fields(item, "condition", "treatments", "value"), "value": Decimal(item["value"]),
                      "position": position, "is_published": True},
        )
        if is_new:
            statistic.treatments.set([treatments[slug] for slug in item["treatments"]])
            created["outcome statistics"] += 1

    for item in read("stories"):
        story, is_new = PatientStory.objects.get_or_create(
            slug=item["slug"],
            defaults={
                **_fields(item, "condition", "treatments", "sections", "questions"),
                "condition": conditions[item["condition"]],
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
        _create_children(StorySection, "story", story, item.get("sections", []))
        _create_children(StoryQuestion, "story", story, item.get("questions", []))
    return created
