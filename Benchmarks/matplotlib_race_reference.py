#!/usr/bin/env python3
"""The peer for a race: the same figure as `descent render Scenes/race.yaml` drawn headless
with matplotlib (Agg) — the (w, b) landscape (filled contours, their lines, a colour bar, the
minimum) under four optimizers' paths, each its colour, marker and dash, with its current
point; beside it the data and each run's line y = w·x + b; one frame an epoch held 1 s, saved
with Pillow. What a teacher would write without descent.

Usage: matplotlib_race_reference.py OUT.gif [--epochs N]
"""
import argparse

import numpy as np

from mpl_peer import Recorder


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("output")
    parser.add_argument("--epochs", type=int, default=30)
    args = parser.parse_args()

    x = np.array([0.0, 1.0, 2.0])
    t = np.array([0.2, 1.3, 2.4])
    X = np.column_stack([x, np.ones_like(x)])
    best, *_ = np.linalg.lstsq(X, t, rcond=None)

    def gradient(q):
        return 2 * X.T @ (X @ q - t)

    # Each run: name, rate, its update rule's state and step (the rules PyTorch documents).
    def gd(lr):
        return lambda q, g, s: q - lr * g

    def momentum(lr, beta):
        def step(q, g, s):
            s["v"] = beta * s.get("v", 0) + g
            return q - lr * s["v"]
        return step

    def adam(lr, b1=0.9, b2=0.999, eps=1e-8):
        def step(q, g, s):
            k = s["k"] = s.get("k", 0) + 1
            s["m"] = b1 * s.get("m", 0) + (1 - b1) * g
            s["v"] = b2 * s.get("v", 0) + (1 - b2) * g * g
            return q - lr * (s["m"] / (1 - b1 ** k)) / (np.sqrt(s["v"] / (1 - b2 ** k)) + eps)
        return step

    def adagrad(lr, eps=1e-10):
        def step(q, g, s):
            s["G"] = s.get("G", 0) + g * g
            return q - lr * g / (np.sqrt(s["G"]) + eps)
        return step

    runs = [("gradient descent", gd(0.05), "#d55e00", "o", "-"), ("momentum", momentum(0.05, 0.9), "#0072b2", "s", "--"),
            ("Adam", adam(0.3), "#000000", "^", "-."), ("Adagrad", adagrad(0.05), "#324903", "D", ":")]
    paths = [[np.array([-1.0, 4.0])] for _ in runs]
    states = [{} for _ in runs]
    for _ in range(args.epochs):
        for path, (_, step, *_), state in zip(paths, runs, states):
            path.append(step(path[-1], gradient(path[-1]), state))

    W, B = np.meshgrid(np.linspace(-2, 4, 90), np.linspace(-5, 5, 90))
    L = ((W[..., None] * x + B[..., None] - t) ** 2).sum(axis=-1)
    low, high = L.min(), L.max()
    levels = low + (high - low) * np.concatenate([[0], np.logspace(-3, 0, 10)])
    peer = Recorder()
    xs = np.linspace(-0.1, 2.1, 100)
    for e in range(args.epochs):
        ax1, ax2 = peer.ax1, peer.ax2
        ax1.clear()
        ax2.clear()
        filled = ax1.contourf(W, B, L, levels=levels, cmap="viridis")
        ax1.contour(W, B, L, levels=levels[1:-1], colors="white", linewidths=0.6, alpha=0.35)
        if peer.colorbar is None:
            peer.colorbar = peer.fig.colorbar(filled, ax=ax1)
        ax1.plot(best[0], best[1], "+", color="white", markersize=11, mew=2, label="minimum")
        ax2.plot(x, t, "o", color="#777777", markersize=8, label="data")
        for path, (name, _, colour, marker, dash) in zip(paths, runs):
            trail = np.array(path[:e + 1])
            ax1.plot(trail[:, 0], trail[:, 1], linestyle=dash, marker=marker, color=colour, markersize=3, lw=1.5, label=name)
            ax1.plot(trail[-1, 0], trail[-1, 1], marker=marker, color=colour, markersize=9, mec="white")
            w, b = path[e]
            ax2.plot(xs, w * xs + b, linestyle=dash, color=colour, lw=1.5, label=name)
        ax1.set_xlabel("$w$")
        ax1.set_ylabel("$b$")
        ax1.legend(loc="lower left", fontsize=8)
        ax1.set_title(f"Epoch {e}")
        ax2.set_xlabel("x")
        ax2.set_ylabel("y")
        ax2.legend(loc="upper left", fontsize=8)
        peer.grab(1)
    peer.save(args.output)


if __name__ == "__main__":
    main()
