from django.core.management.base import BaseCommand

from search.index import rebuild


class Command(BaseCommand):
    help = "Build the site search index afresh from every published page, in each language it can be read in."

    def handle(self, *args, **options):
        count = rebuild()
        self.stdout.write(f"{count} search documents")
