// The wording of the Datasets target's errors: "PATH:ROW:COLUMN: what", one suggestion each.

import Datasets
import Kernels
import Networks

extension DataError: Refusal {
    /// "1 GiB as 32-bit floats", and the setting when BASIN_MEMORY lowered the limit.
    static func valueBytes(_ limit: Int) -> String {
        "\(formatBytes(limit * 4)) as 32-bit floats"
            + (MemoryBudget.binds(limit, below: Dataset.ownValueLimit)
                ? ", set by \(MemoryBudget.setting ?? "BASIN_MEMORY")" : "")
    }

    public var message: String {
        switch self {
        case let .invalidArgument(name, value, allowed):
            return "\(name)=\(value) is not allowed: expected \(allowed.phrase(for: name))"
        case let .file(path, problem):
            return "\(path): \(problem.message)"
        case let .csv(path, row, column, problem):
            let position = column > 0 ? "\(path):\(row):\(column)" : "\(path):\(row)"
            return "\(position): \(problem.message)"
        case let .npy(path, problem):
            return "\(path): \(problem.message)"
        case let .shapeMismatch(what, expected, got):
            return "\(what.phrase): expected shape \(shapeText(expected)), got \(shapeText(got))"
        case let .needsClasses(operation, dataset):
            return "\(operation) needs class labels, but '\(dataset)' is a regression dataset"
        case let .needsSignal(operation, shape):
            return "\(operation) needs 1D signals, but samples have shape \(shapeText(shape))"
        case let .needsImage(operation, shape):
            return "\(operation) needs images [C, H, W], but samples have shape \(shapeText(shape))"
        case let .cancelled(made, count):
            return "stopped by Ctrl-C after \(made) of \(count) examples; nothing was kept"
        case .classLabelsInValueBatch:
            return "targets=class labels is not allowed: expected regression values for a value batch"
        case let .notAPermutation(entries, features):
            return "permutation=\(entries) entries is not allowed: expected a permutation of 0..<\(features)"
        case let .tooFewDistinct(task, distinct, requested):
            return "\(task) has \(distinct) different inputs, fewer than the n=\(requested) asked for "
                + "(examples are all different, so held-out ones are never seen in training)"
        case let .filesDisagree(path, other, difference):
            switch difference {
            case let .missingColumn(name): return "\(path) has no column '\(name)', which \(other) has"
            case let .extraColumn(name, position):
                return "\(path):1:\(position): column '\(name)' is not in \(other)"
            case let .sampleShape(shape, expected):
                return "\(path): examples of shape \(shapeText(shape)), but \(other)'s are \(shapeText(expected))"
            case let .targetKind(testHasClasses):
                return testHasClasses
                    ? "\(path) holds class labels (integers), but \(other) holds regression values (floats)"
                    : "\(path) holds regression values (floats), but \(other) holds class labels (integers)"
            case let .targetWidth(count, expected):
                return "\(path) has \(count) target values per example, \(other) \(expected)"
            }
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
        case let .csv(_, _, _, .missingPartColumn(available)):
            return "the columns are: \(available.joined(separator: ", ")); export DATA \"d.csv\" writes a part column, "
                + "or leave out split=given to split the rows 70/15/15"
        case .csv(_, _, _, .notAPart):
            return "write each row's part as " + CSV.partWords.joined(separator: ", ") + " or 0, 1, 2 (0 train, 1 val, 2 test)"
        case .csv(_, _, _, .partWithoutGiven):
            return "add split=given to keep the parts this column names (it is then not a feature)"
        case .filesDisagree(_, _, .missingColumn), .filesDisagree(_, _, .extraColumn):
            return "the train and test files need the same columns (in any order)"
        case .filesDisagree(_, _, .sampleShape):
            return "the train and test inputs need one shape per example: [N, …] with the same … in both"
        case .filesDisagree(_, _, .targetWidth):
            return "the train and test targets need as many values per example"
        case .filesDisagree:
            return "the train and test targets need the same kind: integer labels in both, or floats in both"

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
                "the file holds more than \(limit) values by this row; a dataset holds at most \(limit) (\(DataError.valueBytes(limit)))"
        case .indexColumn:
            return "the first column has no name and counts 0, 1, 2, …: a row index (pandas writes one unless "
                + "to_csv(index=False)), not a feature; write the file without it, or give the column a name to keep it"
        case .missingPartColumn:
            return "split=given reads each row's part from a column named '\(CSV.partColumn)', and the header has none"
        case let .notAPart(text):
            return "part \"\(text)\" is not a part: expected " + CSV.partWords.joined(separator: ", ") + " or 0, 1, 2"
        case let .partWithoutGiven(text):
            return "expected a number, got \"\(text)\": the '\(CSV.partColumn)' column names each row's part"
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
        case let .malformedHeader(problem): return "malformed header: \(problem.message)"
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
            return "the array holds \(count) values; a dataset holds at most \(limit) (\(DataError.valueBytes(limit)))"
        }
    }
}

