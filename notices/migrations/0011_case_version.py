"""Case.version: a new random value, set by the database, whenever a case changes or any
row its pages show is added, changed or deleted (notices/kept.py keeps rendered pages under
it).

Triggers rather than Python, so no write path can forget: the ORM's save() and delete(),
queryset update() and bulk_create(), a worker's raw SQL and the admin all go through them.
Reminders are left out on purpose: no case page or dashboard shows them, and the dispatcher
updates thousands of them a second.

On SQLite, a migration that rebuilds one of these tables drops its triggers; the tests in
tests/notices/test_kept_pages.py then fail, and the triggers must be made again.
"""

from __future__ import annotations

import uuid

from django.db import migrations, models

# The tables whose rows the case page and the dashboard show, besides the case itself.
PARTS = (
    "notices_earliernotice",
    "notices_contactentry",
    "notices_paymententry",
    "notices_checklistitem",
    "notices_letter",
)

POSTGRES = [
    """CREATE FUNCTION notices_case_new_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN NEW.version := gen_random_uuid(); RETURN NEW; END $$""",
    """CREATE TRIGGER notices_case_version BEFORE INSERT OR UPDATE ON notices_case
    FOR EACH ROW EXECUTE FUNCTION notices_case_new_version()""",
    """CREATE FUNCTION notices_case_part_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN
        UPDATE notices_case SET version = gen_random_uuid() WHERE id = OLD.case_id;
      END IF;
      IF TG_OP <> 'DELETE' THEN
        UPDATE notices_case SET version = gen_random_uuid() WHERE id = NEW.case_id;
      END IF;
      RETURN NULL;
    END $$""",
    *(
        f"""CREATE TRIGGER {table}_case_version AFTER INSERT OR UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION notices_case_part_changed()"""
        for table in PARTS
    ),
]
POSTGRES_UNDO = [
    *(f"DROP TRIGGER IF EXISTS {table}_case_version ON {table}" for table in PARTS),
    "DROP FUNCTION IF EXISTS notices_case_part_changed()",
    "DROP TRIGGER IF EXISTS notices_case_version ON notices_case",
    "DROP FUNCTION IF EXISTS notices_case_new_version()",
]

# SQLite runs no trigger from inside itself (recursive_triggers is off), so the update
# trigger's own UPDATE does not loop.
NEW = "lower(hex(randomblob(16)))"
SQLITE = [
    f"""CREATE TRIGGER notices_case_version_insert AFTER INSERT ON notices_case
    BEGIN UPDATE notices_case SET version = {NEW} WHERE id = NEW.id; END""",
    f"""CREATE TRIGGER notices_case_version_update AFTER UPDATE ON notices_case
    BEGIN UPDATE notices_case SET version = {NEW} WHERE id = NEW.id; END""",
    *(
        f"""CREATE TRIGGER {table}_case_version_{event.lower()} AFTER {event} ON {table}
        BEGIN UPDATE notices_case SET version = {NEW} WHERE id IN ({rows}); END"""
        for table in PARTS
        for event, rows in (
            ("INSERT", "NEW.case_id"),
            ("UPDATE", "OLD.case_id, NEW.case_id"),
            ("DELETE", "OLD.case_id"),
        )
    ),
]
SQLITE_UNDO = [
    "DROP TRIGGER IF EXISTS notices_case_version_insert",
    "DROP TRIGGER IF EXISTS notices_case_version_update",
    *(
        f"DROP TRIGGER IF EXISTS {table}_case_version_{event}"
        for table in PARTS
        for event in ("insert", "update", "delete")
    ),
]
# Every existing case gets its own value (AddField gave them all the same one).
REFRESH = "UPDATE notices_case SET version = version"


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor) -> None:  # noqa: ANN001 - Django's migration signature
        vendor = schema_editor.connection.vendor
        if vendor not in statements:
            raise NotImplementedError(f"no case version triggers for {vendor}")
        for sql in statements[vendor]:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("notices", "0010_letter_part_pages"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="version",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.RunPython(
            _run({"postgresql": [*POSTGRES, REFRESH], "sqlite": [*SQLITE, REFRESH]}),
            _run({"postgresql": POSTGRES_UNDO, "sqlite": SQLITE_UNDO}),
        ),
    ]
