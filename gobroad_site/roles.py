"""Staff roles. Content editors never see consultation requests; coordinators see
nothing but them. `manage.py setup_roles` creates or updates both groups."""

from django.contrib.auth.models import Group, Permission

CONTENT_EDITORS = "Content editors"
PATIENT_COORDINATORS = "Patient coordinators"

ROLE_PERMISSIONS = {
    CONTENT_EDITORS: {
        "conditions": ("add", "change", "delete", "view"),
        "treatments": ("add", "change", "delete", "view"),
        "stories": ("add", "change", "delete", "view"),
    },
    PATIENT_COORDINATORS: {
        "consult": ("change", "view"),
    },
}


def setup_roles():
    """Create the groups and give each exactly its permissions; safe to run again."""
    groups = {}
    for name, apps in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.none()
        for app_label, actions in apps.items():
            permissions |= Permission.objects.filter(
                content_type__app_label=app_label,
                codename__regex=rf"^({'|'.join(actions)})_",
            )
        group.permissions.set(permissions)
        groups[name] = group
    return groups
