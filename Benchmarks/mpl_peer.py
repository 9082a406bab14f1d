"""What the matplotlib peers share: a figure of two panels grabbed frame by frame and saved
with Pillow, and the (w, b) landscape drawn as descent draws it (filled contours with
log-spaced levels, their lines, a colour bar, the minimum, the path, the current point)."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402


class Recorder:
    """Two panels side by side at the notebook's 8x6 inches; each grab is a frame held `seconds`."""

    def __init__(self):
        self.fig, (self.ax1, self.ax2) = plt.subplots(1, 2, figsize=(8, 6))
        self.frames, self.durations = [], []
        self.colorbar = None

    def grab(self, seconds):
        self.fig.canvas.draw()
        self.frames.append(Image.frombuffer("RGBA", self.fig.canvas.get_width_height(),
                                            self.fig.canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB"))
        self.durations.append(int(seconds * 1000))

    def save(self, path):
        self.frames[0].save(path, save_all=True, append_images=self.frames[1:], duration=self.durations, loop=0)

    def landscape(self, W, B, L, minimum, path, p, label_lift, xlabel="Weight", ylabel="Intercept"):
        """The landscape panel for point `p` after `path`: ten log-spaced bands above the lowest loss."""
        ax = self.ax1
        low, high = L.min(), L.max()
        levels = low + (high - low) * np.concatenate([[0], np.logspace(-3, 0, 10)])
        filled = ax.contourf(W, B, L, levels=levels, cmap="viridis")
        ax.contour(W, B, L, levels=levels[1:-1], colors="white", linewidths=0.6, alpha=0.35)
        if self.colorbar is None:
            self.colorbar = self.fig.colorbar(filled, ax=ax)
        ax.plot(minimum[0], minimum[1], "+", color="white", markersize=11, mew=2, label="minimum")
        trail = np.array(path)
        ax.plot(trail[:, 0], trail[:, 1], "-o", color="white", markersize=2, lw=1.2)
        ax.plot(p[0], p[1], "*", color="C1", markersize=12, label="current weight")
        ax.text(p[0], p[1] + label_lift, f"(w, b) = ({p[0]:.2f}, {p[1]:.2f})", color="C1", ha="center")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.legend(loc="lower left")

    def stages(self, p, new, g, loss, lr, reach):
        """The landscape's five stages after the first grab: loss, gradient, step, new loss, update."""
        ax = self.ax1
        ax.text(p[0] + reach / 4, p[1], f"loss = {loss(p):.2f}", va="center")
        self.grab(2)
        d = -g / np.linalg.norm(g)
        ax.annotate("", xy=(p[0] + reach * d[0], p[1] + reach * d[1]), xytext=(p[0], p[1]),
                    arrowprops=dict(arrowstyle="-|>", color="C2", lw=2))
        self.grab(2)
        ax.annotate("", xy=(new[0], new[1]), xytext=(p[0], p[1]), arrowprops=dict(arrowstyle="-|>", color="k", lw=1.5))
        self.grab(2)
        ax.text(new[0] + reach / 4, new[1], f"loss = {loss(new):.2f}", color="C3", va="center")
        self.grab(2)
        ax.plot(new[0], new[1], "*", color="C3", markersize=12, label="updated weight")
        ax.set_title(f"(w, b)_new = ({p[0]:.2f}, {p[1]:.2f}) - {lr} x ({g[0]:.2f}, {g[1]:.2f})\n"
                     f"= ({new[0]:.2f}, {new[1]:.2f})", color="C3")
        ax.legend(loc="lower left")
        self.grab(5)
