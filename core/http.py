"""HTTP details Django leaves to the server."""


def head_without_body(get_response):
    """Answer HEAD like GET, without the body (gunicorn warns about and drops one sent)."""

    def middleware(request):
        response = get_response(request)
        if request.method == "HEAD" and not response.streaming:
            length = response.get("Content-Length", str(len(response.content)))
            response.content = b""
            response["Content-Length"] = length
        return response

    return middleware
