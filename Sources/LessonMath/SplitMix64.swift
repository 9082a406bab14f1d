import Foundation

/// The project's own random numbers, the same on every machine: SplitMix64 (Steele, Lea
/// and Flood, 2014) for 64-bit words, 53-bit uniforms in [0, 1), and normals by the
/// Box–Muller transform (the cosine branch, one normal per two uniforms). Anyone can
/// reproduce a draw from this description; `scripts/affine_fixtures.py` does, in Python.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1): the top 53 bits over 2⁵³.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Standard normal: √(−2 ln u₁)·cos(2π u₂), with u₁ = 1 − unit() in (0, 1].
    public mutating func normal() -> Double {
        let u1 = 1 - unit(), u2 = unit()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    /// The notebook's start (`create_computation_graph_linear`): w ~ N(0, 1) + 1, then
    /// b ~ 5·N(0, 1); the linear model draws w only.
    public static func notebookStart(seed: UInt64, parameters: Int) -> [Double] {
        var random = SplitMix64(seed: seed)
        let w = random.normal() + 1
        return parameters == 1 ? [w] : [w, 5 * random.normal()]
    }
}
