#!/usr/bin/env bash
# Renders every scene and corpus scene with every output (transcript, layout, HTML, poster), a few
# races, and the error messages of bad flags, into OUTDIR: run it with the
# build before a change and after, then `diff -r` the two folders to prove a change byte-identical.
# usage: scripts/compare_renders.sh BINARY OUTDIR   (from the repository root)
set -u
BIN=$(realpath "$1"); OUT=$(realpath -m "$2"); rm -rf "$OUT"; mkdir -p "$OUT"
cd "$(dirname "$0")/.."
i=0
for s in Scenes/*.yaml Tests/DescentTests/Fixtures/corpus/*.yaml; do
  n=$(basename $s .yaml); d=$(basename $(dirname $s))
  $BIN render -q "$s" -o "$OUT/${d}_$n.gif" --transcript "$OUT/${d}_$n.json" --layout "$OUT/${d}_$n.layout.json" --html "$OUT/${d}_$n.html" --threads $((i % 3 + 1)) 2>"$OUT/${d}_$n.err"; echo "rc=$?" >> "$OUT/${d}_$n.err"
  i=$((i+1))
done
$BIN render -q -o "$OUT/seed.gif" --transcript "$OUT/seed.json" --layout "$OUT/seed.layout.json" --html "$OUT/seed.html" --poster "$OUT/seed.png"
$BIN render -q Scenes/race.yaml --size 640x480 --motion smooth -o "$OUT/race640.gif" --layout "$OUT/race640.layout.json" --html "$OUT/race640.html"
$BIN render -q --model affine --optimizer adam,momentum,gd --lr 0.05 -o "$OUT/affrace.gif" --transcript "$OUT/affrace.json" --html "$OUT/affrace.html"
$BIN render -q --optimizer momentum --lang en -o "$OUT/mom.gif" --transcript "$OUT/mom.json" --html "$OUT/mom.html"
# errors
for args in "--lr x" "--lr 0.1 --lr 0.2" "--size 10" "--model foo" "--optimizer bogus" "--durations weight=a" "--seed -1" "--motion fast" "--lang fr" "--font /nope.ttf" "--epochs 0" "--b0 3" "--batch 9" "--show 5-1" "--scale 9" "--pixels" "--poster-stage 0:update"; do
  $BIN render $args -o "$OUT/err.gif" > /dev/null 2>> "$OUT/errors.txt"; echo "rc=$? for $args" >> "$OUT/errors.txt"
done
$BIN render --seed 4 -o "$OUT/seed4.gif" --transcript "$OUT/seed4.json" -q
