"""Import places from the 2019 CGET census or any CSV/GeoJSON with a column mapping.

``readers`` (CSV, GeoJSON), ``mapping`` (columns to fields, the census mapping), ``validation`` (one
row against the model's rules), ``upsert`` (bulk create or update), ``report`` and ``files`` (a whole
file, imported whole or not at all).
"""

from coopconnect.places.importing.files import import_file, places_import
from coopconnect.places.importing.mapping import CENSUS_ATTRIBUTION, CENSUS_FILE, CENSUS_SOURCE, load_mapping
from coopconnect.places.importing.readers import read_csv, read_geojson
from coopconnect.places.importing.report import ImportFileError, ImportReport

__all__ = [
    "CENSUS_ATTRIBUTION",
    "CENSUS_FILE",
    "CENSUS_SOURCE",
    "ImportFileError",
    "ImportReport",
    "import_file",
    "load_mapping",
    "places_import",
    "read_csv",
    "read_geojson",
]
