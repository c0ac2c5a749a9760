from django.core.management.base import BaseCommand

from consult.models import ConsultRequest
from consult.notifications import send_notifications


class Command(BaseCommand):
    help = ("Send the acknowledgement and coordinator emails that have not gone out yet (never sent, "
            "or failed). Safe to run from cron: requests whose emails were sent are left alone.")

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="At most this many requests per run.")

    def handle(self, *args, limit, **options):
        pending = (ConsultRequest.objects.notifications_outstanding()
                   .exclude(status=ConsultRequest.Status.SPAM)
                   .order_by("created_at").values_list("pk", "reference")[:limit])
        sent = failed = 0
        for pk, reference in pending:
            if send_notifications(pk):
                sent += 1
                self.stdout.write(f"{reference}: sent")
            else:
                failed += 1
                self.stderr.write(f"{reference}: failed again (see the log and the admin)")
        self.stdout.write(f"Emails sent for {sent} request(s); {failed} still failing.")
