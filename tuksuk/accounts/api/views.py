from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from .serializers import MeSerializer, MessageSerializer, TokenRequestSerializer, TokenResponseSerializer


class TokenView(APIView):
    """Exchange a username and password for an API token (header ``Authorization: Token …``).

    Failed attempts count toward the same lockout as the login page. A user with two-factor login on must also
    send ``otp`` (a current code from the app, or a backup code); a user whose role requires two-factor login
    and who has not set it up gets no token.
    """

    permission_classes = (AllowAny,)
    authentication_classes = ()
    throttle_classes = (ScopedRateThrottle,)
    throttle_scope = "login"

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: TokenResponseSerializer,
            400: OpenApiResponse(MessageSerializer, description="Wrong username, password or two-factor code."),
            403: OpenApiResponse(MessageSerializer, description="The role requires two-factor login: set it up first."),
            429: OpenApiResponse(MessageSerializer, description="Locked out after repeated failures."),
        },
        auth=[],
    )
    def post(self, request):  # type: ignore[no-untyped-def]
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        credentials = {key: serializer.validated_data[key] for key in ("username", "password")}
        user = authenticate(request=request._request, **credentials)
        if getattr(request._request, "axes_locked_out", False):
            return Response(
                {"message": _("บัญชีนี้ถูกระงับชั่วคราวเพราะใส่รหัสผ่านผิดหลายครั้ง กรุณาลองใหม่ภายหลัง")},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        if user is None or not user.is_active:
            return Response({"message": _("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง")}, status=status.HTTP_400_BAD_REQUEST)
        refused = _second_factor_refusal(user, serializer.validated_data.get("otp", ""))
        if refused is not None:
            return refused
        token, _created = Token.objects.get_or_create(user=user)
        from tuksuk.audit.choices import AccessAction
        from tuksuk.audit.services import write_access

        write_access(
            AccessAction.LOGIN,
            user=user,
            object_type="accounts.user",
            object_id=str(user.pk),
            detail={"via": "api-token"},
        )
        return Response({"token": token.key})


def _second_factor_refusal(user, otp: str) -> Response | None:  # type: ignore[no-untyped-def]
    """``None`` when the user may have a token; otherwise the refusal (two-factor on and no valid code, or
    two-factor required by the role and not set up)."""
    from tuksuk.accounts import services, twofactor

    if not twofactor.has_two_factor(user):
        if twofactor.is_required_for(user):
            message = _("บทบาทของคุณต้องเปิดใช้การยืนยันตัวตนสองชั้นก่อน กรุณาตั้งค่าที่หน้าเว็บ")
            return Response({"message": message}, status=status.HTTP_403_FORBIDDEN)
        return None
    if not otp:
        message = _("บัญชีนี้เปิดใช้การยืนยันตัวตนสองชั้น กรุณาส่งรหัส 6 หลักจากแอปในช่อง otp")
        return Response({"message": message, "otp_required": True}, status=status.HTTP_400_BAD_REQUEST)
    try:
        device = services.verify_code(user, otp, purpose="api")
    except ValidationError as error:
        return Response({"message": error.messages[0], "otp_required": True}, status=status.HTTP_400_BAD_REQUEST)
    services.log_security_event(services.SecurityEvent.OTP_VERIFIED, user, device=device.model_label(), via="api-token")
    return None


class MeView(APIView):
    """The caller: name and active role assignments."""

    @extend_schema(responses=MeSerializer)
    def get(self, request):  # type: ignore[no-untyped-def]
        return Response(MeSerializer(request.user).data)
