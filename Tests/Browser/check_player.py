#!/usr/bin/env python3
"""The --html player in a real browser: Chromium driven by Selenium, as a student would use it.

For the notebook's lesson, the (w, b) lesson, a race and a diverging rate, each placed in a
page with a title, a language and a main landmark:

- it plays: the frame shown changes with the GIF's own timing (each frame the player shows
  is the frame Pillow decodes at that time, pixel for pixel);
- by keyboard alone: Tab reaches "Pause animation" with a visible focus ring, Space pauses
  (the button then says "Play animation", the picture stops, the live region says so),
  Tab and Enter on "Next stage" and "Previous stage" step between stages, each stage named
  in the live region with its sentence;
- under prefers-reduced-motion it starts paused on the poster's picture;
- with JavaScript off it is the plain <picture> (the GIF), with no dead controls;
- axe-core 4.12 (the copy PyPI's axe-playwright-python ships) reports no violation;
- the bytes fetched before anyone presses anything are at most 1.3 times the GIF's.

Usage: check_player.py PATH/TO/descent   (prints 'N passed, N failed'; exit 1 on failure)
"""
import base64
import functools
import http.server
import io
import os
import subprocess
import sys
import tempfile
import threading
import time

import axe_playwright_python
from PIL import Image, ImageChops
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

descent = os.path.abspath(sys.argv[1])
work = tempfile.mkdtemp(prefix="descent-player-")
# axe-core 4.12, as PyPI's axe-playwright-python ships it (installed without Playwright).
AXE = os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js")
LESSONS = {
    "notebook": ["--epochs", "3"],
    "affine": ["--model", "affine", "--epochs", "3", "--size", "640x480"],
    "race": ["--optimizer", "gd,momentum,adam", "--lr", "0.05", "--epochs", "4", "--size", "640x480"],
    "diverging": ["--lr", "0.21", "--epochs", "3"],
    # With a WebP the page loads it instead of the GIF, and the player decodes the WebP.
    "webp": ["--epochs", "3", "--webp", "WORK/webp.webp"],
}
results = []


def check(name, ok, detail=""):
    results.append((name + (f" ({detail})" if detail and not ok else ""), bool(ok)))


def wrap_in_page(name, heading):
    """{name}.html (a snippet) placed in a page with a title, a language and a main landmark: {name}_page.html."""
    with open(f"{work}/{name}.html", encoding="utf-8") as f:
        snippet = f.read()
    with open(f"{work}/{name}_page.html", "w", encoding="utf-8") as f:
        f.write(f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lesson: {name}</title></head>'
                f"<body><main><h1>{heading}</h1>{snippet}</main></body></html>")


for name, flags in LESSONS.items():
    flags = [flag.replace("WORK", work) for flag in flags]
    subprocess.run([descent, "render", "--quiet", *flags, "-o", f"{work}/{name}.gif", "--html", f"{work}/{name}.html",
                    "--transcript", f"{work}/{name}.json"], check=True)
    wrap_in_page(name, f"Gradient descent: {name}")

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(
    type("Quiet", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *a: None}), directory=work))
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{server.server_address[1]}"
chromium = next(p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome") if os.path.exists(p))


def browser(reduced=False, javascript=True):
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1000,1000",
                     "--force-device-scale-factor=1"):
        options.add_argument(argument)
    if reduced:
        options.add_argument("--force-prefers-reduced-motion")
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"))


def wait_for(driver, script, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.05)
    return None


def figure_attribute(driver, name):
    return driver.execute_script(f"return document.querySelector('figure').getAttribute('{name}')")


def canvas_image(driver):
    url = driver.execute_script("return document.querySelector('figure canvas').toDataURL('image/png')")
    return Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))).convert("RGB")


def gif_frames(path):
    """Every frame of the GIF as Pillow composites it, with its start in centiseconds."""
    gif = Image.open(path)
    frames, start = [], 0
    for index in range(gif.n_frames):
        gif.seek(index)
        frames.append((start, gif.convert("RGB")))
        start += round(gif.info["duration"] / 10)
    return frames


def same(a, b):
    return ImageChops.difference(a, b).getbbox() is None


def focused(driver):
    return driver.execute_script("""
        var e = document.activeElement, s = getComputedStyle(e);
        return [e.tagName, e.textContent.trim(), s.outlineStyle, parseFloat(s.outlineWidth)];""")


def press(driver, *keys):
    """Each key pressed and released in turn; "shift-tab" holds Shift down for Tab alone."""
    chain = ActionChains(driver)
    for key in keys:
        if key == "shift-tab":
            chain.key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT)
        else:
            chain.send_keys(key)
    chain.perform()
    time.sleep(0.15)


