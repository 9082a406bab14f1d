#!/usr/bin/env python3
"""The peer: the notebook's figure drawn headless with matplotlib (Agg) and saved with
Pillow, stage for stage — what people use today without descent.

It follows the notebook's code (same data, same artists, same stages, same 2/2/2/2/2+3 s
holds) with its interactive calls (plt.pause, canvas.flush_events, time.sleep) replaced by
grabbing the Agg canvas after each stage.

With --tweens N it is the peer of `descent render --motion smooth`: before each epoch after
the first, N in-between frames (eased cubic in-out, 1/25 s each) redraw the whole figure at a
weight moving from the previous epoch's to this one's.

Usage: matplotlib_reference.py OUT.gif [--epochs N] [--lr RATE] [--tweens N]
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
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--lr", type=float, default=0.025)
    parser.add_argument("--tweens", type=int, default=0)
    args = parser.parse_args()

    x_data = np.array([0, 1, 2]).reshape(3, 1)
    t_data = np.array([0.2, 1.3, 2.4]).reshape(3, 1)

    def graph(x, w):
        return np.matmul(x, w)

    def squared_loss(x, t, w):
        return (graph(x, w) - t) ** 2

    def grad(x, t, w):
        return np.sum(2 * (graph(x, w) - t) * x, axis=0, keepdims=True)

    x_range = np.linspace(-1, 4, 100).reshape((100, 1))
    w_range = np.linspace(-10, 15, 500).reshape((500, 1, 1))
    loss_acc_range = np.squeeze(np.sum(squared_loss(x_data, t_data, w_range), axis=1))
    w_range = np.squeeze(w_range)

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(8, 6))
    frames, durations = [], []

    def grab(seconds):
        fig.canvas.draw()
        frames.append(Image.frombuffer("RGBA", fig.canvas.get_width_height(),
                                       fig.canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB"))
        durations.append(int(seconds * 1000))

    def weight_stage(w, e):
        """Both panels at weight `w` (the epoch's first stage); returns what the later stages need."""
        grad_w = grad(x_data, t_data, w)
        function = graph(x_range, w)
        y_pred = graph(x_data, w)
        loss = squared_loss(x_data, t_data, w)
        loss_acc = np.sum(loss)
        ax1.clear()
        ax2.clear()
        w_plot = np.squeeze(w)

        ax2.plot(x_range, function, color="C1", label="function: y = w*x")
        ax2.plot(x_data, t_data, "o", markersize=8, label="data observations")
        for idx, (xi, ti, yi, sl) in enumerate(zip(np.squeeze(x_data), np.squeeze(t_data),
                                                   np.squeeze(y_pred), np.squeeze(loss))):
            ax2.plot(xi, yi, "x", color="C1", label="network prediction" if idx == 0 else None)
            ax2.plot([xi, xi], [ti, yi], "--", color="C1", alpha=0.5)
            ax2.text(xi, yi, f"{sl:.2f}", fontsize=12, va="top", color="C1")
        ax2.text(x_range[-20, 0], function[-20, 0], f"w = {w_plot}", color="k", fontsize=12)
        ax2.text(1, 33, f"Iteration {e}, squared loss = {loss_acc:.2f}", fontsize=12, va="bottom", color="C1")
        ax2.set_xlabel("tiempo")
        ax2.set_ylabel("cantidad de lluvia")
        ax2.set_ylim([-10, 30])
        ax2.legend()

        ax1.set_xlabel("Weight")
        ax1.set_ylabel("Loss")
        ax1.set_ylim([-200, 900])
        ax1.plot(w_range, loss_acc_range, color="C0", label="loss", zorder=20)
        ax1.plot(w_plot, -190, "*", color="C1", label="current weight", zorder=50, markersize=10)
        ax1.text(w_plot + 1, -190, f"w = {w_plot:.2f}", fontsize=12, va="bottom", color="C1", zorder=50)
        ax1.legend()
        return grad_w, loss_acc

    w = np.array([9.0]).reshape(1, 1)
    lr = args.lr
    previous = None
    for e in range(args.epochs):
        if previous is not None:
            for k in range(1, args.tweens + 1):
                s = k / (args.tweens + 1)
                eased = 4 * s ** 3 if s < 0.5 else 1 - (-2 * s + 2) ** 3 / 2
                weight_stage(previous + (w - previous) * eased, e)
                grab(1 / 25)
        previous = w
        grad_w, loss_acc = weight_stage(w, e)
        tangent = grad_w * w_range + loss_acc - grad_w * w
        w_plot, grad_plot = np.squeeze(w), np.squeeze(grad_w)
        w_new = np.squeeze(w - lr * grad_w)
        grab(2)

        ax1.vlines(w_plot, ymin=-200, ymax=loss_acc, color="k", linestyles="dotted", zorder=-50)
        ax1.plot(w_plot, loss_acc, "o", color="C0", label="loss at current weight", zorder=20)
        ax1.text(w_plot + 0.5, loss_acc, f"loss = {loss_acc:.2f}", fontsize=12, va="bottom", color="C0", zorder=50)
        ax1.legend()
        grab(2)

        ax1.plot(w_range, np.squeeze(tangent), color="C2",
                 label="gradient function: f(w) = grad_w * w + loss - grad_w * w", zorder=20)
        ax1.text(w_range[-1], np.squeeze(tangent)[-1], f"grad_w = {grad_plot:.2f}", fontsize=12,
                 va="bottom", color="C2", zorder=200)
        ax1.legend()
        grab(2)

        ax1.hlines(y=loss_acc, xmin=w_new, xmax=w_plot, color="k", linestyles="dotted", zorder=-50)
        grab(2)

        ax1.vlines(w_new, ymin=-200, ymax=loss_acc, color="k", linestyles="dotted", zorder=-50)
        grab(2)

        ax1.plot(w_new, -190, "*", color="C3", label="updated weight: w_new = w - lr*grad_w", zorder=200, markersize=10)
        ax1.text(w_new, -160, f"w_new = {w_plot:.2f} -{lr:.2f}*{grad_plot:.2f} = {w_plot - lr * grad_plot:.2f}",
                 fontsize=12, va="bottom", color="C3", zorder=200)
        ax1.legend()
        grab(5)

        w = w - lr * grad_w

    frames[0].save(args.output, save_all=True, append_images=frames[1:], duration=durations, loop=0)


if __name__ == "__main__":
    main()
