"""Figures become evidence: counts, a structured time point and links between figures of one group.

The time point was free text in each language; the English text (“6 months”) becomes a
number and a unit, shown in the reader's language.
"""

import re

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


TIME_POINT = re.compile(r"^\s*(\d+)\s*(day|week|month|year)s?\s*$", re.IGNORECASE)


def time_points_to_numbers(apps, schema_editor):
    Translation = apps.get_model("treatments", "OutcomeStatisticTranslation")
    for translation in Translation.objects.filter(language_code="en").exclude(time_point="").select_related("master"):
        match = TIME_POINT.match(translation.time_point)
        if match is None:
            raise ValueError(f"Time point {translation.time_point!r} of figure {translation.master_id} is not "
                             "like “6 months”: set it by hand before migrating.")
        statistic = translation.master
        statistic.time_point_amount = int(match[1])
        statistic.time_point_unit = match[2].lower() + "s"
        statistic.save(update_fields=["time_point_amount", "time_point_unit"])


def time_points_to_text(apps, schema_editor):
    Statistic = apps.get_model("treatments", "OutcomeStatistic")
    Translation = apps.get_model("treatments", "OutcomeStatisticTranslation")
    for statistic in Statistic.objects.exclude(time_point_amount=None):
        unit = statistic.time_point_unit.rstrip("s") + ("s" if statistic.time_point_amount != 1 else "")
        Translation.objects.filter(master=statistic, language_code="en").update(
            time_point=f"{statistic.time_point_amount} {unit}")


class Migration(migrations.Migration):

    dependencies = [
        ('doctors', '0001_initial'),
        ('treatments', '0006_reviewers_are_doctors'),
    ]

    operations = [
        migrations.AddField(
            model_name='outcomestatistic',
            name='outcome_count',
            field=models.PositiveIntegerField(blank=True, help_text='Leave empty when not known.', null=True, verbose_name='patients with the outcome'),
        ),
        migrations.AddField(
            model_name='outcomestatistic',
            name='same_group_as',
            field=models.ForeignKey(blank=True, help_text='Another figure about exactly the same group of patients (e.g. the overall survival of the group whose progression-free survival this is), so the data check compares them.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='group_members', to='treatments.outcomestatistic', verbose_name='same patients as'),
        ),
        migrations.AddField(
            model_name='outcomestatistic',
            name='time_point_amount',
            field=models.PositiveSmallIntegerField(blank=True, help_text='When the result was measured after treatment; needed for survival figures.', null=True, validators=[django.core.validators.MinValueValidator(1)], verbose_name='time point'),
        ),
        migrations.AddField(
            model_name='outcomestatistic',
            name='time_point_unit',
            field=models.CharField(blank=True, choices=[('days', 'days'), ('weeks', 'weeks'), ('months', 'months'), ('years', 'years')], max_length=10, verbose_name='time unit'),
        ),
        migrations.AlterField(
            model_name='outcomestatistic',
            name='is_highlighted',
            field=models.BooleanField(default=False, help_text="The home page links to the figure's condition page; it never shows the figure alone.", verbose_name='list on the home page'),
        ),
        migrations.AlterField(
            model_name='outcomestatistic',
            name='measure',
            field=models.CharField(choices=[('cr', 'Complete remission rate (CR)'), ('orr', 'Overall response rate (ORR)'), ('objective', 'Objective response rate (ORR)'), ('pfs', 'Progression-free survival (PFS)'), ('efs', 'Event-free survival (EFS)'), ('os', 'Overall survival (OS)'), ('other', 'Other measure')], help_text="Use the source's own term: an “objective response rate” stays objective.", max_length=10, verbose_name='measure'),
        ),
        migrations.AlterField(
            model_name='outcomestatistic',
            name='patient_count',
            field=models.PositiveIntegerField(blank=True, help_text='Leave empty when not known.', null=True, validators=[django.core.validators.MinValueValidator(1)], verbose_name='patients in the group'),
        ),
        migrations.AlterField(
            model_name='outcomestatistic',
            name='value',
            field=models.DecimalField(blank=True, decimal_places=1, help_text='As the source gives it. Leave empty to work it out from the two numbers below.', max_digits=4, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)], verbose_name='rate (%)'),
        ),
        migrations.AlterField(
            model_name='treatment',
            name='last_reviewed',
            field=models.DateField(blank=True, null=True, verbose_name='last reviewed on'),
        ),
        migrations.AlterField(
            model_name='treatment',
            name='next_review_due',
            field=models.DateField(blank=True, help_text='The admin lists what is past this date so it is checked again.', null=True, verbose_name='next review due'),
        ),
        migrations.AlterField(
            model_name='treatment',
            name='reviewer',
            field=models.ForeignKey(blank=True, help_text='The doctor who checked this text. Their profile is linked from the page.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='doctors.doctor', verbose_name='medically reviewed by'),
        ),
        migrations.RunPython(time_points_to_numbers, time_points_to_text),
        migrations.RemoveField(
            model_name='outcomestatistictranslation',
            name='time_point',
        ),
    ]