for name in LESSONS:
    page = f"{base}/{name}_page.html"
    frames = gif_frames(f"{work}/{name}.gif")  # the WebP's are the same (Tests/Interop/check_webp.py)
    driver = browser()
    try:
        driver.get(page)
        ready = wait_for(driver, "return document.querySelector('figure').getAttribute('data-ready')")
        check(f"{name}: the player is ready on a canvas", ready == "canvas", ready)
        if ready != "canvas":
            continue
        check(f"{name}: it starts playing", figure_attribute(driver, "data-playing") == "true")
        first = int(figure_attribute(driver, "data-frame"))
        moved = wait_for(driver, f"return +document.querySelector('figure').getAttribute('data-frame') !== {first}", 12)
        check(f"{name}: the frame shown moves on", moved)
        # Bytes fetched before anything is pressed: the page, the GIF, and nothing more than 1.3x the GIF.
        fetched = driver.execute_script(
            "return performance.getEntriesByType('resource').reduce((s, e) => s + e.transferSize, 0)")
        gif_bytes = os.path.getsize(f"{work}/{name}.gif")
        check(f"{name}: bytes fetched before any press ≤ 1.3 × the GIF's", fetched <= 1.3 * gif_bytes,
              f"{fetched} for a GIF of {gif_bytes}")

        # Keyboard only: Tab to the first control.
        driver.find_element(By.TAG_NAME, "body").click()
        press(driver, Keys.TAB)
        tag, text, outline, width = focused(driver)
        check(f"{name}: Tab reaches the pause button first", (tag, text) == ("BUTTON", "Pause animation"), f"{tag} {text}")
        check(f"{name}: the focused button shows a focus ring", outline != "none" and width >= 2, f"{outline} {width}")
        press(driver, Keys.SPACE)
        check(f"{name}: Space pauses and the button says Play", figure_attribute(driver, "data-playing") == "false"
              and driver.find_element(By.CSS_SELECTOR, "[data-action=toggle]").text == "Play animation")
        status = driver.find_element(By.CSS_SELECTOR, ".descent-status")
        check(f"{name}: the live region says it is paused", status.text.startswith("Paused. Epoch"), status.text)
        check(f"{name}: the live region is polite", status.get_attribute("aria-live") == "polite"
              and status.get_attribute("role") == "status")
        time.sleep(0.3)
        held = int(figure_attribute(driver, "data-frame"))
        still = canvas_image(driver)
        time.sleep(2.5)
        check(f"{name}: paused, the picture stays", int(figure_attribute(driver, "data-frame")) == held
              and same(still, canvas_image(driver)))
        start, expected = next((s, image) for s, image in reversed(frames[:held + 1]))
        check(f"{name}: the paused picture is the GIF's frame {held}, as Pillow decodes it", same(still, expected))

        # Next and previous stage, by Tab and Enter.
        press(driver, Keys.TAB, Keys.TAB)
        tag, text, _, _ = focused(driver)
        check(f"{name}: Tab reaches Next stage", text == "Next stage", text)
        before = status.text
        press(driver, Keys.ENTER)
        wait_for(driver, f"return document.querySelector('.descent-status').textContent !== {before!r}", 5)
        after = status.text
        check(f"{name}: Next stage names another stage", after != before and after.startswith("Paused. Epoch"), after)
        time.sleep(0.3)
        stepped = int(figure_attribute(driver, "data-frame"))
        check(f"{name}: Next stage shows a frame that starts a stage", same(canvas_image(driver), frames[stepped][1]))
        press(driver, "shift-tab")
        tag, text, _, _ = focused(driver)
        press(driver, Keys.ENTER)
        wait_for(driver, f"return document.querySelector('.descent-status').textContent !== {after!r}", 5)
        check(f"{name}: Previous stage goes back", text == "Previous stage" and status.text == before, status.text)

        # Space on Play plays again.
        press(driver, "shift-tab", Keys.SPACE)
        check(f"{name}: Space plays again", figure_attribute(driver, "data-playing") == "true")

        driver.execute_script(open(AXE, encoding="utf-8").read())
        check(f"{name}: axe-core 4 is what runs", driver.execute_script("return axe.version").startswith("4."))
        report = driver.execute_async_script(
            "var done = arguments[arguments.length - 1]; axe.run(document).then(r => done(r.violations.map(v => v.id + ': ' + v.help)));")
        check(f"{name}: axe-core reports no violation", report == [], "; ".join(report))
    finally:
        driver.quit()

# Reduced motion: starts paused on the poster's stage.
driver = browser(reduced=True)
try:
    driver.get(f"{base}/notebook_page.html")
    ready = wait_for(driver, "return document.querySelector('figure').getAttribute('data-ready')")
    check("reduced motion: the player is ready", ready == "canvas", ready)
    check("reduced motion: it starts paused", figure_attribute(driver, "data-playing") == "false"
          and driver.find_element(By.CSS_SELECTOR, "[data-action=toggle]").text == "Play animation")
    poster = Image.open(f"{work}/notebook_poster.png").convert("RGB")
    time.sleep(0.3)
    shown = canvas_image(driver)
    difference = ImageChops.difference(shown, poster).convert("L").point(lambda v: 255 if v > 24 else 0)
    check("reduced motion: it shows the poster's picture", difference.histogram()[255] < 0.01 * poster.width * poster.height)
