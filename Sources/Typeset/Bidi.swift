import CFriBidi

/// The Unicode bidirectional algorithm, through FriBidi: which characters of a line run
/// right to left, and in what order its runs stand on the page. A line with no character of
/// a right-to-left script is one left-to-right run, without asking FriBidi.
enum Bidi {
    /// FriBidi's "other neutral" paragraph type: take the direction from the first strong character.
    private static let automatic = FriBidiParType(rawValue: 0x40)

    /// Each character's embedding level (odd: right to left).
    static func levels(_ scalars: [Unicode.Scalar]) -> [UInt8] {
        guard scalars.contains(where: mayRunRightToLeft) else { return [UInt8](repeating: 0, count: scalars.count) }
        let codes = scalars.map { FriBidiChar($0.value) }
        let count = FriBidiStrIndex(codes.count)
        var types = [FriBidiCharType](repeating: FriBidiCharType(rawValue: 0), count: codes.count)
        fribidi_get_bidi_types(codes, count, &types)
        var brackets = [FriBidiBracketType](repeating: 0, count: codes.count)
        fribidi_get_bracket_types(codes, count, types, &brackets)
        var base = automatic
        var levels = [FriBidiLevel](repeating: 0, count: codes.count)
        guard fribidi_get_par_embedding_levels_ex(types, brackets, count, &base, &levels) != 0 else {
            return [UInt8](repeating: 0, count: scalars.count)
        }
        return levels.map { UInt8(clamping: $0) }
    }

    /// Runs of equal level in the order the page shows them (rule L2: from the highest
    /// level down to the lowest odd one, every stretch at that level or above is reversed).
    static func visualRuns(_ levels: [UInt8]) -> [(range: Range<Int>, level: UInt8)] {
        var runs: [(range: Range<Int>, level: UInt8)] = []
        var start = 0
        for i in 1...levels.count where i == levels.count || levels[i] != levels[start] {
            runs.append((start..<i, levels[start]))
            start = i
        }
        guard let highest = levels.max(), let lowestOdd = levels.filter({ $0 % 2 == 1 }).min() else { return runs }
        for level in stride(from: Int(highest), through: Int(lowestOdd), by: -1) {
            var i = 0
            while i < runs.count {
                guard runs[i].level >= level else { i += 1; continue }
                var j = i
                while j < runs.count && runs[j].level >= level { j += 1 }
                runs[i..<j].reverse()
                i = j
            }
        }
        return runs
    }

    /// Hebrew, Arabic, Syriac, Thaana, N'Ko and the other right-to-left blocks, their
    /// presentation forms, and the explicit direction marks.
    private static func mayRunRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF,
             0x200F, 0x202B, 0x202E, 0x2067: return true
        default: return false
        }
    }
}
