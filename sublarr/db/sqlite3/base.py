from django.db.backends.sqlite3 import base

from sublarr.db.sqlite3.schema import DatabaseSchemaEditor


class DatabaseWrapper(base.DatabaseWrapper):
    SchemaEditorClass = DatabaseSchemaEditor
    # Legacy columns are declared INTEGER, including the foreign keys to AUTOINCREMENT ids;
    # SQLite integers are 64-bit whatever the declared name, so nothing is lost.
    data_types = {**base.DatabaseWrapper.data_types, "BigIntegerField": "integer"}
