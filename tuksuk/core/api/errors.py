"""Every API error is JSON with a ``message`` in the caller's language, and field errors under ``errors``."""

import logging

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger(__name__)

MESSAGES = {
    status.HTTP_400_BAD_REQUEST: lambda: _("ข้อมูลไม่ถูกต้อง"),
    status.HTTP_401_UNAUTHORIZED: lambda: _("กรุณาเข้าสู่ระบบ"),
    status.HTTP_403_FORBIDDEN: lambda: _("คุณไม่มีสิทธิ์ทำรายการนี้"),
    status.HTTP_404_NOT_FOUND: lambda: _("ไม่พบข้อมูล"),
    status.HTTP_405_METHOD_NOT_ALLOWED: lambda: _("ไม่รองรับคำสั่งนี้"),
    status.HTTP_429_TOO_MANY_REQUESTS: lambda: _("มีคำขอมากเกินไป กรุณาลองใหม่ภายหลัง"),
}


def exception_handler(exc, context):  # type: ignore[no-untyped-def]
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, RequestDataTooBig):
        # Django refuses a body over DATA_UPLOAD_MAX_MEMORY_SIZE while DRF reads it; too many fields or files are
        # the SuspiciousOperation below. Both are bad input (400), not a server error.
        exc = exceptions.ParseError(_("ข้อมูลที่ส่งมามีขนาดใหญ่เกินกว่าที่ระบบรับได้"))
    elif isinstance(exc, SuspiciousOperation):
        exc = exceptions.ParseError(_("คำขอไม่ถูกต้อง"))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        logger.exception("Unhandled API error", exc_info=exc)
        return Response({"message": _("เกิดข้อผิดพลาดภายในระบบ")}, status=status.HTTP_500_INTERNAL_SERVER_ERROR)
    body: dict = {"message": MESSAGES.get(response.status_code, lambda: _("คำขอไม่สำเร็จ"))()}
    if isinstance(exc, exceptions.ValidationError):
        body["errors"] = response.data
    elif isinstance(exc, exceptions.APIException) and str(exc.detail) != str(exc.default_detail):
        # A message the view chose on purpose (e.g. throttling wait time) is kept.
        body["message"] = str(exc.detail)
    response.data = body
    return response
