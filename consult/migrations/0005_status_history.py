# The status history of each request (with the emails families are sent about it), the
# "with a specialist" status, and the optional messenger ID.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def record_existing_history(apps, schema_editor):
    """Existing requests start their history: received when they arrived, and their current
    status, if it has moved on, when they were last changed."""
    ConsultRequest = apps.get_model('consult', 'ConsultRequest')
    StatusChange = apps.get_model('consult', 'StatusChange')
    changes = []
    for pk, status, created_at, updated_at in ConsultRequest.objects.values_list(
            'pk', 'status', 'created_at', 'updated_at').iterator():
        changes.append(StatusChange(request_id=pk, status='new', changed_at=created_at))
        if status != 'new':
            changes.append(StatusChange(request_id=pk, status=status, changed_at=max(updated_at, created_at)))
    StatusChange.objects.bulk_create(changes, batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('consult', '0004_limited_event'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='consultrequest',
            name='status',
            field=models.CharField(choices=[('new', 'New'), ('in_review', 'In review'), ('with_specialist', 'With a specialist'), ('contacted', 'Contacted'), ('closed', 'Closed'), ('spam', 'Spam')], db_index=True, default='new', max_length=20, verbose_name='status'),
        ),
        migrations.AddField(
            model_name='consultrequest',
            name='messenger_id',
            field=models.CharField(blank=True, help_text='The WeChat ID, WhatsApp number or Telegram username the sender gave, if any. Never emailed.', max_length=100, verbose_name='messenger ID'),
        ),
        migrations.CreateModel(
            name='StatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('new', 'New'), ('in_review', 'In review'), ('with_specialist', 'With a specialist'), ('contacted', 'Contacted'), ('closed', 'Closed'), ('spam', 'Spam')], max_length=20, verbose_name='status')),
                ('changed_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='changed')),
                ('family_email_queued_at', models.DateTimeField(blank=True, null=True, verbose_name='email to the family asked for')),
                ('family_email_sent_at', models.DateTimeField(blank=True, null=True, verbose_name='email to the family sent')),
                ('family_email', models.TextField(blank=True, verbose_name='email sent to the family')),
                ('family_email_attempts', models.PositiveSmallIntegerField(default=0, verbose_name='email attempts')),
                ('family_email_error', models.TextField(blank=True, verbose_name='last email error')),
                ('changed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='changed by')),
                ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_changes', to='consult.consultrequest', verbose_name='request')),
            ],
            options={
                'verbose_name': 'status change',
                'verbose_name_plural': 'status history',
                'ordering': ['changed_at', 'id'],
            },
        ),
        migrations.RunPython(record_existing_history, migrations.RunPython.noop),
    ]
