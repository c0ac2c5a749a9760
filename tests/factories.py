"""Builders for test data, one way to make each thing; names say what they make.

Content (conditions and their parts, treatments, outcome figures, patient stories),
consultation requests and their files, users in their roles, and the bytes of what
people upload (pictures, PDFs, archives, multipart bodies).
"""

import functools
import io
import os
import uuid
import zipfile
from decimal import Decimal
from itertools import count

import pikepdf
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from pikepdf import Array, Dictionary, Name, String
from PIL import Image

from conditions.models import ChoiceReason, Condition, ConditionTreatment, GlossaryTerm, RecordToSend, Symptom
from consult.models import ConsultAttachment, ConsultRequest
from consult.services import record_status_change
from core.roles import CONTENT_EDITORS, PATIENT_COORDINATORS, setup_roles
from doctors.models import Doctor
from hospitals.models import Hospital, HospitalContact
from stories.models import PatientStory, StoryQuestion, StorySection
from treatments.models import OutcomeStatistic, Treatment

_seq = count(1)


def in_english(build):
    """Content is written in English first, whatever language the last request left active."""

    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        with translation.override("en"):
            return build(*args, **kwargs)

    return wrapper


# --- content -------------------------------------------------------------------------------------

@in_english
def make_treatment(**fields):
    """A published treatment; `parent=` makes it a sub-therapy."""
    n = next(_seq)
    defaults = {"name": f"Treatment {n}", "slug": f"treatment-{n}", "category": "immunotherapy",
                "summary": f"Summary of treatment {n}.", "description": "What it is.", "is_published": True}
    return Treatment.objects.create(**{**defaults, **fields})


@in_english
def make_condition(**fields):
    """A published condition with no symptoms, treatments or other parts (see `fill_condition`)."""
    n = next(_seq)
    defaults = {"name": f"Condition {n}", "slug": f"condition-{n}", "summary": f"Summary {n}.",
                "overview": "An overview.", "is_published": True}
    return Condition.objects.create(**{**defaults, **fields})


def translate(obj, language, **fields):
    """Give a page or one of its rows its translation in `language`; a page's is marked ready
    for readers unless `translation_ready=False` says otherwise."""
    if hasattr(obj, "readable_languages"):
        fields.setdefault("translation_ready", True)
    obj.create_translation(language, **fields)
    return obj


@in_english
def make_hospital(**fields):
    """A published hospital with only a name and a city."""
    n = next(_seq)
    defaults = {"name": f"Hospital {n}", "slug": f"hospital-{n}", "city": "Shanghai", "is_published": True}
    return Hospital.objects.create(**{**defaults, **fields})


@in_english
def make_hospital_contact(hospital, **fields):
    defaults = {"kind": "phone", "value": "+86 10 1234 5678", "purpose": ""}
    return HospitalContact.objects.create(hospital=hospital, **{**defaults, **fields})


@in_english
def make_doctor(conditions=(), **fields):
    """A published doctor; `conditions` are those they treat."""
    n = next(_seq)
    defaults = {"name": f"Doctor {n}", "slug": f"doctor-{n}", "title": "Dr.", "is_published": True}
    doctor = Doctor.objects.create(**{**defaults, **fields})
    doctor.conditions.set(conditions)
    return doctor


@in_english
def make_symptom(condition, **fields):
    n = next(_seq)
    return Symptom.objects.create(condition=condition, **{"name": f"Symptom {n}", "explanation": "Why.", **fields})


@in_english
def make_choice_reason(condition, **fields):
    """One of the “why patients choose us” points of a condition."""
    return ChoiceReason.objects.create(condition=condition, **{"text": f"Reason {next(_seq)}.", **fields})


@in_english
def make_glossary_term(condition, **fields):
    n = next(_seq)
    return GlossaryTerm.objects.create(condition=condition, **{"term": f"Term {n}", "explanation": "Means.",
                                                               **fields})


@in_english
def make_record_to_send(condition, **fields):
    """One item of what to send with a request about `condition`."""
    return RecordToSend.objects.create(condition=condition, **{"text": f"Record {next(_seq)}", **fields})


@in_english
def make_condition_treatment(condition, treatment, **fields):
    """Lists `treatment` among the treatment options on `condition`'s page."""
    return ConditionTreatment.objects.create(condition=condition, treatment=treatment, **fields)


