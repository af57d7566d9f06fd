"""The JSON error answers are documented on every operation (tuksuk/core/api/schema.py, issue #8)."""

from drf_spectacular.generators import SchemaGenerator

from tuksuk.core.api.schema import document_error_responses


def schema() -> dict:
    generator = SchemaGenerator()
    return document_error_responses(generator.get_schema(request=None, public=True), generator)


def test_every_operation_documents_its_error_answers():
    paths = schema()["paths"]
    stories = paths["/api/v1/stories/"]
    assert {"400", "401", "403", "404"} <= set(stories["get"]["responses"])
    assert {"400", "401", "403", "404"} <= set(stories["post"]["responses"])
    assert stories["get"]["responses"]["401"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    assert "400" not in paths["/api/v1/me/"]["get"]["responses"]  # no input, nothing to refuse


def test_public_operations_never_answer_401_and_the_token_endpoint_is_throttled():
    paths = schema()["paths"]
    assert "401" not in paths["/api/v1/public/figures/"]["get"]["responses"]
    assert "429" in paths["/api/v1/auth/token/"]["post"]["responses"]


def test_the_error_component_requires_a_message():
    error = schema()["components"]["schemas"]["Error"]
    assert error["required"] == ["message"]


def test_applying_the_hook_twice_changes_nothing():
    once = schema()
    assert document_error_responses(once) == once
