from django.core.management.base import BaseCommand

from core.roles import setup_roles


class Command(BaseCommand):
    help = "Create or update the 'Content editors' and 'Patient coordinators' groups."

    def handle(self, *args, **options):
        for name, group in setup_roles().items():
            self.stdout.write(f"{name}: {group.permissions.count()} permissions")