@in_english
def make_statistic(condition, treatments=(), **fields):
    """A published outcome figure with its source, about `condition` and `treatments`."""
    n = next(_seq)
    defaults = {"title": f"Study {n}", "patient_group": "adults with relapsed disease",
                "regimen": "CAR-T", "measure": "cr", "value": Decimal("45.5"),
                "source_kind": "published", "is_published": True}
    statistic = OutcomeStatistic.objects.create(condition=condition, **{**defaults, **fields})
    statistic.treatments.set(treatments)
    return statistic


def fill_condition(condition, size):
    """Give a condition `size` of every kind of part: “Symptom 0”…, reasons, glossary terms,
    and treatments, each with an outcome figure."""
    for i in range(size):
        make_symptom(condition, position=i, name=f"Symptom {i}")
        make_choice_reason(condition, position=i, text=f"R{i}")
        make_glossary_term(condition, position=i, term=f"Term {i}")
        treatment = make_treatment()
        make_condition_treatment(condition, treatment, position=i, note="Used.")
        make_statistic(condition, [treatment])


@in_english
def make_story(condition, treatments=(), sections=1, questions=0, **fields):
    """A published patient story with consent on file.

    `sections` and `questions` are how many to make (“Part 0”…, “Q0?”…), or the
    (heading, body) and (question, answer) pairs themselves.
    """
    n = next(_seq)
    defaults = {"title": f"Story {n}", "slug": f"story-{n}", "display_name": f"Name {n}",
                "age_at_treatment": 40, "country": "RU", "outcome": "cr", "summary": "A summary.",
                "consent_on_file": True, "consent_date": "2026-01-01", "consent_scope": "Website",
                "is_published": True}
    story = PatientStory.objects.create(condition=condition, **{**defaults, **fields})
    story.treatments.set(treatments)
    if isinstance(sections, int):
        sections = [(f"Part {i}", "Text.") for i in range(sections)]
    if isinstance(questions, int):
        questions = [(f"Q{i}?", "A.") for i in range(questions)]
    # One by one: a row's text is saved in its translation, which bulk_create would skip.
    for i, (heading, body) in enumerate(sections):
        StorySection.objects.create(story=story, position=i, heading=heading, body=body)
    for i, (question, answer) in enumerate(questions):
        StoryQuestion.objects.create(story=story, position=i, question=question, answer=answer)
    return story


# --- files people upload -------------------------------------------------------------------------

def image_bytes(kind="PNG", size=(40, 30), mode="RGB", color=None, **save_options):
    """A picture of one colour (teal unless `color` is given) saved as `kind` (PNG, JPEG, GIF…);
    `save_options` go to Pillow's save: exif, icc_profile, comment, pnginfo…"""
    if color is None:
        color = "teal" if mode in ("RGB", "RGBA") else 1
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, kind, **save_options)
    return buffer.getvalue()


def noisy_png_bytes(size=(600, 600)):
    """A PNG of random pixels: it hardly compresses (600×600 is about 1 MB), for a slow upload."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, "PNG")
    return buffer.getvalue()


def camera_exif():
    """EXIF as a phone camera writes it: its make, and where the photo was taken (55.7558N)."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x010E] = "GPS 55.7558N 37.6173E"  # image description
    exif[0x8825] = {1: "N", 2: (55.0, 45.0, 21.0)}  # GPS IFD
    return exif.tobytes()


