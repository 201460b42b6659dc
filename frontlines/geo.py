"""Small geometry shared by the geoparser, the in-document merge and the store's merge."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def specificity(place) -> tuple[int, int, int]:  # Place -> sort key, most specific first
    """Lower geo precision first; among equals, a district or facility before a whole city,
    and a province before its country."""
    broad = place.feature is None or (place.feature.startswith(("PPL", "ADM", "PCL")) and place.feature != "PPLX")
    country = place.feature is not None and place.feature.startswith("PCL")
    return (place.geo_precision, 1 if broad else 0, 1 if country else 0)
