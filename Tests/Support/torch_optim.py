"""PyTorch's documented update rules in numpy, for tests that recompute descent's paths
independently: SGD (plain and with momentum: buf = g at the first step, then beta*buf + g)
and Adam (bias-corrected moments, eps after the square root)."""
import numpy as np


class Optimizer:
    """One run's optimizer, as the transcript names it (`{"name": "adam", "beta1": …}`)."""

    def __init__(self, spec):
        self.spec = spec
        self.buf = self.m = self.v = None
        self.steps = 0

    def step(self, p, g, lr):
        """The parameters after one step from `p` with gradient `g` at rate `lr`."""
        self.steps += 1
        name = self.spec["name"]
        if name == "gd":
            return p - lr * g
        if name == "momentum":
            self.buf = g.copy() if self.buf is None else self.spec["beta"] * self.buf + g
            return p - lr * self.buf
        if name == "adam":
            b1, b2, eps, t = self.spec["beta1"], self.spec["beta2"], self.spec["eps"], self.steps
            self.m = (1 - b1) * g if self.m is None else b1 * self.m + (1 - b1) * g
            self.v = (1 - b2) * g * g if self.v is None else b2 * self.v + (1 - b2) * g * g
            return p - lr * (self.m / (1 - b1 ** t)) / (np.sqrt(self.v / (1 - b2 ** t)) + eps)
        raise ValueError(f"no rule for {name}")


def close(ours, theirs):
    """Within 1e-7 relative, and 1e-12 absolute for what has cancelled to nothing."""
    return abs(ours - theirs) <= 1e-7 * abs(theirs) + 1e-12
