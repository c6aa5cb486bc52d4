"""Run every scorer in eval/ on the external datasets in ../shared/eval (``make eval``).

Each dataset is research-only and read in place; when a folder is absent the
scorer is skipped with a message, so a user's machine without ../shared still
gets a clean run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default=str(HERE.parent.parent / "shared"),
                        help="folder holding eval/ datasets (default: ../shared beside the checkout)")
    args = parser.parse_args()
    data = Path(args.shared) / "eval"
    jobs = [
        ("boilerplate", ["boilerplate.py", str(data / "boilerplate"), "--n-bootstrap", "200"]),
        ("time expressions", ["timeml.py", str(data / "timeml" / "TimeBank"), str(data / "timeml" / "AQUAINT")]),
        ("counts (project gold)", ["counts.py"]),
        ("GVDB killed/injured, place, date", ["gvdb.py", str(data / "events" / "gvdb" / "dev.tsv")]),
        ("quotes (PolNeAR)", ["quotes.py", str(data / "quotes" / "polnear" / "train")]),
        ("event types (CASE 2021, ACLED labels)", ["acled_types.py", str(data / "events" / "case2021" / "snippets_dev.tsv")]),
        ("events (project gold)", ["events.py"]),
        ("toponyms (LGL)", ["geo.py", str(data / "geo" / "lgl.xml")]),
        ("toponyms (GeoVirus)", ["geo.py", str(data / "geo" / "GeoVirus.xml")]),
        ("incident clustering (ECB+)", ["clusters.py", str(data / "clusters")]),
    ]
    failed = 0
    for title, command in jobs:
        script = HERE / command[0]
        if not script.exists():
            print(f"== {title}: {command[0]} not written yet, skipped")
            continue
        print(f"\n== {title}: python eval/{' '.join(command)}", flush=True)
        result = subprocess.run([sys.executable, str(script), *command[1:]])
        failed += result.returncode != 0
    if not data.exists():
        print(f"\n{data} is absent: the external benchmarks were skipped.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
