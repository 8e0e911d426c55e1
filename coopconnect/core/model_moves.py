"""Migration steps for a model that moves to another app and keeps its table and rows.

Only Django's state moves (``SeparateDatabaseAndState``); these steps do the two things state cannot:

* ``create_missing_tables``: a fresh database has no table yet, a database of the former app has it
  (maybe without a column added late): create what is missing, keep what is there;
* ``relabel_content_types``: admin history and granted permissions point to content types; moving the
  rows to the new app label keeps them (Django would otherwise create new, empty ones).

Migrations import these functions: change them only in ways that keep old migrations valid.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import migrations


def create_missing_tables(app_label: str, models: Sequence[str]) -> migrations.RunPython:
    """Return a step creating the tables, many-to-many tables and columns of ``models`` that are missing."""

    def forward(apps: Any, schema_editor: Any) -> None:
        connection = schema_editor.connection
        with connection.cursor() as cursor:
            tables = set(connection.introspection.table_names(cursor))
        for name in models:
            model = apps.get_model(app_label, name)
            if model._meta.db_table not in tables:
                schema_editor.create_model(model)  # its many-to-many tables too
                continue
            with connection.cursor() as cursor:
                description = connection.introspection.get_table_description(cursor, model._meta.db_table)
            columns = {column.name for column in description}
            for field in model._meta.local_fields:
                if field.column not in columns:
                    schema_editor.add_field(model, field)
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                if through._meta.auto_created and through._meta.db_table not in tables:
                    schema_editor.create_model(through)

    return migrations.RunPython(forward, migrations.RunPython.noop)


def relabel_content_types(old_label: str, new_label: str, models: Sequence[str]) -> migrations.RunPython:
    """Return a step moving the content types of ``models`` from ``old_label`` to ``new_label`` (and back)."""

    def move(apps: Any, schema_editor: Any, source: str, target: str) -> None:
        content_type = apps.get_model("contenttypes", "ContentType")
        rows = content_type.objects.using(schema_editor.connection.alias)
        for name in models:
            model = name.lower()
            if rows.filter(app_label=target, model=model).exists():
                continue
            rows.filter(app_label=source, model=model).update(app_label=target)

    return migrations.RunPython(
        lambda apps, editor: move(apps, editor, old_label, new_label),
        lambda apps, editor: move(apps, editor, new_label, old_label),
    )
