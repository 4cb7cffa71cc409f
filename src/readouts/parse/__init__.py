"""Parsing: the one spaCy pipeline per process (paragraphs first, then sentences), and dates in text."""
