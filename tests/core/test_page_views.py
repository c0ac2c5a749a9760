"""What a page's kept fragments are told apart by."""

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from gobroad_site.views import PageView


class _OneView(PageView):
    pass


class _AnotherView(PageView):
    pass


def _rendering_key(view_class, path):
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    view = view_class()
    view.setup(request)
    return view.get_rendering_key()


def test_two_views_answering_one_address_never_share_kept_fragments():
    assert _rendering_key(_OneView, "/en/x/") != _rendering_key(_AnotherView, "/en/x/")
    assert _rendering_key(_OneView, "/en/x/") == _rendering_key(_OneView, "/en/x/")
    assert _rendering_key(_OneView, "/en/x/") != _rendering_key(_OneView, "/en/y/")
