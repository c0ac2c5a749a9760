import django.db.models.deletion
from django.db import migrations, models
from django.utils.text import slugify


def reviewer_names_to_doctors(apps, schema_editor):
    """Each name typed as a page's reviewer becomes a doctor's profile (unpublished, for staff to
    complete), so no review is lost when reviewers are chosen from the doctors."""
    page = apps.get_model("conditions", "Condition")
    doctor = apps.get_model("doctors", "Doctor")
    doctor_name = apps.get_model("doctors", "DoctorTranslation")
    for pk, name in page.objects.exclude(reviewed_by="").values_list("pk", "reviewed_by"):
        name = " ".join(name.split())
        found = doctor_name.objects.filter(name=name).values_list("master_id", flat=True).first()
        if found is None:
            slug, n = slugify(name)[:110] or "reviewer", 1
            while doctor.objects.filter(slug=slug).exists():
                n += 1
                slug = f"{slugify(name)[:100]}-{n}"
            found = doctor.objects.create(slug=slug).pk
            doctor_name.objects.create(master_id=found, language_code="en", name=name[:120])
        page.objects.filter(pk=pk).update(reviewer_id=found)


class Migration(migrations.Migration):

    dependencies = [
        ("conditions", "0007_records_to_send"),
        ("doctors", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="condition",
            name="reviewer",
            field=models.ForeignKey(blank=True, help_text="The doctor who checked this page. Their profile is linked from the page.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="doctors.doctor", verbose_name="medically reviewed by"),
        ),
        migrations.RunPython(reviewer_names_to_doctors, migrations.RunPython.noop),
        migrations.RemoveField(model_name="condition", name="reviewed_by"),
    ]
