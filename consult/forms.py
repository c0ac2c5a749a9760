import unicodedata
import uuid

import phonenumbers
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Field, Fieldset, Layout
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries

from conditions.models import Condition, RecordToSend

from .models import ConsultRequest, normalise_reference
from .uploads import check_pixel_budget, inspect_upload, prepare_upload, size_limit_text

OTHER_CONDITION = "other"
RADIO = "consult/fields/radio.html"
# Only a hint for the file picker; the server judges files by their content.
ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
PHONE_EXAMPLE = "+86 138 0013 8000"
# The country of the phone number a page's language suggests; English suggests none.
PHONE_COUNTRY_FOR_LANGUAGE = {"ru": "RU", "zh-hans": "CN"}


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files and cleans to a list (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_file_clean = super().clean
        files = data if isinstance(data, (list, tuple)) else [data]
        return [cleaned for cleaned in (single_file_clean(item, initial) for item in files) if cleaned]


def _has_letter(value):
    return any(character.isalpha() for character in value)


# What phonenumbers says is wrong with a number, as one of the problems _phone_problem explains.
PARSE_PROBLEMS = {
    phonenumbers.NumberParseException.INVALID_COUNTRY_CODE: "country_code",
    phonenumbers.NumberParseException.TOO_SHORT_NSN: "too_short",
    phonenumbers.NumberParseException.TOO_SHORT_AFTER_IDD: "too_short",
    phonenumbers.NumberParseException.TOO_LONG: "too_long",
}
POSSIBILITY_PROBLEMS = {
    phonenumbers.ValidationResult.INVALID_COUNTRY_CODE: "country_code",
    phonenumbers.ValidationResult.TOO_SHORT: "too_short",
    phonenumbers.ValidationResult.TOO_LONG: "too_long",
}


def _phone_problem(problem, country):
    """The message for a phone number that is not valid, naming its country when it is known."""
    name = countries.name(country) if country and country != "ZZ" else ""
    if problem == "country_code" or (problem == "not_in_country" and not name):
        return _("The country code of this number (the digits after +) does not exist. Check it, for example "
                 "+86 for China or +7 for Russia.")
    if problem == "too_short":
        if name:
            return _("This number is too short for a phone number in %(country)s. Check that no digit is "
                     "missing.") % {"country": name}
        return _("This number is too short for a phone number. Check that no digit is missing.")
    if problem == "too_long":
        if name:
            return _("This number is too long for a phone number in %(country)s. Check it; an extension can go "
                     "in your message.") % {"country": name}
        return _("This number is too long for a phone number. Check it; an extension can go in your message.")
    if problem == "not_in_country":
        return _("This is not a phone number in %(country)s. Check the number, and the country chosen for "
                 "it.") % {"country": name}
    return _("Enter your phone number in digits, for example %(example)s.") % {"example": PHONE_EXAMPLE}


class ConsultRequestForm(forms.ModelForm):
    writer_role = forms.ChoiceField(
        label=_("Who is writing?"), choices=ConsultRequest.WriterRole.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": _("Choose who is writing: the patient, a family member or friend, "
                                      "or the patient's doctor.")},
    )
    full_name = forms.CharField(
        label=_("Your full name"), max_length=200,
        help_text=_("In any alphabet, as you would like us to address you."),
        widget=forms.TextInput(attrs={"autocomplete": "name", "autocapitalize": "words",
                                      "spellcheck": "false"}),
        error_messages={"required": _("Enter your full name.")},
    )
    email = forms.EmailField(
        label=_("Your email address"), max_length=254,
        help_text=_("We send a confirmation with your reference number here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"required": _("Enter your email address."),
                        "invalid": _("Enter an email address in the form name@example.com.")},
    )
    phone_country = forms.ChoiceField(
        label=_("Country of your phone number"), required=False,
        help_text=_("Choose it to write your number as you would at home. Not needed for a number that "
                    "starts with + or 00."),
        widget=forms.Select(attrs={"autocomplete": "country"}),
    )
    phone = forms.CharField(
        label=_("Your phone number"), max_length=40,
        help_text=_("As you would write it at home, for example 8 912 345-67-89 with Russia chosen above, or "
                    "with + and the country code, for example +86 138 0013 8000."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"required": _("Enter your phone number.")},
    )
    contact_channel = forms.ChoiceField(
        label=_("How should we contact you?"), choices=ConsultRequest.ContactChannel.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": _("Choose how you would like us to contact you.")},
    )
    messenger_id = forms.CharField(
        label=_("Your WeChat ID, WhatsApp number or Telegram username (optional)"), max_length=100,
        required=False,
        help_text=_("If you chose WeChat, WhatsApp or Telegram and we cannot find you there by your phone "
                    "number."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("In which language should we reply?"), choices=ConsultRequest.Language.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": _("Choose the language for our reply.")},
    )
    patient_country = forms.CharField(
        label=_("Patient's country"), max_length=100,
        help_text=_("Where the patient lives now."),
        widget=forms.TextInput(attrs={"autocomplete": "country-name"}),
        error_messages={"required": _("Enter the country where the patient lives.")},
    )
    patient_age = forms.IntegerField(
        label=_("Patient's age in years"), min_value=0, max_value=120,
        help_text=_("Enter 0 for a baby under one year old."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": "3"}),
        error_messages={
            "required": _("Enter the patient's age in years."),
            "invalid": _("Enter the patient's age as a whole number of years, for example 45."),
            "min_value": _("Enter an age from 0 to 120."),
            "max_value": _("Enter an age from 0 to 120."),
        },
    )
    condition = forms.ChoiceField(
        label=_("Condition"),
        help_text=_("Choose “Other / not sure” if the diagnosis is not listed or not yet known."),
        error_messages={"required": _("Choose the condition, or “Other / not sure”."),
                        "invalid_choice": _("Choose one of the conditions listed, or “Other / not sure”.")},
    )
    message = forms.CharField(
        label=_("Your question, or the patient's current situation"), max_length=5000,
        help_text=_("For example: the diagnosis and when it was made, treatments so far and how they "
                    "went, and what you would like to know. Up to 5,000 characters."),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Tell us your question or the patient's current situation.")},
    )
    attachments = MultipleFileField(
        # Empty files reach inspect_upload, whose message names the file.
        label=_("Medical reports (optional)"), required=False, allow_empty_file=True,
        widget=MultipleFileInput(attrs={"accept": ACCEPT}),
    )
    consent = forms.BooleanField(
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
        error_messages={"required": _("To answer your request we need your consent to use this "
                                      "information. Tick the box to agree.")},
    )
    # Honeypot: hidden from people (and from assistive technology) by the template.
    website = forms.CharField(
        label=_("Leave this field empty"), required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    # Sent back with the form so that sending it twice saves it once (see ConsultRequest.submission_token);
    # the page writes it (ConsultRequestView.submission_token), the form only reads it.
    submission_token = forms.CharField(required=False, widget=forms.HiddenInput)

    # The page's order, so the error summary lists problems top to bottom.
    # phone_country comes before phone: the number is read in the country chosen.
    field_order = ["writer_role", "full_name", "email", "phone_country", "phone", "contact_channel", "messenger_id",
                   "preferred_language", "patient_country", "patient_age", "condition", "message", "attachments",
                   "consent", "website"]

    class Meta:
        model = ConsultRequest
        fields = ["writer_role", "full_name", "email", "phone", "contact_channel", "messenger_id",
                  "preferred_language", "patient_country", "patient_age", "message"]

    def __init__(self, *args, upload_refusals=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload_refusals = upload_refusals
        # The reply language, and the country of the phone number, start at the language of the page.
        language = translation.get_language()
        self.fields["preferred_language"].initial = language
        self.fields["phone_country"].initial = PHONE_COUNTRY_FOR_LANGUAGE.get(language, "")
        # Lists worked out when the form is rendered or checked, not when a cached rendering is used.
        self.fields["phone_country"].choices = lambda: [("", _("Not chosen: my number starts with + or 00")),
                                                        *((country.code, country.name) for country in countries)]
        self.fields["condition"].choices = lambda: [
            ("", _("Choose a condition")),
            *((slug, condition.name) for slug, condition in self.conditions.items()),
            (OTHER_CONDITION, _("Other / not sure")),
        ]
        self.fields["attachments"].help_text = _(
            "Up to %(count)s files, each at most %(size)s: reports as PDF, photos or scans as JPEG or "
            "PNG. Other kinds of files cannot be accepted."
        ) % {"count": settings.CONSULT_MAX_FILES, "size": size_limit_text()}
        self.fields["consent"].label = format_html(
            _("I agree that GoBroad's patient coordinators, and the specialists they ask, may use what I "
              "send here to answer this request: my name and contact details, the patient's country, age "
              "and condition, my message and any reports I attach, including health information, as "
              "explained in our {privacy_notice}."),
            privacy_notice=format_html('<a href="{}">{}</a>', reverse("privacy"), _("privacy notice")),
        )

    @cached_property
    def helper(self):
        """The form's layout for crispy, built only when the form is rendered (not from a kept fragment)."""
        helper = FormHelper(self)
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = Layout(
            Fieldset(_("About you"), Field("writer_role", template=RADIO), "full_name", "email", "phone_country",
                     "phone", Field("contact_channel", template=RADIO), "messenger_id",
                     Field("preferred_language", template=RADIO)),
            Fieldset(_("About the patient"), "patient_country", "patient_age", "condition",
                     # The checklist of the condition chosen; static/js/consult-form.js switches it.
                     HTML('{% include "consult/what_to_send.html" %}'),
                     "message",
                     Field("attachments"),
                     # Filled by static/js/consult-form.js when chosen files are over the limits.
                     HTML('<p id="attachments-check" class="invalid-feedback" aria-live="polite"></p>')),
            Fieldset(_("Your consent"), Field("consent", template="consult/fields/checkbox.html")),
        )
        return helper

    @cached_property
    def conditions(self):
        return {c.slug: c for c in Condition.objects.published().prefetch_related(
            "translations", Prefetch("records_to_send", queryset=RecordToSend.objects.prefetch_related("translations")),
        )}

    @property
    def records_to_send(self):
        """(slug, condition, records, shown) for each condition whose page lists what to send;
        shown for the condition chosen, or preselected with ?condition=."""
        chosen = self.data.get("condition") if self.is_bound else self.initial.get("condition")
        lists = []
        for slug, condition in self.conditions.items():
            records = list(condition.records_to_send.all())
            for record in records:
                # In the language the condition itself is shown in.
                record.set_current_language(condition.get_current_language())
            if records:
                lists.append((slug, condition, records, slug == chosen))
        return lists

    @property
    def max_files(self):
        return settings.CONSULT_MAX_FILES

    @property
    def max_file_bytes(self):
        return settings.CONSULT_MAX_FILE_BYTES

    @property
    def too_many_files_message(self):
        return self._too_many_files_message()

    @property
    def too_big_template(self):
        """The too-big message with {name} for the browser-side check to fill in."""
        return self._too_big_message("{name}")

    @property
    def max_name_bytes(self):
        return settings.CONSULT_MAX_FILE_NAME_BYTES

    @property
    def long_name_template(self):
        """The long-name message with {name} for the browser-side check to fill in."""
        return self._long_name_message("{name}")

    @staticmethod
    def _too_many_files_message():
        limit = settings.CONSULT_MAX_FILES
        return (ngettext("You can attach at most %(limit)d file.", "You can attach at most %(limit)d files.",
                         limit) % {"limit": limit}
                + " " + str(_("Please choose your most recent reports.")))

    @staticmethod
    def _too_big_message(name):
        return _("“%(name)s” is larger than %(limit)s, the most we accept for one file. Try a PDF of "
                 "fewer pages or a smaller photo.") % {
            "name": name, "limit": size_limit_text()}

    @staticmethod
    def _long_name_message(name):
        return _("The name of the file “%(name)s” is too long for us to receive. Please give it a shorter "
                 "name, for example “report.pdf”, and choose it again.") % {"name": name}

    @property
    def error_links(self):
        """(anchor id, message) for the error summary; a radio group links to its first option."""
        links = []
        for name, errors in self.errors.items():
            if name not in self.fields:
                links.extend((None, error) for error in errors)
                continue
            bound = self[name]
            is_radio = isinstance(bound.field.widget, forms.RadioSelect)
            anchor = f"{bound.auto_id}_0" if is_radio else bound.auto_id
            links.extend((anchor, error) for error in errors)
        return links

    def clean_submission_token(self):
        # Hidden, so nobody could correct it: a mangled token only loses the protection against saving twice.
        try:
            return uuid.UUID(self.cleaned_data["submission_token"])
        except ValueError:
            return None

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if not _has_letter(name):
            raise ValidationError(_("Enter your name in letters, in any alphabet."), code="invalid")
        return name

    def clean_patient_country(self):
        country = " ".join(self.cleaned_data["patient_country"].split())
        if not _has_letter(country):
            raise ValidationError(_("Enter the country's name, for example China or Kazakhstan."),
                                  code="invalid")
        return country

    def clean_messenger_id(self):
        return " ".join(self.cleaned_data["messenger_id"].split())

    def clean_phone(self):
        """A number in the format of the country chosen, or international; stored as +7 912 345-67-89."""
        # NFKC turns full-width digits and plus signs (common with Chinese input methods) into ASCII.
        typed = unicodedata.normalize("NFKC", self.cleaned_data["phone"]).strip()
        typed = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in typed)
        if typed.startswith("00"):
            typed = "+" + typed[2:].lstrip()
        if _has_letter(typed) or not any(c.isdigit() for c in typed):
            raise ValidationError(_("Enter your phone number in digits, for example %(example)s.")
                                  % {"example": PHONE_EXAMPLE}, code="invalid")
        country = None if typed.startswith("+") else self.cleaned_data.get("phone_country")
        if not typed.startswith("+") and not country:
            raise ValidationError(
                _("Choose the country of your phone number above, or start the number with + and its country "
                  "code, for example %(example)s.") % {"example": PHONE_EXAMPLE}, code="no_country")
        try:
            number = phonenumbers.parse(typed, country)
        except phonenumbers.NumberParseException as error:
            raise ValidationError(_phone_problem(PARSE_PROBLEMS.get(error.error_type), country),
                                  code="invalid") from None
        if not phonenumbers.is_valid_number(number):
            problem = POSSIBILITY_PROBLEMS.get(phonenumbers.is_possible_number_with_reason(number))
            country = country or phonenumbers.region_code_for_country_code(number.country_code)
            raise ValidationError(_phone_problem(problem or "not_in_country", country), code="invalid")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)

    def clean_condition(self):
        slug = self.cleaned_data["condition"]
        return None if slug == OTHER_CONDITION else self.conditions[slug]

    def clean_attachments(self):
        """Only the cheap checks: count, size, name, kind and pixel size. Nothing is decoded here."""
        files = self.cleaned_data["attachments"]
        errors = []
        refusals = self.upload_refusals
        count = len(files) + (1 if refusals and refusals.too_many else 0)
        if count > settings.CONSULT_MAX_FILES:
            errors.append(ValidationError(self._too_many_files_message(), code="too_many_files"))
        for name in refusals.too_big if refusals else ():
            errors.append(ValidationError(self._too_big_message(name), code="file_too_big"))
        for name in refusals.long_names if refusals else ():
            errors.append(ValidationError(self._long_name_message(name), code="file_name_too_long"))
        inspected = []
        if not errors:
            for upload in files:
                try:
                    inspected.append(inspect_upload(upload))
                except ValidationError as error:
                    errors.append(error)
        if not errors:
            try:
                check_pixel_budget(inspected)
            except ValidationError as error:
                errors.append(error)
        if errors:
            raise ValidationError(errors)
        return inspected

    def clean(self):
        """Decode and rewrite the files only once every other answer is valid."""
        cleaned_data = super().clean()
        if self.errors:
            return cleaned_data
        checked, errors = [], []
        for inspected in cleaned_data.get("attachments", ()):
            try:
                checked.append(prepare_upload(inspected))
            except ValidationError as error:
                errors.append(error)
        if errors:
            self.add_error("attachments", errors)
        else:
            cleaned_data["attachments"] = checked
        return cleaned_data


class ConsultStatusForm(forms.Form):
    """A reference and the email address it was sent with: what a family needs to follow a request."""

    reference = forms.CharField(
        label=_("Reference number"), max_length=40,
        help_text=_("From the page you saw after sending, or our email, for example GB-7K3F-9Q2M."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
        error_messages={"required": _("Enter the reference number of your request.")},
    )
    email = forms.EmailField(
        label=_("The email address you used"), max_length=254,
        help_text=_("The address you gave in the request."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"required": _("Enter the email address you used in the request."),
                        "invalid": _("Enter an email address in the form name@example.com.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_reference(self):
        reference = normalise_reference(self.cleaned_data["reference"])
        if not reference:
            raise ValidationError(_("A reference number looks like GB-7K3F-9Q2M: GB and eight letters and "
                                    "digits. Check the one you typed."), code="invalid")
        return reference

    @property
    def error_links(self):
        return [(self[name].auto_id, error) for name, errors in self.errors.items() for error in errors]
