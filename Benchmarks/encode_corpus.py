#!/usr/bin/env python3
"""Frame sequences rendered by matplotlib (Agg) for the encoder benchmark:

- `lines`: a line plot whose curve and markers move (flat colours, anti-aliased);
- `colormap`: an animated 2-D field drawn with viridis (thousands of colours).

Usage: encode_corpus.py OUT_DIR
"""
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def lines(folder, frames=40):
    os.makedirs(folder, exist_ok=True)
    x = np.linspace(0, 4 * np.pi, 300)
    fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=100)
    for i in range(frames):
        ax.clear()
        phase = i * 2 * np.pi / frames
        ax.plot(x, np.sin(x + phase), color="C0", label="sin")
        ax.plot(x, 0.5 * np.cos(2 * x - phase), "--", color="C1", label="cos")
        ax.plot(x[::25], np.sin(x[::25] + phase), "o", color="C2")
        ax.set_ylim(-1.3, 1.3)
        ax.set_title(f"phase = {phase:.2f}")
        ax.legend(loc="upper right")
        fig.savefig(f"{folder}/frame_{i:03d}.png")
    plt.close(fig)


def colormap(folder, frames=30):
    os.makedirs(folder, exist_ok=True)
    y, x = np.mgrid[-3:3:240j, -3:3:320j]
    fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=100)
    for i in range(frames):
        ax.clear()
        t = i * 2 * np.pi / frames
        field = np.sin(x * 1.5 + t) * np.cos(y * 1.2 - t / 2) + 0.3 * np.sin(np.hypot(x, y) * 3 - t)
        ax.imshow(field, cmap="viridis", extent=(-3, 3, -3, 3), vmin=-1.3, vmax=1.3, interpolation="bilinear")
        ax.set_title(f"t = {t:.2f}")
        fig.savefig(f"{folder}/frame_{i:03d}.png")
    plt.close(fig)


if __name__ == "__main__":
    out = sys.argv[1]
    lines(os.path.join(out, "lines"))
    colormap(os.path.join(out, "colormap"))
