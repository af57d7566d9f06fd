from django.conf import settings
from django.http import HttpRequest


def tuksuk(request: HttpRequest) -> dict:
    return {"PROGRAMME_YEAR": settings.TUKSUK_PROGRAMME_YEAR, "DEBUG": settings.DEBUG}
