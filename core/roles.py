"""Staff roles. Content editors never see consultation requests; coordinators see
nothing but them. Each app names the role that works with its models
(`staff_role` on its AppConfig); `manage.py setup_roles` creates or updates the groups."""

from django.apps import apps

CONTENT_EDITORS = "Content editors"
PATIENT_COORDINATORS = "Patient coordinators"

# What each role may do with the models of the apps that name it.
ROLE_ACTIONS = {
    CONTENT_EDITORS: ("add", "change", "delete", "view"),
    PATIENT_COORDINATORS: ("change", "view"),
}


def setup_roles():
    """Create the groups and give each exactly its permissions; safe to run again."""
    # Imported here: app configs import this module before models can be loaded.
    from django.contrib.auth.models import Group, Permission

    groups = {}
    for name, actions in ROLE_ACTIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        labels = [config.label for config in apps.get_app_configs() if getattr(config, "staff_role", None) == name]
        group.permissions.set(Permission.objects.filter(
            content_type__app_label__in=labels, codename__regex=rf"^({'|'.join(actions)})_",
        ))
        groups[name] = group
    return groups
