#!/usr/bin/env python3
"""The animated WebP (`--webp`) against the GIF it is made from, read by Pillow's libwebp decoder.

For every scene given (the gallery), and for a lesson that plays once and one that plays
three times:
- the WebP shows the GIF's pixels, frame for frame over time (lossless), and lasts as long;
- its loop count means what the GIF's does (WebP counts every play, GIF the repeats);
- it is at most 0.8 times the GIF's bytes;
- the same scene gives the same bytes again, on one thread or two (a lesson, the landscape, a race);
- it carries the render's fingerprint, and `--check` finds it fresh.

Usage: check_webp.py PATH/TO/descent SCENE.yaml…   (prints 'N passed, N failed'; exit 1 on failure)
"""
import glob
import os
import subprocess
import sys
import tempfile

from PIL import Image, ImageChops

descent = os.path.abspath(sys.argv[1])
scenes = sys.argv[2:]
work = tempfile.mkdtemp(prefix="descent-webp-")
results = []


def check(name, ok, detail=""):
    results.append((name + (f" ({detail})" if detail and not ok else ""), bool(ok)))


def timeline(path):
    """(start ms, RGB frame) of every frame, and the total duration, as Pillow decodes the file."""
    image = Image.open(path)
    frames, t = [], 0
    for index in range(image.n_frames):
        image.seek(index)
        frames.append((t, image.convert("RGB")))
        t += image.info["duration"]
    return frames, t, image.info.get("loop")


def shown_at(frames, t):
    return max((f for f in frames if f[0] <= t), key=lambda f: f[0])[1]


cases = [(os.path.splitext(os.path.basename(s))[0], [s]) for s in scenes]
cases += [("plays once", ["--epochs", "2", "--plays", "1"]), ("plays three times", ["--epochs", "2", "--plays", "3"])]
# Rendered again on one thread (the first render used two): a lesson, the landscape, a race.
determinism = {"seed_en", "affine", "race", "plays once"}
for name, arguments in cases:
    stem = os.path.join(work, name.replace(" ", "_"))
    render = [descent, "render", "--quiet", *arguments, "-o", stem + ".gif", "--webp", stem + ".webp"]
    done = subprocess.run(render + ["--threads", "2"], capture_output=True, text=True)
    if done.returncode != 0:
        check(f"{name}: renders", False, done.stderr.strip())
        continue
    for gif in sorted(glob.glob(stem + "*.gif")):
        webp = gif[:-4] + ".webp"
        label = name + gif[len(stem):-4]
        gif_frames, gif_total, gif_loop = timeline(gif)
        webp_frames, webp_total, webp_loop = timeline(webp)
        check(f"{label}: the WebP lasts as long as the GIF", gif_total == webp_total, f"{webp_total} ms, GIF {gif_total} ms")
        moments = sorted({t for t, _ in gif_frames} | {t for t, _ in webp_frames})
        same = all(ImageChops.difference(shown_at(gif_frames, t), shown_at(webp_frames, t)).getbbox() is None for t in moments)
        check(f"{label}: the WebP shows the GIF's pixels at every moment", same)
        expected = 0 if gif_loop == 0 else (1 if gif_loop is None else gif_loop + 1)
        check(f"{label}: it plays as often as the GIF", webp_loop == expected, f"WebP loop {webp_loop}, GIF loop {gif_loop}")
        ratio = os.path.getsize(webp) / os.path.getsize(gif)
        check(f"{label}: at most 0.8 times the GIF's bytes ({ratio:.2f})", ratio <= 0.8, f"{ratio:.3f}")
        first = open(webp, "rb").read()
        if name in determinism:
            subprocess.run(render + ["--threads", "1"], check=True)
            check(f"{label}: the same bytes again, on one thread", open(webp, "rb").read() == first)
        chunk = first.find(b"DSCR")
        check(f"{label}: it carries the fingerprint in its own chunk",
              chunk > 0 and first[chunk + 8:chunk + 8 + 27] == b"descent-fingerprint sha256:")
        fresh = subprocess.run(render + ["--check"], capture_output=True, text=True)
        check(f"{label}: --check finds it fresh", fresh.returncode == 0, fresh.stdout + fresh.stderr)
        with open(webp, "wb") as f:
            f.write(first.replace(b"descent-fingerprint sha256:", b"descent-fingerprint sha256:0", 1)[:len(first)])
        stale = subprocess.run(render + ["--check"], capture_output=True, text=True)
        check(f"{label}: --check finds a changed one stale", stale.returncode == 1 and f"stale: {webp}" in stale.stdout,
              stale.stdout)
        with open(webp, "wb") as f:
            f.write(first)

for name, ok in results:
    print(("ok   " if ok else "FAIL ") + name)
failed = sum(1 for _, ok in results if not ok)
print(f"{len(results) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
