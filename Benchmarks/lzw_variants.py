#!/usr/bin/env python3
"""How many bytes other LZW strategies would take for a GIF's frame differences.

Decodes GIF (Pillow), maps every frame back to its global-palette indices, and for each
frame after the first counts, with a bit-exact model of GIF's LZW (9- to 12-bit codes),
the bytes of the changed rectangle written:

- plain:  every pixel as itself;
- holes:  what descent writes (pixels already on screen transparent, unless the pixel
          before was written as this very colour);
- plain/holes, deferred clear: the same, but when the code table fills it is kept (no
          more codes are added) instead of cleared at once, as gifsicle may choose;
- wildcard longest: unchanged pixels match whatever extends the current string (either
          transparent or their own colour), the longest match taken greedily.

giflib clears the table as soon as it fills; the deferred variants need an LZW writer of
our own. Usage: lzw_variants.py GIF (takes about half a minute for the seed GIF).
"""
import sys

import numpy as np
from PIL import Image


def palette_frames(path):
    data = open(path, "rb").read()
    size = 2 << (data[10] & 7)
    palette = [tuple(data[13 + 3 * i:16 + 3 * i]) for i in range(size)]
    index = {}
    for i, c in enumerate(palette):
        index.setdefault(c, i)
    image = Image.open(path)
    frames = []
    for k in range(getattr(image, "n_frames", 1)):
        image.seek(k)
        rgb = np.asarray(image.convert("RGB")).astype(np.uint32)
        key = rgb[..., 0] << 16 | rgb[..., 1] << 8 | rgb[..., 2]
        colours, inverse = np.unique(key, return_inverse=True)
        lut = np.array([index[(int(c) >> 16, int(c) >> 8 & 255, int(c) & 255)] for c in colours], dtype=np.int32)
        frames.append(lut[inverse].reshape(key.shape))
    return size, frames


def lzw_bytes(pixels, min_bits=8, defer=False):
    clear = 1 << min_bits
    next_code, width, bits = clear + 2, min_bits + 1, min_bits + 1
    table = {}
    current = pixels[0]
    for p in pixels[1:]:
        code = table.get((current, p))
        if code is not None:
            current = code
            continue
        bits += width
        if next_code < 4096:
            table[(current, p)] = next_code
            next_code += 1
            if next_code > (1 << width) and width < 12:
                width += 1
        elif not defer:
            bits += width
            table, next_code, width = {}, clear + 2, min_bits + 1
        current = p
    bits += 2 * width  # the last string and end of information
    return (bits + 7) // 8


def wildcard_longest_bytes(actual, unchanged, transparent, min_bits=8):
    clear = 1 << min_bits
    next_code, width, bits = clear + 2, min_bits + 1, min_bits + 1
    children = {}
    n = len(actual)

    def choices(i):
        return (transparent, actual[i]) if unchanged[i] else (actual[i],)

    def first(i):
        if not unchanged[i]:
            return actual[i]
        return transparent if i + 1 < n and unchanged[i + 1] else actual[i]

    def longest(code, i):
        best = (i, code)
        table = children.get(code)
        if table is None or i >= n:
            return best
        for v in choices(i):
            c = table.get(v)
            if c is not None:
                found = longest(c, i + 1)
                if found[0] > best[0]:
                    best = found
        return best

    i = 0
    while i < n:
        end, code = longest(first(i), i + 1)
        bits += width
        if end < n:
            if next_code < 4096:
                children.setdefault(code, {})[first(end)] = next_code
                next_code += 1
                if next_code > (1 << width) and width < 12:
                    width += 1
            else:
                bits += width
                children, next_code, width = {}, clear + 2, min_bits + 1
        i = end
    bits += width  # end of information
    return (bits + 7) // 8


def holes(actual, unchanged, transparent):
    out, emitted = [], transparent
    for value, same in zip(actual, unchanged):
        written = transparent if same and emitted != value else value
        out.append(written)
        emitted = written
    return out


def main():
    sys.setrecursionlimit(100000)
    size, frames = palette_frames(sys.argv[1])
    transparent = size - 1
    totals = {}
    for before, after in zip(frames, frames[1:]):
        changed = before != after
        if not changed.any():
            continue
        rows, columns = np.where(changed.any(1))[0], np.where(changed.any(0))[0]
        window = (slice(rows[0], rows[-1] + 1), slice(columns[0], columns[-1] + 1))
        actual = after[window].ravel().tolist()
        unchanged = (~changed[window]).ravel().tolist()
        with_holes = holes(actual, unchanged, transparent)
        sizes = {
            "plain": lzw_bytes(actual),
            "holes": lzw_bytes(with_holes),
            "plain, deferred clear": lzw_bytes(actual, defer=True),
            "holes, deferred clear": lzw_bytes(with_holes, defer=True),
            "wildcard longest": wildcard_longest_bytes(actual, unchanged, transparent),
        }
        sizes["smaller of plain and holes (descent)"] = min(sizes["plain"], sizes["holes"])
        sizes["smallest, clear deferred"] = min(sizes["plain, deferred clear"], sizes["holes, deferred clear"])
        for name, value in sizes.items():
            totals[name] = totals.get(name, 0) + value
    print(f"{sys.argv[1]}: LZW bytes of the {len(frames) - 1} frame differences")
    for name, value in totals.items():
        print(f"  {name:40s} {value:9d}")


if __name__ == "__main__":
    main()