finally:
    driver.quit()

# JavaScript off: the plain picture, no dead controls.
driver = browser(javascript=False)
try:
    driver.get(f"{base}/notebook_page.html")
    time.sleep(0.5)
    controls = driver.find_element(By.CSS_SELECTOR, ".descent-controls")
    check("no JavaScript: the controls stay hidden", not controls.is_displayed())
    image = driver.find_element(By.CSS_SELECTOR, "figure img")
    check("no JavaScript: the GIF is shown", image.is_displayed() and image.get_attribute("src").endswith("notebook.gif"))
finally:
    driver.quit()

# Two themes from one command: the page follows the reader's colour scheme.
subprocess.run([descent, "render", "--quiet", "--epochs", "2", "--theme", "light,dark", "-o", f"{work}/themes.gif",
                "--html", f"{work}/themes.html"], check=True)
wrap_in_page("themes", "Gradient descent in two themes")
for scheme, gif in (("light", "themes.gif"), ("dark", "themes-dark.gif")):
    frames = gif_frames(f"{work}/{gif}")
    for javascript in (True, False):
        driver = browser(javascript=javascript)
        try:
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                   {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
            driver.get(f"{base}/themes_page.html")
            if not javascript:
                time.sleep(0.5)
                shown = driver.execute_script("return document.querySelector('figure img').currentSrc")
                check(f"{scheme} scheme, no JavaScript: the picture is {gif}", shown.endswith("/" + gif), shown)
                continue
            ready = wait_for(driver, "return document.querySelector('figure').getAttribute('data-ready')")
            check(f"{scheme} scheme: the player is ready", ready == "canvas", ready)
            if ready != "canvas":
                continue
            # By keyboard alone, as in the light page above: Tab to Pause, Space.
            driver.find_element(By.TAG_NAME, "body").click()
            press(driver, Keys.TAB)
            tag, text, outline, width = focused(driver)
            check(f"{scheme} scheme: Tab reaches Pause with a focus ring", text == "Pause animation" and outline != "none"
                  and width >= 2, f"{text} {outline} {width}")
            press(driver, Keys.SPACE)
            check(f"{scheme} scheme: Space pauses", figure_attribute(driver, "data-playing") == "false")
            time.sleep(0.4)
            held = int(figure_attribute(driver, "data-frame"))
            expected = next(image for s, image in reversed(frames[:held + 1]))
            check(f"{scheme} scheme: the player shows {gif}'s frame {held}", same(canvas_image(driver), expected))
            press(driver, Keys.TAB, Keys.TAB, Keys.ENTER)
            wait_for(driver, "return document.querySelector('.descent-status').textContent.indexOf('Paused. Epoch') === 0", 5)
            time.sleep(0.3)
            stepped = int(figure_attribute(driver, "data-frame"))
            check(f"{scheme} scheme: Next stage by Enter shows {gif}'s frame {stepped}", stepped != held
                  and same(canvas_image(driver), frames[stepped][1]))
        finally:
            driver.quit()

# A lesson in French: the figure says so (lang="fr"), and the player speaks it.
subprocess.run([descent, "render", "--quiet", "--epochs", "2", "--lang", "fr", "-o", f"{work}/french.gif",
                "--html", f"{work}/french.html"], check=True)
wrap_in_page("french", "Gradient descent, in French")
driver = browser()
try:
    driver.get(f"{base}/french_page.html")
    ready = wait_for(driver, "return document.querySelector('figure').getAttribute('data-ready')")
    check("French: the player is ready", ready == "canvas", ready)
    check("French: the figure is marked lang=fr", driver.execute_script("return document.querySelector('figure').lang") == "fr")
    driver.find_element(By.TAG_NAME, "body").click()
    press(driver, Keys.TAB)
    tag, text, _, _ = focused(driver)
    check("French: Tab reaches « Mettre l'animation en pause »", text == "Mettre l'animation en pause", text)
    press(driver, Keys.SPACE)
    toggle = driver.find_element(By.CSS_SELECTOR, "[data-action=toggle]").text
    status = driver.find_element(By.CSS_SELECTOR, ".descent-status").text
    check("French: Space pauses, the button says « Lancer l'animation »", toggle == "Lancer l'animation", toggle)
    check("French: the live region says « En pause. Époque … »", status.startswith("En pause. Époque"), status)
    driver.execute_script(open(AXE, encoding="utf-8").read())
    report = driver.execute_async_script(
        "var done = arguments[arguments.length - 1]; axe.run(document).then(r => done(r.violations.map(v => v.id + ': ' + v.help)));")
    check("French: axe-core reports no violation (valid-lang included)", report == [], "; ".join(report))
finally:
    driver.quit()

server.shutdown()

for name, ok in results:
    print(("ok   " if ok else "FAIL ") + name)
failed = sum(1 for _, ok in results if not ok)
print(f"{len(results) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
