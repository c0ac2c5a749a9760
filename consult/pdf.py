"""Medical reports sent as PDF: parsed with qpdf (through pikepdf) and written afresh, disarmed.

Coordinators open these files on their own machines, so a stored PDF keeps its pages and
what they show, and loses whatever could act on its own: scripts, actions run on opening
or on other events, launches of programs, form submission, embedded files and XFA forms.
Links to web pages and within the document stay. Writing the file anew drops anything
after the end of the PDF (an appended archive, say) and turns a damaged cross-reference
table into a valid one.
"""

import io

import pikepdf
from pikepdf import Array, Dictionary, Name

# Action types that only move within the document or open a web address.
SAFE_ACTIONS = {"/GoTo", "/Named", "/URI"}
SAFE_URI_SCHEMES = ("http://", "https://", "mailto:")
# Annotations that carry files, media or scripts of their own.
UNSAFE_ANNOTATIONS = {"/FileAttachment", "/Movie", "/Sound", "/Screen", "/RichMedia", "/3D"}


class NotAPdf(Exception):
    pass


class PasswordProtected(Exception):
    pass


def disarm_pdf(data):
    """The bytes of a rewritten, disarmed copy of `data`, or NotAPdf / PasswordProtected."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise PasswordProtected() from None
    except (pikepdf.PdfError, ValueError, RuntimeError):
        raise NotAPdf() from None
    with pdf:
        try:
            if len(pdf.pages) == 0:
                raise NotAPdf()
            for page in pdf.pages:
                _remove_unsafe_annotations(page.obj)
            for obj in pdf.objects:
                _disarm(obj)
            _disarm(pdf.trailer)
            out = io.BytesIO()
            # Streams are copied as they are (never decompressed), so a compression bomb stays inert.
            pdf.save(out, stream_decode_level=pikepdf.StreamDecodeLevel.none, linearize=False,
                     fix_metadata_version=False)
        except (pikepdf.PdfError, ValueError, RuntimeError, KeyError, TypeError):
            raise NotAPdf() from None
    return out.getvalue()


def _remove_unsafe_annotations(page):
    annotations = page.get("/Annots")
    if not isinstance(annotations, Array):
        return
    kept = [a for a in annotations if not (isinstance(a, Dictionary) and a.get("/Subtype") in UNSAFE_ANNOTATIONS)]
    if len(kept) != len(annotations):
        page.Annots = Array(kept)


def _disarm(obj, depth=0):
    """Strip what could act from a dictionary and the direct objects inside it.

    Indirect objects are reached from `pdf.objects` one by one, so only direct
    children are followed here.
    """
    if depth > 50:
        return
    if isinstance(obj, pikepdf.Stream):
        obj = obj.stream_dict
    if isinstance(obj, Dictionary):
        for key in ("/AA", "/OpenAction", "/JS", "/XFA", "/EF", "/RichMediaContent"):
            if key in obj:
                del obj[key]
        names = obj.get("/Names")
        if isinstance(names, Dictionary):
            for key in ("/JavaScript", "/EmbeddedFiles"):
                if key in names:
                    del names[key]
        if "/A" in obj and not _is_safe_action(obj.get("/A")):
            del obj["/A"]
        if obj.get("/S") is not None and "/Next" in obj:
            del obj["/Next"]
        children = [obj.get(key) for key in list(obj.keys())]
    elif isinstance(obj, Array):
        children = list(obj)
    else:
        return
    for child in children:
        if isinstance(child, (Dictionary, Array, pikepdf.Stream)) and not child.is_indirect:
            _disarm(child, depth + 1)


def _is_safe_action(action):
    if not isinstance(action, Dictionary):
        return False
    kind = action.get("/S")
    if kind not in SAFE_ACTIONS:
        return False
    if kind == Name.URI:
        return str(action.get("/URI", "")).strip().lower().startswith(SAFE_URI_SCHEMES)
    return True
