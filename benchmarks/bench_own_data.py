"""Time reading a visitor's CSV at the upload cap, against pandas' C parser.

Run:  .venv/bin/python benchmarks/bench_own_data.py [--repeat 3] [--quick]

Prints, for files of three float columns cut at 5 MB (the server's upload cap) and for one
of 100,000 rows (the row bound): the best-of-N wall time of ``own_data.read`` in the comma
and in the Italian style (semicolons and decimal commas), its peak traced memory, and
``pandas.read_csv`` on the comma file (which detects nothing and names no cell).
``--quick`` (CI's smoke run): files a tenth of the size (0.5 MB, 10,000 rows), one repeat.
"""

from __future__ import annotations

import argparse
import io
import sys
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import best_of  # noqa: E402

from bnviz.lessons.common.own_data import MAX_BYTES, Table, read  # noqa: E402


def comma_file(n: int, spell: str = "r") -> bytes:
    """``n`` rows of three uniform floats, each spelled ``format(x, spell)`` (``r``: repr)."""
    rng = np.random.default_rng(0)
    values = rng.uniform(1.0, 200.0, (n, 3)).tolist()
    cell = "{!r}" if spell == "r" else "{:" + spell + "}"
    return ("a,b,y\n" + "".join(",".join(cell.format(x) for x in row) + "\n" for row in values)).encode()


def cut(data: bytes, limit: int) -> bytes:
    """``data`` cut after its last whole line within ``limit`` bytes."""
    return data[: data.rindex(b"\n", 0, limit) + 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="CI's smoke run: small files, one repeat")
    args = parser.parse_args()
    import pandas as pd

    if args.quick:
        args.repeat = 1
        files = {"0.5 MB": cut(comma_file(12_000), MAX_BYTES // 10),
                 "10,000 rows": comma_file(10_000, ".6g")}
    else:
        files = {"5 MB": cut(comma_file(120_000), MAX_BYTES),
                 "100,000 rows": comma_file(100_000, ".6g")}
    for label, comma in files.items():
        italian = comma.replace(b",", b";").replace(b".", b",")
        for style, data in (("comma", comma), ("Italian", italian)):
            table = read(data)
            assert isinstance(table, Table), table
            seconds = best_of(lambda data=data: read(data), args.repeat)
            tracemalloc.start()
            read(data)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(f"{label:>13} {style:>8}: {len(data) / 2**20:.2f} MB, {table.n_rows:,} rows, "
                  f"read {seconds:.3f} s, peak {peak / 2**20:.0f} MB")
        pandas = best_of(lambda comma=comma: pd.read_csv(io.BytesIO(comma)), args.repeat)
        print(f"{label:>13}   pandas: read_csv {pandas:.3f} s")


if __name__ == "__main__":
    main()
