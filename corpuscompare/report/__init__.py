"""Rendering results: tables (terminal, Markdown, CSV, JSON) and the HTML report."""
