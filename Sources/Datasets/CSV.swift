// CSV input: a header row of column names, then rows of plain decimal numbers, comma-separated.
// Parsed on bytes, line by line; each problem is a typed error at its 1-based line and column.
// Accepted: a UTF-8 BOM, CRLF line ends, spaces around fields, header names in double quotes,
// blank lines at the end. Rejected: quoted data fields, NaN/inf, hex floats, ragged rows,
// blank lines between rows.

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

    /// Parses CSV bytes; `path` names the file in errors.
    public static func parse(_ bytes: [UInt8], path: String) throws(DataError) -> CSVTable {
        try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) -> CSVTable in
            var lines = LineReader(buffer)
            guard !lines.isBlank, let header = lines.next() else { throw .file(path: path, problem: .empty) }
            let columns = try headerNames(header.bytes, path: path)
            var values: [Float] = []
            var rowCount = 0
            var blankLine: Int?  // a blank line is fine only if nothing but blank lines follows
            while let line = lines.next() {
                if line.bytes.allSatisfy(isSpace) { blankLine = blankLine ?? line.number; continue }
                if let blank = blankLine {
                    throw .csv(path: path, row: blank, column: 0, problem: .emptyLine(expected: columns.count))
                }
                try parseRow(line, columns: columns.count, path: path, into: &values)
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

    /// Appends the numbers of one data line to `values`.
    static func parseRow(_ line: Line, columns: Int, path: String, into values: inout [Float]) throws(DataError) {
        var column = 0
        for field in FieldSplitter(line.bytes) {
            column += 1
            guard column <= columns else {
                let found = FieldSplitter(line.bytes).reduce(0) { n, _ in n + 1 }
                throw .csv(path: path, row: line.number, column: 0, problem: .raggedRow(expected: columns, found: found))
            }
            switch NumberParsing.float(trimmed(field)) {
            case let .success(value): values.append(value)
            case let .failure(problem): throw .csv(path: path, row: line.number, column: column, problem: problem)
            }
        }
        guard column == columns else {
            throw .csv(path: path, row: line.number, column: 0, problem: .raggedRow(expected: columns, found: column))
        }
    }

    /// The dataset of a parsed table with `target` as the target column.
    public static func dataset(_ table: CSVTable, target: String, path: String) throws(DataError) -> Dataset {
        guard let t = table.columns.firstIndex(of: target) else {
            throw .csv(
                path: path, row: 1, column: 0,
                problem: .missingTargetColumn(name: target, available: table.columns))
        }
        let width = table.columns.count, features = width - 1
        guard features > 0 else { throw .csv(path: path, row: 1, column: 0, problem: .noFeatureColumns) }
        var inputs: [Float] = []
        inputs.reserveCapacity(table.rowCount * features)
        var y: [Float] = []
        y.reserveCapacity(table.rowCount)
        for r in 0..<table.rowCount {
            let row = table.values[r * width..<(r + 1) * width]
            inputs.append(contentsOf: row[row.startIndex..<row.startIndex + t])
            inputs.append(contentsOf: row[(row.startIndex + t + 1)...])
            y.append(row[row.startIndex + t])
        }
        return try Dataset(name: baseName(path), inputs: inputs, sampleShape: [features], targets: targets(from: y))
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
