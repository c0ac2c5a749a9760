from django.core.management.base import BaseCommand

from demo import loader


class Command(BaseCommand):
    help = ("Load the demo content from the center's multiple myeloma page: conditions, "
            "treatments, outcome statistics and patient stories. Running it again changes nothing.")

    def handle(self, *args, **options):
        counts = loader.load()
        self.stdout.write(", ".join(f"{count} {name}" for name, count in counts.items()))