extension HeaderProblem {
    var message: String {
        switch self {
        case let .expectedCharacter(character, byte): return "expected '\(character)' at byte \(byte)"
        case let .expectedString(byte): return "expected a quoted string at byte \(byte)"
        case let .unterminatedString(byte): return "unterminated string at byte \(byte)"
        case let .expectedBoolean(byte): return "expected True or False at byte \(byte)"
        case let .expectedDimension(byte): return "expected a dimension at byte \(byte)"
        case let .dimensionTooLarge(byte): return "dimension too large at byte \(byte)"
        case let .tooManyDimensions(limit): return "more than \(limit) dimensions"
        case let .unexpectedKey(key): return "unexpected or repeated key '\(key)'"
        case .textAfterClosingBrace: return "unexpected text after the closing brace"
        case let .missingKey(key): return "missing key '\(key)'"
        }
    }
}

extension Allowed {
    /// What `name=` may be instead, after "expected ".
    func phrase(for name: String) -> String {
        switch self {
        case let .range(range): return "\(range.lowerBound) to \(range.upperBound)"
        case let .exactly(value): return "\(value)"
        case let .integer(range): return "an integer from \(range.lowerBound) to \(range.upperBound)"
        case let .atLeast(minimum): return "at least \(minimum)"
        case .fraction: return "a number from 0 to 1"
        case let .below(bound): return "a number in [0, \(bound))"
        case let .noise(upTo): return "a finite number from 0 to \(upTo)"
        case let .finite(upTo): return "a finite number from 0 to \(upTo)"
        case let .pixels(range): return "\(range.lowerBound) to \(range.upperBound) pixels"
        case let .degrees(range): return "\(range.lowerBound) to \(range.upperBound) degrees"
        case let .crop(side): return "0 to \(side - 1) pixels (less than the image's side)"
        case let .rangeWithin(range): return "a range within \(range.lowerBound)...\(range.upperBound)"
        case let .classRange(classes): return "a range within 0..\(classes - 1)"
        case let .classesWithTrainingExamples(dataset): return "classes that have training examples in \(dataset)"
        case let .oneOf(names): return "one of " + names.joined(separator: ", ")
        case let .notFor(source): return "no \(name)= for \(source)"
        case let .folds(minimum): return "\(minimum) or more folds (cv=5 is usual)"
        case let .foldsOf(dataset, examples):
            return "at most \(examples) folds: \(dataset) has \(examples) training and validation examples"
        case let .classesForLabelNoise(minimum): return "at least \(minimum) for label noise"
        case let .rows(atMost): return "at most \(atMost) rows"
        case let .rowsWithDropLast(atMost): return "at most \(atMost) rows with drop_last"
        case let .rowOnce(count): return "each row of 0..<\(count) in at most one part"
        case .fractionsSummingToOne: return "fractions that sum to 1"
        case let .sequenceCount(range): return "\(range.lowerBound) to \(range.upperBound) for a sequence task"
        case let .sequenceExamples(atMost, tokens, valueLimit):
            return "at most \(atMost) examples of \(tokens) tokens (a dataset holds at most \(valueLimit) values)"
        case let .images(atMost, side): return "at most \(atMost) images of \(side)×\(side)"
        case .positions: return "1, or a label per position of class targets"
        case .fewerDimensions: return "fewer dimensions"
        }
    }
}

extension ShapeSubject {
    /// What has the wrong shape, before ": expected shape".
    var phrase: String {
        switch self {
        case let .sampleShape(dataset): return "\(dataset) sample shape"
        case let .inputs(dataset): return "\(dataset) inputs"
        case let .labels(dataset): return "\(dataset) labels"
        case let .targets(dataset): return "\(dataset) targets"
        case let .examples(dataset): return "\(dataset) examples (shape=)"
        case let .batcherRows(dataset): return "batcher rows for '\(dataset)'"
        case let .rows(targets, inputs): return "rows of \(targets) against \(inputs)"
        case let .classLabels(path): return "class labels in \(path)"
        case let .npyShape(values): return "NPY shape for \(values) values"
        case .splitLabels: return "split labels"
        }
    }
}

/// "[2, 3]", as the Datasets target writes shapes.
private func shapeText(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
}
