"""Benchmarks: every call path against a Chromium-to-Chromium anchor (docs/benchmarks.md)."""
