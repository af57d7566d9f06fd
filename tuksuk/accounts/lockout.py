"""What a locked-out login attempt gets (django-axes): a JSON message on the API, a Thai page elsewhere."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

LOCKED_STATUS = 429


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:  # type: ignore[no-untyped-def]
    if request.path.startswith("/api/"):
        message = _("บัญชีนี้ถูกระงับชั่วคราวเพราะใส่รหัสผ่านผิดหลายครั้ง กรุณาลองใหม่ภายหลัง")
        return JsonResponse({"message": message}, status=LOCKED_STATUS)
    return render(request, "accounts/locked_out.html", status=LOCKED_STATUS)
