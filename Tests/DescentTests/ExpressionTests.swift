import XCTest
import TestSupport
@testable import LessonMath

/// Losses written as expressions: the grammar's precedence, errors that name the column,
/// and exact gradients checked against sympy's derivatives.
final class ExpressionTests: XCTestCase {
    private func value(_ text: String, _ p: [Double]) throws -> Double {
        try ExpressionParser.parse(text).value(p)
    }

    func testPrecedenceAndAssociativity() throws {
        XCTAssertEqual(try value("-w^2", [3]), -9)               // ^ binds tighter than unary minus
        XCTAssertEqual(try value("2^3^2", [0]), 512)             // right-associative
        XCTAssertEqual(try value("w^-2", [2]), 0.25)             // a signed exponent
        XCTAssertEqual(try value("8 - 3 - 2", [0]), 3)           // left-associative
        XCTAssertEqual(try value("8 / 4 / 2", [0]), 1)
        XCTAssertEqual(try value("1 + 2*3", [0]), 7)
        XCTAssertEqual(try value("(1 + 2)*3", [0]), 9)
        XCTAssertEqual(try value("1e-3*w", [2]), 0.002)
        XCTAssertEqual(try value("2.5E+2", [0]), 250)
        XCTAssertEqual(try value("- -w", [4]), 4)
        XCTAssertEqual(try value("pi", [0]), Double.pi)
        XCTAssertEqual(try value("e^1", [0]), M_E, accuracy: 1e-15)
        XCTAssertEqual(try value("w*b", [2, 5]), 10)
        XCTAssertEqual(try value("(-2)^3", [0]), -8)
        XCTAssertEqual(try ExpressionParser.parse("(1 - w)^2 + b").variables, [.w, .b])
        XCTAssertEqual(try Formula("b^2").parameterNames, ["w", "b"])
        XCTAssertEqual(try Formula("  Rosenbrock ").named, .rosenbrock)
    }

    func testErrorsNameTheColumnAndTheNearestName() {
        func error(_ text: String) -> ExpressionError? {
            do { _ = try ExpressionParser.parse(text); return nil } catch { return error }
        }
        let cases: [(String, Int, String)] = [
            ("w +", 4, "ends where"),
            ("(w - 1", 1, "never closed"),
            ("w - 1)", 6, "without a matching"),
            ("sinn(w)", 1, "did you mean sin?"),
            ("x^2", 1, "unknown name 'x'"),
            ("2w", 2, "operator before"),
            ("100(b - w)", 4, "operator before"),
            ("exp w", 1, "needs its argument in parentheses"),
            ("w ** 2", 4, "needs something before it"),
            ("w # 2", 3, "unexpected '#'"),
            ("", 1, "empty"),
            ("wb", 1, "did you mean w?"),
            ("w(1 - w)", 1, "not a function"),
            ("squrt(w)", 1, "did you mean sqrt?"),
        ]
        for (text, column, words) in cases {
            guard let e = error(text) else { XCTFail("\(text) parsed"); continue }
            XCTAssertEqual(e.column, column, "\(text): \(e)")
            XCTAssertTrue(e.problem.contains(words), "\(text): \(e.problem)")
            // The caret stands under the column.
            let lines = e.description.split(separator: "\n", omittingEmptySubsequences: false)
            XCTAssertEqual(lines.last?.firstIndex(of: "^").map { lines.last!.distance(from: lines.last!.startIndex, to: $0) - 4 },
                           column - 1, text)
        }
    }

