"""Sides: the gazetteer and the actors an article mentions, each with the side it speaks for."""
