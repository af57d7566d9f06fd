from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from .serializers import MeSerializer, TokenRequestSerializer, TokenResponseSerializer


class TokenView(APIView):
    """Exchange a username and password for an API token (header ``Authorization: Token …``).

    Failed attempts count toward the same lockout as the login page.
    """

    permission_classes = (AllowAny,)
    authentication_classes = ()
    throttle_classes = (ScopedRateThrottle,)
    throttle_scope = "login"

    @extend_schema(request=TokenRequestSerializer, responses={200: TokenResponseSerializer}, auth=[])
    def post(self, request):  # type: ignore[no-untyped-def]
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(request=request._request, **serializer.validated_data)
        if getattr(request._request, "axes_locked_out", False):
            return Response(
                {"message": _("บัญชีนี้ถูกระงับชั่วคราวเพราะใส่รหัสผ่านผิดหลายครั้ง กรุณาลองใหม่ภายหลัง")},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        if user is None or not user.is_active:
            return Response({"message": _("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง")}, status=status.HTTP_400_BAD_REQUEST)
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


class MeView(APIView):
    """The caller: name and active role assignments."""

    @extend_schema(responses=MeSerializer)
    def get(self, request):  # type: ignore[no-untyped-def]
        return Response(MeSerializer(request.user).data)
