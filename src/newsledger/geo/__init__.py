"""Where: resolve place names to GeoNames entries, give each event its location, export GeoJSON.

The gazetteer (``load_gazetteer``) is compiled once from GeoNames data shipped in
PyPI packages and opened once per process; ``geocode_places`` resolves one
article's place mentions; ``geocode_name`` locates a name a reviewer typed in its
article's context; ``locate_event`` picks the place where one event
happened; ``to_geojson`` turns located events into a FeatureCollection.
"""

from .gazetteer import Gazetteer, GazetteerEntry, build_gazetteer, gazetteer_path, load_gazetteer, normalise_name
from .events import LOCATIVE_PREPOSITIONS, geocode_name, locate_event, to_geojson
from .resolve import (PRECISIONS, ResolvedPlace, Toponym, find_dateline, find_toponyms, geocode_places,
                      haversine_km)

__all__ = [
    "Gazetteer", "GazetteerEntry", "load_gazetteer", "build_gazetteer", "gazetteer_path", "normalise_name",
    "Toponym", "ResolvedPlace", "PRECISIONS", "find_toponyms", "find_dateline", "geocode_places", "haversine_km",
    "locate_event", "to_geojson", "geocode_name", "LOCATIVE_PREPOSITIONS",
]
