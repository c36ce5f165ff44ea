"""Security headers Django and django-csp do not set: Permissions-Policy.

The Content-Security-Policy itself is django-csp's (``CONTENT_SECURITY_POLICY`` in
settings); Cross-Origin-Opener-Policy, HSTS, nosniff and Referrer-Policy come from
Django's ``SecurityMiddleware``.
"""

# Pauta needs none of these browser features; deny them to every frame and origin.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


class PermissionsPolicyMiddleware:
    """Add ``Permissions-Policy`` to every response that does not already carry one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
