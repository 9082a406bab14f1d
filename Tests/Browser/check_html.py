#!/usr/bin/env python3
"""Opens descent's --html snippet in headless Chromium and checks what a reader sees.

- With motion allowed, the screenshot shows the GIF's first frame (decoded here by Pillow,
  a decoder independent of giflib).
- With prefers-reduced-motion: reduce, it shows the poster instead.
- Every frame of each GIF given, decoded by Chromium's own GIF decoder (WebCodecs'
  ImageDecoder, composited as shown), has Pillow's pixels and duration. These GIFs code
  against frozen LZW tables, which some decoders have mishandled.

Usage: check_html.py PATH/TO/descent [GIF…]   (prints 'N passed, N failed'; exit 1 on failure)
"""
import hashlib
import http.server
import os
import subprocess
import sys
import tempfile
import threading

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

DECODE_PAGE = """<!doctype html><html><body><script>
(async () => {
  let report;
  try {
    const data = await (await fetch('animation.gif')).arrayBuffer();
    const decoder = new ImageDecoder({data, type: 'image/gif'});
    await decoder.tracks.ready;
    const count = decoder.tracks.selectedTrack.frameCount;
    const lines = [];
    for (let i = 0; i < count; i++) {
      const {image} = await decoder.decode({frameIndex: i});
      const canvas = new OffscreenCanvas(image.displayWidth, image.displayHeight);
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0);
      const rgba = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const rgb = new Uint8Array(canvas.width * canvas.height * 3);
      for (let p = 0, q = 0; p < rgba.length; p += 4) { rgb[q++] = rgba[p]; rgb[q++] = rgba[p + 1]; rgb[q++] = rgba[p + 2]; }
      const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', rgb));
      lines.push(Math.round(image.duration / 1000) + ' ' + [...hash].map(b => b.toString(16).padStart(2, '0')).join(''));
      image.close();
    }
    report = lines.join('\\n');
  } catch (e) { report = 'error ' + e; }
  await fetch('/report', {method: 'POST', body: report});
})();
</script></body></html>"""


def chromium_frames(gif_path):
    """(duration ms, SHA-256 of RGB) of every frame as Chromium decodes it, or an error."""
    folder = tempfile.mkdtemp(prefix="descent-chromium-", dir=work)
    with open(os.path.join(folder, "page.html"), "w", encoding="utf-8") as f:
        f.write(DECODE_PAGE)
    with open(gif_path, "rb") as source, open(os.path.join(folder, "animation.gif"), "wb") as f:
        f.write(source.read())
    done, report = threading.Event(), {}

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=folder, **kwargs)

        def do_POST(self):
            report["body"] = self.rfile.read(int(self.headers["Content-Length"])).decode()
            self.send_response(200)
            self.end_headers()
            done.set()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    browser = subprocess.Popen([chromium, "--headless=new", "--no-sandbox", "--disable-gpu",
                                f"--user-data-dir={folder}/profile",
                                f"http://127.0.0.1:{server.server_address[1]}/page.html"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        done.wait(120)
    finally:
        browser.kill()
        browser.wait()
        server.shutdown()
    body = report.get("body", "error: Chromium reported nothing within 120 s")
    if body.startswith("error"):
        return body
    return [(int(d), h) for d, h in (line.split() for line in body.splitlines())]


for gif_path in sys.argv[2:]:
    name = os.path.basename(gif_path)
    frames = chromium_frames(gif_path)
    if isinstance(frames, str):
        results.append((f"{name}: Chromium decodes it ({frames})", False))
        continue
    gif = Image.open(gif_path)
    expected = []
    for i in range(gif.n_frames):
        gif.seek(i)
        expected.append((gif.info.get("duration", 0), hashlib.sha256(gif.convert("RGB").tobytes()).hexdigest()))
    results.append((f"{name}: Chromium shows {len(frames)} frames, Pillow {len(expected)}", len(frames) == len(expected)))
    results.append((f"{name}: every frame Chromium decodes has Pillow's pixels and duration", frames == expected))

for name, ok in results:
    print(("ok   " if ok else "FAIL ") + name)
passed = sum(ok for _, ok in results)
print(f"{passed} passed, {len(results) - passed} failed")
sys.exit(0 if passed == len(results) else 1)
