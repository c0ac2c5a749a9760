"""schema.org Hospital entities, with only the fields staff have filled in."""

from core.structured_data import absolute


def hospital_entities(hospitals):
    entities = []
    for hospital in hospitals:
        entity = {"@type": "Hospital", "name": hospital.name, "url": absolute(hospital.get_absolute_url()),
                  "parentOrganization": {"@id": absolute("/#organization")}}
        address = {"@type": "PostalAddress", "addressLocality": hospital.city}
        if hospital.address:
            address["streetAddress"] = hospital.address
        entity["address"] = address
        phones = [contact.value for contact in hospital.contacts.all() if contact.kind == contact.Kind.PHONE]
        if phones:
            entity["telephone"] = phones[0]
        if hospital.email:
            entity["email"] = hospital.email
        if hospital.map_url:
            entity["hasMap"] = hospital.map_url
        if hospital.languages_spoken:
            entity["knowsLanguage"] = hospital.languages_spoken
        entities.append(entity)
    return entities
