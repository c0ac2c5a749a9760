from django.db import migrations


# The text each model kept in its own table, now kept per language; all of it was English.
MOVED = [
    ('Condition', ['name', 'summary', 'overview', 'symptoms_intro', 'diagnosis', 'treatment_approach', 'reasons_intro']),
    ('Symptom', ['name', 'explanation']),
    ('ConditionTreatment', ['note']),
    ('ChoiceReason', ['text']),
    ('GlossaryTerm', ['term', 'explanation']),
]


def copy_into_english(apps, schema_editor):
    for model_name, fields in MOVED:
        model = apps.get_model('conditions', model_name)
        translation = apps.get_model('conditions', model_name + "Translation")
        translation.objects.bulk_create(
            translation(master_id=row["id"], language_code="en",
                        **{field: row[field + "_untranslated"] for field in fields})
            for row in model.objects.values("id", *(field + "_untranslated" for field in fields))
        )


def copy_back(apps, schema_editor):
    for model_name, fields in MOVED:
        model = apps.get_model('conditions', model_name)
        translation = apps.get_model('conditions', model_name + "Translation")
        for row in translation.objects.filter(language_code="en").values("master_id", *fields):
            pk = row.pop("master_id")
            model.objects.filter(pk=pk).update(**{field + "_untranslated": value for field, value in row.items()})


class Migration(migrations.Migration):

    dependencies = [
        ('conditions', '0004_translations'),
    ]

    operations = [
        migrations.RunPython(copy_into_english, copy_back),
    ]
