"""Record every permission denial in the audit trail."""

from django.core.exceptions import PermissionDenied

from .services import record_event


class PermissionDeniedAuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            user = request.user if request.user.is_authenticated else None
            record_event("permission_denied", request=request, actor=user, target=user)
        return None
