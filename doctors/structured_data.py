"""schema.org Physician, with only the fields staff have filled in."""

from core.structured_data import absolute


def physician(doctor):
    entity = {"@type": "Physician", "name": doctor.name, "url": absolute(doctor.get_absolute_url())}
    if doctor.role:
        entity["jobTitle"] = doctor.role
    if doctor.hospital and doctor.hospital.is_published:
        entity["hospitalAffiliation"] = {"@type": "Hospital", "name": doctor.hospital.name,
                                         "url": absolute(doctor.hospital.get_absolute_url())}
    if doctor.specialties:
        entity["medicalSpecialty"] = doctor.specialties
    if doctor.aliases:
        entity["alternateName"] = [alias.strip() for alias in doctor.aliases.split(",") if alias.strip()]
    if doctor.shown_photo:
        entity["image"] = absolute(doctor.shown_photo["url"])
    return entity
