// Typed errors for everything the Datasets target can reject: generator arguments, files, CSV
// fields, NPY headers, shapes. The cases carry data (path, 1-based row and column, shapes); the
// wording lives in `description` and `hint`, so a front end can format them its own way.

/// What went wrong while reading or writing a file as a whole.
public enum FileProblem: Equatable, Sendable {
    case cannotOpen(reason: String)
    case isDirectory
    case tooLarge(bytes: Int, limit: Int)
    case readFailed(reason: String)
    case writeFailed(reason: String)
    case empty
}

/// What went wrong in one CSV position.
public enum CSVProblem: Error, Equatable, Sendable {
    case notANumber(String)
    case nonFinite(String)
    case hexFloat(String)
    case outOfRange(String)
    case quotedField(String)
    case emptyField
    case raggedRow(expected: Int, found: Int)
    case emptyLine(expected: Int)
    case emptyHeader
    case noDataRows
    case missingTargetColumn(name: String, available: [String])
    case duplicateColumn(String)
    case noFeatureColumns
    case tooManyColumns(limit: Int)
    case tooManyValues(limit: Int)
    case indexColumn
}

/// What went wrong in an NPY file.
public enum NPYProblem: Error, Equatable, Sendable {
    case notNPY
    case unsupportedVersion(major: Int, minor: Int)
    case truncatedHeader(needed: Int, available: Int)
    case headerTooLong(length: Int, limit: Int)
    case malformedHeader(String)
    case bigEndian(descr: String)
    case objectArray(descr: String)
    case unsupportedType(descr: String)
    case shapeOverflow(shape: [Int])
    case sizeMismatch(shape: [Int], expectedBytes: Int, actualBytes: Int)
    case badLabel(index: Int, value: String)
    case nonFinite(index: Int)
    case noRows
    case tooManyValues(count: Int, limit: Int)
}

/// Every failure the Datasets target reports. `row` and `column` are 1-based; a CSV column of 0
/// means the whole line.
public enum DataError: Error, Equatable, Sendable {
    case invalidArgument(name: String, value: String, allowed: String)
    case file(path: String, problem: FileProblem)
    case csv(path: String, row: Int, column: Int, problem: CSVProblem)
    case npy(path: String, problem: NPYProblem)
    case shapeMismatch(what: String, expected: [Int], got: [Int])
    case needsClasses(operation: String, dataset: String)
    case needsSignal(operation: String, sampleShape: [Int])
    /// flip, rotate and crop move the pixels of images [C, H, W].
    case needsImage(operation: String, sampleShape: [Int])
    /// Ctrl-C while generating: `made` of `count` examples existed; nothing is kept.
    case cancelled(made: Int, count: Int)
    /// A task has only `distinct` different inputs and `requested` examples, all different, were asked for.
    case tooFewDistinct(task: String, distinct: Int, requested: Int)
}

extension DataError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .invalidArgument(name, value, allowed):
            return "\(name)=\(value) is not allowed: expected \(allowed)"
        case let .file(path, problem):
            return "\(path): \(problem.message)"
        case let .csv(path, row, column, problem):
            let position = column > 0 ? "\(path):\(row):\(column)" : "\(path):\(row)"
            return "\(position): \(problem.message)"
        case let .npy(path, problem):
            return "\(path): \(problem.message)"
        case let .shapeMismatch(what, expected, got):
            return "\(what): expected shape \(shapeText(expected)), got \(shapeText(got))"
        case let .needsClasses(operation, dataset):
            return "\(operation) needs class labels, but '\(dataset)' is a regression dataset"
        case let .needsSignal(operation, shape):
            return "\(operation) needs 1D signals, but samples have shape \(shapeText(shape))"
        case let .needsImage(operation, shape):
            return "\(operation) needs images [C, H, W], but samples have shape \(shapeText(shape))"
        case let .cancelled(made, count):
            return "stopped by Ctrl-C after \(made) of \(count) examples; nothing was kept"
        case let .tooFewDistinct(task, distinct, requested):
            return "\(task) has \(distinct) different inputs, fewer than the n=\(requested) asked for "
                + "(examples are all different, so held-out ones are never seen in training)"
        }
    }

    /// One suggestion of what to do next, when there is a useful one.
    public var hint: String? {
        switch self {
        case .csv(_, _, _, .quotedField):
            return "export the file without quoting (pandas: to_csv(..., quoting=csv.QUOTE_NONE))"
        case .csv(_, _, _, .hexFloat), .csv(_, _, _, .nonFinite):
            return "write plain decimal numbers; drop or impute missing and infinite values first"
        case let .csv(_, _, _, .missingTargetColumn(_, available)):
            return "the columns are: " + available.joined(separator: ", ")
        case .npy(_, .bigEndian):
            return "save with np.save(path, np.ascontiguousarray(a, dtype=a.dtype.newbyteorder('<')))"
        case .npy(_, .objectArray):
            return "convert to a numeric dtype first, e.g. a.astype(np.float32)"
        case let .tooFewDistinct(_, distinct, _):
            return "use n=\(distinct) or less, or a longer sequence or a larger vocabulary"
        case .needsImage(_, let shape) where shape.count == 2:
            return "a [C, L] or [H, W] array is read as a signal: save images as [N, C, H, W]"
        case .needsImage:
            return "for 1D signals use shift= and scale="
        default:
            return nil
        }
    }
}

