"""Shared pytest fixtures. The reference areas are loaded once per test database (not per test)."""

import pytest

from tuksuk.core.testing import make_user


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    from tuksuk.agencies.reference import load_agencies
    from tuksuk.areas.reference import load_areas, load_pilots
    from tuksuk.indicators.reference import load_indicators

    with django_db_blocker.unblock():
        load_areas()
        load_pilots()
        load_indicators()
        load_agencies()


@pytest.fixture
def ministry_admin(db):  # type: ignore[no-untyped-def]
    return make_user("ministry_admin")


@pytest.fixture
def district_chief(db):  # type: ignore[no-untyped-def]
    """นายอำเภอเชียงของ (5703, a pilot district of Chiang Rai)."""
    return make_user("district_chief", "5703")


@pytest.fixture
def other_district_chief(db):  # type: ignore[no-untyped-def]
    """นายอำเภอเทพา (9005, Songkhla): another province entirely."""
    return make_user("district_chief", "9005")


@pytest.fixture
def nobody(db):  # type: ignore[no-untyped-def]
    """A user with no role assignment: sees nothing."""
    return make_user()


@pytest.fixture
def client_for(client):  # type: ignore[no-untyped-def]
    """``client_for(user)``: the test client logged in as ``user`` (Thai UI)."""

    def login(user):  # type: ignore[no-untyped-def]
        client.force_login(user)
        return client

    return login


@pytest.fixture
def api_for():  # type: ignore[no-untyped-def]
    """``api_for(user)``: a DRF API client authenticated with the user's token."""
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    def make(user=None):  # type: ignore[no-untyped-def]
        api = APIClient()
        if user is not None:
            token, _ = Token.objects.get_or_create(user=user)
            api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return api

    return make


@pytest.fixture(autouse=True)
def empty_cache():  # type: ignore[no-untyped-def]
    """Each test starts with an empty cache (the public pages' rendered copies among it): the database was rolled
    back after the test before, the cache was not."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def thai_by_default():  # type: ignore[no-untyped-def]
    """Each test starts in the Thai UI, whatever language an earlier request switched to."""
    from django.utils import translation

    translation.activate("th")
    yield
    translation.deactivate()
