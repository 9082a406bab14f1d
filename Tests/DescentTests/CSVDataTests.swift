import Foundation
import TestSupport
import XCTest
@testable import Descent

/// A teacher's data from a CSV file, read as Python's `csv` module reads the same awkward
/// files (quotes, separators and line breaks inside fields, CRLF, a byte-order mark, semicolons
/// and tabs), and every mistake named by file, row and column.
final class CSVDataTests: XCTestCase {
    private var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "descent-csv-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func scene(_ csv: String, x: String = "hours", t: String = "score") throws -> Scene {
        try SceneFile.parse("data: {csv: \(csv), x: \(x), t: \(t)}\n", file: folder + "/lesson.yaml")
    }

    func testAwkwardFilesReadAsPythonsCSVModuleReadsThem() throws {
        // Python writes each dialect, then reads back the two numeric columns: the truth.
        let script = """
        import csv, io, json, random, sys
        folder = sys.argv[1]
        random.seed(7)
        rows = [[round(random.uniform(-50, 50), 3), round(random.uniform(0, 1e4), 2),
                 random.choice(['plain', 'a, comma', 'a "quote"', 'two\\nlines', 'semi;colon', 'tab\\there', ''])]
                for _ in range(40)]
        truth = {}
        for name, options, bom, newline in [('comma', {}, False, '\\n'), ('crlf_bom', {}, True, '\\r\\n'),
                                             ('semicolon', {'delimiter': ';'}, False, '\\n'),
                                             ('tab', {'delimiter': '\\t'}, True, '\\n'),
                                             ('quote_all', {'quoting': csv.QUOTE_ALL}, False, '\\r\\n')]:
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator=newline, **options)
            writer.writerow(['note', 'hours', 'score'])
            for x, t, note in rows:
                writer.writerow([note, x, t])
            text = buffer.getvalue()
            with open(f'{folder}/{name}.csv', 'w', encoding='utf-8-sig' if bom else 'utf-8', newline='') as f:
                f.write(text)
            with open(f'{folder}/{name}.csv', encoding='utf-8-sig', newline='') as f:
                read = list(csv.reader(f, **options))
            truth[name] = [[float(r[1]) for r in read[1:]], [float(r[2]) for r in read[1:]]]
        print(json.dumps(truth))
        """
        let run = try runPython(script, [folder])
        XCTAssertEqual(run.status, 0, run.output)
        let truth = try JSONDecoder().decode([String: [[Double]]].self, from: Data(run.output.utf8))
        XCTAssertEqual(truth.count, 5)
        for (name, columns) in truth.sorted(by: { $0.key < $1.key }) {
            let read = try scene(name + ".csv")
            XCTAssertEqual(read.x, columns[0], name)
            XCTAssertEqual(read.t, columns[1], name)
            XCTAssertEqual(read.x.count, 40, name)
            XCTAssertEqual(try read.labels().timeAxis, "hours", "\(name): the column names the axis")
            XCTAssertEqual(try read.labels().amountAxis, "score", name)
        }
    }

    func testColumnsDefaultToTheFirstTwoAndSceneLabelsWin() throws {
        try "a,b\n1,2\n3,4\n".write(toFile: folder + "/two.csv", atomically: true, encoding: .utf8)
        let read = try SceneFile.parse("labels: {x: time}\ndata: {csv: two.csv}\n", file: folder + "/lesson.yaml")
        XCTAssertEqual(read.x, [1, 3])
        XCTAssertEqual(read.t, [2, 4])
        XCTAssertEqual(try read.labels().timeAxis, "time", "the scene's label wins over the column's name")
        XCTAssertEqual(try read.labels().amountAxis, "b")
    }

    func testEveryMistakeNamesTheFileAndTheRowOrColumn() throws {
        let cases: [(String, String, String)] = [
            ("", "empty.csv", "is empty; it needs a header row"),
            ("hours,score\n1,2\n", "one.csv", "has 1 row of data under its header; a lesson needs at least two"),
            ("hours,score\n1,2\n3\n", "ragged.csv", "row 3 has 1 field, but the header has 2"),
            ("hours,score\n1,2\n3,abc\n", "word.csv", "row 3, column 'score': 'abc' is not a number"),
            ("hours;score\n1;2\n3,5;4\n", "decimal.csv", "row 3, column 'hours': '3,5' is not a number (write decimals with a point: 3.5)"),
            ("minutes,score\n1,2\n3,4\n", "columns.csv", "names the column 'hours', which"),
        ]
        for (text, name, problem) in cases {
            try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
            XCTAssertThrowsError(try scene(name), name) { error in
                XCTAssertTrue("\(error)".contains(problem), "\(name): \(error)")
                XCTAssertTrue("\(error)".hasPrefix(folder + "/lesson.yaml:1: data."), "\(name): placed in the scene file: \(error)")
            }
        }
        XCTAssertThrowsError(try scene("columns.csv")) {
            XCTAssertTrue("\($0)".contains("its columns are 'minutes', 'score'"), "\($0)")
        }
        XCTAssertThrowsError(try scene("missing.csv")) { XCTAssertTrue("\($0)".contains("cannot be read"), "\($0)") }
    }
}
