from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from consult.models import ConsultAttachment, ConsultRequest


class Command(BaseCommand):
    help = ("Delete consultation requests older than the retention period, with their attached "
            "files. Use --dry-run to see how many would go.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than", type=int, default=settings.CONSULT_RETENTION_DAYS, metavar="DAYS",
            help=f"Age in days (default {settings.CONSULT_RETENTION_DAYS}, from CONSULT_RETENTION_DAYS).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Count, but delete nothing.")

    def handle(self, *args, older_than, dry_run, **options):
        if older_than < 1:
            raise CommandError("--older-than must be at least 1 day.")
        old = ConsultRequest.objects.older_than(older_than)
        requests = old.count()
        files = ConsultAttachment.objects.filter(request__in=old).count()
        if dry_run:
            self.stdout.write(f"Would delete {requests} request(s) and {files} file(s) older than "
                              f"{older_than} days.")
            return
        # Files are removed from disk when the deletion commits (see consult.models).
        with transaction.atomic():
            old.delete()
        self.stdout.write(f"Deleted {requests} request(s) and {files} file(s) older than {older_than} days.")
