"""Admin pieces shared by the content apps."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from parler.admin import TranslatableAdmin, TranslatableStackedInline, TranslatableTabularInline
from parler.forms import TranslatableBaseInlineFormSet

from .readability import readability_html
from .translation import SOURCE_LANGUAGE, language_tag


class ReviewDueFilter(admin.SimpleListFilter):
    title = _("medical review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("never", _("Never reviewed")), ("overdue", _("Review overdue")),
                ("current", _("Review up to date")), ("unset", _("No next review date"))]

    def queryset(self, request, queryset):
        if self.value() == "never":
            return queryset.never_reviewed()
        if self.value() == "overdue":
            return queryset.due_for_review()
        if self.value() == "current":
            return (queryset.filter(reviewer__isnull=False, last_reviewed__isnull=False)
                    .exclude(next_review_due__lte=timezone.localdate()))
        if self.value() == "unset":
            return queryset.filter(next_review_due__isnull=True)
        return queryset


class ReviewStatusColumn:
    """The medical review state of each row of an admin list, in words."""

    @admin.display(description=_("medical review"), ordering="last_reviewed")
    def review_status(self, obj):
        if not obj.is_medically_reviewed:
            return _("Never reviewed")
        if obj.is_due_for_review:
            return _("Overdue since %(date)s") % {"date": date_format(obj.next_review_due)}
        return _("Reviewed %(date)s") % {"date": date_format(obj.last_reviewed)}


class TranslationFilter(admin.SimpleListFilter):
    """Pages not yet readable in a language, or readable but not checked there by a doctor."""

    title = _("translations")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        choices = []
        for code, name in settings.LANGUAGES:
            if code != SOURCE_LANGUAGE:
                choices += [(f"missing:{code}", _("Not yet readable in %(language)s") % {"language": name}),
                            (f"unreviewed:{code}", _("Not checked by a doctor in %(language)s") % {"language": name})]
        return choices

    def queryset(self, request, queryset):
        state, _sep, code = (self.value() or "").partition(":")
        if state == "missing":
            return queryset.missing_translation(code)
        if state == "unreviewed":
            return queryset.unreviewed_translation(code)
        return queryset


# Characters from which a text field is a sentence or two rather than a name: titles and names
# go up to 200.
LONG_TEXT = 250


class LongTextBoxes:
    """Text that may run to a sentence or two (a summary, an explanation: 250 characters or
    more) is typed in a box of a few lines, not a one-line input that hides most of it; a page's
    sections in boxes of six lines (Django's ten made a page with six sections four screens
    tall; the editor can drag a box taller)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.CharField) and (db_field.max_length or 0) >= LONG_TEXT and not db_field.choices:
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "cols": 60})
        elif isinstance(db_field, models.TextField):
            kwargs["widget"] = forms.Textarea(attrs={"rows": 6, "cols": 80})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class PositionInput(forms.NumberInput):
    """The order of a row as a number, which works without JavaScript; admin-ordering.js adds
    “Move up” and “Move down” buttons beside it, labelled from these attributes."""

    def __init__(self, attrs=None):
        super().__init__({
            "class": "position-input", "min": 0,
            "data-move-up": _("Move up"), "data-move-down": _("Move down"),
            "data-moved": _("Moved to place %(place)s of %(count)s. Save to keep the new order."),
            **(attrs or {}),
        })


class Reorderable:
    """Rows whose `position` staff set with Move up / Move down, or by typing the numbers."""

    @property
    def media(self):
        return super().media + forms.Media(js=["js/admin-ordering.js"])

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "position":
            kwargs["widget"] = PositionInput
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class OrderedRowsFormSet(TranslatableBaseInlineFormSet):
    def save_new(self, form, commit=True):
        # A row added without a number goes after the others, not before them (the default is 0).
        if not form.instance.position:
            form.instance.position = max((other.instance.position for other in self.forms
                                           if other.instance.pk), default=0) + 1
        return super().save_new(form, commit)


class RowsInline(Reorderable, LongTextBoxes, TranslatableTabularInline):
    """A page's ordered rows, one line each, edited in the page's language tab; folded until
    opened, so that a page with many rows fits on a screen or two."""

    extra = 0
    classes = ["collapse"]
    formset = OrderedRowsFormSet


class StackedRowsInline(Reorderable, LongTextBoxes, TranslatableStackedInline):
    """A page's ordered rows with longer text, one block each, folded like RowsInline."""

    extra = 0
    classes = ["collapse"]
    formset = OrderedRowsFormSet


class TranslatedPageAdmin(LongTextBoxes, TranslatableAdmin):
    """A page edited one language at a time, with its readability in that language.

    Readers of Chinese and Russian see the page in their language only once it is marked
    ready there and every section of it is translated; the list shows where that is so.
    """

    @admin.display(description=_("readers see it in"))
    def reader_languages(self, obj):
        names = dict(settings.LANGUAGES)
        return format_html_join(" · ", '<span lang="{}">{}</span>', (
            (language_tag(code), names[code]) for code in obj.readable_languages.split(",") if code in names
        ))

    @admin.display(description=_("readability"))
    def readability(self, obj):
        if obj is None or obj.pk is None:
            return _("Shown after the first save.")
        return readability_html(obj.readability_text(), obj.get_current_language())

    def get_fieldsets(self, request, obj=None):
        """Folded until opened, so that a long page fits on a screen or two: its medical review while it
        is current (open when the page has none or is due), and its language version's details in
        English, the original (open in the other languages' tabs). A part with an error is open."""
        reviewed = obj is not None and getattr(obj, "is_medically_reviewed", False) and not obj.is_due_for_review
        in_source_language = self.get_form_language(request, obj) == SOURCE_LANGUAGE
        return [_folded(fieldset) if (fieldset is REVIEW_FIELDSET and reviewed)
                or (fieldset is TRANSLATION_FIELDSET and in_source_language) else fieldset
                for fieldset in super().get_fieldsets(request, obj)]

    def get_prepopulated_fields(self, request, obj=None):
        # The slug comes from the English name; in other languages it is already set.
        title_field = getattr(self, "slug_from", None)
        if title_field and self.get_form_language(request, obj) == SOURCE_LANGUAGE:
            return {"slug": (title_field,)}
        return {}


def _folded(fieldset):
    name, options = fieldset
    return name, {**options, "classes": (*options.get("classes", ()), "collapse")}


REVIEW_FIELDSET = (
    _("Medical review"),
    {
        "fields": ("reviewer", "last_reviewed", "next_review_due"),
        "description": _("Shown at the end of the page as “Medically reviewed by … on …. Next review due "
                         "….”. Until a doctor and a date are both given, the page says it has not yet been "
                         "reviewed by our medical team."),
    },
)

TRANSLATION_FIELDSET = (
    _("This language version"),
    {
        "fields": ("reader_languages", "translation_ready", "translated_by", "translation_reviewed_by",
                   "translation_reviewed_on"),
        "description": _("Use the language tabs above to write each version. English is the original."),
    },
)

# Editors paste links without a scheme; assume https (Django 6's default) rather than http.
URL_FIELD_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}
