from django.views.generic import TemplateView


class ConsultRequestView(TemplateView):
    template_name = "consult/request_form.html"


class ConsultThanksView(TemplateView):
    template_name = "consult/thanks.html"
