"""Street-level geocoding of addresses: geoplan.analysis.geocoding (no database, no Django)."""

import csv
import subprocess
import sys
from pathlib import Path

import pytest
import shapely
from pyproj import Geod

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # pytest's pythonpath is not set in pyproject.toml yet
    sys.path.insert(0, str(ROOT))

from geoplan.analysis.geocoding import (  # noqa: E402
    StreetGeocoder,
    parse_street,
    street_point,
)

EDGES_ZIP = ROOT / "fixtures" / "network" / "turin_biketrackcarall_edges.zip"
SITES_CSV = ROOT / "fixtures" / "services" / "sites_from_public_sources.csv"
GEOD = Geod(ellps="WGS84")
ON_LINE_DEG = 1e-12


def line(*lonlat: tuple[float, float]) -> shapely.LineString:
    return shapely.LineString(lonlat)


# A tiny made-up city (EPSG:4326) whose answers are known exactly.
TINY_STREETS = [
    ("Via Agliè", line((7.690, 45.087), (7.692, 45.087))),
    ("Via Valentino Carrera", line((7.620, 45.080), (7.630, 45.080))),
    ("Via Mario Rossi", line((7.650, 45.060), (7.651, 45.061))),
    ("Via Paolo Rossi", line((7.660, 45.060), (7.661, 45.061))),
    ("Via Unità d'Italia", line((7.670, 45.050), (7.672, 45.050))),
    ("Via Verdi", line((7.690, 45.070), (7.690, 45.072))),
    ("Via Torino", line((7.700, 45.070), (7.701, 45.070))),
]


@pytest.fixture
def tiny() -> StreetGeocoder:
    return StreetGeocoder(TINY_STREETS)


@pytest.fixture(scope="module")
def turin() -> StreetGeocoder:
    return StreetGeocoder.from_edges_csv(EDGES_ZIP)


def metres(a: shapely.Point, b: shapely.Point) -> float:
    return GEOD.inv(a.x, a.y, b.x, b.y)[2]


@pytest.mark.parametrize(
    ("address", "street"),
    [
        ("Via Agliè 9, Torino", "via aglie"),
        ("Piazza Eugenio Montale 18/a, Torino", "piazza eugenio montale"),
        ("Corso Palestro, Torino", "corso palestro"),
        ("Strada delle Ghiacciaie 68, Torino", "strada delle ghiacciaie"),
        ("Via Paolo Sacchi 9bis, Torino", "via paolo sacchi"),
        ("Via Paolo Sacchi 9 bis", "via paolo sacchi"),
        ("C.so Regina Margherita 53, 10122 Torino (TO)", "corso regina margherita"),
        ("Via Agliè, 9, Torino, Italia", "via aglie"),
        ("Via Agliè 9 Torino", "via aglie"),
        ("Via Torino 5, Torino", "via torino"),
        ("Corso Massimo d’Azeglio 12", "corso massimo d azeglio"),
        ("  Via   Unità d'Italia,  4 ", "via unita d italia"),
        ("Via XX Settembre 5", "via xx settembre"),
        ("Torino", ""),
    ],
)
def test_it_parses_the_street_out_of_an_address(address, street):
    assert parse_street(address) == street


def test_it_matches_an_exact_name(tiny):
    result = tiny.geocode("Via Agliè 9, Torino")

    assert (result.status, result.match, result.street) == ("ok", "exact", "Via Agliè")
    assert result.candidates == ()


def test_it_ignores_accents_and_case(tiny):
    assert tiny.geocode("VIA AGLIE 9, torino").street == "Via Agliè"
    assert tiny.geocode("via agliè").street == "Via Agliè"


def test_it_keeps_a_street_named_after_the_city(tiny):
    assert tiny.geocode("Via Torino, Torino").street == "Via Torino"


def test_it_matches_a_short_street_name(tiny):
    result = tiny.geocode("Via Carrera 181, Torino")

    assert (result.status, result.match) == ("ok", "short_name")
    assert result.street == "Via Valentino Carrera"


