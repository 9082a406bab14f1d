#!/usr/bin/env python3
"""Where the time goes: `perf record` of one render on one thread, the samples summed by part
of the pipeline (symbol names matched by module and type), median share over a few runs. Needs
`perf` (Debian: linux-perf). Not a test: prints a table.

Usage: profile.py PATH/TO/descent [--runs 3] [render arguments…]
"""
import collections
import os
import re
import statistics
import subprocess
import sys
import tempfile

# Checked in order: the first pattern a symbol matches names its part.
PARTS = [
    ("palette (counting, recording runs, median cut, refinement, mapping)",
     r"PaletteBuilder|MedianCut|PaletteMapper|RecordedFrames|ColorTable|FrameRuns"),
    ("LZW and frame compression (our LZW, transparency ways, changed rectangle)", r"LZW|FrameCompressor|FrameRows|GIFEncoder|libgif"),
    ("rasterizing and compositing", r"Raster|Canvas|Coverage|AlphaMask|Stroke|Dash|MaskCache"),
    ("text (FreeType, HarfBuzz, layout)", r"Typeset|FT_|ft_|hb_|libfreetype|libharfbuzz|TextLayout|MathLayout"),
    ("chart layout and the lesson", r"Chart|Descent|Timeline|Storyboard"),
    ("PNG and zlib", r"libpng|png_|libz|inflate|deflate|adler|crc32"),
    ("the two-pass driver (AnimationEncoder, Parallel)", r"AnimationEncoder|Parallel|BufferPool"),
    ("fingerprint (SHA-256 of the fonts)", r"BoringSSL|sha256"),
    ("loading the program (ld.so)", r"ld-linux"),
    ("kernel", r"\[k\]"),
    ("Swift runtime, libc, dispatch", r"swift|libc|dispatch|malloc|free|memcpy|memset|memmove|pthread"),
]


def shares(descent, arguments, work):
    data = os.path.join(work, "perf.data")
    subprocess.run(["perf", "record", "-q", "-F", "20000", "-o", data, descent, "render", "--quiet", "--threads", "1",
                    "-o", os.path.join(work, "out.gif")] + arguments, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    report = subprocess.run(["perf", "report", "-i", data, "--no-children", "--stdio", "--sort", "dso,symbol"],
                            check=True, capture_output=True, text=True).stdout
    totals = collections.Counter()
    for line in report.splitlines():
        m = re.match(r"\s*([\d.]+)%\s+(.*)", line)
        if not m:
            continue
        share, rest = float(m.group(1)), m.group(2)
        part = next((name for name, pattern in PARTS if re.search(pattern, rest)), "other")
        totals[part] += share
    return totals


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    descent, rest = os.path.abspath(sys.argv[1]), sys.argv[2:]
    runs = 3
    if "--runs" in rest:
        i = rest.index("--runs")
        runs = int(rest[i + 1])
        del rest[i:i + 2]
    with tempfile.TemporaryDirectory(prefix="descent-profile-") as work:
        samples = [shares(descent, rest, work) for _ in range(runs)]
    parts = [name for name, _ in PARTS] + ["other"]
    print(f"one thread, perf record -F 20000, by symbol; median share of {runs} runs: descent render {' '.join(rest)}")
    print()
    print("| part | share |")
    print("| --- | --- |")
    for name in sorted(parts, key=lambda n: -statistics.median(s[n] for s in samples)):
        print(f"| {name} | {statistics.median(s[name] for s in samples):.0f} % |")


if __name__ == "__main__":
    main()
