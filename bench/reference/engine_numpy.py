"""Vectorised numpy reference of Childmark's scoring rules, for bench/engine.bench.ts.

Reads a spec (JSON) and raw values (float64, indicator-major: indicator i, period p,
entity e at (i * P + p) * E + e; NaN no value, +inf "not applicable") written by the
bench, scores them as src/core/scoring does (goalposts per period, normalisation,
node aggregation with coverage and missing rules, classification lenses, competition
ranks on rounded scores, bands), and prints timings (wall and CPU) as JSON. With
--out it writes the node and lens scores so the bench can check that both agree.

Usage: python3 engine_numpy.py SPEC.json VALUES.f64 [--runs 20] [--out scores.f64]
"""

import json
import sys
import time

import numpy as np


def score(spec, raw):
    n = spec["indicatorCount"]
    P, E = spec["periods"], spec["entities"]
    X = raw.reshape(n, P, E)
    items = n + len(spec["nodes"])
    S = np.empty((items, P, E))
    C = np.zeros((items, P, E))
    EX = np.zeros((items, P, E), dtype=bool)
    na = np.isinf(X)
    valid = ~np.isnan(X) & ~na
    EX[:n] = na
    C[:n] = valid
    S[:n] = np.where(valid, X, np.nan)
    num = np.array(spec["numeric"], dtype=np.int64)
    if len(num):
        Xn = S[num]
        dmin = np.where(np.isnan(Xn), np.inf, Xn).min(axis=2)
        dmax = np.where(np.isnan(Xn), -np.inf, Xn).max(axis=2)
        min_data = np.array(spec["minData"])[:, None]
        max_data = np.array(spec["maxData"])[:, None]
        flo = np.array(spec["fixedLo"])[:, None]
        fhi = np.array(spec["fixedHi"])[:, None]
        lo = np.where(min_data, np.where(max_data, dmin, np.minimum(dmin, fhi)), flo)
        hi = np.where(max_data, np.where(min_data, dmax, np.maximum(dmax, flo)), fhi)
        lower = np.array(spec["lower"])[:, None, None]
        cap = np.array(spec["cap"])[:, None, None]
        lo3, hi3 = lo[:, :, None], hi[:, :, None]
        same = hi3 == lo3
        with np.errstate(divide="ignore", invalid="ignore"):
            t = (Xn - lo3) / (hi3 - lo3)
        t = np.where(lower, 1 - t, t)
        t = np.where(cap, np.clip(t, 0, 1), t)
        tie = np.where(lower, Xn <= lo3, Xn >= lo3).astype(float)
        S[num] = np.where(np.isnan(Xn), np.nan, np.where(same, tie, t))

    def aggregate(order, children):
        for node in order:
            rule = spec["nodes"][node]
            kids = np.array([k for k in children[node] if spec["weights"][k] > 0], dtype=np.int64)
            slot = n + node
            if len(kids) == 0:
                EX[slot], S[slot], C[slot] = True, np.nan, 0
                continue
            w = np.array([spec["weights"][k] for k in kids])[:, None, None]
            inc = ~EX[kids]
            s = S[kids]
            missing = np.isnan(s)
            zero_missing = rule["missing"] == "zero"
            used = inc & (~missing | zero_missing)
            s0 = np.where(missing, 0.0, s)
            total = (w * inc).sum(0)
            covered = (w * C[kids] * inc).sum(0)
            scored = (w * used).sum(0)
            with np.errstate(divide="ignore", invalid="ignore"):
                if rule["aggregation"] == "geometric":
                    pos = used & (s0 > 0)
                    has_zero = (used & (s0 <= 0)).any(0)
                    logs = np.log(np.where(pos, s0, 1.0))
                    value = np.where(has_zero, 0.0, np.exp((w * logs).sum(0) / scored))
                else:
                    value = (w * np.where(used, s0, 0.0)).sum(0) / scored
                cov = covered / total
            none = total == 0
            EX[slot] = none
            C[slot] = np.where(none, 0, cov)
            S[slot] = np.where(none | (scored == 0) | (cov < rule["minCoverage"]) | (cov == 0), np.nan, value)

    aggregate(spec["order"], spec["children"])
    scale = spec["scoreScale"]
    width = items + len(spec["lenses"])
    out = np.empty((P, E, width))
    cov_out = np.empty((P, E, width))
    out[:, :, :items] = np.moveaxis(S, 0, 2) * scale
    cov_out[:, :, :items] = np.moveaxis(np.where(EX, np.nan, C), 0, 2)
    root = n + spec["rootNode"]
    for l, lens in enumerate(spec["lenses"]):
        aggregate(lens["order"], lens["children"])
        out[:, :, items + l] = S[root] * scale
        cov_out[:, :, items + l] = np.where(EX[root], np.nan, C[root])
    f = 10.0 ** spec["precision"]
    rounded = np.round(out * f) / f
    # Competition ranks (1, 2, 2, 4) of node and lens columns: 1 + the number of higher scores.
    ranks = np.zeros((P, E, width - n), dtype=np.int32)
    agg = rounded[:, :, n:]
    for p in range(P):
        key = np.where(np.isnan(agg[p]), -np.inf, agg[p])
        ordered = np.sort(key, axis=0)
        for c in range(width - n):
            above = E - np.searchsorted(ordered[:, c], key[:, c], side="right")
            ranks[p, :, c] = np.where(np.isnan(agg[p, :, c]), 0, above + 1)
    bands = np.full(rounded.shape, -1, dtype=np.int16)
    for b, (lo_b, hi_b, top) in enumerate(spec["bands"]):
        inside = (rounded >= lo_b) & ((rounded < hi_b) | (top & (rounded == hi_b)))
        bands = np.where(inside & (bands < 0), b, bands)
    return out, cov_out, ranks, bands


def main():
    args = sys.argv[1:]
    spec = json.load(open(args[0]))
    raw = np.fromfile(args[1], dtype=np.float64)
    runs = int(args[args.index("--runs") + 1]) if "--runs" in args else 20
    for _ in range(3):
        score(spec, raw)
    wall, cpu = [], []
    for _ in range(runs):
        w0, c0 = time.perf_counter(), time.process_time()
        result = score(spec, raw)
        wall.append((time.perf_counter() - w0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    if "--out" in args:
        result[0].astype(np.float64).tofile(args[args.index("--out") + 1])
    print(json.dumps({
        "numpy": np.__version__,
        "medianMs": float(np.median(wall)),
        "minMs": float(np.min(wall)),
        "cpuMedianMs": float(np.median(cpu)),
    }))


if __name__ == "__main__":
    main()