func shapeText(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
}

extension FileProblem {
    var message: String {
        switch self {
        case let .cannotOpen(reason): return "cannot open: \(reason)"
        case .isDirectory: return "is a directory, not a file"
        case let .tooLarge(bytes, limit): return "file is \(bytes) bytes; the limit is \(limit)"
        case let .readFailed(reason): return "read failed: \(reason)"
        case let .writeFailed(reason): return "write failed: \(reason)"
        case .empty: return "file is empty"
        }
    }
}

extension CSVProblem {
    var message: String {
        switch self {
        case let .notANumber(text): return "expected a number, got \"\(text)\""
        case let .nonFinite(text): return "expected a finite number, got \"\(text)\""
        case let .hexFloat(text): return "hexadecimal numbers are not accepted, got \"\(text)\""
        case let .outOfRange(text): return "\"\(text)\" is outside the Float32 range"
        case let .quotedField(text): return "quoted fields are not accepted, got \(text)"
        case .emptyField: return "expected a number, got an empty field"
        case let .raggedRow(expected, found):
            return "expected \(expected) fields like the header, found \(found)"
        case let .emptyLine(expected): return "empty line; expected \(expected) fields"
        case .emptyHeader: return "the first line must be a header of column names, found an empty line"
        case .noDataRows: return "no data rows after the header"
        case let .missingTargetColumn(name, _): return "no column named '\(name)' in the header"
        case let .duplicateColumn(name): return "column '\(name)' appears more than once in the header"
        case .noFeatureColumns: return "no input columns besides the target"
        case let .tooManyColumns(limit): return "the header has more than \(limit) columns, the most a CSV may have"
        case let .tooManyValues(limit):
            return
                "the file holds more than \(limit) values by this row; a dataset holds at most \(limit) (1 GiB as 32-bit floats)"
        case .indexColumn:
            return "the first column has no name and counts 0, 1, 2, …: a row index (pandas writes one unless "
                + "to_csv(index=False)), not a feature; write the file without it, or give the column a name to keep it"
        }
    }
}

extension NPYProblem {
    var message: String {
        switch self {
        case .notNPY: return "not an NPY file (missing the \\x93NUMPY magic)"
        case let .unsupportedVersion(major, minor): return "unsupported NPY format version \(major).\(minor)"
        case let .truncatedHeader(needed, available):
            return "header needs \(needed) bytes but the file has \(available)"
        case let .headerTooLong(length, limit): return "header is \(length) bytes; the limit is \(limit)"
        case let .malformedHeader(detail): return "malformed header: \(detail)"
        case let .bigEndian(descr): return "big-endian data ('\(descr)') is not supported"
        case let .objectArray(descr): return "object arrays ('\(descr)') cannot be loaded"
        case let .unsupportedType(descr): return "unsupported dtype '\(descr)'"
        case let .shapeOverflow(shape): return "shape \(shapeText(shape)) is too large"
        case let .sizeMismatch(shape, expected, actual):
            return "shape \(shapeText(shape)) needs \(expected) data bytes, the file has \(actual)"
        case let .badLabel(index, value):
            return "label \(value) at index \(index) is not a class index (0 to \(Dataset.classLimit - 1))"
        case let .nonFinite(index): return "element \(index) is NaN or infinite (or too large for Float32)"
        case .noRows: return "the array has no rows"
        case let .tooManyValues(count, limit):
            return "the array holds \(count) values; a dataset holds at most \(limit) (1 GiB as 32-bit floats)"
        }
    }
}
