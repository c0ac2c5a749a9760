"""`python -m bench.touch <app_label.Model> <slug>`: save one published object as an admin save
does (every field as it is, `updated_at` moved on), so that `make bench` can measure what an
edit makes cold. Run with the environment of the server being measured."""

import os
import sys


def main(model_label, slug):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gobroad_site.settings.local")
    import django

    django.setup()
    from django.apps import apps

    page = apps.get_model(model_label).objects.get(slug=slug)
    page.save()


if __name__ == "__main__":
    main(*sys.argv[1:])
