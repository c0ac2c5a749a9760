"""Stories on the pages of the apps below this one, which cannot import it."""

from django import template

from stories.models import PatientStory, StoryTreatmentNote

register = template.Library()


@register.simple_tag
def stories_about(subject, limit=6):
    """Up to `limit` published stories about a condition or a treatment, as a list."""
    return list(PatientStory.objects.about(subject)[:limit])


@register.simple_tag
def stories_naming(doctor, limit=6):
    """Up to `limit` published stories that name a doctor or give their perspective, as a list."""
    return list(PatientStory.objects.about(doctor)[:limit])


@register.simple_tag
def story_notes_about(treatment):
    """What published stories tell about a treatment, as {aspect label: [notes]} in the order of the aspects."""
    notes = (StoryTreatmentNote.objects.filter(treatment=treatment, story__in=PatientStory.objects.published())
             .select_related("story").prefetch_related("translations", "story__translations"))
    grouped = {}
    for note in notes:
        note.set_current_language(note.story.get_current_language())  # in the language its story is shown in
        grouped.setdefault(note.get_aspect_display(), []).append(note)
    order = [label for _value, label in StoryTreatmentNote.Aspect.choices]
    return {label: grouped[label] for label in order if label in grouped}
