"""Load the demo content in `demo_data.py` into the database.

Objects are looked up by slug and created only when missing, so a second run changes
nothing and never overwrites what staff have edited since.
"""

from decimal import Decimal

from conditions.models import ChoiceReason, Condition, ConditionTreatment, GlossaryTerm, Symptom
from stories.models import PatientStory, StoryQuestion, StorySection
from treatments.models import OutcomeStatistic, Treatment

from . import demo_data


def load():
    created = {"treatments": 0, "conditions": 0, "outcome statistics": 0, "patient stories": 0}
    treatments = {}
    for position, item in enumerate(demo_data.TREATMENTS):
        fields = {k: v for k, v in item.items() if k not in {"slug", "parent"}}
        parent = treatments[item["parent"]] if item.get("parent") else None
        treatments[item["slug"]], is_new = Treatment.objects.get_or_create(
            slug=item["slug"],
            defaults={**fields, "parent": parent, "position": position, "is_published": True},
        )
        created["treatments"] += is_new

    conditions = {}
    for position, item in enumerate(demo_data.CONDITIONS):
        children = {k: item[k] for k in ("symptoms", "treatments", "reasons", "glossary")}
        fields = {k: v for k, v in item.items() if k not in children and k != "slug"}
        condition, is_new = Condition.objects.get_or_create(
            slug=item["slug"], defaults={**fields, "position": position, "is_published": True},
        )
        conditions[item["slug"]] = condition
        if not is_new:
            continue
        created["conditions"] += 1
        Symptom.objects.bulk_create(
            Symptom(condition=condition, position=i, name=name, explanation=text)
            for i, (name, text) in enumerate(children["symptoms"])
        )
        ConditionTreatment.objects.bulk_create(
            ConditionTreatment(condition=condition, treatment=treatments[slug], position=i, note=note)
            for i, (slug, note) in enumerate(children["treatments"])
        )
        ChoiceReason.objects.bulk_create(
            ChoiceReason(condition=condition, position=i, text=text)
            for i, text in enumerate(children["reasons"])
        )
        GlossaryTerm.objects.bulk_create(
            GlossaryTerm(condition=condition, position=i, term=term, explanation=text)
            for i, (term, text) in enumerate(children["glossary"])
        )

    for position, item in enumerate(demo_data.STATISTICS):
        fields = {k: v for k, v in item.items() if k not in {"condition", "treatments", "value"}}
        statistic, is_new = OutcomeStatistic.objects.get_or_create(
            condition=conditions[item["condition"]],
            title=item["title"],
            defaults={**fields, "value": Decimal(item["value"]), "position": position,
                      "is_published": True},
        )
        if is_new:
            statistic.treatments.set([treatments[slug] for slug in item["treatments"]])
            created["outcome statistics"] += 1

    for item in demo_data.STORIES:
        children = {k: item.get(k, []) for k in ("treatments", "sections", "questions")}
        fields = {k: v for k, v in item.items() if k not in children and k not in {"slug", "condition"}}
        story, is_new = PatientStory.objects.get_or_create(
            slug=item["slug"],
            defaults={
                **fields,
                "condition": conditions[item["condition"]],
                "consent_on_file": True,
                "consent_scope": demo_data.DEMO_CONSENT_SCOPE,
                "is_demo_content": True,
                "is_published": True,
            },
        )
        if not is_new:
            continue
        created["patient stories"] += 1
        story.treatments.set([treatments[slug] for slug in children["treatments"]])
        StorySection.objects.bulk_create(
            StorySection(story=story, position=i, heading=heading, body=body)
            for i, (heading, body) in enumerate(children["sections"])
        )
        StoryQuestion.objects.bulk_create(
            StoryQuestion(story=story, position=i, question=q, answer=a)
            for i, (q, a) in enumerate(children["questions"])
        )
    return created
