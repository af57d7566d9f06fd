"""The one narrow exception to append-only: redacting personal values at a data subject's request (PDPA s.33).

Still refused, always: DELETE on both tables, and any UPDATE made without the redaction flag. With the flag set in
the same transaction (``tuksuk.audit.redaction``), the database lets through an UPDATE that changes only

- on ``audit_changelogentry``: ``changes`` (with the same field names, values replaced by a marker), ``object_repr``
  and ``house_code``;
- on ``audit_accesslogentry``: ``house_code``.

Every other column (when, who, from where, request id, which record) must stay as it was.

The flag:
- PostgreSQL: ``set_config('tuksuk.redact', 'on', true)``, local to the transaction (gone at commit or rollback).
- SQLite has no session variables: a row in ``audit_redaction_flag`` inserted and deleted inside the same
  transaction. SQLite has one writer at a time, so no other connection ever sees it; a rollback removes it too.
"""

from django.db import migrations

CHANGE_COLUMNS_KEPT = (
    "id",
    "at",
    "actor_id",
    "actor_username",
    "source",
    "request_id",
    "action",
    "object_type",
    "object_id",
    "root_type",
    "root_id",
    "area_code",
)
ACCESS_COLUMNS_KEPT = (
    "id",
    "at",
    "user_id",
    "username",
    "action",
    "source",
    "object_type",
    "object_id",
    "household_id",
    "area_code",
    "row_count",
    "detail",
    "request_id",
    "ip",
)

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND coalesce(current_setting('tuksuk.redact', true), '') = 'on' THEN
        IF TG_TABLE_NAME = 'audit_changelogentry'
           AND (to_jsonb(NEW) - 'changes' - 'object_repr' - 'house_code')
               = (to_jsonb(OLD) - 'changes' - 'object_repr' - 'house_code')
           AND ARRAY(SELECT jsonb_object_keys(NEW.changes) ORDER BY 1)
               = ARRAY(SELECT jsonb_object_keys(OLD.changes) ORDER BY 1) THEN
            RETURN NEW;
        END IF;
        IF TG_TABLE_NAME = 'audit_accesslogentry'
           AND (to_jsonb(NEW) - 'house_code') = (to_jsonb(OLD) - 'house_code') THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'audit log rows are append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END
$$
"""

POSTGRES_FUNCTION_BEFORE = """
CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit log rows are append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END
$$
"""


def _same(columns) -> str:  # type: ignore[no-untyped-def]
    return " AND ".join(f"NEW.{c} IS OLD.{c}" for c in columns)


def _keys(side: str) -> str:
    # constant column and table names only, never user input
    return f"(SELECT group_concat(key, ',') FROM (SELECT key FROM json_each({side}.changes) ORDER BY key))"  # noqa: S608


SQLITE_UPDATE_TRIGGERS = {
    "audit_changelogentry": (
        f"EXISTS (SELECT 1 FROM audit_redaction_flag) AND {_same(CHANGE_COLUMNS_KEPT)} "  # noqa: S608
        f"AND {_keys('NEW')} IS {_keys('OLD')}"
    ),
    "audit_accesslogentry": f"EXISTS (SELECT 1 FROM audit_redaction_flag) AND {_same(ACCESS_COLUMNS_KEPT)}",  # noqa: S608
}


def add_redaction_path(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION, params=None)
    elif vendor == "sqlite":
        schema_editor.execute("CREATE TABLE IF NOT EXISTS audit_redaction_flag (id INTEGER PRIMARY KEY)", params=None)
        for table, allowed in SQLITE_UPDATE_TRIGGERS.items():
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update", params=None)
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} WHEN NOT ({allowed}) "
                "BEGIN SELECT RAISE(ABORT, 'audit log rows are append-only'); END",
                params=None,
            )


def remove_redaction_path(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION_BEFORE, params=None)
    elif vendor == "sqlite":
        for table in SQLITE_UPDATE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update", params=None)
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'audit log rows are append-only'); END",
                params=None,
            )
        schema_editor.execute("DROP TABLE IF EXISTS audit_redaction_flag", params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [migrations.RunPython(add_redaction_path, remove_redaction_path, elidable=False)]
