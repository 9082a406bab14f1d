#!/usr/bin/env python3
"""Opens descent's --html snippet in headless Chromium and checks what a reader sees.

- With motion allowed, the screenshot shows the GIF's first frame (decoded here by Pillow,
  a decoder independent of giflib).
- With prefers-reduced-motion: reduce, it shows the poster instead.

Usage: check_html.py PATH/TO/descent   (prints 'N passed, N failed'; exit 1 on failure)
"""
import os
import subprocess
import sys
import tempfile

from PIL import Image, ImageChops

descent = os.path.abspath(sys.argv[1])
chromium = next((c for c in ("chromium", "chromium-browser", "google-chrome") if
                 subprocess.run(["which", c], capture_output=True).returncode == 0), None)
if chromium is None:
    print("chromium is not installed", file=sys.stderr)
    sys.exit(2)

work = tempfile.mkdtemp(prefix="descent-browser-")
subprocess.run([descent, "render", "--quiet", "--epochs", "1", "-o", f"{work}/descent.gif",
                "--html", f"{work}/descent.html", "--poster", f"{work}/poster.png"], check=True)
with open(f"{work}/descent.html", encoding="utf-8") as f:
    snippet = f.read()
with open(f"{work}/page.html", "w", encoding="utf-8") as f:
    f.write('<!doctype html><html><head><meta charset="utf-8">'
            "<style>body,figure{margin:0;background:#fff}</style></head><body>"
            + snippet + "</body></html>")


def screenshot(name, *flags):
    path = f"{work}/{name}.png"
    subprocess.run([chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--window-size=800,700", *flags, f"--screenshot={path}", f"file://{work}/page.html"],
                   check=True, capture_output=True, timeout=120)
    return Image.open(path).convert("RGB").crop((0, 0, 800, 600))


def similar(a, b):
    """Share of pixels within 8 levels in every channel."""
    diff = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > 8 else 0)
    return 1 - diff.histogram()[255] / (a.width * a.height)


gif = Image.open(f"{work}/descent.gif")
first_frame = gif.convert("RGB")
poster = Image.open(f"{work}/poster.png").convert("RGB")
results = []
moving = screenshot("moving")
results.append(("motion: screenshot shows the GIF's first frame", similar(moving, first_frame) > 0.99))
still = screenshot("still", "--force-prefers-reduced-motion")
results.append(("reduced motion: screenshot shows the poster", similar(still, poster) > 0.99))
results.append(("poster and first frame differ (the test can tell them apart)", similar(poster, first_frame) < 0.99))
for name, ok in results:
    print(("ok   " if ok else "FAIL ") + name)
passed = sum(ok for _, ok in results)
print(f"{passed} passed, {len(results) - passed} failed")
sys.exit(0 if passed == len(results) else 1)
