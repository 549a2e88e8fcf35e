"""Helpers and fixtures shared by the test files (issue 13: one place, typed)."""
