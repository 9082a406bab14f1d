#!/usr/bin/env python3
"""make mutants: breaks each promise of README's Guarantees on purpose, one at a time, and
checks that the test named beside it fails — an XCTest filter, or a script of `make test` run
against a release build of the mutant. Each mutant is a one-line change to the source
(the original text must be found exactly once, so a mutant that no longer applies is an
error, not a silent pass); the file is restored whatever happens.

Usage: scripts/mutants.py [NAME…]   (prints a line per mutant; exit 1 if any survives)
       scripts/mutants.py --check    (only that every mutant still applies; `make test` runs it)
"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

RELEASE = ["swift", "build", "-c", "release", "--product", "descent", "--static-swift-stdlib"]
BIN = ".build/release/descent"

# (name, file, original, mutated, what must fail: an XCTest filter, or a command (a list) run
# after a release build)
MUTANTS = [
    ("drop the x label", "Sources/Chart/AxesDecorations.swift",
     "if let xLabel = decorations.xLabel, var y = below.labelTop {", "if let xLabel = decorations.xLabel, var y = below.labelTop, false {",
     "KeyframeImageTests"),
    ("accept NaN", "Sources/Chart/Numbers.swift",
     'guard v.isFinite else { return v.isNaN ? "undefined" : (v > 0 ? "∞" : "−∞") }',
     'guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }',
     "WildNumbersTests"),
    ("let nesting through", "Sources/Descent/SceneFile.swift",
     "static let maximumNesting = 64", "static let maximumNesting = 1_000_000",
     "SceneFileTests.testDeepNestingIsRefusedBeforeTheParser"),
    ("grow the mask cache without bound", "Sources/Chart/MaskCache.swift",
     "self.budget = budget", "self.budget = Int.max",
     "MaskCacheTests"),
    ("clear LZW one code late", "Sources/GIF/LZW.swift",
     "let tableLimit = clearing == .eager ? 4095 : 4096", "let tableLimit = clearing == .eager ? 4096 : 4096",
     "LZWTests"),
    ("leave temporary files behind", "Sources/Render/AtomicFile.swift",
     "            unlink(temporaryPath)\n", "            _ = temporaryPath\n",
     "OutputTransactionTests|FrameFolderTests"),
    ("leave fonts out of the fingerprint", "Sources/Render/Fingerprint.swift",
     'for hash in fontHashes.sorted() { text += "font sha256:\\(hash)\\n" }',
     'for hash in fontHashes.sorted() where false { text += "font sha256:\\(hash)\\n" }',
     "FingerprintTests.testAChangedFontFileMakesEveryOutputStale"),
    ("let labels overlap", "Sources/Chart/TextPlacer.swift",
     "func isFree(_ box: Rect, gap: Double) -> Bool { !taken.contains { TextPlacer.overlaps($0, box, gap: gap) } }",
     "func isFree(_ box: Rect, gap: Double) -> Bool { taken.isEmpty || true }",
     "LayoutCorpusTests"),
    ("compress each frame against its lane's frame before", "Sources/GIF/Parallel.swift",
     "return .finish(f, item: item, previous: f == 0 ? nil : s.items[f - 1])",
     "return .finish(f, item: item, previous: f == 0 ? nil : s.items[Swift.max(0, f - lanes)])",
     "RenderCommandTests.testOneThreadAndSeveralThreadsGiveTheSameBytes"),
    ("keep every frame between the passes", "Sources/GIF/RecordedFrames.swift",
     "static let budget = 5 << 20", "static let budget = Int.max",
     ["python3", "Tests/Memory/check_memory.py", BIN]),
    ("dispose of each frame to the background", "Sources/GIF/GIFEncoder.swift",
     "private func writeImage(_ block: [UInt8], delay: Int, transparent: Bool, disposal: UInt8 = 1) throws {",
     "private func writeImage(_ block: [UInt8], delay: Int, transparent: Bool, disposal: UInt8 = 2) throws {",
     ["sh", "-c", f"{BIN} render --quiet -o .build/mutant.gif && python3 Tests/Interop/check_decoders.py .build/mutant.gif"]),
    ("never clear what vanishes on a transparent background", "Sources/GIF/GIFEncoder.swift",
     "disposal: made.disposed ? 2 : 1)", "disposal: made.disposed ? 1 : 1)",
     "AnimationEncoderTests.testOnATransparentBackgroundWhatVanishesIsClearedAndNothingElse"),
    ("differentiate tanh as tan", "Sources/LessonMath/Expression.swift",
     "case .tanh: slope = 1 - v * v", "case .tanh: slope = 1 + v * v",
     "ExpressionTests.testGradientsAreSympysDerivatives"),
    ("let a run past the finite numbers", "Sources/LessonMath/Lesson.swift",
     "if objective.formula != nil, let epoch = Lesson.firstNonFinite(objective, path) {",
     "if objective.formula != nil, let epoch = Lesson.firstNonFinite(objective, path), false {",
     "ExpressionTests.testAStartOrARunOutsideTheFiniteNumbersIsAnErrorThatSuggestsARate"),
]


def run(check):
    if isinstance(check, list):
        build = subprocess.run(RELEASE, cwd=ROOT, capture_output=True, text=True)
        if build.returncode != 0:
            return "does not build"
        test = subprocess.run(check, cwd=ROOT, capture_output=True, text=True)
        return "killed" if test.returncode != 0 else "SURVIVED"
    build = subprocess.run(["swift", "build", "--build-tests"], cwd=ROOT, capture_output=True, text=True)
    if build.returncode != 0:
        return "does not build"
    test = subprocess.run(["swift", "test", "--skip-build", "--filter", check], cwd=ROOT, capture_output=True, text=True)
    return "killed" if test.returncode != 0 else "SURVIVED"


def applies(path, original):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read().count(original) == 1


def main():
    if sys.argv[1:] == ["--check"]:
        stale = [name for name, path, original, _, _ in MUTANTS if not applies(path, original)]
        for name in stale:
            print(f"mutant '{name}' no longer applies: its original text is not in its file exactly once")
        print(f"{len(MUTANTS) - len(stale)} of {len(MUTANTS)} mutants apply")
        sys.exit(1 if stale else 0)
    chosen = [m for m in MUTANTS if len(sys.argv) < 2 or m[0] in sys.argv[1:]]
    survivors = 0
    for name, path, original, mutated, filter_ in chosen:
        full = os.path.join(ROOT, path)
        with open(full, encoding="utf-8") as f:
            text = f.read()
        if text.count(original) != 1:
            print(f"ERROR    {name}: the original line is not in {path} exactly once; update the mutant")
            survivors += 1
            continue
        try:
            with open(full, "w", encoding="utf-8") as f:
                f.write(text.replace(original, mutated))
            outcome = run(filter_)
        finally:
            with open(full, "w", encoding="utf-8") as f:
                f.write(text)
        survivors += outcome == "SURVIVED"
        shown = " ".join(filter_) if isinstance(filter_, list) else filter_
        print(f"{outcome:8} {name} ({path}) -> {shown}", flush=True)
    subprocess.run(["swift", "build", "--build-tests"], cwd=ROOT, capture_output=True)
    if any(isinstance(m[4], list) for m in chosen):
        subprocess.run(RELEASE, cwd=ROOT, capture_output=True)
    print(f"{len(chosen) - survivors} of {len(chosen)} mutants killed")
    sys.exit(1 if survivors else 0)


if __name__ == "__main__":
    main()