    /// Every named function and hand-written expressions using every function, at several
    /// points: value and both partial derivatives as sympy computes them, within 1e-12.
    func testGradientsAreSympysDerivatives() throws {
        let expressions = TestFunction.allCases.map(\.expression) + [
            "w^4 - 3*w^2 + w", "exp(-w^2) * sin(3*w) + log(1 + w^2)", "sqrt(1 + w^2) * tanh(b) - cos(w*b)",
            "abs(w - 0.3) + tan(b/4)^2", "2^w + (1 + w^2)^b / (1 + b^2)", "-(w - 1)^3 / 3 + pi*e*b", "1e-3*w^2 + 5e1*b^2",
        ]
        let points: [[Double]] = [[0.7, 1.3], [-1.2, 0.4], [2.1, -0.6], [1.05, 2.2]]
        var lines: [String] = []
        for text in expressions {
            let f = try ExpressionParser.parse(text)
            for p in points {
                let d = f.dual(p)
                lines.append([text, "\(p[0])", "\(p[1])", "\(d.value)", "\(d.gradient[0])", "\(d.gradient[1])"].joined(separator: "\t"))
            }
        }
        let script = """
            import sys, sympy
            w, b = sympy.symbols('w b', real=True)
            bad = 0
            for line in sys.stdin.read().strip().split('\\n'):
                text, pw, pb, v, gw, gb = line.split('\\t')
                e = sympy.sympify(text.replace('^', '**'), locals={'w': w, 'b': b, 'e': sympy.E, 'pi': sympy.pi})
                at = {w: sympy.Float(pw, 30), b: sympy.Float(pb, 30)}
                for ours, theirs in ((v, e), (gw, sympy.diff(e, w)), (gb, sympy.diff(e, b))):
                    t = float(theirs.subs(at).evalf(30))
                    if abs(float(ours) - t) > 1e-12 * max(1.0, abs(t)):
                        bad += 1; print(text, pw, pb, ours, t)
            print('mismatches', bad)
            """
        let input = lines.joined(separator: "\n")
        let folder = try TemporaryFolder("expressions")
        let path = try folder.write(input, "points.tsv")
        let run = try runPython("import sys; sys.stdin = open(sys.argv[1]); exec(sys.argv[2])", [path, script])
        XCTAssertEqual(run.status, 0)
        XCTAssertTrue(run.output.hasSuffix("mismatches 0"), run.output)
    }

    func testMinimaAreFoundOnEachSideOfACurveAndKnownForNamedFunctions() throws {
        // w⁴ − 3w² + w: two minima, at the roots of 4w³ − 6w + 1 with a positive curvature (numpy.roots).
        let curve = try Formula("w^4 - 3*w^2 + w")
        let minima = curve.minima(w: -3...3).map { $0[0] }.sorted()
        XCTAssertEqual(minima.count, 2)
        XCTAssertEqual(minima[0], -1.300839565, accuracy: 1e-8)
        XCTAssertEqual(minima[1], 1.130901123, accuracy: 1e-8)
        for m in minima { XCTAssertEqual(4 * m * m * m - 6 * m + 1, 0, accuracy: 1e-9) }
        // A hand-written landscape with two basins, found numerically.
        let twoBasins = try Formula("(w^2 - 1)^2 + (b - 0.5)^2")
        let found = twoBasins.minima(w: -2...2, b: -2...2).sorted { $0[0] < $1[0] }
        XCTAssertEqual(found.count, 2)
        XCTAssertEqual(found[0][0], -1, accuracy: 1e-6)
        XCTAssertEqual(found[1][1], 0.5, accuracy: 1e-6)
        // Himmelblau's four, each a zero of the gradient.
        let himmelblau = try Formula("himmelblau")
        XCTAssertEqual(himmelblau.minima(w: -5...5, b: -5...5).count, 4)
        for m in TestFunction.himmelblau.minima { XCTAssertLessThan(himmelblau.value(m), 1e-9) }
        for f in TestFunction.allCases {
            for m in f.minima {
                let g = try Formula(f.rawValue).gradient(m)
                XCTAssertLessThan(abs(g[0]) + abs(g[1]), 1e-4, "\(f) at \(m)")
            }
        }
    }

    func testAStartOrARunOutsideTheFiniteNumbersIsAnErrorThatSuggestsARate() throws {
        let log = Objective(formula: try Formula("log(w)"))
        XCTAssertThrowsError(try Lesson(objective: log, start: [-1], spec: .gd, rate: LearningRate("0.1"), epochs: 5)) { error in
            XCTAssertEqual((error as? LessonError)?.field, "w0")
            XCTAssertTrue("\(error)".contains("not finite at the start"), "\(error)")
        }
        // exp(w²) from w = 3 with η = 1 overflows at once; η = 10⁻⁵ would not.
        let steep = Objective(formula: try Formula("exp(w^2)"))
        XCTAssertThrowsError(try Lesson(objective: steep, start: [3], spec: .gd, rate: LearningRate("1"), epochs: 5)) { error in
            XCTAssertEqual((error as? LessonError)?.field, "lr")
            XCTAssertTrue("\(error)".contains("leaves the finite numbers at epoch"), "\(error)")
            XCTAssertTrue("\(error)".contains("such as"), "\(error)")
        }
    }
}
