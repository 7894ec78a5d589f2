"""Shared form and template plumbing every app uses; it imports no app (ARCHITECTURE §2)."""