def test_it_does_not_place_a_long_name_on_a_shorter_network_street(tiny):
    result = tiny.geocode("Via Giuseppe Verdi 3, Torino")

    assert (result.status, result.candidates) == ("ambiguous", ("Via Verdi",))
    assert result.lon is None and "may be another street" in result.reason


def test_it_reports_ambiguity_instead_of_guessing(tiny):
    result = tiny.geocode("Via Rossi 5, Torino")

    assert result.status == "ambiguous"
    assert result.candidates == ("Via Mario Rossi", "Via Paolo Rossi")
    assert (result.lon, result.lat, result.street) == (None, None, None)
    assert "Via Mario Rossi" in result.reason


def test_it_prefers_the_exact_name_over_longer_ones():
    geocoder = StreetGeocoder(TINY_STREETS + [("Via Rossi", line((7.64, 45.06), (7.641, 45.06)))])

    result = geocoder.geocode("Via Rossi 5")

    assert (result.status, result.street) == ("ok", "Via Rossi")


def test_it_reports_no_match(tiny):
    result = tiny.geocode("Via Panetti 1, Torino")

    assert result.status == "no_match"
    assert (result.lon, result.lat, result.street, result.candidates) == (None, None, None, ())
    assert "via panetti" in result.reason


@pytest.mark.parametrize(
    "address",
    [
        "Corso Carrera 10",  # same words, another street type
        "Via Italia 4",  # "Italia" follows a particle in "Via Unità d'Italia"
        "Via Agile 9",  # a misspelling is not corrected
        "Carrera 181, Torino",  # no street type
        "",
    ],
)
def test_it_does_not_guess(tiny, address):
    assert tiny.geocode(address).status == "no_match"


def test_it_places_the_point_on_the_street(tiny):
    for name, geometry in TINY_STREETS:
        result = tiny.geocode(name)
        assert geometry.distance(shapely.Point(result.lon, result.lat)) < ON_LINE_DEG


def test_it_places_the_point_at_half_the_street_length():
    start = shapely.Point(7.680, 45.070)
    # An L of two edges: 787 m east, then 222 m north.
    edges = [
        ("Via Lunga", line((7.680, 45.070), (7.690, 45.070))),
        ("Via Lunga", line((7.690, 45.070), (7.690, 45.072))),
    ]
    street = StreetGeocoder(edges).street("Via Lunga")

    assert street.length_m == pytest.approx(1009.6, abs=1)
    assert street.point.y == pytest.approx(45.070, abs=1e-12)
    assert metres(start, street.point) == pytest.approx(street.length_m / 2, abs=1)


def test_it_uses_the_longest_connected_piece():
    short_piece = line((7.600, 45.050), (7.601, 45.050))
    long_piece = line((7.620, 45.050), (7.630, 45.050))

    point, _ = street_point(shapely.MultiLineString([short_piece, long_piece]))

    assert long_piece.distance(point) < ON_LINE_DEG


def test_it_places_a_branched_street_on_its_geometry():
    # Dual carriageway joined by two cross links: no single half-way point.
    ladder = shapely.MultiLineString(
        [
            [(7.640, 45.060), (7.650, 45.060)],
            [(7.640, 45.0602), (7.650, 45.0602)],
            [(7.640, 45.060), (7.640, 45.0602)],
            [(7.650, 45.060), (7.650, 45.0602)],
        ]
    )

    point, _ = street_point(ladder)

    assert ladder.distance(point) < ON_LINE_DEG
    assert point.x == pytest.approx(7.645, abs=1e-4)


def test_it_merges_spellings_that_differ_only_in_case():
    geocoder = StreetGeocoder(
        [
            ("Strada San Mauro", line((7.70, 45.09), (7.71, 45.09))),
            ("Strada San Mauro", line((7.71, 45.09), (7.72, 45.09))),
            ("Strada san mauro", line((7.72, 45.09), (7.73, 45.09))),
        ]
    )

    assert len(geocoder) == 1
    assert geocoder.names == ("Strada San Mauro",)


