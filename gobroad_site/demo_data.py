"""Demo content: the facts and figures of the center's multiple myeloma page
(shared/seed/center-page-multiple-myeloma.txt), retold in our own words.

Nothing here may be invented: every fact, figure and name comes from the seed.
Text fields are Markdown. Format:
- TREATMENTS: dicts of Treatment fields plus "slug" and "parent" (a slug or None);
  parents come before their sub-therapies.
- CONDITIONS: dicts of Condition fields plus "slug" and the ordered children
  "symptoms" [(name, explanation)], "treatments" [(treatment slug, note)],
  "reasons" [text] and "glossary" [(term, explanation)].
- STATISTICS: dicts of OutcomeStatistic fields plus "condition" (slug),
  "treatments" [slugs] and "value" as a string ("45.5").
- STORIES: dicts of PatientStory fields plus "condition" (slug), "treatments"
  [slugs], "sections" [(heading, body)] and "questions" [(question, answer)].
"""

DEMO_CONSENT_SCOPE = (
    "Demo content: this story is retold from the one already published on the center's "
    "multiple myeloma page. Confirm the patient's written consent before going live."
)

TREATMENTS = []

CONDITIONS = [
    {
        "slug": "multiple-myeloma",
        "name": "Multiple myeloma",
        "summary": "A blood cancer of plasma cells, the cells in the bone marrow that make antibodies.",
        "overview": "Multiple myeloma is a blood cancer that starts in plasma cells.",
        "symptoms_intro": "",
        "diagnosis": "",
        "treatment_approach": "",
        "reasons_intro": "",
        "is_featured": True,
        "symptoms": [],
        "treatments": [],
        "reasons": [],
        "glossary": [],
    },
]

STATISTICS = []

STORIES = []
