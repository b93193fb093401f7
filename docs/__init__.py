"""The documentation, installed as package data `pipeline.docs` (tables.md labels the tables in Datasette)."""
