"""Numpy reference of the uncertainty analysis draws, for bench/analysis.bench.ts.

Reads the tree (JSON), the normalised indicator scores of one period and the draws
made by the bench (float64 files: scores indicator-major n x E with NaN for missing,
not-applicable marks n x E, weights D x items, aggregation choice per draw: 0 the
framework's, 1 geometric everywhere), aggregates every node per draw vectorised over
entities with the engine's rules (reweighting, coverage), ranks the root on scores
rounded to the framework's precision, and prints timings as JSON. With --out it writes
the ranks so the bench can check that both agree.

Usage: python3 analysis_numpy.py SPEC.json SCORES.f64 NA.u8 WEIGHTS.f64 AGG.u8 DRAWS [--out ranks.i32]
"""

import json
import sys
import time

import numpy as np


def main():
    args = sys.argv[1:]
    spec = json.load(open(args[0]))
    n, E, items = spec["indicatorCount"], spec["entities"], spec["items"]
    S0 = np.fromfile(args[1], dtype=np.float64).reshape(n, E)
    NA0 = np.fromfile(args[2], dtype=np.uint8).reshape(n, E).astype(bool)
    W = np.fromfile(args[3], dtype=np.float64).reshape(-1, items)
    AGG = np.fromfile(args[4], dtype=np.uint8)
    draws = int(args[5])
    order, children = spec["order"], [np.array(c, dtype=np.int64) for c in spec["children"]]
    nodes = spec["nodes"]
    f = 10.0 ** spec["precision"]
    ranks = np.zeros((draws, E), dtype=np.int32)
    w0, c0 = time.perf_counter(), time.process_time()
    S = np.empty((items, E))
    C = np.zeros((items, E))
    EX = np.zeros((items, E), dtype=bool)
    S[:n], EX[:n], C[:n] = S0, NA0, ~np.isnan(S0)
    # An imposed geometric mean takes the scores moved onto FLOOR-1 (model.ts, GEOMETRIC_FLOOR).
    FLOOR = 0.01
    S0_positive = FLOOR + (1 - FLOOR) * S0
    for d in range(draws):
        w_all = W[d]
        geometric_all = AGG[d] == 1
        S[:n] = S0_positive if geometric_all else S0
        for node in order:
            kids = children[node]
            w = w_all[kids]
            keep = w > 0
            kids, w = kids[keep], w[keep][:, None]
            slot = n + node
            if len(kids) == 0:
                EX[slot], S[slot], C[slot] = True, np.nan, 0
                continue
            inc = ~EX[kids]
            s = S[kids]
            used = inc & ~np.isnan(s)
            total = (w * inc).sum(0)
            covered = (w * C[kids] * inc).sum(0)
            scored = (w * used).sum(0)
            with np.errstate(divide="ignore", invalid="ignore"):
                if geometric_all or nodes[node]["aggregation"] == "geometric":
                    pos = used & (s > 0)
                    zero = (used & (s <= 0)).any(0)
                    value = np.where(zero, 0.0, np.exp((w * np.log(np.where(pos, s, 1.0))).sum(0) / scored))
                else:
                    value = (w * np.where(used, s, 0.0)).sum(0) / scored
                cov = covered / total
            none = total == 0
            EX[slot], C[slot] = none, np.where(none, 0, cov)
            S[slot] = np.where(none | (scored == 0) | (cov == 0) | (cov < nodes[node]["minCoverage"]), np.nan, value)
        top = S[n + spec["rootNode"]]
        if geometric_all:
            top = (top - FLOOR) / (1 - FLOOR)
        root = np.round(top * spec["scoreScale"] * f) / f
        key = np.where(np.isnan(root), -np.inf, root)
        ordered = np.sort(key)
        ranks[d] = np.where(np.isnan(root), 0, E - np.searchsorted(ordered, key, side="right") + 1)
    wall, cpu = (time.perf_counter() - w0) * 1000, (time.process_time() - c0) * 1000
    if "--out" in args:
        ranks.tofile(args[args.index("--out") + 1])
    print(json.dumps({"numpy": np.__version__, "draws": draws, "wallMs": wall, "cpuMs": cpu}))


if __name__ == "__main__":
    main()
