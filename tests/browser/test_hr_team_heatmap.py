"""HR opens the demo firm's team picture: the heatmap has a column per skill only (no satisfaction,
safety attitude or learning-climate item), every skill stands in full above its column, and pointing
at a cell shows the whole skill again."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import settle, sign_in

pytestmark = pytest.mark.browser
LONGEST = "Ik stel het lasapparaat zelf in voor materiaal, dikte en draad."  # the welders' last skill

# Each axis label as a person reads it: its lines (SVG tspans) joined by a space.
COLUMN_LABELS = """svg => [...svg.querySelectorAll('.role-axis-label text')].map(
    text => [...text.querySelectorAll('tspan')].map(line => line.textContent).join(' ') || text.textContent)"""


def test_hr_reads_every_skill_above_the_heatmap_and_again_when_pointing_at_a_cell(page, server):
    sign_in(page, server["url"], "hr")
    page.goto(f"{server['url']}/hr_team")
    page.locator("h2", has_text="Vaardigheden per persoon").wait_for()
    heatmap = page.locator(".st-key-team_heatmap_frame svg.marks")
    heatmap.wait_for()
    settle(page)

    labels = heatmap.evaluate(COLUMN_LABELS)
    assert LONGEST in labels and "Ik las aluminium." in labels
    assert "Ik lees werktekeningen en haal er de maten en toleranties uit." in labels  # a shared craft skill
    assert not [label for label in labels if "tevreden" in label or "beschermingsmiddelen" in label
                or "VCA-regels" in label or "leren" in label.lower()]

    # The coloured layer's last cell: the last row's answer on the welders' last skill.
    cell = heatmap.locator("g.mark-rect.role-mark").last.locator("path").last.bounding_box()
    page.mouse.move(cell["x"] + cell["width"] / 2, cell["y"] + cell["height"] / 2)
    expect(page.locator("#vg-tooltip-element")).to_contain_text(LONGEST)
