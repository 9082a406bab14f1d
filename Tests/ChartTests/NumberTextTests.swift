import Foundation
import XCTest
@testable import Chart

/// Numbers as the figure writes them: C's correctly rounded `%.Nf`, without "−0".
final class NumberTextTests: XCTestCase {
    func testFixedDecimalsRoundTheBinaryValueCorrectly() {
        // Ties exact in binary round to even; decimal "ties" that are not exact in binary
        // round by the value actually stored (2.675 is 2.67499999…).
        let cases: [(Double, Int, String)] = [
            (0.125, 2, "0.12"), (0.375, 2, "0.38"), (2.675, 2, "2.67"), (1.005, 2, "1.00"),
            (-0.001, 2, "0.00"), (-0.005, 2, "\u{2212}0.01"), (9.0, 2, "9.00"), (-3.07, 2, "\u{2212}3.07"),
            (1e21, 2, "1000000000000000000000.00"), (0.5, 0, "0"), (1.5, 0, "2"), (77.8, 1, "77.8"),
            (1.7976931348623157e308, 0, "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368"),
        ]
        for (v, decimals, expected) in cases {
            XCTAssertEqual(NumberText.fixed(v, decimals: decimals), expected, "\(v) to \(decimals)")
        }
    }

    func testFixedDecimalsAreFoundationsFormat() {
        var state: UInt64 = 12345
        for _ in 0..<2000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let v = Double(Int64(bitPattern: state >> 11) % 2_000_000) / Double(1 << (state % 20))
            for decimals in [0, 1, 2, 3, 6] {
                XCTAssertEqual(NumberText.printf(v, decimals: decimals), String(format: "%.\(decimals)f", v))
            }
        }
    }
}
