#!/usr/bin/env python3
"""Memory does not grow with epochs: the peak resident memory of a 1000-epoch render (6000
keyframes) stays under twice that of a 10-epoch render (60), with the release binary.
Every cache has a budget; a cache or a list that grew with the frames would break this.

Usage: check_memory.py PATH/TO/descent   (prints what it measured; exit 1 when it fails)
"""
import os
import subprocess
import sys
import tempfile


def peak_mb(descent, epochs, folder):
    proc = subprocess.Popen([descent, "render", "--quiet", "--epochs", str(epochs), "-o", f"{folder}/m{epochs}.gif"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"render of {epochs} epochs failed: {proc.stderr.read().decode()}")
    return usage.ru_maxrss / 1024


descent = os.path.abspath(sys.argv[1])
with tempfile.TemporaryDirectory(prefix="descent-memory-") as folder:
    small, large = peak_mb(descent, 10, folder), peak_mb(descent, 1000, folder)
ok = large < 2 * small
print(f"{'ok  ' if ok else 'FAIL'} peak memory: {small:.1f} MB at 10 epochs, {large:.1f} MB at 1000 (limit {2 * small:.1f})")
sys.exit(0 if ok else 1)