def zip_bytes(files):
    """A zip archive of {name: content}."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


PDF_ATTACKS = ("javascript", "launch", "embedded", "zip")


def pdf_bytes(*attacks, password=None):
    """A one-page PDF, the same bytes every time.

    `attacks` add what a hostile PDF carries: "javascript" (run on opening and as a named
    script), "launch" (page and link actions that start programs, beside an ordinary web
    link), "embedded" (an attached .exe) and "zip" (an archive appended after the PDF).
    `password` encrypts it.
    """
    unknown = set(attacks) - set(PDF_ATTACKS)
    assert not unknown, f"no such attack: {unknown}"
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    page = pdf.pages[0].obj
    if "javascript" in attacks:
        pdf.Root.OpenAction = pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=String("app.alert('js')")))
        pdf.Root.Names = Dictionary(JavaScript=Dictionary(Names=Array([
            String("doc"), pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=String("app.alert('named')")))])))
    if "launch" in attacks:
        page.AA = Dictionary(O=Dictionary(S=Name.Launch, F=String("calc.exe")))
        page.Annots = Array([
            pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 10, 10],
                                         A=Dictionary(S=Name.Launch, F=String("cmd.exe")))),
            pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 20, 10, 30],
                                         A=Dictionary(S=Name.URI, URI=String("https://www.example.org/")))),
        ])
    if "embedded" in attacks:
        pdf.attachments["payload.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ payload", filename="payload.exe")
    out = io.BytesIO()
    encryption = pikepdf.Encryption(user=password, owner=password) if password else False
    pdf.save(out, static_id=True, encryption=encryption)
    data = out.getvalue()
    if "zip" in attacks:
        data += zip_bytes({"evil.txt": "APPENDED-ZIP"})
    return data


PDF = pdf_bytes()


def uploaded_file(name="report.pdf", content=PDF, content_type="application/pdf"):
    """A file as a form upload receives it (a one-page PDF unless told otherwise)."""
    return SimpleUploadedFile(name, content, content_type=content_type)


def multipart_body(fields, files):
    """A multipart/form-data body built by hand, for what Django's test client will not send:
    `files` are (field name, file name, content, content type). Returns (body, content type)."""
    boundary = uuid.uuid4().hex
    body = bytearray()
    for name, value in fields.items():
        body += (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n').encode()
    for name, filename, content, content_type in files:
        body += (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                 f"Content-Type: {content_type}\r\n\r\n").encode() + content + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return bytes(body), f"multipart/form-data; boundary={boundary}"


# --- consultation requests -----------------------------------------------------------------------

CONSULT_MESSAGE = "Моему отцу 67 лет, миелома выявлена в марте. 他接受了两个周期的化疗。"


def consult_form_data(**overrides):
    """A valid consultation form submission, as a family member in Russian would send it; an
    override of None leaves the field out. Its condition must exist (the `myeloma` fixture)."""
    data = {
        "writer_role": "family",
        "full_name": "Анна Петровна Иванова",
        "email": "anna@example.org",
        "phone": "+7 912 345 67 89",
        "contact_channel": "whatsapp",
        "preferred_language": "ru",
        "patient_country": "Казахстан",
        "patient_age": "67",
        "condition": "multiple-myeloma",
        "message": CONSULT_MESSAGE,
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def make_consult_request(**fields):
    """A saved consultation request from a patient in China, its emails not yet sent."""
    defaults = {
        "writer_role": "patient", "full_name": "李明", "email": "li.ming@example.cn",
        "phone": "+86 138 0013 8000",
        "contact_channel": "wechat", "preferred_language": "zh-hans", "patient_country": "中国",
        "patient_age": 54, "condition_name": "Multiple myeloma", "message": CONSULT_MESSAGE,
        "privacy_notice_version": "2026-11-26", "consent_given_at": timezone.now(),
        "client_fingerprint": "0" * 64,
    }
    return ConsultRequest.objects.create(**{**defaults, **fields})


def advance_consult_request(consult_request, *statuses, by=None):
    """Move a request through `statuses` in turn, each change recorded in its history as the admin
    records it (no email to the family). Returns the request."""
    for status in statuses:
        consult_request.status = status
        consult_request.save(update_fields=["status", "updated_at"])
        record_status_change(consult_request, by=by)
    return consult_request


def make_consult_attachment(consult_request, content=PDF, name="report.pdf", content_type="application/pdf"):
    """A file attached to `consult_request`, stored privately as it is (not through the form's checks)."""
    attachment = ConsultAttachment(request=consult_request, original_name=name, content_type=content_type,
                                   size=len(content))
    attachment.file.save("upload", ContentFile(content), save=False)
    attachment.save()
    return attachment


# --- people --------------------------------------------------------------------------------------

PASSWORD = "a-long-password-1"


def make_user(username, password=PASSWORD, **fields):
    """A user who can log in, <username>@example.org; not staff unless `is_staff=True`."""
    return User.objects.create_user(username, f"{username}@example.org", password, **fields)


def make_staff_user(username, role=None, **fields):
    """A staff member, in `role` (a group from core.roles) when one is given."""
    user = make_user(username, is_staff=True, **fields)
    if role:
        user.groups.add(setup_roles()[role])
    return user


def make_coordinator(username="coordinator"):
    """A patient coordinator: reads and triages consultation requests."""
    return make_staff_user(username, PATIENT_COORDINATORS)


def make_content_editor(username="content-editor"):
    """A content editor: edits conditions, treatments and stories, never sees requests."""
    return make_staff_user(username, CONTENT_EDITORS)
