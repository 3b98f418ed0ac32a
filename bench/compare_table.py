#!/usr/bin/env python3
"""Prints bench/compare.sh's JSON lines as one Markdown table.

Usage: bench/compare_table.py COMPARE.jsonl [--limits LIMITS.jsonl]

One row per case, one column per server (Stowage first). The figure is MiB/s for objects of
1 MiB and more, the per-upload MiB/s (size / mean upload time) for multipart, otherwise ops/s
(pages/s for lists), with the p99 latency for the 4 KiB cases. With several rounds: the median
figure and the highest RSS. "Stowage / best peer" divides Stowage's figure by the best peer's
(above 1: Stowage is faster). "client / server CPU" is the load generator's CPU time divided by
the server process's over the measured window (median of the rounds; below 1, the client cost
less than the server). With --limits (bench/limits.sh's JSON lines: name, value, unit),
Stowage's 64 MiB GET is also divided by the loopback TCP rate (net.loopback_tcp) and its
64 MiB PUT by the single-core MD5 rate (cpu.md5), when the file has them.
"""
import json
import statistics
import sys

MIB = 1024 * 1024
# the machine limit (bench/limits.sh's figure name) each case is divided by, where there is one
LIMITS = {"get 64MiB": "net.loopback_tcp", "put 64MiB": "cpu.md5"}
UNITS = {"B/s": 1 / MIB, "KiB/s": 1 / 1024, "MiB/s": 1, "GiB/s": 1024,
         "KB/s": 1000 / MIB, "MB/s": 1e6 / MIB, "GB/s": 1e9 / MIB}


def figure(run):
    """(value, unit) of a successful run."""
    if run["scenario"] == "multipart":
        return run["upload_mib_per_s"], "MiB/s"
    if run["size"] >= MIB:
        return run["mib_per_s"], "MiB/s"
    return run["ops_per_s"], "pages/s" if run["scenario"].startswith("list") else "ops/s"


def cpu_ratio(runs):
    """The median client / server CPU ratio of one server's successful runs of one case, or None."""
    ratios = [r["client_server_cpu_ratio"] for r in runs
              if "error" not in r and r.get("client_server_cpu_ratio") is not None]
    return statistics.median(ratios) if ratios else None


def cell(runs):
    """(value or None, text, peak RSS in MiB or None) of one server's runs of one case."""
    rss = [r["rss_peak_kib"] / 1024 for r in runs if "rss_peak_kib" in r]
    peak = max(rss) if rss else None
    na = [r["na"] for r in runs if "na" in r]
    if na:
        return None, f"n/a ({na[0]})", peak
    failed = [r["error"] for r in runs if "error" in r]
    if failed:
        reason = " ".join(failed[0].split())[:200].replace("|", "\\|")
        return None, f"error ({len(failed)} of {len(runs)} runs): {reason}", peak
    if any(r["count"] == 0 for r in runs):
        return None, "none ended in the window", peak
    value = statistics.median(figure(r)[0] for r in runs)
    unit = figure(runs[0])[1]
    text = f"{value:.1f} {unit}" if unit == "MiB/s" else f"{value:.0f} {unit}"
    if runs[0]["size"] < MIB and runs[0]["scenario"] in ("put", "get", "head", "delete", "mixed"):
        text += f", p99 {statistics.median(r['p99_ms'] for r in runs):.0f} ms"
    return value, text, peak


def limits(path):
    """{figure name: MiB/s} of the limits file's figures that some case is divided by."""
    found = {}
    for line in open(path):
        entry = json.loads(line) if line.strip() else {}
        if entry.get("name") in LIMITS.values() and entry.get("unit") in UNITS:
            found[entry["name"]] = entry["value"] * UNITS[entry["unit"]]
    return found


def main(args):
    path = args[0]
    machine = limits(args[args.index("--limits") + 1]) if "--limits" in args else {}
    runs = [json.loads(line) for line in open(path) if line.strip()]
    runs = [r for r in runs if "server" in r]
    servers = sorted({r["server"] for r in runs}, key=lambda s: (s != "stowage", [r["server"] for r in runs].index(s)))
    cases = list(dict.fromkeys(r["case"] for r in runs))
    header = ["case"] + servers + ["Stowage / best peer", "peak RSS MiB (" + ", ".join(servers) + ")",
                                   "client / server CPU (" + ", ".join(servers) + ")"]
    if machine:
        header.append("Stowage / machine limit")
    print("| " + " | ".join(header) + " |")
    print("|---|" + "---:|" * (len(header) - 1))
    for case in cases:
        cells = {s: cell([r for r in runs if r["case"] == case and r["server"] == s]) for s in servers}
        row = [case] + [cells[s][1] for s in servers]
        best_peer = max((cells[s][0] for s in servers if s != "stowage" and cells[s][0] is not None), default=None)
        ours = cells.get("stowage", (None,))[0]
        row.append(f"{ours / best_peer:.2f}" if ours is not None and best_peer else "-")
        row.append(" / ".join("-" if cells[s][2] is None else f"{cells[s][2]:.0f}" for s in servers))
        ratios = [cpu_ratio([r for r in runs if r["case"] == case and r["server"] == s]) for s in servers]
        row.append(" / ".join("-" if v is None else f"{v:.2f}" for v in ratios))
        if machine:
            name = LIMITS.get(case.split(" c")[0])
            limit = machine.get(name)
            row.append(f"{ours / limit:.2f} of {name} {limit:.0f} MiB/s" if ours is not None and limit else "")
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
