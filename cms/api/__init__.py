"""The public, read-only REST API at ``/api/v1/`` (published data only) and its OpenAPI schema."""
