#!/usr/bin/env python3
"""The peer for a loss written as an expression: the figure of
`descent render --objective rosenbrock --optimizer adam --lr 0.05 --epochs N` drawn headless
with matplotlib (Agg) — Rosenbrock's landscape as filled contours (`contourf`, levels spaced
in the logarithm) with their lines and a colour bar, the minimum, Adam's path, the gradient
and the step as arrows, and beside it the loss over the epochs on a log axis — grabbed stage
by stage and saved with Pillow, with the same holds (2, 2, 2, 2, 2 and 5 s). Adam is
torch.optim.Adam's rule with its defaults. What a teacher would write without descent.

Usage: matplotlib_rosenbrock_reference.py OUT.gif [--epochs N]
"""
import argparse

import numpy as np

from mpl_peer import Recorder


def loss(p):
    return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2


def gradient(p):
    return np.array([-2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0] ** 2), 200 * (p[1] - p[0] ** 2)])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("output")
    parser.add_argument("--epochs", type=int, default=30)
    args = parser.parse_args()

    lr, b1, b2, eps = 0.05, 0.9, 0.999, 1e-8
    p = np.array([-1.2, 1.0])
    m = v = np.zeros(2)
    W, B = np.meshgrid(np.linspace(-2, 2, 90), np.linspace(-1, 3, 90))
    L = (1 - W) ** 2 + 100 * (B - W ** 2) ** 2
    peer = Recorder()
    path, losses = [p.copy()], [loss(p)]
    for t in range(1, args.epochs + 1):
        g = gradient(p)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        new = p - lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
        peer.ax1.clear()
        peer.ax2.clear()
        peer.landscape(W, B, L, (1, 1), path, p, 0.15, xlabel="w", ylabel="b")
        peer.ax2.semilogy(range(len(losses)), losses, "-o", color="C0", markersize=3)
        peer.ax2.set_xlim(-1, args.epochs + 1)
        peer.ax2.set_xlabel("Iteration")
        peer.ax2.set_ylabel("Loss")
        peer.ax2.set_title(r"$L(w, b) = (1 - w)^2 + 100\,(b - w^2)^2$")
        peer.grab(2)
        peer.stages(p, new, g, loss, lr, 0.5)
        p = new
        path.append(p.copy())
        losses.append(loss(p))
    peer.save(args.output)


if __name__ == "__main__":
    main()
