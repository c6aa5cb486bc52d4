"""Where: resolve place names to GeoNames entries and give each event its location."""
from .gazetteer import Gazetteer, GazetteerEntry, load_gazetteer, normalise_name
