// The wording of the Datasets target's errors: "PATH:ROW:COLUMN: what", one suggestion each.

import Datasets

extension DataError: Refusal {
    public var message: String {
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

/// "[2, 3]", as the Datasets target writes shapes.
private func shapeText(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
}
