#!/usr/bin/env python3
"""make bench-encode: descent encode against the pipelines people use, on one corpus of four
sequences (descent's seed and (w, b) keyframes, a matplotlib line plot and colour map), in one
session: (a) Pillow save(save_all=True, optimize=True); (b) ffmpeg palettegen
(stats_mode=full) + paletteuse (dither=none:diff_mode=rectangle); (c) (b) then gifsicle -O3.
For each: bytes, mean PSNR of every decoded frame against its source PNG (frames decoded by
Pillow, timed so merged frames count for each source frame they stand for), and wall time
(median of 3 runs); and what `gifsicle -O3` saves on descent's own output. Every sequence is
encoded at 20 cs per frame. Not a test: prints a table.

Usage: bench_encode.py PATH/TO/descent
"""
import glob
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from PIL import Image
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DELAY_CS = 20
RUNS = 3


def timed(command, runs=RUNS):
    walls = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
    return statistics.median(walls)


def on_white(image):
    image = image.convert("RGBA")
    base = Image.new("RGBA", image.size, (255, 255, 255, 255))
    return Image.alpha_composite(base, image).convert("RGB")


def decoded_timeline(path):
    """(frame as RGB array, duration ms) for every frame of a GIF, composited as displayed."""
    gif = Image.open(path)
    out = []
    for i in range(gif.n_frames):
        gif.seek(i)
        out.append((np.asarray(gif.convert("RGB"), dtype=np.float64), gif.info.get("duration", 100)))
    return out


def mean_psnr(gif_path, sources):
    timeline = decoded_timeline(gif_path)
    starts, t = [], 0
    for _, duration in timeline:
        starts.append(t)
        t += duration
    values = []
    for i, source in enumerate(sources):
        moment = (i + 0.5) * DELAY_CS * 10
        k = max(j for j, s in enumerate(starts) if s <= moment)
        mse = np.mean((timeline[k][0] - source) ** 2)
        values.append(100.0 if mse == 0 else min(100.0, 10 * math.log10(255 ** 2 / mse)))
    return statistics.mean(values)


def main():
    descent = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="descent-bench-encode-")
    corpus = {}
    subprocess.run([descent, "render", "--quiet", "-o", f"{work}/seed.gif", "--frames-dir", f"{work}/seed"], check=True)
    corpus["descent seed keyframes (60, 800x600)"] = sorted(glob.glob(f"{work}/seed/*.png"))
    root = os.path.dirname(HERE)
    subprocess.run([descent, "render", "--quiet", os.path.join(root, "Scenes", "affine.yaml"), "-o", f"{work}/affine.gif",
                    "--frames-dir", f"{work}/affine"], check=True)
    corpus["descent (w, b) landscape keyframes (colour map, 800x600)"] = sorted(glob.glob(f"{work}/affine/*.png"))
    subprocess.run([sys.executable, os.path.join(HERE, "encode_corpus.py"), work], check=True)
    corpus["matplotlib line plot (40, 640x480)"] = sorted(glob.glob(f"{work}/lines/*.png"))
    corpus["matplotlib viridis field (30, 640x480, >256 colours)"] = sorted(glob.glob(f"{work}/colormap/*.png"))

    print("| sequence | encoder | bytes | mean PSNR dB | wall s |")
    print("| --- | --- | --- | --- | --- |")
    for name, frames in corpus.items():
        sources = [np.asarray(on_white(Image.open(f)), dtype=np.float64) for f in frames]
        seq = os.path.join(work, "seq_" + str(abs(hash(name)) % 10000))
        os.makedirs(seq, exist_ok=True)
        for i, f in enumerate(frames):
            shutil.copy(f, f"{seq}/{i:04d}.png")
        results = []

        out = f"{seq}/descent.gif"
        wall = timed([descent, "encode", *frames, "-o", out, "--delay", str(DELAY_CS)])
        results.append(("descent encode", out, wall))

        out = f"{seq}/pillow.gif"
        script = ("import sys; from PIL import Image; fs=sys.argv[2:]; ims=[Image.open(f).convert('RGB') for f in fs];"
                  f"ims[0].save(sys.argv[1], save_all=True, append_images=ims[1:], optimize=True, duration={DELAY_CS * 10}, loop=0)")
        wall = timed([sys.executable, "-c", script, out, *frames])
        results.append(("Pillow optimize=True", out, wall))

        out = f"{seq}/ffmpeg.gif"
        fps = 100 / DELAY_CS
        ffmpeg = ["ffmpeg", "-y", "-loglevel", "error", "-framerate", str(fps), "-i", f"{seq}/%04d.png", "-filter_complex",
                  "[0:v]split[a][b];[a]palettegen=stats_mode=full[p];[b][p]paletteuse=dither=none:diff_mode=rectangle",
                  "-loop", "0", out]
        wall = timed(ffmpeg)
        results.append(("ffmpeg palettegen + paletteuse", out, wall))

        out2 = f"{seq}/gifsicle.gif"
        start = time.perf_counter()
        gifsicle_walls = []
        for _ in range(RUNS):
            start = time.perf_counter()
            subprocess.run(ffmpeg, check=True)
            subprocess.run(["gifsicle", "-O3", out, "-o", out2], check=True)
            gifsicle_walls.append(time.perf_counter() - start)
        results.append(("ffmpeg + gifsicle -O3", out2, statistics.median(gifsicle_walls)))

        for encoder, path, wall in results:
            print(f"| {name} | {encoder} | {os.path.getsize(path)} | {mean_psnr(path, sources):.2f} | {wall:.2f} |", flush=True)
        shrunk = f"{seq}/descent_O3.gif"
        subprocess.run(["gifsicle", "-O3", f"{seq}/descent.gif", "-o", shrunk], check=True)
        before, after = os.path.getsize(f"{seq}/descent.gif"), os.path.getsize(shrunk)
        print(f"| {name} | descent, then gifsicle -O3 | {after} ({100 * (before - after) / before:+.1f} % smaller) | | |",
              flush=True)


if __name__ == "__main__":
    main()
