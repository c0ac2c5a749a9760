from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from consult.models import ConsultAttachment, ConsultRequest, private_storage, stray_attachment_files


class Command(BaseCommand):
    help = ("Delete consultation requests older than the retention period, with their attached "
            "files, and stored files that no request refers to (left by a server stopped while "
            "saving one). Use --dry-run to see how many would go.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than", type=int, default=settings.CONSULT_RETENTION_DAYS, metavar="DAYS",
            help=f"Age in days (default {settings.CONSULT_RETENTION_DAYS}, from CONSULT_RETENTION_DAYS).",
        )
        parser.add_argument(
            "--stray-after", type=int, default=60, metavar="MINUTES",
            help="Age in minutes of a file without a request before it is deleted (default 60; "
                 "0 only while no request is being sent, or a file being saved may go).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Count, but delete nothing.")

    def handle(self, *args, older_than, stray_after, dry_run, **options):
        if older_than < 1:
            raise CommandError("--older-than must be at least 1 day.")
        if stray_after < 0:
            raise CommandError("--stray-after cannot be negative.")
        old = ConsultRequest.objects.older_than(older_than)
        requests = old.count()
        files = ConsultAttachment.objects.filter(request__in=old).count()
        stray = stray_attachment_files(timedelta(minutes=stray_after))
        if dry_run:
            self.stdout.write(f"Would delete {requests} request(s) and {files} file(s) older than "
                              f"{older_than} days, and {len(stray)} file(s) without a request.")
            return
        # Files are removed from disk when the deletion commits (see consult.models).
        with transaction.atomic():
            old.delete()
        storage = private_storage()
        for name in stray:
            storage.delete(name)
        self.stdout.write(f"Deleted {requests} request(s) and {files} file(s) older than {older_than} days, "
                          f"and {len(stray)} file(s) without a request.")
