/// Runs of equal RGBA words: plot frames are mostly long runs of one colour, so counting
/// and mapping go run by run, and a run is skipped four pixels (two 64-bit words) a step.
enum Runs {
    /// Calls `body(word, start, length)` for each maximal run of equal words, in order.
    @inline(__always)
    static func forEach(_ words: UnsafeBufferPointer<UInt32>, _ body: (UInt32, Int, Int) -> Void) {
        let n = words.count
        guard n > 0, let base = words.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        var start = 0
        while start < n {
            let word = words[start]
            let pair = UInt64(word) | UInt64(word) << 32
            var end = start + 1
            while end + 4 <= n,
                  raw.loadUnaligned(fromByteOffset: end * 4, as: UInt64.self) == pair,
                  raw.loadUnaligned(fromByteOffset: end * 4 + 8, as: UInt64.self) == pair {
                end += 4
            }
            while end < n, words[end] == word { end += 1 }
            body(word, start, end - start)
            start = end
        }
    }
}
