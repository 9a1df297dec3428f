"""The domain, with no gRPC and no SQL: records and queries, errors, scoring,
the consolidation rules and their runner, idempotency, and the follow engine.

``api`` maps requests onto these; ``store`` keeps them. Nothing here imports
either.
"""
