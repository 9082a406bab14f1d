#!/usr/bin/env python3
"""The animated WebP (`--webp`) against the GIF it is made from, read by Pillow's libwebp decoder.

For every scene given (the gallery), and for a lesson that plays once and one that plays
three times:
- the WebP shows the GIF's pixels, frame for frame over time (lossless), and lasts as long;
- its loop count means what the GIF's does (WebP counts every play, GIF the repeats);
- it is at most 0.8 times the GIF's bytes;
- the same scene gives the same bytes again, on one thread or two (a lesson, the landscape, a race);
- it carries the render's fingerprint, and `--check` finds it fresh;
- on a transparent background (`--background none`: the notebook's lesson, the landscape, a
  race, a lesson that stands still at its end) the GIF, read by Pillow, shows at every
  keyframe exactly the pixels the keyframe's PNG covers at least half (its frames are cleared
  by disposal where drawn pixels must vanish), in the PNG's colours (within the palette's error: at most 80 levels, 12 for 99.5 % of
  them, as an opaque page gets), and the WebP shows the
  GIF's pixels with their alpha.

Usage: check_webp.py PATH/TO/descent SCENE.yaml…   (prints 'N passed, N failed'; exit 1 on failure)
"""
import glob
import os
import subprocess
import sys
import tempfile

import json

import numpy as np
from PIL import Image, ImageChops

descent = os.path.abspath(sys.argv[1])
scenes = sys.argv[2:]
work = tempfile.mkdtemp(prefix="descent-webp-")
results = []


def check(name, ok, detail=""):
    results.append((name + (f" ({detail})" if detail and not ok else ""), bool(ok)))


def timeline(path):
    """(start ms, RGBA frame, transparent pixels black) of every frame, and the total
    duration, as Pillow decodes the file."""
    image = Image.open(path)
    frames, t = [], 0
    for index in range(image.n_frames):
        image.seek(index)
        rgba = np.array(image.convert("RGBA"))
        rgba[rgba[..., 3] == 0] = 0
        frames.append((t, Image.fromarray(rgba)))
        t += image.info["duration"]
    return frames, t, image.info.get("loop")


def shown_at(frames, t):
    return max((f for f in frames if f[0] <= t), key=lambda f: f[0])[1]


cases = [(os.path.splitext(os.path.basename(s))[0], [s]) for s in scenes]
cases += [("plays once", ["--epochs", "2", "--plays", "1"]), ("plays three times", ["--epochs", "2", "--plays", "3"])]
gallery = os.path.dirname(scenes[0]) if scenes else "Scenes"
transparent = [("transparent seed", ["--background", "none"]),
               ("transparent landscape", [os.path.join(gallery, "affine.yaml"), "--background", "none", "--theme", "dark"]),
               ("transparent race", [os.path.join(gallery, "race.yaml"), "--background", "none"]),
               ("transparent still end", ["--background", "none", "--epochs", "3", "--end-hold", "2", "--motion", "smooth"])]
cases += transparent
# Rendered again on one thread (the first render used two): a lesson, the landscape, a race.
determinism = {"seed_en", "affine", "race", "plays once"}
for name, arguments in cases:
    stem = os.path.join(work, name.replace(" ", "_"))
    render = [descent, "render", "--quiet", *arguments, "-o", stem + ".gif", "--webp", stem + ".webp"]
    clear = "--background" in arguments
    extra = ["--frames-dir", stem + "-frames", "--layout", stem + ".json"] if clear else []
    done = subprocess.run(render + extra + ["--threads", "2"], capture_output=True, text=True)
    if done.returncode != 0:
        check(f"{name}: renders", False, done.stderr.strip())
        continue
    if clear:
        # Every keyframe as the GIF shows it at the keyframe's start, against the keyframe's PNG.
        layout = json.load(open(stem + ".json"))
        pngs = sorted(glob.glob(os.path.join(stem + "-frames", "*.png")))
        gif_frames, _, _ = timeline(stem + ".gif")
        wrong = []
        for k, (keyframe, png) in enumerate(zip(layout["keyframes"], pngs)):
            want = np.array(Image.open(png).convert("RGBA")).astype(int)
            shown = np.array(shown_at(gif_frames, keyframe["start_cs"] * 10)).astype(int)
            drawn = want[..., 3] >= 128
            if not np.array_equal(drawn, shown[..., 3] == 255) or not (shown[..., 3] % 255 == 0).all():
                wrong.append(f"keyframe {k}: {int((drawn != (shown[..., 3] == 255)).sum())} pixels drawn or clear wrongly")
            elif drawn.any():
                # The palette's error, as on an opaque page: rare anti-aliased blends share entries.
                off = np.abs(want[drawn][:, :3] - shown[drawn][:, :3]).max(axis=1)
                if off.max() > 80 or np.percentile(off, 99.5) > 12:
                    wrong.append(f"keyframe {k}: colours off by {off.max()} at most, {np.percentile(off, 99.5):.0f} at the 99.5th percentile")
        check(f"{name}: every keyframe ({len(pngs)}) shows exactly the pixels its PNG covers half or more, in its colours",
              len(pngs) == len(layout["keyframes"]) > 0 and not wrong, "; ".join(wrong[:3]))
        clear_share = np.mean([(np.array(f)[..., 3] == 0).mean() for _, f in gif_frames])
        check(f"{name}: the page is transparent ({clear_share:.0%} of pixels)", clear_share > 0.3)
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
