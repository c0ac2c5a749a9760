"""schema.org entities of a condition page."""

from core.structured_data import absolute, medical_web_page, page_entity


def condition_page(condition, treatment_options):
    medical_condition = page_entity(
        "MedicalCondition", condition,
        signOrSymptom=[
            {"@type": "MedicalSignOrSymptom", "name": s.name, "description": s.explanation}
            for s in condition.symptoms.all()
        ],
        possibleTreatment=[
            {"@type": "MedicalTherapy", "name": option.treatment.name,
             "url": absolute(option.treatment.get_absolute_url())}
            for option in treatment_options
        ],
    )
    return [medical_web_page(condition, medical_condition)]
