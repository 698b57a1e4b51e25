"""The Ghent catalogue in a pandas DataFrame: how many networks work on each policy area, as a
table and, when matplotlib is installed, as a bar chart saved to a PNG.

    pip install 'citynets[pandas]' matplotlib
    python examples/catalogue_dataframe.py [networks_per_policy_area.png]
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

import citynets


def networks_per_policy_area() -> pd.DataFrame:
    """One row per policy area: its label and the number of networks working on it."""
    networks = citynets.ghent().to_pandas()
    # policy_areas holds a list per network: one row per (network, area).
    areas = networks[["id", "policy_areas"]].explode("policy_areas").dropna()
    counts = areas.groupby("policy_areas")["id"].nunique()
    table = pd.DataFrame(
        {
            "policy_area": [area.value for area in citynets.PolicyArea],
            "label": [area.label for area in citynets.PolicyArea],
        }
    )
    table["networks"] = table["policy_area"].map(counts).fillna(0).astype(int)
    return table.sort_values(["networks", "policy_area"], ascending=[False, True])


def draw(table: pd.DataFrame, path: Path) -> bool:
    """Draws the table as a horizontal bar chart; False when matplotlib is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    fig, ax = plt.subplots(figsize=(8, 7))
    ordered = table.iloc[::-1]
    ax.barh(ordered["label"], ordered["networks"], color="#2b6a9b")
    ax.set_xlabel("networks")
    ax.set_title(f"Ghent's {len(citynets.ghent())} international networks, by policy area")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return True


def main(argv: list[str]) -> int:
    """Prints the table and draws the chart."""
    path = Path(argv[1]) if len(argv) > 1 else Path("networks_per_policy_area.png")
    table = networks_per_policy_area()
    print(table.to_string(index=False))
    if draw(table, path):
        print(f"\nchart written to {path}")
    else:
        print("\nmatplotlib is not installed: no chart drawn (pip install matplotlib)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
