"""Views of records: terminal text, Markdown, JSON and HTML of an analysis, a comparison and store results."""
