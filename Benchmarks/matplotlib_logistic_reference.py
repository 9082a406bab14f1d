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

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

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
    ws, bs = np.linspace(-0.5, 4.5, 90), np.linspace(-12, 2, 90)
    W, B = np.meshgrid(ws, bs)
    Z = W[..., None] * X_DATA + B[..., None]
    L = (np.maximum(Z, 0) - Z * T_DATA + np.log1p(np.exp(-np.abs(Z)))).sum(axis=-1)
    low, high = L.min(), L.max()
    levels = low + (high - low) * np.concatenate([[0], np.logspace(-3, 0, 10)])
    xs = np.linspace(0, 6, 100)

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(8, 6))
    frames, durations = [], []

    def grab(seconds):
        fig.canvas.draw()
        frames.append(Image.frombuffer("RGBA", fig.canvas.get_width_height(),
                                       fig.canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB"))
        durations.append(int(seconds * 1000))

    colorbar = None
    path = [p.copy()]
    for e in range(args.epochs):
        z = p[0] * X_DATA + p[1]
        sigma = 1 / (1 + np.exp(-z))
        g = np.array([((sigma - T_DATA) * X_DATA).sum(), (sigma - T_DATA).sum()])
        new = p - lr * g
        ax1.clear()
        ax2.clear()
        filled = ax1.contourf(W, B, L, levels=levels, cmap="viridis")
        ax1.contour(W, B, L, levels=levels[1:-1], colors="white", linewidths=0.6, alpha=0.35)
        if colorbar is None:
            colorbar = fig.colorbar(filled, ax=ax1)
        ax1.plot(1.8288, -5.4014, "+", color="white", markersize=11, mew=2, label="minimum")
        trail = np.array(path)
        ax1.plot(trail[:, 0], trail[:, 1], "-o", color="white", markersize=2, lw=1.2)
        ax1.plot(p[0], p[1], "*", color="C1", markersize=12, label="current weight")
        ax1.text(p[0], p[1] + 0.5, f"(w, b) = ({p[0]:.2f}, {p[1]:.2f})", color="C1", ha="center")
        ax1.set_xlabel("Weight")
        ax1.set_ylabel("Intercept")
        ax1.legend(loc="lower left")
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
        grab(2)
        ax1.text(p[0] + 0.2, p[1], f"loss = {losses(*p).sum():.2f}", va="center")
        grab(2)
        d = -g / np.linalg.norm(g)
        ax1.annotate("", xy=(p[0] + 0.8 * d[0], p[1] + 0.8 * d[1]), xytext=(p[0], p[1]),
                     arrowprops=dict(arrowstyle="-|>", color="C2", lw=2))
        grab(2)
        ax1.annotate("", xy=(new[0], new[1]), xytext=(p[0], p[1]), arrowprops=dict(arrowstyle="-|>", color="k", lw=1.5))
        grab(2)
        ax1.text(new[0] + 0.2, new[1], f"loss = {losses(*new).sum():.2f}", color="C3", va="center")
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
