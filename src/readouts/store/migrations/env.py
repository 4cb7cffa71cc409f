"""Alembic's entry point for the store: always run from ``readouts.store.migrations.upgrade``.

The caller opens the connection, takes the store's migration lock and begins the
transaction; the migrations run inside it, so a failed step leaves nothing behind
(SQLite and PostgreSQL both run DDL in transactions).
"""
from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, render_as_batch=connection.dialect.name == "sqlite",
                  transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
