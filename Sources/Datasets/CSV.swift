// CSV input: a header row of column names, then rows of plain decimal numbers, comma-separated.
// Parsed on bytes, line by line; each problem is a typed error at its 1-based line and column.
// Accepted: a UTF-8 BOM, CRLF line ends, spaces around fields, header names in double quotes,
// blank lines at the end. Rejected: quoted data fields, NaN/inf, hex floats, ragged rows,
// blank lines between rows. Words only in a `part` column read with `split=given` (train, val,
// test). A train file and a test file load as one dataset whose test part is the test file.

/// A parsed CSV file: named columns of Float values, row-major.
public struct CSVTable: Sendable, Equatable {
    public let columns: [String]
    public let rowCount: Int
    /// rowCount × columns.count, row-major.
    public let values: [Float]
}

public enum CSV {
    /// Reads and parses the file at `path`.
    public static func read(path: String) throws(DataError) -> CSVTable {
        try parse(FileIO.read(path), path: path)
    }

    /// Loads a dataset: every column except `target` is an input feature. An integer-valued
    /// target in 0..<1024 makes class labels (classes = largest label + 1); any other target
    /// makes a regression dataset.
    public static func load(path: String, target: String) throws(DataError) -> Dataset {
        let table = try read(path: path)
        if target != table.columns.first, isPandasIndex(table) {
            throw .csv(path: path, row: 1, column: 1, problem: .indexColumn)
        }
        return try dataset(table, target: target, path: path)
    }

    /// An unnamed first column counting 0, 1, 2, … — what pandas' `df.to_csv()` writes unless
    /// told `index=False`. Taken as a feature it would be noise the net fits (11 % vs 89 %).
    static func isPandasIndex(_ table: CSVTable) -> Bool {
        guard table.columns.first == "column1", table.rowCount > 1, table.columns.count > 1 else { return false }
        let width = table.columns.count
        return (0..<table.rowCount).allSatisfy { table.values[$0 * width] == Float($0) }
    }

