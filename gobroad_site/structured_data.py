"""schema.org JSON-LD built from the same fields each page shows."""

import json

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _


def absolute(path):
    return settings.SITE_URL + path


def breadcrumbs(context):
    """[(name, path)] from the home page to the current page."""
    crumbs = [(_("Home"), reverse("home"))]
    request = context.get("request")
    path = request.path if request else ""
    if path in ("", "/"):
        return crumbs
    sections = {
        "condition": (_("Conditions"), "conditions:list"),
        "treatment": (_("Treatments"), "treatments:list"),
        "story": (_("Patient stories"), "stories:list"),
    }
    for key, (name, url_name) in sections.items():
        obj = context.get(key)
        if obj is not None and hasattr(obj, "get_absolute_url"):
            crumbs.append((name, reverse(url_name)))
            if key == "treatment" and obj.parent_id:
                crumbs.append((obj.parent.name, obj.parent.get_absolute_url()))
            crumbs.append((str(obj), obj.get_absolute_url()))
            return crumbs
    if context.get("page_title"):
        crumbs.append((str(context["page_title"]), path))
    return crumbs


def organization():
    return {
        "@type": "MedicalOrganization",
        "@id": absolute("/#organization"),
        "name": "GoBroad Healthcare Group",
        "url": absolute("/"),
        "medicalSpecialty": "Hematologic",
    }


def breadcrumb_list(crumbs):
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": absolute(path)}
            for i, (name, path) in enumerate(crumbs, start=1)
        ],
    }


def medical_web_page(page, about):
    data = {
        "@type": "MedicalWebPage",
        "name": str(page),
        "url": absolute(page.get_absolute_url()),
        "description": page.summary,
        "about": about,
        "publisher": {"@id": absolute("/#organization")},
        "dateModified": page.updated_at.isoformat(),
    }
    if page.last_reviewed:
        data["lastReviewed"] = page.last_reviewed.isoformat()
    if page.reviewed_by:
        data["reviewedBy"] = {"@type": "Person", "name": page.reviewed_by}
    return data


def condition_entities(condition, treatment_options):
    medical_condition = {
        "@type": "MedicalCondition",
        "name": condition.name,
        "description": condition.summary,
        "url": absolute(condition.get_absolute_url()),
        "signOrSymptom": [
            {"@type": "MedicalSignOrSymptom", "name": s.name, "description": s.explanation}
            for s in condition.symptoms.all()
        ],
        "possibleTreatment": [
            {"@type": "MedicalTherapy", "name": option.treatment.name,
             "url": absolute(option.treatment.get_absolute_url())}
            for option in treatment_options
        ],
    }
    return [medical_web_page(condition, medical_condition)]


def treatment_entities(treatment):
    therapy = {
        "@type": "MedicalTherapy",
        "name": treatment.name,
        "description": treatment.summary,
        "url": absolute(treatment.get_absolute_url()),
    }
    return [medical_web_page(treatment, therapy)]


def story_entities(story):
    article = {
        "@type": "Article",
        "headline": story.title,
        "description": story.summary,
        "url": absolute(story.get_absolute_url()),
        "dateModified": story.updated_at.isoformat(),
        "publisher": {"@id": absolute("/#organization")},
        "about": {"@type": "MedicalCondition", "name": story.condition.name},
    }
    if story.published_at:
        article["datePublished"] = story.published_at.isoformat()
    if story.fallback_image:
        article["image"] = absolute(story.fallback_image["url"])
    return [article]


def page_graph(context, crumbs):
    graph = [organization(), breadcrumb_list(crumbs)]
    if context.get("condition") is not None and "treatment_options" in context:
        graph += condition_entities(context["condition"], context["treatment_options"])
    elif context.get("treatment") is not None:
        graph += treatment_entities(context["treatment"])
    elif context.get("story") is not None:
        graph += story_entities(context["story"])
    return {"@context": "https://schema.org", "@graph": graph}


_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                   0x2028: "\\u2028", 0x2029: "\\u2029"}


def to_script_json(data):
    """JSON that cannot close its <script> element, whatever the content says."""
    return json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
