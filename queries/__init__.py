"""Canned queries: one .cypher file per query, with embedded implementations."""
