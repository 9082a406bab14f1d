import Foundation
import SwiftCSV

/// A teacher's data from a CSV file: two columns of numbers, chosen by their header names.
/// A header row, then the rows; comma, semicolon or tab separated (told from the header);
/// quoted fields; UTF-8 with or without a byte-order mark. Parsing is SwiftCSV's; the
/// checks and their words are ours: every error names the file, and the row (counted as a
/// spreadsheet counts them, the header being row 1) or the column.
struct CSVData {
    let x: [Double]
    let t: [Double]
    /// The columns' names, as the header gives them (the figure's neutral axis labels).
    let xName: String
    let tName: String

    /// The most rows a scene's data may have, as for `data` written in the scene.
    static let maximumRows = 10_000

    /// Columns `x` and `t` of the file at `path` (`x`: the first column, `t`: the second, when
    /// not named); `fail(field, problem)` makes the error, placed where the setting was written.
    init(path: String, x xName: String?, t tName: String?, fail: (String, String) -> SceneError) throws(SceneError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw fail("data.csv", "\(path) cannot be read (no such file, or no permission)")
        }
        guard var text = String(data: data, encoding: .utf8) else { throw fail("data.csv", "\(path) is not UTF-8 text") }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw fail("data.csv", "\(path) is empty; it needs a header row (the columns' names) and at least two rows of numbers")
        }
        // Rows as written (SwiftCSV's row views pad short rows; a ragged row is an error here).
        final class Rows { var all: [[String]] = [] }
        let read = Rows()
        let csv: CSV<Enumerated>
        do {
            csv = try CSV<Enumerated>(string: text, delimiter: CSVDelimiter.guessed(string: text), loadColumns: false, rowLimit: 1)
            try csv.enumerateAsArray(startAt: 1, rowLimit: nil) { read.all.append($0) }
        } catch {
            throw fail("data.csv", "\(path) is not CSV that can be read (\(error)); quote fields that hold the separator")
        }
        let header = csv.header.map { $0.trimmingCharacters(in: .whitespaces) }
        func column(_ name: String?, default position: Int, key: String) throws(SceneError) -> (index: Int, name: String) {
            let listed = header.map { "'\($0)'" }.joined(separator: ", ")
            guard let name else {
                guard header.count > position else {
                    throw fail("data.\(key)", "is not given, and \(path) has no column \(position + 1); its columns are \(listed)")
                }
                return (position, header[position])
            }
            guard let index = header.firstIndex(of: name) else {
                throw fail("data.\(key)", "names the column '\(name)', which \(path) does not have; its columns are \(listed)")
            }
            return (index, name)
        }
        let xColumn = try column(xName, default: 0, key: "x"), tColumn = try column(tName, default: 1, key: "t")
        // Rows left empty (a last line break, a blank line) are not data.
        let rows = read.all.enumerated().filter { !$0.element.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        guard rows.count >= 2 else {
            throw fail("data.csv", "\(path) has \(rows.count) \(rows.count == 1 ? "row" : "rows") of data under its header; "
                       + "a lesson needs at least two")
        }
        guard rows.count <= CSVData.maximumRows else {
            throw fail("data.csv", "\(path) has \(rows.count) rows of data; a lesson draws at most \(CSVData.maximumRows)")
        }
        var xs: [Double] = [], ts: [Double] = []
        for (offset, row) in rows {
            let number = offset + 2
            guard row.count == header.count else {
                throw fail("data.csv", "\(path) row \(number) has \(row.count) \(row.count == 1 ? "field" : "fields"), "
                           + "but the header has \(header.count); quote fields that hold the separator")
            }
            func value(_ column: (index: Int, name: String)) throws(SceneError) -> Double {
                let cell = row[column.index].trimmingCharacters(in: .whitespaces)
                guard let v = Double(cell), v.isFinite else {
                    throw fail("data.csv", "\(path) row \(number), column '\(column.name)': '\(cell)' is not a number"
                               + (cell.contains(",") ? " (write decimals with a point: \(cell.replacingOccurrences(of: ",", with: ".")))" : ""))
                }
                return v
            }
            xs.append(try value(xColumn))
            ts.append(try value(tColumn))
        }
        x = xs
        t = ts
        self.xName = xColumn.name
        self.tName = tColumn.name
    }
}
