"""OpenAPI: the error answers every endpoint can give, documented once for the whole API.

drf-spectacular documents only the success answer of each operation. Clients (and the schema fuzzing in
``tests/fuzz``) also meet the JSON errors of ``tuksuk.core.api.errors``: ``{"message": …, "errors": …}`` with
400 (bad input), 401 (no or bad credentials), 403 (role), 404 (missing, out of the caller's areas, or a page past
the end) and 429 (throttled). This post-processing hook adds them to each operation where they can occur.

Wired in ``SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]`` after drf-spectacular's own enum hook.
"""

from __future__ import annotations

from typing import Any

ERROR_COMPONENT = "Error"
ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "An error in the caller's language; field errors of a refused input under `errors`.",
    "properties": {
        "message": {"type": "string"},
        "errors": {"description": "Field name → list of messages (a list of those for a list input)."},
    },
    "required": ["message"],
}
DESCRIPTIONS = {
    "400": "ข้อมูลไม่ถูกต้อง (bad input; field errors under `errors`)",
    "401": "กรุณาเข้าสู่ระบบ (no or bad credentials)",
    "403": "คุณไม่มีสิทธิ์ทำรายการนี้ (the caller's role may not do this)",
    "404": "ไม่พบข้อมูล (missing, outside the caller's areas, or a page past the end)",
    "429": "มีคำขอมากเกินไป (throttled)",
}
METHODS = ("get", "put", "patch", "post", "delete")


def _throttled_operations(generator: Any) -> set[tuple[str, str]]:
    """(path, method) of the operations whose view throttles its callers."""
    found = set()
    for path, _regex, method, view in getattr(generator, "endpoints", None) or []:
        cls = getattr(view, "cls", None)
        if cls is not None and (getattr(cls, "throttle_classes", None) or getattr(cls, "throttle_scope", None)):
            found.add((path, method.lower()))
    return found


def _error_codes(path: str, method: str, operation: dict, throttled: set[tuple[str, str]]) -> list[str]:
    parameters = operation.get("parameters", [])
    codes = []
    if "requestBody" in operation or any(p.get("in") == "query" for p in parameters):
        codes.append("400")
    security = operation.get("security")
    if security is None or {} not in security:
        codes += ["401", "403"]
    # Any object can be out of scope; any list can be asked for a page past its end. Both answer 404.
    codes.append("404")
    if (path, method) in throttled:
        codes.append("429")
    return codes


def document_error_responses(result: dict, generator: Any = None, request: Any = None, public: Any = None) -> dict:
    """drf-spectacular post-processing hook: add the JSON error answers to every operation."""
    throttled = _throttled_operations(generator)
    reference = {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}
    for path, item in result.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            responses = operation.setdefault("responses", {})
            for code in _error_codes(path, method, operation, throttled):
                responses.setdefault(
                    code, {"description": DESCRIPTIONS[code], "content": {"application/json": {"schema": reference}}}
                )
    result.setdefault("components", {}).setdefault("schemas", {}).setdefault(ERROR_COMPONENT, ERROR_SCHEMA)
    return result
