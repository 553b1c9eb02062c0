"""Response headers Django does not set by itself."""


class PermissionsPolicyMiddleware:
    """Turn off browser features the site never uses, so no page can ask for them."""

    header = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response
