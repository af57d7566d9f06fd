"""The record of processing activities names every model that holds personal data, with fields that exist."""

import io

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from tuksuk.governance import ropa

# Apps whose every model must be classified: named by an activity, or in NOT_PERSONAL with a reason.
WALKED_APPS = ("households", "cases", "accounts", "training", "privacy", "governance")
# In the project's other apps, a field with one of these names marks a model as holding personal data.
PERSONAL_FIELD_NAMES = frozenset(
    {
        "full_name",
        "head_name",
        "first_name",
        "last_name",
        "email",
        "phone",
        "birth_date",
        "citizen_id_hash",
        "citizen_id_encrypted",
        "subject_name",
        "contact",
        "who",
        "facilitator",
        "ip",
        "ip_address",
        "latitude",
        "longitude",
    }
)
# A link to one of these makes a model's rows about that person or household.
PERSON_MODELS = frozenset(
    {"households.household", "households.member", "training.participant", "learning.participant", "cases.story"}
)


def _models(app_label):  # type: ignore[no-untyped-def]
    try:
        config = apps.get_app_config(app_label)
    except LookupError:  # an app that is not there (yet) has nothing to list
        return []
    return [m for m in config.get_models() if not m._meta.auto_created and not m._meta.proxy]


def _holds_personal_data(model) -> bool:  # type: ignore[no-untyped-def]
    for field in model._meta.get_fields():
        if field.auto_created and not field.concrete:
            continue
        if field.name in PERSONAL_FIELD_NAMES:
            return True
        related = getattr(field, "related_model", None)
        is_link = isinstance(field, models.ForeignKey | models.OneToOneField) and related is not None
        if is_link and related._meta.label_lower in PERSON_MODELS:
            return True
    return False


def test_every_model_of_the_walked_apps_is_classified():
    named, not_personal = ropa.named_models(), set(ropa.NOT_PERSONAL)
    missing = [
        m._meta.label
        for app in WALKED_APPS
        for m in _models(app)
        if m._meta.label not in named and m._meta.label not in not_personal
    ]
    assert not missing, f"Add these models to tuksuk/governance/ropa.py (an activity, or NOT_PERSONAL): {missing}"


def test_every_project_model_with_personal_data_is_named():
    named = ropa.named_models()
    unnamed = [
        m._meta.label
        for config in apps.get_app_configs()
        if config.name.startswith("tuksuk.")
        for m in _models(config.label)
        if _holds_personal_data(m) and m._meta.label not in named
    ]
    assert not unnamed, f"These models hold personal data but no ROPA activity names them: {unnamed}"


def test_named_models_and_fields_exist():
    for activity in ropa.ACTIVITIES:
        for holding in activity.holdings:
            app_label, _name = holding.model.split(".")
            if app_label not in {c.label for c in apps.get_app_configs()}:
                continue  # an optional third-party app (e.g. axes) that is not installed here
            model = apps.get_model(holding.model)
            names = {f.name for f in model._meta.get_fields()}
            unknown = set(holding.fields) - names
            assert not unknown, f"{activity.code}: {holding.model} has no fields {sorted(unknown)}"


def test_not_personal_models_exist_and_are_not_also_named():
    installed = {c.label for c in apps.get_app_configs()}
    for label in ropa.NOT_PERSONAL:
        if label.split(".")[0] in installed:
            assert apps.get_model(label)
        assert label not in ropa.named_models()


def test_the_household_data_is_covered_field_by_field():
    member = next(h for a in ropa.ACTIVITIES for h in a.holdings if h.model == "households.Member")
    assert {"citizen_id_encrypted", "bedridden", "disabled", "chronic_illness"} <= set(member.fields)


def test_each_activity_has_a_basis_retention_and_no_transfer_abroad():
    codes = [a.code for a in ropa.ACTIVITIES]
    assert len(codes) == len(set(codes))
    for activity in ropa.ACTIVITIES:
        assert "มาตรา 24" in str(activity.legal_basis), activity.code
        assert str(activity.retention)
        assert str(activity.security)
        assert str(activity.recipients)
        assert "ไม่มีการส่ง" in str(activity.transfers)
    sensitive = {a.code for a in ropa.ACTIVITIES if a.sensitive_basis}
    assert {"household-registry", "stories"} <= sensitive


def test_retention_rules_are_rules_of_the_privacy_app():
    choices = pytest.importorskip("tuksuk.privacy.choices")
    rules = getattr(choices, "PurgeRule", None)
    if rules is None:
        pytest.skip("tuksuk.privacy has no retention rules yet")
    for activity in ropa.ACTIVITIES:
        for rule in activity.retention_rules:
            assert rule in rules.values, f"{activity.code}: unknown retention rule {rule}"


@pytest.mark.django_db
def test_ropa_downloads_list_every_activity(client_for):
    from openpyxl import load_workbook

    from tuksuk.core.testing import make_user

    client = client_for(make_user("district_team", "5703"))
    csv_body = client.get(reverse("governance:ropa"), {"format": "csv"}).content.decode("utf-8-sig")
    for activity in ropa.ACTIVITIES:
        assert activity.code in csv_body
        assert str(activity.name) in csv_body
    assert "households.Member (full_name" in csv_body
    response = client.get(reverse("governance:ropa"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    codes = {row[0] for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert codes == {a.code for a in ropa.ACTIVITIES}
    assert client.get(reverse("governance:ropa"), {"format": "pdf"}).status_code == 404
