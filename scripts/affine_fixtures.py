#!/usr/bin/env python3
"""Independent numbers for the (w, b) lesson, computed with numpy, for DescentTests.

Writes Tests/DescentTests/Fixtures/affine_numpy.json: for each case, the descent's path
(w, b, loss, gradients per epoch), the least-squares minimum (np.linalg.lstsq), the Hessian's
eigenvalues (np.linalg.eigvalsh of 2 X^T X), and the notebook's random starts re-implemented
here from the description in Sources/LessonMath/SplitMix64.swift (SplitMix64, Box-Muller).

    python3 scripts/affine_fixtures.py
"""
import json
import pathlib

import numpy as np

from splitmix import normal, splitmix64

def notebook_start(seed, parameters):
    words = splitmix64(seed)
    w = normal(words) + 1
    return [w] if parameters == 1 else [w, 5 * normal(words)]


def descend(x, t, start, lr, epochs):
    X = np.column_stack([x, np.ones_like(x)])
    p = np.array(start, dtype=float)
    rows = []
    for epoch in range(epochs):
        r = X @ p - t
        grad = 2 * X.T @ r
        new = p - lr * grad
        rows.append({"epoch": epoch, "w": p[0], "b": p[1], "loss": float(r @ r),
                     "grad_w": grad[0], "grad_b": grad[1], "w_new": new[0], "b_new": new[1]})
        p = new
    return rows


def case(name, x, t, start, lr, epochs):
    x = np.array(x, dtype=float)
    t = np.array(t, dtype=float)
    X = np.column_stack([x, np.ones_like(x)])
    (w, b), *_ = np.linalg.lstsq(X, t, rcond=None)
    eig = sorted(np.linalg.eigvalsh(2 * X.T @ X), reverse=True)
    minimum_loss = float(np.sum((X @ np.array([w, b]) - t) ** 2))
    return {"name": name, "x": x.tolist(), "t": t.tolist(), "start": start, "lr": lr, "epochs": epochs,
            "minimum": {"w": w, "b": b, "loss": minimum_loss}, "eigenvalues": eig,
            "epochs_data": [{k: float(v) if k != "epoch" else v for k, v in row.items()}
                            for row in descend(x, t, start, lr, epochs)]}


def main():
    cases = [
        case("notebook", [0, 1, 2], [0.2, 1.3, 2.4], [9, 0], 0.025, 10),
        case("zigzag", [0, 1, 2], [0.2, 1.3, 2.4], [-1, 4], 0.12, 12),
        case("houses", [50, 80, 110, 140, 170], [150, 210, 290, 330, 420], [0, 0], 0.00002, 25),
        case("diverging", [1, 2, 3, 4], [3, 5, 8, 9], [0, 0], 0.1, 8),
    ]
    starts = {str(seed): {"linear": notebook_start(seed, 1), "affine": notebook_start(seed, 2)}
              for seed in [0, 1, 42, 2**64 - 1]}
    out = pathlib.Path(__file__).resolve().parent.parent / "Tests/DescentTests/Fixtures/affine_numpy.json"
    out.write_text(json.dumps({"cases": cases, "starts": starts}, indent=1, sort_keys=True) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
