from django.db import migrations


# The text each model kept in its own table, now kept per language; all of it was English.
MOVED = [
    ('PatientStory', ['title', 'display_name', 'summary', 'diagnosis_detail', 'outcome_detail', 'outcome_timing', 'expert_name', 'expert_role', 'expert_text', 'image_alt']),
    ('StorySection', ['heading', 'body']),
    ('StoryQuestion', ['question', 'answer']),
]


def copy_into_english(apps, schema_editor):
    for model_name, fields in MOVED:
        model = apps.get_model('stories', model_name)
        translation = apps.get_model('stories', model_name + "Translation")
        translation.objects.bulk_create(
            translation(master_id=row["id"], language_code="en",
                        **{field: row[field + "_untranslated"] for field in fields})
            for row in model.objects.values("id", *(field + "_untranslated" for field in fields))
        )


def copy_back(apps, schema_editor):
    for model_name, fields in MOVED:
        model = apps.get_model('stories', model_name)
        translation = apps.get_model('stories', model_name + "Translation")
        for row in translation.objects.filter(language_code="en").values("master_id", *fields):
            pk = row.pop("master_id")
            model.objects.filter(pk=pk).update(**{field + "_untranslated": value for field, value in row.items()})


def country_names_to_codes(apps, schema_editor):
    from django_countries import countries

    story = apps.get_model("stories", "PatientStory")
    for pk, name in story.objects.exclude(country="").values_list("pk", "country"):
        story.objects.filter(pk=pk).update(country=countries.by_name(name) or "")


class Migration(migrations.Migration):

    dependencies = [
        ('stories', '0003_translations'),
    ]

    operations = [
        migrations.RunPython(copy_into_english, copy_back),
        migrations.RunPython(country_names_to_codes, migrations.RunPython.noop),
    ]