    /// Parses CSV bytes; `path` names the file in errors. With `parts`, the column named
    /// `partColumn` must be there and holds each row's part as a word (train, val, test) or
    /// 0, 1, 2 — read as 0, 1, 2; without it, that column's words are refused with the way to
    /// keep them.
    public static func parse(_ bytes: [UInt8], path: String, parts: Bool = false) throws(DataError) -> CSVTable {
        try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) -> CSVTable in
            var lines = LineReader(buffer)
            guard !lines.isBlank, let header = lines.next() else { throw .file(path: path, problem: .empty) }
            let columns = try headerNames(header.bytes, path: path)
            let part = columns.firstIndex(of: partColumn)
            if parts && part == nil {
                throw .csv(path: path, row: 1, column: 0, problem: .missingPartColumn(available: columns))
            }
            var values: [Float] = []
            var rowCount = 0
            var blankLine: Int?  // a blank line is fine only if nothing but blank lines follows
            while let line = lines.next() {
                if line.bytes.allSatisfy(isSpace) { blankLine = blankLine ?? line.number; continue }
                if let blank = blankLine {
                    throw .csv(path: path, row: blank, column: 0, problem: .emptyLine(expected: columns.count))
                }
                try parseRow(line, columns: columns.count, path: path, part: part, parts: parts, into: &values)
                rowCount += 1
                if values.count > Dataset.valueLimit {
                    throw .csv(path: path, row: line.number, column: 0, problem: .tooManyValues(limit: Dataset.valueLimit))
                }
            }
            guard rowCount > 0 else { throw .csv(path: path, row: 2, column: 0, problem: .noDataRows) }
            return CSVTable(columns: columns, rowCount: rowCount, values: values)
        }
    }

    /// Columns at most: one example's inputs are a row, and a net's first layer is that wide.
    public static let maxColumns = 65_536

    /// Column names from the header line; surrounding double quotes are removed.
    static func headerNames(_ line: UnsafeBufferPointer<UInt8>, path: String) throws(DataError) -> [String] {
        guard !line.allSatisfy(isSpace) else { throw .csv(path: path, row: 1, column: 0, problem: .emptyHeader) }
        var names: [String] = [], seen = Set<String>()
        for field in FieldSplitter(line) {
            guard names.count < maxColumns else {
                throw .csv(path: path, row: 1, column: names.count + 1, problem: .tooManyColumns(limit: maxColumns))
            }
            var name = NumberParsing.text(trimmed(field))
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") { name = String(name.dropFirst().dropLast()) }
            if name.isEmpty { name = "column\(names.count + 1)" }
            // A set, not a scan of the names so far: a wide header took quadratic time.
            guard seen.insert(name).inserted else {
                throw .csv(path: path, row: 1, column: names.count + 1, problem: .duplicateColumn(name))
            }
            names.append(name)
        }
        return names
    }

    /// The column that says each row's part (`split=given`), as `export DATA "d.csv"` writes it.
    public static let partColumn = "part"
    /// The words a part column may hold (any case), in part order; or the digits 0, 1, 2.
    public static let partWords = ["train", "val", "test"]

    /// 0, 1 or 2 for a part word (any case) or digit; nil for anything else.
    static func partIndex(_ field: UnsafeBufferPointer<UInt8>) -> Int? {
        let word = NumberParsing.text(field).lowercased()
        return partWords.firstIndex(of: word) ?? ["0", "1", "2"].firstIndex(of: word)
    }

    /// Appends the numbers of one data line to `values`; the field in column index `part` (from
    /// 0) is a part when `parts` says so.
    static func parseRow(
        _ line: Line, columns: Int, path: String, part: Int?, parts: Bool, into values: inout [Float]
    ) throws(DataError) {
        var column = 0
        for field in FieldSplitter(line.bytes) {
            column += 1
            guard column <= columns else {
                let found = FieldSplitter(line.bytes).reduce(0) { n, _ in n + 1 }
                throw .csv(path: path, row: line.number, column: 0, problem: .raggedRow(expected: columns, found: found))
            }
            let text = trimmed(field)
            if parts, column - 1 == part {
                guard let index = partIndex(text) else {
                    throw .csv(path: path, row: line.number, column: column, problem: .notAPart(NumberParsing.text(text)))
                }
                values.append(Float(index))
                continue
            }
            switch NumberParsing.float(text) {
            case let .success(value): values.append(value)
            case let .failure(problem):
                // An exported file read without split=given: say how to keep its parts.
                if column - 1 == part, partIndex(text) != nil {
                    throw .csv(path: path, row: line.number, column: column, problem: .partWithoutGiven(NumberParsing.text(text)))
                }
                throw .csv(path: path, row: line.number, column: column, problem: problem)
            }
        }
        guard column == columns else {
            throw .csv(path: path, row: line.number, column: 0, problem: .raggedRow(expected: columns, found: column))
        }
    }

    /// The dataset of a parsed table with `target` as the target column; the columns named in
    /// `excluding` are left out of the features.
    public static func dataset(
        _ table: CSVTable, target: String, path: String, excluding: Set<String> = []
    ) throws(DataError) -> Dataset {
        guard let t = table.columns.firstIndex(of: target) else {
            throw .csv(
                path: path, row: 1, column: 0,
                problem: .missingTargetColumn(name: target, available: table.columns.filter { !excluding.contains($0) }))
        }
        let width = table.columns.count
        let kept = table.columns.indices.filter { $0 != t && !excluding.contains(table.columns[$0]) }
        guard !kept.isEmpty else { throw .csv(path: path, row: 1, column: 0, problem: .noFeatureColumns) }
        var inputs: [Float] = []
        inputs.reserveCapacity(table.rowCount * kept.count)
        var y: [Float] = []
        y.reserveCapacity(table.rowCount)
        let contiguous = kept.count == width - 1
        for r in 0..<table.rowCount {
            let row = table.values[r * width..<(r + 1) * width]
            if contiguous {
                inputs.append(contentsOf: row[row.startIndex..<row.startIndex + t])
                inputs.append(contentsOf: row[(row.startIndex + t + 1)...])
            } else {
                for k in kept { inputs.append(row[row.startIndex + k]) }
            }
            y.append(row[row.startIndex + t])
        }
        return try Dataset(name: baseName(path), inputs: inputs, sampleShape: [kept.count], targets: targets(from: y))
    }

    /// `split=given`: the dataset of a file whose `part` column says each row's part (not a
    /// feature), and the split it gives.
    public static func loadGiven(path: String, target: String) throws(DataError) -> (data: Dataset, split: Split) {
        let table = try parse(FileIO.read(path), path: path, parts: true)
        if target != table.columns.first, isPandasIndex(table) {
            throw .csv(path: path, row: 1, column: 1, problem: .indexColumn)
        }
        let p = table.columns.firstIndex(of: partColumn) ?? 0, width = table.columns.count
        let parts = (0..<table.rowCount).map { Int32(table.values[$0 * width + p]) }
        let data = try dataset(table, target: target, path: path, excluding: target == partColumn ? [] : [partColumn])
        return (data, try Split.given(parts))
    }

    /// A train file and a test file with the same columns (in any order): one dataset, the
    /// train file's rows first (`trainRows` of them). Class labels or values are decided over
    /// both files' targets together.
    public static func loadPair(train: String, test: String, target: String) throws(DataError) -> (data: Dataset, trainRows: Int)
    {
        let a = try read(path: train), b = try read(path: test)
        for (table, path) in [(a, train), (b, test)] where target != table.columns.first && isPandasIndex(table) {
            throw .csv(path: path, row: 1, column: 1, problem: .indexColumn)
        }
        // Every column of the train file in the test file, and nothing else.
        var order: [Int] = []
        for name in a.columns {
            guard let k = b.columns.firstIndex(of: name) else {
                throw .filesDisagree(path: test, other: train, difference: .missingColumn(name))
            }
            order.append(k)
        }
        if let extra = b.columns.firstIndex(where: { !a.columns.contains($0) }) {
            throw .filesDisagree(path: test, other: train, difference: .extraColumn(b.columns[extra], position: extra + 1))
        }
        var values = a.values
        values.reserveCapacity(a.values.count + b.values.count)
        let width = b.columns.count
        for r in 0..<b.rowCount {
            for k in order { values.append(b.values[r * width + k]) }
        }
        guard values.count <= Dataset.valueLimit else {
            throw .csv(path: test, row: b.rowCount + 1, column: 0, problem: .tooManyValues(limit: Dataset.valueLimit))
        }
        let table = CSVTable(columns: a.columns, rowCount: a.rowCount + b.rowCount, values: values)
        return (try dataset(table, target: target, path: train), a.rowCount)
    }

    /// Class labels when every value is an integer in 0..<classLimit, else regression values.
    static func targets(from y: [Float]) -> Targets {
        let isLabels = y.allSatisfy { $0 >= 0 && $0 < Float(Dataset.classLimit) && $0 == $0.rounded() }
        guard isLabels, let top = y.max() else { return .values(y, outputs: 1) }
        return .classes(y.map { Int32($0) }, count: Int(top) + 1)
    }
}

/// The file name without directories or extension: "data/points.csv" → "points".
func baseName(_ path: String) -> String {
    let file = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
    return String(file[..<dot])
}
