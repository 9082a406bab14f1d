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

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402


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
    ws, bs = np.linspace(-2, 2, 90), np.linspace(-1, 3, 90)
    W, B = np.meshgrid(ws, bs)
    L = (1 - W) ** 2 + 100 * (B - W ** 2) ** 2
    low, high = L.min(), L.max()
    levels = low + (high - low) * np.concatenate([[0], np.logspace(-3, 0, 10)])

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(8, 6))
    frames, durations = [], []

    def grab(seconds):
        fig.canvas.draw()
        frames.append(Image.frombuffer("RGBA", fig.canvas.get_width_height(),
                                       fig.canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB"))
        durations.append(int(seconds * 1000))

    colorbar = None
    path, losses = [p.copy()], [loss(p)]
    for t in range(1, args.epochs + 1):
        g = gradient(p)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        new = p - lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
        ax1.clear()
        ax2.clear()
        filled = ax1.contourf(W, B, L, levels=levels, cmap="viridis")
        ax1.contour(W, B, L, levels=levels[1:-1], colors="white", linewidths=0.6, alpha=0.35)
        if colorbar is None:
            colorbar = fig.colorbar(filled, ax=ax1)
        ax1.plot(1, 1, "+", color="white", markersize=11, mew=2, label="minimum")
        trail = np.array(path)
        ax1.plot(trail[:, 0], trail[:, 1], "-o", color="white", markersize=2, lw=1.2)
        ax1.plot(p[0], p[1], "*", color="C1", markersize=12, label="current weight")
        ax1.text(p[0], p[1] + 0.15, f"(w, b) = ({p[0]:.2f}, {p[1]:.2f})", color="C1", ha="center")
        ax1.set_xlabel("w")
        ax1.set_ylabel("b")
        ax1.legend(loc="lower left")
        ax2.semilogy(range(len(losses)), losses, "-o", color="C0", markersize=3)
        ax2.set_xlim(-1, args.epochs + 1)
        ax2.set_xlabel("Iteration")
        ax2.set_ylabel("Loss")
        ax2.set_title(r"$L(w, b) = (1 - w)^2 + 100\,(b - w^2)^2$")
        grab(2)
        ax1.text(p[0] + 0.1, p[1], f"loss = {loss(p):.2f}", va="center")
        grab(2)
        d = -g / np.linalg.norm(g)
        ax1.annotate("", xy=(p[0] + 0.5 * d[0], p[1] + 0.5 * d[1]), xytext=(p[0], p[1]),
                     arrowprops=dict(arrowstyle="-|>", color="C2", lw=2))
        grab(2)
        ax1.annotate("", xy=(new[0], new[1]), xytext=(p[0], p[1]), arrowprops=dict(arrowstyle="-|>", color="k", lw=1.5))
        grab(2)
        ax1.text(new[0] + 0.1, new[1], f"loss = {loss(new):.2f}", color="C3", va="center")
        grab(2)
        ax1.plot(new[0], new[1], "*", color="C3", markersize=12, label="updated weight")
        ax1.set_title(f"(w, b)_new = ({new[0]:.2f}, {new[1]:.2f})", color="C3")
        ax1.legend(loc="lower left")
        grab(5)
        p = new
        path.append(p.copy())
        losses.append(loss(p))

    frames[0].save(args.output, save_all=True, append_images=frames[1:], duration=durations, loop=0)


if __name__ == "__main__":
    main()