def test_it_reads_an_osmnx_edge_csv_with_listed_and_missing_names(tmp_path):
    csv_path = tmp_path / "edges.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(
            [
                ["u", "v", "name", "geometry"],
                [
                    1,
                    2,
                    "['Ponte Bologna', 'Corso Undici Febbraio']",
                    "LINESTRING (7.68 45.08, 7.69 45.08)",
                ],
                [2, 3, "", "LINESTRING (7.69 45.08, 7.70 45.08)"],
                [3, 4, "Via Agliè", "LINESTRING (7.70 45.08, 7.71 45.08)"],
            ]
        )

    geocoder = StreetGeocoder.from_edges_csv(csv_path)

    assert geocoder.names == ("Corso Undici Febbraio", "Ponte Bologna", "Via Agliè")


def test_the_module_does_not_import_django():
    code = "import sys, geoplan.analysis.geocoding; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


# Real data: the OSM network of the Comune di Torino (fixtures/network, see ATTRIBUTION).


def test_real_network_streets_are_indexed(turin):
    # 2,227 distinct names; 3 pairs differ only in case and 7 carry a house number, so 2,217.
    assert len(turin) == 2217


def test_real_network_streets_geocode_to_themselves(turin):
    for name in turin.names:
        assert turin.geocode(f"{name} 1, Torino").street == name


@pytest.mark.parametrize(
    ("address", "street"),
    [
        ("Via Carrera 181, Torino", "Via Valentino Carrera"),
        ("Via Agliè 9, Torino", "Via Agliè"),
        ("Via Sacchi 47, Torino", "Via Paolo Sacchi"),
        ("Via Morgari 14, Torino", "Via Oddino Morgari"),
        ("Strada delle Ghiacciaie 68, Torino", "Strada delle Ghiacciaie"),
        ("Corso Palestro, Torino", "Corso Palestro"),
    ],
)
def test_real_addresses_are_placed_on_their_street(turin, address, street):
    result = turin.geocode(address)

    assert (result.status, result.street) == ("ok", street)
    on_street = turin.street(street).geometry.distance(shapely.Point(result.lon, result.lat))
    assert on_street < ON_LINE_DEG


@pytest.mark.parametrize(
    "address",
    [
        "Piazza Benefica, Torino",
        "Piazza Foroni, Torino",
        "Via Cappel Verde 6, Torino",
        "Via Panetti 1, Torino",
        "Piazza Eugenio Montale 18/a, Torino",
    ],
)
def test_real_streets_missing_from_the_network_are_not_matched(turin, address):
    assert turin.geocode(address).status == "no_match"


def test_real_sites_with_building_coordinates_are_placed_along_their_street(turin):
    with SITES_CSV.open(encoding="utf-8") as f:
        sites = [row for row in csv.DictReader(f) if row["lon"]]
    assert len(sites) == 5

    for site in sites:
        result = turin.geocode(site["address"])
        building = shapely.Point(float(site["lon"]), float(site["lat"]))
        half_street_m = turin.street(result.street).length_m / 2
        assert metres(building, shapely.Point(result.lon, result.lat)) < half_street_m + 50


def test_suggestions_follow_the_words_typed_in_order():
    from shapely.geometry import LineString

    from geoplan.analysis.geocoding import StreetGeocoder

    line = LineString([(7.6, 45.0), (7.61, 45.0)])
    geocoder = StreetGeocoder(
        [("Via Nizza", line), ("Piazza Nizza", line), ("Corso Regina Margherita", line)]
    )
    assert geocoder.suggest("via niz") == ["Via Nizza"]
    assert geocoder.suggest("nizza") == ["Piazza Nizza", "Via Nizza"]
    assert geocoder.suggest("c.so regina") == ["Corso Regina Margherita"]
    assert geocoder.suggest("marg regina") == []
