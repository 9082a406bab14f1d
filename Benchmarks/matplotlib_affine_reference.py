#!/usr/bin/env python3
"""The peer for the (w, b) lesson: the same figure as `descent render Scenes/affine.yaml`
drawn headless with matplotlib (Agg) — filled contours (`contourf`) with their lines
(`contour`), a colour bar, the minimum, the path, the gradient and the step as arrows, the
data and the line y = w·x + b — grabbed stage by stage and saved with Pillow, with the same
holds (2, 2, 2, 2, 2 and 5 s). What a teacher would write without descent.

Usage: matplotlib_affine_reference.py OUT.gif [--epochs N]
"""
import argparse

import numpy as np

from mpl_peer import Recorder


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("output")
    parser.add_argument("--epochs", type=int, default=12)
    args = parser.parse_args()

    x = np.array([0.0, 1.0, 2.0])
    t = np.array([0.2, 1.3, 2.4])
    X = np.column_stack([x, np.ones_like(x)])
    lr = 0.12
    p = np.array([-1.0, 4.0])
    best, *_ = np.linalg.lstsq(X, t, rcond=None)

    def loss(q):
        r = X @ q - t
        return float(r @ r)

    W, B = np.meshgrid(np.linspace(-2, 4, 90), np.linspace(-5, 5, 90))
    L = ((W[..., None] * x + B[..., None] - t) ** 2).sum(axis=-1)
    peer = Recorder()
    path = [p.copy()]
    xs = np.linspace(-0.1, 2.1, 100)
    for e in range(args.epochs):
        g = 2 * X.T @ (X @ p - t)
        new = p - lr * g
        peer.ax1.clear()
        ax2 = peer.ax2
        ax2.clear()
        peer.landscape(W, B, L, best, path, p, 0.3)
        ax2.plot(xs, p[0] * xs + p[1], color="C1", label="model: y = w x + b")
        ax2.plot(x, t, "o", markersize=8, label="data observations")
        pred = X @ p
        ax2.plot(x, pred, "x", color="C1", label="network prediction")
        for xi, ti, yi in zip(x, t, pred):
            ax2.plot([xi, xi], [ti, yi], "--", color="C1", alpha=0.5)
            ax2.text(xi, yi, f"{(yi - ti) ** 2:.2f}", color="C1", va="top")
        ax2.set_title(f"Iteration {e}, squared loss = {loss(p):.2f}", color="C1")
        ax2.legend(loc="upper right")
        peer.grab(2)
        peer.stages(p, new, g, loss, lr, 0.8)
        p = new
        path.append(p.copy())
    peer.save(args.output)


if __name__ == "__main__":
    main()
