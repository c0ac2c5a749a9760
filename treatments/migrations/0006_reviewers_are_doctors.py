import django.db.models.deletion
from django.db import migrations, models
from django.utils.text import slugify


def reviewer_names_to_doctors(apps, schema_editor):
    """Each name typed as a page's reviewer becomes a doctor's profile (unpublished, for staff to
    complete), so no review is lost when reviewers are chosen from the doctors."""
    page = apps.get_model("treatments", "Treatment")
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
        ("treatments", "0005_statistic_sources"),
        ("doctors", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="treatment",
            name="reviewer",
            field=models.ForeignKey(blank=True, help_text="The doctor who checked this page. Their profile is linked from the page.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="doctors.doctor", verbose_name="medically reviewed by"),
        ),
        migrations.RunPython(reviewer_names_to_doctors, migrations.RunPython.noop),
        migrations.RemoveField(model_name="treatment", name="reviewed_by"),
        migrations.AddField(
            model_name='treatmenttranslation',
            name='follow_up',
            field=models.TextField(blank=True, help_text='Plain text. Leave an empty line between paragraphs; start a line with “- ” for a bullet point and wrap words in **double stars** for bold.', verbose_name='follow-up'),
        ),
        migrations.AddField(
            model_name='treatmenttranslation',
            name='side_effects',
            field=models.TextField(blank=True, help_text='Plain text. Leave an empty line between paragraphs; start a line with “- ” for a bullet point and wrap words in **double stars** for bold.', verbose_name='common side effects and how they are managed'),
        ),
        migrations.AddField(
            model_name='treatmenttranslation',
            name='suitable_for',
            field=models.TextField(blank=True, help_text='Plain text. Leave an empty line between paragraphs; start a line with “- ” for a bullet point and wrap words in **double stars** for bold.', verbose_name='who it may suit'),
        ),
        migrations.AddField(
            model_name='treatmenttranslation',
            name='time_in_hospital',
            field=models.CharField(blank=True, help_text='Only what the medical team states as usual, e.g. “about 3 weeks”.', max_length=200, verbose_name='usual time in hospital'),
        ),
        migrations.AddField(
            model_name='treatmenttranslation',
            name='time_overall',
            field=models.CharField(blank=True, max_length=200, verbose_name='usual time for the whole treatment'),
        ),
        migrations.AddField(
            model_name='treatmenttranslation',
            name='what_to_expect',
            field=models.TextField(blank=True, help_text='Plain text. Leave an empty line between paragraphs; start a line with “- ” for a bullet point and wrap words in **double stars** for bold.', verbose_name='what to expect'),
        ),
    ]
