"""Sides as readers name them: "RU" -> "Russia", "ORG:NATO" -> "NATO", None -> "side unknown".

The store keys sides by ISO 3166 alpha-2 code or ``ORG:<name>``; no view shows
a bare code or the ``ORG:`` prefix alone. Names come from the gazetteer (the
names news uses: "Russia", "North Korea"), else from pycountry (ISO 3166).
"""
from __future__ import annotations

import functools


@functools.lru_cache(maxsize=512)
def side_name(side: str | None) -> str:
    """The name of a side: "RU" -> "Russia", "ORG:Sudanese rebel groups" -> "Sudanese rebel groups"."""
    if not side:
        return "side unknown"
    if side.upper().startswith("ORG:"):
        return side[4:]
    try:
        from readouts.sides.gazetteer import gazetteer

        name = gazetteer().country_name(side)
    except Exception:  # noqa: BLE001 - a view falls back to ISO names when the gazetteer cannot load
        name = None
    if not name:
        import pycountry

        country = pycountry.countries.get(alpha_2=side.upper())
        name = (getattr(country, "common_name", None) or country.name) if country else None
    return name or side


def side_label(side: str | None) -> str:
    """A side with its code beside the name for countries: "Russia (RU)"; a body by its name only."""
    if not side or side.upper().startswith("ORG:"):
        return side_name(side)
    name = side_name(side)
    return f"{name} ({side})" if name != side else side
