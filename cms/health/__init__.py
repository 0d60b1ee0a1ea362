"""Liveness (/healthz) and readiness (/readyz) endpoints for load balancers and orchestrators."""
