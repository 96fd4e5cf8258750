// Typed errors for everything the Datasets target can reject: generator arguments, files, CSV
// fields, NPY headers, shapes. The cases carry data (path, 1-based row and column, shapes); the
// wording lives in the Interpreter (Wording/DataError+Wording.swift).

/// What went wrong while reading or writing a file as a whole.
public enum FileProblem: Equatable, Sendable {
    /// The file could not be opened; `reason` is the system's.
    case cannotOpen(reason: String)
    /// The path names a directory.
    case isDirectory
    /// The file has `bytes` bytes, more than the `limit` read.
    case tooLarge(bytes: Int, limit: Int)
    /// Reading failed part way; `reason` is the system's.
    case readFailed(reason: String)
    /// Writing failed; `reason` is the system's.
    case writeFailed(reason: String)
    /// The file has no bytes.
    case empty
}

/// What went wrong in one CSV position.
public enum CSVProblem: Error, Equatable, Sendable {
    /// The field (as written) is not a number.
    case notANumber(String)
    /// The field is NaN or an infinity.
    case nonFinite(String)
    /// The field is a hexadecimal float.
    case hexFloat(String)
    /// The field is a number outside the Float32 range.
    case outOfRange(String)
    /// The field is quoted (as written, quotes included).
    case quotedField(String)
    /// The field is empty.
    case emptyField
    /// The row has `found` fields, the header `expected`.
    case raggedRow(expected: Int, found: Int)
    /// A blank line among the rows, which have `expected` fields.
    case emptyLine(expected: Int)
    /// The first line, the header, is blank.
    case emptyHeader
    /// The header is the whole file.
    case noDataRows
    /// The target column `name` is not among the `available` ones.
    case missingTargetColumn(name: String, available: [String])
    /// The header names a column twice.
    case duplicateColumn(String)
    /// The target is the only column.
    case noFeatureColumns
    /// The header has more than `limit` columns.
    case tooManyColumns(limit: Int)
    /// The file holds more than `limit` values by this row.
    case tooManyValues(limit: Int)
    /// The first column is unnamed and counts 0, 1, 2, …: a row index.
    case indexColumn
}

/// What went wrong in an NPY file.
public enum NPYProblem: Error, Equatable, Sendable {
    /// The file does not start with the NPY magic.
    case notNPY
    /// A format version other than 1, 2 or 3.
    case unsupportedVersion(major: Int, minor: Int)
    /// The header needs `needed` bytes; the file has `available`.
    case truncatedHeader(needed: Int, available: Int)
    /// The header is `length` bytes, over the `limit`.
    case headerTooLong(length: Int, limit: Int)
    /// The header's dictionary does not parse; the detail says where.
    case malformedHeader(String)
    /// The dtype `descr` is big-endian.
    case bigEndian(descr: String)
    /// The dtype `descr` holds Python objects.
    case objectArray(descr: String)
    /// The dtype `descr` is not one Basin reads.
    case unsupportedType(descr: String)
    /// The shape's element count overflows.
    case shapeOverflow(shape: [Int])
    /// The shape needs `expectedBytes` of data; the file has `actualBytes`.
    case sizeMismatch(shape: [Int], expectedBytes: Int, actualBytes: Int)
    /// Label `value` at `index` is not a class index (0 to `Dataset.classLimit` − 1).
    case badLabel(index: Int, value: String)
    /// Element `index` is NaN, infinite, or too large for Float32.
    case nonFinite(index: Int)
    /// The array's first dimension is 0.
    case noRows
    /// The array holds `count` values, more than a dataset's `limit`.
    case tooManyValues(count: Int, limit: Int)
}

/// Every failure the Datasets target reports. `row` and `column` are 1-based; a CSV column of 0
/// means the whole line.
public enum DataError: Error, Equatable, Sendable {
    /// `name=value` is not allowed; `allowed` names what is.
    case invalidArgument(name: String, value: String, allowed: String)
    /// A file as a whole could not be read or written.
    case file(path: String, problem: FileProblem)
    /// A CSV file is refused at a row and column.
    case csv(path: String, row: Int, column: Int, problem: CSVProblem)
    /// An NPY file is refused.
    case npy(path: String, problem: NPYProblem)
    /// `what` has shape `got` where `expected` was needed.
    case shapeMismatch(what: String, expected: [Int], got: [Int])
    /// `operation` needs class labels; `dataset` is a regression dataset.
    case needsClasses(operation: String, dataset: String)
    /// `operation` needs 1D signals; the samples have `sampleShape`.
    case needsSignal(operation: String, sampleShape: [Int])
    /// flip, rotate and crop move the pixels of images [C, H, W].
    case needsImage(operation: String, sampleShape: [Int])
    /// Ctrl-C while generating: `made` of `count` examples existed; nothing is kept.
    case cancelled(made: Int, count: Int)
    /// A task has only `distinct` different inputs and `requested` examples, all different, were asked for.
    case tooFewDistinct(task: String, distinct: Int, requested: Int)
}

/// "[2, 3]": a shape as a value in an argument.
func shapeText(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
}
