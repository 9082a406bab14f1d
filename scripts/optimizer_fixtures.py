#!/usr/bin/env python3
"""Independent numbers for the optimizers, computed with numpy following PyTorch's
torch.optim single-tensor implementations (weight decay 0, no maximize, no dampening, no
amsgrad, RMSprop not centred): SGD with momentum and Nesterov, Adagrad, RMSprop, Adam.

Writes Tests/DescentTests/Fixtures/optimizers_numpy.json: for each case the path and the
state after every step, on y = w·x and on y = w·x + b; and mini-batch cases, whose batches are
drawn here as Sources/LessonMath/Objective.swift describes (SplitMix64 seeded with seed + 1,
Fisher-Yates, batches cut in order) and whose gradient is (n/k)·∇ of the batch's loss.

    python3 scripts/optimizer_fixtures.py
"""
import json
import pathlib

import numpy as np

from splitmix import splitmix64, unit


def batches(n, k, epochs, seed):
    """Shuffled passes (Fisher-Yates on 53-bit uniforms from SplitMix64(seed + 1)), cut into
    batches of k in order, a pass's last points that do not fill a batch dropped."""
    words = splitmix64(seed + 1)
    out = []
    while len(out) < epochs:
        order = list(range(n))
        for i in range(n - 1, 0, -1):
            j = int(unit(words) * (i + 1))
            order[i], order[j] = order[j], order[i]
        start = 0
        while start + k <= n and len(out) < epochs:
            out.append(order[start:start + k])
            start += k
    return out


def gradient(X, t, p, batch=None):
    if batch is None:
        return 2 * X.T @ (X @ p - t)
    Xb, tb = X[batch], t[batch]
    return (2 * Xb.T @ (Xb @ p - tb)) * (len(t) / len(batch))


def run(X, t, start, lr, epochs, name, hyper, schedule=None):
    p = np.array(start, dtype=float)
    state = {}
    rows = []
    for step in range(1, epochs + 1):
        g = gradient(X, t, p, None if schedule is None else schedule[step - 1])
        if name == "gd":
            p = p + (-lr) * g
        elif name == "momentum":
            beta, nesterov = hyper.get("beta", 0.9), hyper.get("nesterov", False)
            buf = g.copy() if "momentum_buffer" not in state else beta * state["momentum_buffer"] + g
            state["momentum_buffer"] = buf
            direction = g + beta * buf if nesterov else buf
            p = p + (-lr) * direction
        elif name == "adagrad":
            eps = hyper.get("eps", 1e-10)
            state["sum"] = state.get("sum", np.zeros_like(p)) + g * g
            p = p + (-lr) * (g / (np.sqrt(state["sum"]) + eps))
        elif name == "rmsprop":
            alpha, eps = hyper.get("alpha", 0.99), hyper.get("eps", 1e-8)
            state["square_avg"] = alpha * state.get("square_avg", np.zeros_like(p)) + (1 - alpha) * (g * g)
            p = p + (-lr) * (g / (np.sqrt(state["square_avg"]) + eps))
        elif name == "adam":
            b1, b2, eps = hyper.get("beta1", 0.9), hyper.get("beta2", 0.999), hyper.get("eps", 1e-8)
            m = state.get("exp_avg", np.zeros_like(p))
            m = m + (1 - b1) * (g - m)
            v = b2 * state.get("exp_avg_sq", np.zeros_like(p)) + (1 - b2) * (g * g)
            state["exp_avg"], state["exp_avg_sq"] = m, v
            c1, c2 = 1 - b1 ** step, 1 - b2 ** step
            p = p + (-(lr / c1)) * (m / (np.sqrt(v) / np.sqrt(c2) + eps))
        rows.append({"p": p.tolist(), "grad": g.tolist(), "state": {k: v.tolist() for k, v in state.items()}})
    return rows


def main():
    x = np.array([0.0, 1.0, 2.0])
    t = np.array([0.2, 1.3, 2.4])
    models = {"linear": (x.reshape(3, 1), [9.0]), "affine": (np.column_stack([x, np.ones_like(x)]), [-1.0, 4.0])}
    optimizers = [("gd", {}, 0.025), ("momentum", {}, 0.01), ("momentum", {"beta": 0.5, "nesterov": True}, 0.02),
                  ("adagrad", {}, 0.5), ("rmsprop", {}, 0.05), ("rmsprop", {"alpha": 0.9, "eps": 1e-6}, 0.05),
                  ("adam", {}, 0.3), ("adam", {"beta1": 0.5, "beta2": 0.9, "eps": 1e-4}, 0.3)]
    cases = []
    for model, (X, start) in models.items():
        for name, hyper, lr in optimizers:
            cases.append({"model": model, "optimizer": name, "hyper": hyper, "lr": lr, "start": start, "epochs": 15,
                          "x": x.tolist(), "t": t.tolist(), "steps": run(X, t, start, lr, 15, name, hyper)})
    # Mini-batches on ten points: k = 3 of 10 (a pass gives three batches, one point left over).
    xs = np.arange(10, dtype=float) / 3
    ts = 1.5 * xs - 0.7 + np.array([0.3, -0.2, 0.1, 0.4, -0.5, 0.2, -0.1, 0.3, -0.3, 0.1])
    for model, (X, start) in {"linear": (xs.reshape(10, 1), [3.0]),
                              "affine": (np.column_stack([xs, np.ones_like(xs)]), [3.0, 2.0])}.items():
        for name, hyper, lr in [("gd", {}, 0.01), ("adam", {}, 0.1)]:
            schedule = batches(10, 3, 12, 5)
            cases.append({"model": model, "optimizer": name, "hyper": hyper, "lr": lr, "start": start, "epochs": 12,
                          "x": xs.tolist(), "t": ts.tolist(), "batch": 3, "seed": 5, "batches": schedule,
                          "steps": run(X, ts, start, lr, 12, name, hyper, schedule)})
    out = pathlib.Path(__file__).resolve().parent.parent / "Tests/DescentTests/Fixtures/optimizers_numpy.json"
    out.write_text(json.dumps({"cases": cases}, indent=1, sort_keys=True) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
