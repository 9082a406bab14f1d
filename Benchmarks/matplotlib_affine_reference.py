#!/usr/bin/env python3
"""The peer for the (w, b) lesson: the same figure as `descent render Scenes/affine.yaml`
drawn headless with matplotlib (Agg) — filled contours (`contourf`) with their lines
(`contour`), a colour bar, the minimum, the path, the gradient and the step as arrows, the
data and the line y = w·x + b — grabbed stage by stage and saved with Pillow, with the same
holds (2, 2, 2, 2, 2 and 5 s). What a teacher would write without descent.

Usage: matplotlib_affine_reference.py OUT.gif [--epochs N]
"""
import argparse

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402


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

    ws = np.linspace(-2, 4, 90)
    bs = np.linspace(-5, 5, 90)
    W, B = np.meshgrid(ws, bs)
    L = ((W[..., None] * x + B[..., None] - t) ** 2).sum(axis=-1)
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
    path = [p.copy()]
    xs = np.linspace(-0.1, 2.1, 100)
    for e in range(args.epochs):
        g = 2 * X.T @ (X @ p - t)
        new = p - lr * g
        ax1.clear()
        ax2.clear()
        filled = ax1.contourf(W, B, L, levels=levels, cmap="viridis")
        ax1.contour(W, B, L, levels=levels[1:-1], colors="white", linewidths=0.6, alpha=0.35)
        if colorbar is None:
            colorbar = fig.colorbar(filled, ax=ax1)
        ax1.plot(best[0], best[1], "+", color="white", markersize=11, mew=2, label="least-squares minimum")
        trail = np.array(path)
        ax1.plot(trail[:, 0], trail[:, 1], "-o", color="white", markersize=2, lw=1.2)
        ax1.plot(p[0], p[1], "*", color="C1", markersize=12, label="current weight")
        ax1.text(p[0], p[1] + 0.3, f"(w, b) = ({p[0]:.2f}, {p[1]:.2f})", color="C1", ha="center")
        ax1.set_xlabel("Weight")
        ax1.set_ylabel("Intercept")
        ax1.legend(loc="lower left")
        ax2.plot(xs, p[0] * xs + p[1], color="C1", label="model: y = w x + b")
        ax2.plot(x, t, "o", markersize=8, label="data observations")
        pred = X @ p
        ax2.plot(x, pred, "x", color="C1", label="network prediction")
        for xi, ti, yi in zip(x, t, pred):
            ax2.plot([xi, xi], [ti, yi], "--", color="C1", alpha=0.5)
            ax2.text(xi, yi, f"{(yi - ti) ** 2:.2f}", color="C1", va="top")
        ax2.set_title(f"Iteration {e}, squared loss = {loss(p):.2f}", color="C1")
        ax2.legend(loc="upper right")
        grab(2)
        ax1.text(p[0] + 0.2, p[1], f"loss = {loss(p):.2f}", va="center")
        grab(2)
        d = -g / np.linalg.norm(g)
        ax1.annotate("", xy=(p[0] + 0.8 * d[0], p[1] + 0.8 * d[1]), xytext=(p[0], p[1]),
                     arrowprops=dict(arrowstyle="-|>", color="C2", lw=2))
        grab(2)
        ax1.annotate("", xy=(new[0], new[1]), xytext=(p[0], p[1]), arrowprops=dict(arrowstyle="-|>", color="k", lw=1.5))
        grab(2)
        ax1.text(new[0] + 0.2, new[1], f"loss = {loss(new):.2f}", color="C3", va="center")
        grab(2)
        ax1.plot(new[0], new[1], "*", color="C3", markersize=12, label="updated weight")
        ax1.set_title(f"(w, b)_new = ({p[0]:.2f}, {p[1]:.2f}) - {lr} x ({g[0]:.2f}, {g[1]:.2f})\n"
                      f"= ({new[0]:.2f}, {new[1]:.2f})", color="C3")
        ax1.legend(loc="lower left")
        grab(5)
        p = new
        path.append(p.copy())

    frames[0].save(args.output, save_all=True, append_images=frames[1:], duration=durations, loop=0)


if __name__ == "__main__":
    main()
