"""The report API's ``{name}`` is documented as the list of report names (issue #8: the schema said "any string",
so generated clients and the schema fuzzing sent names that can only ever be 404)."""

from drf_spectacular.generators import SchemaGenerator

from tuksuk.reports.tables import TABLES


def test_report_names_are_an_enum_in_the_schema():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    parameters = schema["paths"]["/api/v1/reports/{name}/"]["get"]["parameters"]
    (name,) = [p for p in parameters if p["name"] == "name" and p["in"] == "path"]
    assert sorted(name["schema"]["enum"]) == sorted(TABLES)
