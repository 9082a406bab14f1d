# descent — the two commands a fresh Debian machine needs are `make gif` and `make test`.
SWIFT ?= swift
BIN := .build/release/descent
# The Swift runtime linked in: 6 MB less resident memory than loading it from the toolchain.
RELEASE := $(SWIFT) build -c release --product descent --static-swift-stdlib
GIF := Output/gradient_descent.gif
GOLDEN := Tests/DescentTests/Fixtures/golden

.PHONY: all deps build gif test golden testcard bench bench-encode fuzz sanitize clean docs mutants

all: gif

# Installs the system libraries (giflib, FreeType, libpng) through apt-get when missing.
deps:
	@bash scripts/install-deps.sh

build: deps
	$(RELEASE)

# Renders the notebook's lesson into $(GIF), and every scene in Scenes/ into Output/.
gif: build
	$(BIN) render -o $(GIF)
	@for scene in Scenes/*.yaml; do $(BIN) render --quiet "$$scene" || exit 2; done
	@ls -l Output/*.gif

# The whole test suite; it also fails when a committed GIF is stale. Then two scripts: the
# seed GIF, a four-rate GIF and the (w, b) GIF decoded by giflib, Pillow, ImageMagick and
# ffmpeg must show the same frames, delays and pixels; and the HTML snippet in headless
# Chromium shows the first frame, or the poster under reduced motion, and Chromium's own
# decoder shows every frame of the seed and (w, b) GIFs (whose LZW codes go on against
# full tables) as Pillow does; and the player of --html, driven by keyboard in Chromium through
# Selenium, pauses, steps, starts still under reduced motion and passes axe-core. Last, memory:
# a 1000-epoch render peaks under twice a 10-epoch one. The --webp of every gallery scene shows
# the GIF's pixels (Pillow's libwebp) at no more than 0.8 times its bytes, and the pre-commit
# hook catches a stale GIF in a throwaway course repository (pre-commit try-repo). Last, WCAG 2.1
# AA on every keyframe of every gallery and corpus scene in the light and dark themes: text 4.5:1
# and marks 3:1 on the decoded pixels where the layout export places them, no meaning by colour
# alone, race colours apart under three colour-vision simulations, and on a transparent background
# (--background none) every text 4.5:1 over five slide colours (check_contrast.py).
# First of all, every mutant of `make mutants` must still apply to the source. The Swift tests run
# in parallel processes and the scripts two at a time (scripts/run_checks.py): both cores at work.
test:
	@bash scripts/install-deps.sh --test
	python3 scripts/mutants.py --check
	$(SWIFT) test --parallel
	$(RELEASE)
	python3 scripts/run_checks.py \
		"python3 Tests/Interop/check_webp.py $(BIN) Scenes/*.yaml" \
		"python3 Tests/Browser/check_player.py $(BIN)" \
		"python3 Tests/Accessibility/check_contrast.py $(BIN) Scenes/*.yaml Tests/DescentTests/Fixtures/corpus/*.yaml" \
		"python3 Tests/Memory/check_memory.py $(BIN)" \
		"python3 Tests/Interop/check_decoders.py $(GIF) Output/learning_rates_lr0.21.gif Output/gallery_affine.gif" \
		"python3 Tests/Browser/check_html.py $(BIN) $(GIF) Output/gallery_affine.gif" \
		"python3 Tests/Interop/check_precommit.py $(BIN)"

# Refreshes the golden keyframes on purpose; look at them before committing.
golden: build
	@rm -rf .build/golden-frames
	$(BIN) render -o .build/golden-frames/golden.gif --frames-dir .build/golden-frames
	@mkdir -p $(GOLDEN)
	cp .build/golden-frames/frame_000_epoch00_weight.png $(GOLDEN)/epoch00_weight.png
	cp .build/golden-frames/frame_005_epoch00_update.png $(GOLDEN)/epoch00_update.png
	@for scene in house_prices long_labels small_square affine_zigzag; do \
		rm -rf .build/golden-frames/$$scene; \
		$(BIN) render --quiet Tests/DescentTests/Fixtures/corpus/$$scene.yaml -o .build/golden-frames/$$scene/$$scene.gif \
			--frames-dir .build/golden-frames/$$scene || exit 2; \
		cp .build/golden-frames/$$scene/frame_005_epoch00_update.png $(GOLDEN)/$$scene.png; \
	done
	DESCENT_RECORD_GOLDEN=1 $(SWIFT) test --filter "MathTests.testEquationSheetMatchesGolden|MathTests.testNewConstructsMatchTheirGoldens"
	@echo "golden frames refreshed in $(GOLDEN), equation sheet in Tests/TypesetTests/Fixtures/equations.png"

clean:
	rm -rf .build

# The library's documentation (DocC): .build/docs, to open in a browser or host as a static site.
docs: deps
	$(SWIFT) package --allow-writing-to-directory .build/docs generate-documentation --target Render \
		--output-path .build/docs --transform-for-static-hosting --hosting-base-path descent
	@echo "documentation in .build/docs"

# Every rasterizer primitive at 1× and 3×, to look at: Output/testcard.png.
testcard: build
	$(BIN) testcard -o Output/testcard.png

# Benchmarks (not tests): descent's cases and the matplotlib + Pillow reference, same session.
bench: build
	@python3 -c "import matplotlib, PIL" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check matplotlib pillow
	python3 Benchmarks/bench.py $(BIN)

# The encoder against Pillow, ffmpeg and ffmpeg + gifsicle on one corpus (installs the peers).
bench-encode: build
	@command -v ffmpeg >/dev/null && command -v gifsicle >/dev/null || \
		(apt-get install -y -qq ffmpeg gifsicle || sudo apt-get install -y -qq ffmpeg gifsicle)
	@python3 -c "import matplotlib, PIL, numpy" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check matplotlib pillow numpy
	python3 Benchmarks/bench_encode.py $(BIN)

# Fuzzing: the seeded scene and math fuzzers for FUZZ_SECONDS each (default 600), release build.
FUZZ_SECONDS ?= 600
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) $(SWIFT) test -c release --scratch-path .build-fuzz --filter "SceneFuzzTests|MathFuzzTests"

# The test suite under AddressSanitizer, then ThreadSanitizer (separate build folders). The
# end-to-end tests run the sanitized `descent` too, which exits non-zero on any report.
# Leak checking is off: at exit LeakSanitizer reports only XCTest's own harness objects
# (its test registry and expectation bookkeeping), and every allocation a test makes has
# XCTest frames under it, so suppressing those would hide ours too.
sanitize: deps
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --sanitize=address --scratch-path .build-asan
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan

# Mutation run: break each promise of README's Guarantees on purpose and check that the test
# named beside it fails (one debug build per mutant; a few minutes).
mutants: deps
	python3 scripts/mutants.py
