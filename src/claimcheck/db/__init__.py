"""The database room: SQLAlchemy models, engine and migrations, and one module per thing stored (files, documents, groups, entities, state, queries, copies, reads, chunks)."""
