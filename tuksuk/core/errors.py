"""Error pages in the user's language, never a stack trace. API paths answer JSON."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def _respond(request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"message": title}, status=status)
    return render(request, "core/error.html", {"status": status, "title": title, "text": text}, status=status)


def not_found(request: HttpRequest, exception=None) -> HttpResponse:  # type: ignore[no-untyped-def]
    return _respond(request, 404, _("ไม่พบข้อมูล"), _("ไม่พบหน้าหรือข้อมูลที่ต้องการ หรือข้อมูลนี้อยู่นอกพื้นที่ที่คุณรับผิดชอบ"))


def forbidden(request: HttpRequest, exception=None) -> HttpResponse:  # type: ignore[no-untyped-def]
    return _respond(request, 403, _("ไม่มีสิทธิ์เข้าถึง"), _("บัญชีของคุณไม่มีสิทธิ์ทำรายการนี้"))


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:  # type: ignore[no-untyped-def]
    return _respond(request, 400, _("คำขอไม่ถูกต้อง"), _("กรุณาตรวจสอบข้อมูลแล้วลองใหม่"))


def server_error(request: HttpRequest) -> HttpResponse:
    return _respond(request, 500, _("เกิดข้อผิดพลาดภายในระบบ"), _("ระบบได้บันทึกปัญหาไว้แล้ว กรุณาลองใหม่อีกครั้ง"))


def user_message(exc: Exception, separator: str = " ") -> str:
    """What a refused change (ValidationError, PermissionDenied) tells the user, already in their language."""
    messages = getattr(exc, "messages", None) or [str(exc)]
    return separator.join(str(m) for m in messages if m) or _("คุณไม่มีสิทธิ์ทำรายการนี้")
