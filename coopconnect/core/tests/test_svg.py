"""Server-side SVG: well-formed, accessible, escaped."""

import xml.etree.ElementTree as ET

from coopconnect.core.svg import MapPoint, bar_chart, line_chart, points_map

NS = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_bar_chart_is_accessible_and_escapes_labels():
    svg = bar_chart(["Loyer <b>", "Résultat"], [1200, -300], title="Charges & résultat", unit="€")
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.find(f"{NS}title").text == "Charges & résultat"
    assert "Loyer <b> : 1\u202f200 €" in root.find(f"{NS}desc").text
    assert len(root.findall(f"{NS}rect")) == 2
    # The loss is drawn in the second colour.
    assert root.findall(f"{NS}rect")[1].get("fill") == "#D55E00"


def test_line_chart_has_one_polyline_per_series_and_a_legend():
    svg = line_chart(
        [0, 50, 100],
        {"Étude": [-5000, 0, 5000], "Mairie": [-1000, 4000, 9000]},
        title="Sensibilité",
        x_label="Remplissage (%)",
        y_label="Résultat (€)",
    )
    root = parse(svg)
    assert len(root.findall(f"{NS}polyline")) == 2
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "Étude" in texts and "Mairie" in texts and "Remplissage (%)" in texts


def test_points_map_draws_shapes_rings_and_legend():
    svg = points_map(
        [
            MapPoint(43.69, 5.50, "Pertuis"),
            MapPoint(43.73, 5.55, "La Tour", shape="square"),
            MapPoint(43.83, 5.04, "Site", shape="diamond"),
        ],
        title="Carte",
        legend=[("#000", "circle", "lieu")],
        rings=[(43.69, 5.50, 10.0)],
    )
    root = parse(svg)
    assert len(list(root.iter(f"{NS}polygon"))) == 1
    assert len(list(root.iter(f"{NS}circle"))) == 3  # one point, one ring, one legend mark
    assert root.find(f"{NS}desc").text == "Carte"


def test_empty_map_says_so():
    assert "aucun point" in points_map([], title="Vide")
