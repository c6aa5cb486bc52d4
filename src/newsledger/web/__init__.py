"""Web UI and JSON API (FastAPI, server-rendered templates)."""
