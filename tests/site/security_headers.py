"""The security headers every response carries, and a check for them."""

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
       "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'")
EXPECTED = {
    "Content-Security-Policy": CSP,
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
}


def directives(policy):
    return {part.strip() for part in policy.split(";") if part.strip()}


def assert_security_headers(response):
    for name, value in EXPECTED.items():
        actual = response.get(name, "")
        if name == "Content-Security-Policy":  # django-csp does not keep directive order
            actual, value = directives(actual), directives(value)
        assert actual == value, f"{name} on {response.status_code}: {response.get(name)!r}"
