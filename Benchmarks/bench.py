#!/usr/bin/env python3
"""make bench: whole-process wall time (median of 5 runs after a warm-up), peak resident
memory, output bytes and keyframes per second for descent; then each lesson kind on two
threads and on one, beside its matplotlib + Pillow peer (the matplotlib_*_reference.py
scripts here, drawing the same elements) measured in the same session, and the ratios.
A benchmark, not a test: it never fails on a timing.

Usage: bench.py PATH/TO/descent [--runs N] [--no-reference]
"""
import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def measure(command, runs):
    """Median and min wall seconds and max peak RSS (MiB) over `runs` runs after a warm-up."""
    walls, peaks = [], []
    for i in range(runs + 1):
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        err = proc.stderr.read().decode() if proc.stderr else ""
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"failed: {' '.join(command)}\n{err}")
        if i > 0:  # the first run warms caches
            walls.append(wall)
            peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(walls), min(walls), max(peaks)


def size_of(paths):
    return sum(os.path.getsize(p) for p in paths)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("descent")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-reference", action="store_true")
    args = parser.parse_args()
    descent = os.path.abspath(args.descent)
    out = tempfile.mkdtemp(prefix="descent-bench-")
    rates = ["0.01", "0.1", "0.15", "0.21"]
    cases = [
        ("seed 800x600, 10 epochs", 60, ["render", "--quiet", "-o", f"{out}/seed.gif"], [f"{out}/seed.gif"]),
        ("seed --scale 2 (1600x1200)", 60, ["render", "--quiet", "--scale", "2", "-o", f"{out}/x2.gif"], [f"{out}/x2.gif"]),
        ("200 epochs", 1200, ["render", "--quiet", "--epochs", "200", "-o", f"{out}/long.gif"], [f"{out}/long.gif"]),
        ("four rates (4 GIFs)", 240, ["render", "--quiet", "--lr", ",".join(rates), "-o", f"{out}/cmp.gif"],
         [f"{out}/cmp_lr{r}.gif" for r in rates]),
        ("(w, b) landscape, 12 epochs", 72, ["render", "--quiet", "Scenes/affine.yaml", "-o", f"{out}/affine.gif"],
         [f"{out}/affine.gif"]),
        ("(w, b) landscape, 120 epochs", 720, ["render", "--quiet", "Scenes/affine.yaml", "--epochs", "120", "-o",
                                               f"{out}/affine120.gif"], [f"{out}/affine120.gif"]),
        ("seed --motion smooth", 60 + 9 * 13, ["render", "--quiet", "--motion", "smooth", "-o", f"{out}/smooth.gif"],
         [f"{out}/smooth.gif"]),
        ("race: 4 optimizers, (w, b), 30 epochs", 30, ["render", "--quiet", "Scenes/race.yaml", "-o", f"{out}/race.gif"],
         [f"{out}/race.gif"]),
        ("Rosenbrock, Adam, 30 epochs", 180, ["render", "--quiet", "--objective", "rosenbrock", "--optimizer", "adam",
                                              "--lr", "0.05", "--epochs", "30", "-o", f"{out}/rosenbrock.gif"],
         [f"{out}/rosenbrock.gif"]),
        ("logistic regression, 12 epochs", 72, ["render", "--quiet", "Scenes/logistic.yaml", "--epochs", "12", "--detailed", "12",
                                                 "-o", f"{out}/logistic.gif"], [f"{out}/logistic.gif"]),
        ("race: 4 optimizers, (w, b), 300 epochs", 300, ["render", "--quiet", "Scenes/race.yaml", "--epochs", "300", "-o",
                                                         f"{out}/race300.gif"], [f"{out}/race300.gif"]),
    ]
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    print(f"machine: {os.cpu_count()} cores, {cpu}; {args.runs} runs after a warm-up, median (min)")
    print()
    print(f"| case | wall s, median (min) | peak MB | output KB | keyframes/s |")
    print(f"| --- | --- | --- | --- | --- |")
    results = {}
    for name, keyframes, arguments, outputs in cases:
        median, fastest, peak = measure([descent] + arguments, args.runs)
        results[name] = median
        print(f"| {name} | {median:.3f} ({fastest:.3f}) | {peak:.1f} | {size_of(outputs) / 1000:.0f} | {keyframes / median:.0f} |",
              flush=True)

    seed = results[cases[0][0]]
    per_epoch = (results[cases[2][0]] - seed) / 190
    per_megapixel = (results[cases[1][0]] - seed) / ((1600 * 1200 - 800 * 600) / 1e6)
    print()
    print(f"slopes: {per_epoch * 1000:.1f} ms per extra epoch (10 -> 200 epochs); "
          f"{per_megapixel:.2f} s per extra megapixel of frame (1x -> 2x)")

    # Memory over epochs (one run each; 1000 epochs are 6000 keyframes).
    peaks = []
    for epochs in (10, 200, 400, 1000):
        _, _, peak = measure([descent, "render", "--quiet", "--epochs", str(epochs), "-o", f"{out}/mem{epochs}.gif"], 1)
        peaks.append(f"{peak:.1f} MB at {epochs} epochs")
    print("peak memory over epochs (seed): " + ", ".join(peaks))

    # Each lesson kind against its matplotlib peer drawing the same figure (in this folder),
    # and on one thread against two: (kind, descent's arguments, keyframes, peer script and arguments).
    kinds = [
        ("the notebook's lesson (seed)", ["render", "--quiet", "-o", f"{out}/k_seed.gif"], 60,
         ["matplotlib_reference.py"]),
        ("(w, b) landscape, 12 epochs", ["render", "--quiet", "Scenes/affine.yaml", "-o", f"{out}/k_affine.gif"], 72,
         ["matplotlib_affine_reference.py"]),
        ("race: 4 optimizers, 30 epochs", ["render", "--quiet", "Scenes/race.yaml", "-o", f"{out}/k_race.gif"], 30,
         ["matplotlib_race_reference.py"]),
        ("smooth motion (seed)", ["render", "--quiet", "--motion", "smooth", "-o", f"{out}/k_smooth.gif"], 177,
         ["matplotlib_reference.py", "--tweens", "13"]),
        ("Rosenbrock, Adam, 30 epochs", ["render", "--quiet", "--objective", "rosenbrock", "--optimizer", "adam", "--lr", "0.05",
                                         "--epochs", "30", "-o", f"{out}/k_rosenbrock.gif"], 180,
         ["matplotlib_rosenbrock_reference.py"]),
        ("logistic regression, 12 epochs", ["render", "--quiet", "Scenes/logistic.yaml", "--epochs", "12", "--detailed", "12",
                                            "-o", f"{out}/k_logistic.gif"], 72, ["matplotlib_logistic_reference.py"]),
    ]
    print()
    print("| lesson kind | descent, 2 threads | 1 thread | 2 threads / 1 | matplotlib + Pillow | matplotlib / descent | peak MB |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, arguments, keyframes, peer in kinds:
        two, _, peak = measure([descent] + arguments + ["--threads", "2"], args.runs)
        one, _, _ = measure([descent] + arguments + ["--threads", "1"], args.runs)
        row = f"| {name} | {two:.3f} s | {one:.3f} s | {two / one:.2f} |"
        if args.no_reference:
            print(row + f" — | — | {peak:.1f} |", flush=True)
            continue
        reference, _, _ = measure([sys.executable, os.path.join(HERE, peer[0]), f"{out}/peer.gif"] + peer[1:], args.runs)
        print(row + f" {reference:.2f} s | **{reference / two:.0f}×** | {peak:.1f} |", flush=True)
    _, _, race_peak = measure([descent, "render", "--quiet", "Scenes/race.yaml", "--size", "800x600", "-o", f"{out}/race800.gif"], 1)
    print()
    print(f"peak memory of the 800x600 race: {race_peak:.1f} MB")

if __name__ == "__main__":
    main()
