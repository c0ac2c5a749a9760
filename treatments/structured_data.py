"""schema.org entities of a treatment page."""

from core.structured_data import absolute, medical_web_page


def treatment_page(treatment):
    therapy = {
        "@type": "MedicalTherapy",
        "name": treatment.name,
        "description": treatment.summary,
        "url": absolute(treatment.get_absolute_url()),
    }
    return [medical_web_page(treatment, therapy)]
