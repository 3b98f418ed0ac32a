#!/usr/bin/env python3
"""Prints the inline/blob ratios of InlineThresholdBenchmark JSON results as a Markdown table.

Usage: bench/ratios.py RESULT.json [RESULT.json ...]

For each benchmark and size: the mean time per operation of the inline and blob trials (us/op,
as JMH reports it), the ratio of the means, and the ratio of the medians of the measurement
iterations (less sensitive to a single slow iteration on a shared machine). A ratio below 1
means the inline body is faster. With several files, one ratio column per file
(the us/op columns come from the first).
"""
import json
import os
import statistics
import sys


def load(path):
    rows = {}
    for entry in json.load(open(path)):
        name = entry["benchmark"].rsplit(".", 1)[1]
        params = entry["params"]
        raw = [value for fork in entry["primaryMetric"]["rawData"] for value in fork]
        storage = params.get("storage", params.get("mode"))  # "mode" in the first run
        rows[(name, int(params["size"]), storage)] = (
            entry["primaryMetric"]["score"], statistics.median(raw))
    return rows


def main(paths):
    runs = [load(path) for path in paths]
    keys = sorted({(name, size) for run in runs for (name, size, _) in run})
    order = {"put": 0, "put8Threads": 1, "read": 2}
    keys.sort(key=lambda k: (order.get(k[0], 9), k[1]))
    header = "| benchmark | size | inline us/op | blob us/op | " + " | ".join(
        f"inline/blob (mean, median) {os.path.basename(path)}" for path in paths) + " |"
    print(header)
    print("|" + "---|" * (4 + len(runs)))
    for name, size in keys:
        first = runs[0]
        inline, blob = first.get((name, size, "inline")), first.get((name, size, "blob"))
        cells = [name, f"{size // 1024} KiB",
                 f"{inline[0]:.1f}" if inline else "-", f"{blob[0]:.1f}" if blob else "-"]
        for run in runs:
            i, b = run.get((name, size, "inline")), run.get((name, size, "blob"))
            cells.append(f"{i[0] / b[0]:.2f}, {i[1] / b[1]:.2f}" if i and b else "-")
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
