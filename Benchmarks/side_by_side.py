#!/usr/bin/env python3
"""Times two descent binaries side by side: runs alternate (old, new, old, new, ...) so that
the machine's drift hits both alike; prints each one's median and minimum and the ratio of
medians. Any further arguments go to `descent render`; with `encode FRAME.png…` first, the
binaries run `descent encode` on those frames instead.

    python3 Benchmarks/side_by_side.py OLD_BINARY NEW_BINARY [--scale 2] [--runs 9]
    python3 Benchmarks/side_by_side.py OLD_BINARY NEW_BINARY encode frames/*.png [--runs 7]
"""
import statistics
import subprocess
import sys
import tempfile
import time


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    old, new, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
    runs = 9
    if "--runs" in rest:
        i = rest.index("--runs")
        runs = int(rest[i + 1])
        del rest[i:i + 2]
    times = {old: [], new: []}
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(runs):
            for binary in (old, new):
                start = time.perf_counter()
                if rest[:1] == ["encode"]:
                    command = [binary] + rest + ["-o", folder + "/out.gif"]
                else:
                    command = [binary, "render", "-q", "-o", folder + "/out.gif"] + rest
                subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
                times[binary].append(time.perf_counter() - start)
    for label, binary in (("old", old), ("new", new)):
        print(f"{label}  median {statistics.median(times[binary]):.3f} s  min {min(times[binary]):.3f} s  ({binary})")
    print(f"new/old {statistics.median(times[new]) / statistics.median(times[old]):.3f} (ratio of medians, {runs} runs each)")


if __name__ == "__main__":
    main()
