"""Shared helpers for the consult tests (no tests here)."""

import io
import uuid

import pikepdf
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from conditions.models import Condition
from consult.models import ConsultAttachment, ConsultRequest
from core.roles import CONTENT_EDITORS, PATIENT_COORDINATORS, setup_roles


def one_page_pdf():
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    out = io.BytesIO()
    pdf.save(out, static_id=True)
    return out.getvalue()


PDF = one_page_pdf()
MESSAGE = "Моему отцу 67 лет, миелома выявлена в марте. 他接受了两个周期的化疗。"


def condition(slug="multiple-myeloma", name="Multiple myeloma", published=True):
    return Condition.objects.get_or_create(slug=slug, defaults={
        "name": name, "summary": "A blood cancer.", "overview": "Overview.", "is_published": published,
    })[0]


def form_data(**overrides):
    """A valid submission; the condition must exist (see `condition()`)."""
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
        "message": MESSAGE,
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def upload(name="report.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def image_bytes(kind="PNG", size=(40, 30), mode="RGB", **save_options):
    buffer = io.BytesIO()
    Image.new(mode, size, "teal" if mode == "RGB" else 1).save(buffer, kind, **save_options)
    return buffer.getvalue()


def make_request(**overrides):
    fields = {
        "writer_role": "patient", "full_name": "李明", "email": "li.ming@example.cn",
        "phone": "+86 138 0013 8000",
        "contact_channel": "wechat", "preferred_language": "zh-hans", "patient_country": "中国",
        "patient_age": 54, "condition_name": "Multiple myeloma", "message": MESSAGE,
        "privacy_notice_version": "2026-11-26", "consent_given_at": timezone.now(),
        "client_fingerprint": "0" * 64,
    }
    fields.update(overrides)
    return ConsultRequest.objects.create(**fields)


def attach(consult_request, content=PDF, name="report.pdf", content_type="application/pdf"):
    attachment = ConsultAttachment(request=consult_request, original_name=name, content_type=content_type,
                                   size=len(content))
    attachment.file.save("upload", ContentFile(content), save=False)
    attachment.save()
    return attachment


def staff_user(username, group=None, **extra):
    user = User.objects.create_user(username, f"{username}@example.org", "a-long-password-1", is_staff=True,
                                    **extra)
    if group:
        groups = setup_roles()
        user.groups.add(groups[group] if isinstance(group, str) else group)
    return user


def coordinator(username="coordinator"):
    return staff_user(username, PATIENT_COORDINATORS)


def editor(username="content-editor"):
    return staff_user(username, CONTENT_EDITORS)


def multipart(fields, files):
    """A multipart/form-data body built by hand, for what Django's test client will not send."""
    boundary = uuid.uuid4().hex
    body = bytearray()
    for name, value in fields.items():
        body += (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n').encode()
    for name, filename, content, content_type in files:
        body += (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                 f"Content-Type: {content_type}\r\n\r\n").encode() + content + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return bytes(body), f"multipart/form-data; boundary={boundary}"
