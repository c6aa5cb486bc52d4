"""Extractors: pure functions from a spaCy ``Doc`` to model dataclasses."""
