"""Contacts between sides: calls, meetings, talks and letters, with their parties, dates and status."""
