"""schema.org JSON-LD: the pieces every page shares. Each app builds its own entities
(`structured_data.py` in the app) from the same fields its pages show."""

import json

from django.conf import settings

from .translation import language_tag


def absolute(path):
    return settings.SITE_URL + path


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
            {"@type": "ListItem", "position": i, "name": str(name), "item": absolute(path)}
            for i, (name, path) in enumerate(crumbs, start=1)
        ],
    }


def page_entity(schema_type, page, **properties):
    """A schema.org entity for one of our pages: its type, name, summary and address."""
    return {"@type": schema_type, "name": str(page), "description": page.summary,
            "url": absolute(page.get_absolute_url()), **properties}


def medical_web_page(page, about):
    """A MedicalWebPage about `about`, with its review only where one is recorded."""
    data = {
        "@type": "MedicalWebPage",
        "name": str(page),
        "url": absolute(page.get_absolute_url()),
        "description": page.summary,
        "about": about,
        "publisher": {"@id": absolute("/#organization")},
        "dateModified": page.updated_at.isoformat(),
        "inLanguage": language_tag(page.get_current_language()),
    }
    return {**data, **review_properties(page)}


def review_properties(page):
    """`lastReviewed` and `reviewedBy`, only for a page a doctor has actually reviewed."""
    if not page.is_medically_reviewed:
        return {}
    reviewer = {"@type": "Physician", "name": page.reviewer.name}
    if page.reviewer.is_published:
        reviewer["url"] = absolute(page.reviewer.get_absolute_url())
    return {"lastReviewed": page.last_reviewed.isoformat(), "reviewedBy": reviewer}


def page_graph(crumbs, entities):
    """The whole JSON-LD of a page: the organization, its breadcrumbs and its own entities."""
    return {"@context": "https://schema.org", "@graph": [organization(), breadcrumb_list(crumbs), *entities]}


_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                   0x2028: "\\u2028", 0x2029: "\\u2029"}


def to_script_json(data):
    """JSON that cannot close its <script> element, whatever the content says."""
    return json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
