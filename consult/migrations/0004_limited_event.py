# The per-address limit on posts with files, generalised to every limited event (it now also
# limits look-ups on the page that follows a request). Existing rows are kept, as uploads.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('consult', '0003_page_language'),
    ]

    operations = [
        migrations.RenameModel(old_name='UploadAttempt', new_name='LimitedEvent'),
        migrations.RemoveIndex(model_name='limitedevent', name='consult_upload_recent'),
        migrations.AddField(
            model_name='limitedevent',
            name='kind',
            field=models.CharField(choices=[('upload', 'post with files'), ('status_lookup', 'request status look-up')], default='upload', max_length=20),
        ),
        migrations.AddIndex(
            model_name='limitedevent',
            index=models.Index(fields=['kind', 'client_fingerprint', 'created_at'], name='consult_event_recent'),
        ),
    ]
