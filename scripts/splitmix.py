"""The project's random numbers in Python, as Sources/LessonMath/SplitMix64.swift describes them:
SplitMix64 words, uniforms from their top 53 bits, normals by Box-Muller's cosine branch.
Shared by the fixture scripts, which must draw exactly what descent draws."""
import math

MASK = (1 << 64) - 1


def splitmix64(seed):
    state = seed & MASK
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def unit(words):
    return (next(words) >> 11) * 2.0 ** -53


def normal(words):
    u1 = 1 - unit(words)
    u2 = unit(words)
    return math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)
