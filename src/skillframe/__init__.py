"""Skillframe: a competency-framework platform."""

__version__ = "0.1.0"
