#!/usr/bin/env python3
"""The peer for logistic regression: the figure of `descent render Scenes/logistic.yaml
--epochs N --detailed N` drawn headless with matplotlib (Agg) — the cross-entropy's landscape
over (w, b) as filled contours (`contourf`, log-spaced levels) with their lines and a colour
bar, the fit, the path, the gradient and the step as arrows; beside it the points at 0 and 1,
the sigmoid of the current parameters, the predictions, the per-point losses and the decision
boundary x = −b/w — grabbed stage by stage and saved with Pillow, with the same holds
(2, 2, 2, 2, 2 and 5 s). What a teacher would write without descent.

Usage: matplotlib_logistic_reference.py OUT.gif [--epochs N]
"""
import argparse

import numpy as np

from mpl_peer import Recorder

X_DATA = np.array([0.5, 1, 1.5, 2, 2.5, 2.75, 3, 3.5, 4, 4.5, 5, 5.5])
T_DATA = np.array([0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1.0])


def losses(w, b):
    z = w * X_DATA + b
    return np.maximum(z, 0) - z * T_DATA + np.log1p(np.exp(-np.abs(z)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("output")
    parser.add_argument("--epochs", type=int, default=12)
    args = parser.parse_args()

    lr = 0.06
    p = np.array([0.0, 0.0])
    W, B = np.meshgrid(np.linspace(-0.5, 4.5, 90), np.linspace(-12, 2, 90))
    Z = W[..., None] * X_DATA + B[..., None]
    L = (np.maximum(Z, 0) - Z * T_DATA + np.log1p(np.exp(-np.abs(Z)))).sum(axis=-1)
    xs = np.linspace(0, 6, 100)
    peer = Recorder()
    path = [p.copy()]
    for e in range(args.epochs):
        z = p[0] * X_DATA + p[1]
        sigma = 1 / (1 + np.exp(-z))
        g = np.array([((sigma - T_DATA) * X_DATA).sum(), (sigma - T_DATA).sum()])
        new = p - lr * g
        peer.ax1.clear()
        ax2 = peer.ax2
        ax2.clear()
        peer.landscape(W, B, L, (1.8288, -5.4014), path, p, 0.5)
        ax2.plot(xs, 1 / (1 + np.exp(-(p[0] * xs + p[1]))), color="C1", label=r"model: $p = \sigma(wx + b)$")
        ax2.plot(X_DATA, T_DATA, "o", markersize=8, label="data")
        ax2.plot(X_DATA, sigma, "x", color="C1", label="model prediction")
        if p[0] != 0 and 0 < -p[1] / p[0] < 6:
            ax2.axvline(-p[1] / p[0], ls="--", color="grey", label="decision boundary")
        for xi, ti, yi, li in zip(X_DATA, T_DATA, sigma, losses(*p)):
            ax2.plot([xi, xi], [ti, yi], "--", color="C1", alpha=0.5)
            ax2.text(xi, yi, f"{li:.2f}", color="C1", va="top")
        ax2.set_ylim(-0.1, 1.1)
        ax2.set_title(f"Iteration {e}, cross-entropy = {losses(*p).sum():.2f}", color="C1")
        ax2.legend(loc="center right")
        peer.grab(2)
        peer.stages(p, new, g, lambda q: losses(*q).sum(), lr, 0.8)
        p = new
        path.append(p.copy())
    peer.save(args.output)


if __name__ == "__main__":
    main()
