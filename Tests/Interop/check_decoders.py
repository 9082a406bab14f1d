#!/usr/bin/env python3
"""Decodes descent's GIFs with giflib, Pillow, ImageMagick and ffmpeg and checks that all
four show the same animation: the same frame count, the same delays, the same pixels.

Usage: check_decoders.py FILE.gif…   (prints 'N passed, N failed'; exit 1 on any failure)
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))


def digest(data):
    return hashlib.sha256(data).hexdigest()


def giflib(path, work):
    tool = os.path.join(work, "giflib_dump")
    if not os.path.exists(tool):
        subprocess.run(["cc", "-O2", "-o", tool, os.path.join(HERE, "giflib_dump.c"), "-lgif"], check=True)
    raw = os.path.join(work, "giflib.rgb")
    lines = subprocess.run([tool, path, raw], check=True, capture_output=True, text=True).stdout.split()
    with open(raw, "rb") as f:
        return [int(d) for d in lines[1:int(lines[0]) + 1]], split_raw(f.read(), *Image.open(path).size)


def pillow(path, _):
    gif = Image.open(path)
    delays, hashes = [], []
    for i in range(gif.n_frames):
        gif.seek(i)
        delays.append(round(gif.info.get("duration", 0) / 10))
        hashes.append(digest(gif.convert("RGB").tobytes()))
    return delays, hashes


def split_raw(raw, width, height):
    size = width * height * 3
    return [digest(raw[i:i + size]) for i in range(0, len(raw), size)]


def imagemagick(path, work):
    size = Image.open(path).size
    out = os.path.join(work, "im.rgb")
    # Debian's ImageMagick, not whatever else is called convert earlier on PATH.
    convert = "/usr/bin/convert" if os.path.exists("/usr/bin/convert") else "convert"
    subprocess.run([convert, path, "-coalesce", "-depth", "8", f"rgb:{out}"], check=True)
    identify = "/usr/bin/identify" if os.path.exists("/usr/bin/identify") else "identify"
    delays = subprocess.run([identify, "-format", "%T\n", path], check=True, capture_output=True, text=True).stdout.split()
    with open(out, "rb") as f:
        return [int(d) for d in delays], split_raw(f.read(), *size)


def ffmpeg(path, work):
    size = Image.open(path).size
    out = os.path.join(work, "ff.rgb")
    subprocess.run(["ffmpeg", "-y", "-loglevel", "error", "-i", path, "-f", "rawvideo", "-pix_fmt", "rgb24",
                    "-fps_mode", "passthrough", out], check=True)
    probe = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v", "-show_entries",
                            "frame=duration_time,pkt_duration_time", "-of", "json", path],
                           check=True, capture_output=True, text=True).stdout
    delays = [round(float(f.get("duration_time", f.get("pkt_duration_time"))) * 100) for f in json.loads(probe)["frames"]]
    with open(out, "rb") as f:
        return delays, split_raw(f.read(), *size)


def main():
    results = []
    work = tempfile.mkdtemp(prefix="descent-decoders-")
    for path in sys.argv[1:]:
        name = os.path.basename(path)
        decoded = {}
        for decoder in (giflib, pillow, imagemagick, ffmpeg):
            try:
                decoded[decoder.__name__] = decoder(path, work)
            except Exception as error:  # a decoder that fails is a failed check, not a crash
                results.append((f"{name}: {decoder.__name__} decodes it ({error})", False))
        if "giflib" not in decoded:
            continue
        reference_delays, reference_hashes = decoded["giflib"]
        for decoder, (delays, hashes) in decoded.items():
            if decoder == "giflib":
                continue
            results.append((f"{name}: {decoder} shows {len(hashes)} frames like giflib ({len(reference_hashes)})",
                            len(hashes) == len(reference_hashes)))
            results.append((f"{name}: {decoder} has giflib's delays", delays == reference_delays))
            results.append((f"{name}: {decoder} has giflib's pixels in every frame", hashes == reference_hashes))
        results.append((f"{name}: delays add up to whole seconds of stages", sum(reference_delays) % 100 == 0))
    for label, ok in results:
        print(("ok   " if ok else "FAIL ") + label)
    passed = sum(ok for _, ok in results)
    print(f"{passed} passed, {len(results) - passed} failed")
    sys.exit(0 if results and passed == len(results) else 1)


if __name__ == "__main__":
    main()
