import logging
import math
import uuid

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import (
    BadRequest,
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import FileResponse, Http404, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET
from django.views.generic import FormView, TemplateView

from conditions.models import Condition
from core.views import PageMixin

from .forms import ConsultRequestForm, ConsultStatusForm
from .models import ConsultAttachment, ConsultRequest, client_fingerprint, reply_time_promise
from .services import (
    RateLimited,
    already_received,
    client_ip,
    record_status_lookup,
    record_upload_attempt,
    retry_time,
    submit,
)
from .uploads import ConsultUploadHandler, keep_fields_read_before_a_refusal, size_limit_text

logger = logging.getLogger(__name__)

# The reference shown on the thanks page; kept (not popped) so a reload shows it again.
SESSION_REFERENCE = "consult_reference"


def no_store(response):
    # Pages that may hold what a family typed stay out of shared and back/forward caches.
    patch_cache_control(response, private=True, no_store=True)
    return response


class ConsultRequestView(PageMixin, FormView):
    cache_main_rendering = False
    template_name = "consult/request_form.html"
    form_class = ConsultRequestForm
    success_url = reverse_lazy("consult:thanks")
    page_title = gettext_lazy("Request a consultation")
    upload_refusals = None
    refusal = None
    # ?condition= chooses the condition (links from condition pages); other parameters are dropped.
    page_cache_query_params = ("condition",)

    @method_decorator(csrf_exempt)
    def dispatch(self, request, *args, **kwargs):
        # Reading the body here, before the CSRF check would, lets the upload handler
        # stop oversized files while they stream and turns Django's request-size errors
        # into a page the sender understands instead of a bare 400.
        if request.method == "POST":
            refused = self._read_body(request)
            if refused is not None:
                return no_store(refused)
        return no_store(csrf_protect(super().dispatch)(request, *args, **kwargs))

    def get_rendering_key(self):
        # An answer to a POST may show errors ("Error:" in the title) or a refusal: rendered whole.
        return super().get_rendering_key() if self.request.method == "GET" else None

    def get_page_description(self):
        when = reply_time_promise()
        if when:
            return _("Ask GoBroad's blood cancer specialists about a diagnosis or treatment. A patient coordinator "
                     "replies, %(when)s.") % {"when": when}
        return _("Ask GoBroad's blood cancer specialists about a diagnosis or treatment. A patient coordinator "
                 "replies.")

    def _read_body(self, request):
        if not hasattr(request, "_files"):
            self.upload_refusals = ConsultUploadHandler(request)
            request.upload_handlers.insert(0, self.upload_refusals)
            keep_fields_read_before_a_refusal(request)
        try:
            request.POST  # noqa: B018 - parses the body with the handlers above
            request.FILES  # noqa: B018
        except (TooManyFilesSent, RequestDataTooBig, TooManyFieldsSent, MultiPartParserError, BadRequest,
                UnreadablePostError) as error:
            logger.info("Consultation form refused while parsing: %s", type(error).__name__)
            message, status = self._refusal_for(error)
            return self._refuse(message, status, typed=getattr(error, "fields_read", None))
        return None

    @staticmethod
    def _refusal_for(error):
        limits = {"count": settings.CONSULT_MAX_FILES, "size": size_limit_text()}
        if isinstance(error, TooManyFilesSent):
            return _("You chose more files than we can receive: please attach at most %(count)d, each at most "
                     "%(size)s. Everything you typed is kept below; choose your files again and send.") % limits, 413
        if isinstance(error, RequestDataTooBig):
            return _("What you sent was too large for us to receive. Please attach at most %(count)d files, "
                     "each at most %(size)s, and try again.") % limits, 413
        return _("We could not read what your browser sent. A file with a very long name can cause this: "
                 "give it a shorter name, for example “report.pdf”, and choose it again."), 400

    def _refuse(self, message, status, typed=None):
        """The form again with `message`; what was typed before the refusal is filled back in."""
        self.refusal = message
        form = self.form_class(initial=self._initial_from(typed))
        return self.render_to_response(self.get_context_data(form=form), status=status)

    def _initial_from(self, typed):
        if not typed:
            return self.get_initial()
        form = self.form_class()
        return {name: typed.get(name) for name in form.fields if name in typed and name != "website"}

    def get(self, request, *args, **kwargs):
        # The empty form is built only if its fragments have to be rendered: all a kept rendering
        # lacks is the visitor's own tokens.
        return self.render_to_response(self.get_context_data(form=SimpleLazyObject(self.get_form)))

    def get_initial(self):
        initial = super().get_initial()
        slug = self.request.GET.get("condition", "")
        if slug:
            initial["condition"] = slug  # ignored by the select unless it is a published condition
        return initial

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["upload_refusals"] = self.upload_refusals
        return kwargs

    def post(self, request, *args, **kwargs):
        if request.POST.get("website", "").strip():
            # Looks like any other success to the bot; nothing is saved or shown.
            logger.info("Consultation form honeypot filled in; submission discarded")
            request.session.pop(SESSION_REFERENCE, None)
            return redirect(self.success_url)
        if earlier := already_received(request.POST.get("submission_token"), request.POST.get("email"),
                                       request.POST.get("message")):
            # This form was saved already: the first send's answer, nothing saved or counted again.
            request.session[SESSION_REFERENCE] = earlier.reference
            return redirect(self.success_url)
        fingerprint = client_fingerprint(client_ip(request))
        # Cheap checks first, so a client over a limit costs no decoding.
        try:
            if request.FILES or (self.upload_refusals and self.upload_refusals.files_seen):
                record_upload_attempt(fingerprint)
            retry_at = retry_time(fingerprint)
        except RateLimited as limited:
            retry_at = limited.retry_at
        if retry_at is not None:
            return self.rate_limited(self.form_class(data=request.POST, upload_refusals=None), retry_at)
        form = self.get_form()
        if not form.is_valid():
            return self.form_invalid(form)
        try:
            consult_request = submit(form, fingerprint)
        except RateLimited as limited:
            return self.rate_limited(form, limited.retry_at)
        request.session[SESSION_REFERENCE] = consult_request.reference
        return redirect(self.success_url)

    def rate_limited(self, form, retry_at):
        minutes = max(1, math.ceil((retry_at - timezone.now()).total_seconds() / 60))
        self.refusal = ngettext(
            "We have received several requests from your connection in the last hour, the most we accept. "
            "Everything you typed is kept below: please send it again in about %(minutes)d minute. If you "
            "have already sent your request, there is no need to send it again: we will reply.",
            "We have received several requests from your connection in the last hour, the most we accept. "
            "Everything you typed is kept below: please send it again in about %(minutes)d minutes. If you "
            "have already sent your request, there is no need to send it again: we will reply.",
            minutes,
        ) % {"minutes": minutes}
        response = self.render_to_response(self.get_context_data(form=form), status=429)
        response["Retry-After"] = str(minutes * 60)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        answering_a_post = self.request.method == "POST"  # the form is bound, or refused with a message
        has_errors = bool(self.refusal) or (answering_a_post and bool(context["form"].errors))
        context.update(has_errors=has_errors, refusal=self.refusal, submission_token=self.submission_token(),
                       form_rendering_key=None if answering_a_post else self.empty_form_rendering_key())
        return context

    def submission_token(self):
        """The token sent back with the form: the one posted, so that a post sent twice is saved once
        (ConsultRequest.submission_token), else a new one."""
        return (self.request.POST.get("submission_token", "") if self.request.method == "POST" else "") \
            or uuid.uuid4()

    def empty_form_rendering_key(self):
        """What the rendered empty form varies by (the condition chosen with ?condition=), so that it
        is kept as a fragment."""
        slug = self.get_initial().get("condition", "")
        chosen = slug and Condition.objects.published().filter(slug=slug).exists()
        return f"condition={slug if chosen else ''}"


@method_decorator(require_GET, name="dispatch")
class ConsultThanksView(PageMixin, TemplateView):
    cache_rendering = False
    template_name = "consult/thanks.html"
    page_title = gettext_lazy("Thank you: your request has been sent")
    page_description = gettext_lazy("What happens after you send a consultation request.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reference = self.request.session.get(SESSION_REFERENCE)
        sent = ConsultRequest.objects.select_related("condition").filter(reference=reference).first() if reference \
            else None
        context.update(reference=reference, summary=sent.summary() if sent else None)
        return context

    def render_to_response(self, context, **kwargs):
        return no_store(super().render_to_response(context, **kwargs))


class ConsultStatusView(PageMixin, FormView):
    """Where a family follows a request: its reference and the email address it was sent with show
    its stage and the date of each change, and nothing else.

    A wrong address, an unknown reference and a request marked as spam get the same answer,
    and each client may look only so often an hour. The page is never cached: it carries a
    CSRF token and, once answered, what was typed.
    """
    cache_rendering = False

    template_name = "consult/status.html"
    form_class = ConsultStatusForm
    page_title = gettext_lazy("Follow your request")
    page_description = gettext_lazy(
        "See how far your consultation request has got, with its reference number and the email address you used."
    )
    # ?reference= fills in the reference (links from the thanks page and our emails).
    page_cache_query_params = ("reference",)
    refusal = None
    not_found = False

    def dispatch(self, request, *args, **kwargs):
        return no_store(super().dispatch(request, *args, **kwargs))

    def get_initial(self):
        reference = self.request.GET.get("reference", "").strip()[:40]
        return {"reference": reference} if reference else {}

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        try:
            record_status_lookup(client_fingerprint(client_ip(request)))
        except RateLimited as limited:
            return self.rate_limited(form, limited.retry_at)
        if not form.is_valid():
            return self.form_invalid(form)
        found = ConsultRequest.objects.for_family(form.cleaned_data["reference"], form.cleaned_data["email"])
        if found is None:
            self.not_found = True
            return self.render_to_response(self.get_context_data(form=form))
        return self.render_to_response(self.get_context_data(
            form=None, reference=found.reference, stage=found.family_stage, history=found.family_history()))

    def rate_limited(self, form, retry_at):
        minutes = max(1, math.ceil((retry_at - timezone.now()).total_seconds() / 60))
        self.refusal = ngettext(
            "You have looked up requests many times from your connection in the last hour, the most we allow. "
            "What you typed is kept below: please try again in about %(minutes)d minute.",
            "You have looked up requests many times from your connection in the last hour, the most we allow. "
            "What you typed is kept below: please try again in about %(minutes)d minutes.",
            minutes,
        ) % {"minutes": minutes}
        response = self.render_to_response(self.get_context_data(form=form), status=429)
        response["Retry-After"] = str(minutes * 60)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context.get("form")
        has_errors = bool(self.refusal or self.not_found or (form is not None and form.is_bound and form.errors))
        context.update(has_errors=has_errors, refusal=self.refusal, not_found=self.not_found)
        return context


def attachment_download(request, pk):
    """A stored report, only for staff who may view consultation requests."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if not (user.is_active and user.is_staff and user.has_perm("consult.view_consultrequest")):
        raise PermissionDenied
    attachment = get_object_or_404(ConsultAttachment.objects.select_related("request"), pk=pk)
    try:
        handle = attachment.file.storage.open(attachment.file.name, "rb")
    except FileNotFoundError:
        raise Http404("The file is missing from storage.") from None
    logger.info("Attachment %s of consultation request %s downloaded by user %s",
                attachment.pk, attachment.request.reference, user.pk)
    response = FileResponse(handle, as_attachment=True, filename=attachment.download_name,
                            content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return no_store(response)
