"""Formatting for people and tools.

Display numbers, terminal tables, JSON, YAML text, JSON Schema and blank assessments.
"""
