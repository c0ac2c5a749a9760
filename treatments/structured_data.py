"""schema.org entities of a treatment page."""

from core.structured_data import medical_web_page, page_entity


def treatment_page(treatment):
    return [medical_web_page(treatment, page_entity("MedicalTherapy", treatment))]
