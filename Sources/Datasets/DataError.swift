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
    /// `split=given`, but no column is named `part`; the header has `available`.
    case missingPartColumn(available: [String])
    /// The part column's field (as written) is not train, val, test, 0, 1 or 2.
    case notAPart(String)
    /// The part column holds a part word (as written) and the file was read without split=given.
    case partWithoutGiven(String)
}

/// How a test file differs from the train file it goes with.
public enum FileDifference: Equatable, Sendable {
    /// The test file has no column `name`, which the train file has.
    case missingColumn(String)
    /// The test file's column `name` (at 1-based `position`) is not in the train file.
    case extraColumn(String, position: Int)
    /// Each example of the test file has shape `shape`; the train file's have `expected`.
    case sampleShape([Int], expected: [Int])
    /// The test file's targets are class labels and the train file's values (`testHasClasses`),
    /// or the other way round.
    case targetKind(testHasClasses: Bool)
    /// Regression values per example (or labelled positions): `count` in the test file,
    /// `expected` in the train file.
    case targetWidth(Int, expected: Int)
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
    /// The header's dictionary does not parse; the problem says what and where.
    case malformedHeader(HeaderProblem)
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

/// Where an NPY header's dictionary stops parsing; `byte` counts from the dictionary's first byte.
public enum HeaderProblem: Equatable, Sendable {
    /// `character` was needed at `byte`.
    case expectedCharacter(Character, byte: Int)
    /// A quoted string was needed at `byte`.
    case expectedString(byte: Int)
    /// The string that opens at `byte` has no closing quote (or holds a backslash).
    case unterminatedString(byte: Int)
    /// True or False was needed at `byte`.
    case expectedBoolean(byte: Int)
    /// A dimension (digits) was needed at `byte`.
    case expectedDimension(byte: Int)
    /// The dimension ending at `byte` overflows an Int.
    case dimensionTooLarge(byte: Int)
    /// The shape has more than `limit` dimensions.
    case tooManyDimensions(limit: Int)
    /// `key` is not descr, fortran_order or shape, or appears twice.
    case unexpectedKey(String)
    /// Something follows the closing brace.
    case textAfterClosingBrace
    /// The required `key` is absent.
    case missingKey(String)
}

/// What an argument refused by `DataError.invalidArgument` may be instead; the cases carry the
/// bounds, the wording is the Interpreter's.
public enum Allowed: Equatable, Sendable {
    /// A value in `range`.
    case range(ClosedRange<Int>)
    /// Exactly `value`, the only value allowed here.
    case exactly(Int)
    /// An integer in `range`, as a generator or sequence task counts.
    case integer(ClosedRange<Int>)
    /// `minimum` or more.
    case atLeast(Int)
    /// A number from 0 to 1.
    case fraction
    /// A number in [0, `bound`), the bound excluded.
    case below(Int)
    /// A finite noise level from 0 to `upTo` (a Float, and written as one).
    case noise(upTo: Float)
    /// A finite number from 0 to `upTo`.
    case finite(upTo: Int)
    /// Image sides of `range` pixels.
    case pixels(ClosedRange<Int>)
    /// A rotation of `range` degrees.
    case degrees(ClosedRange<Int>)
    /// A crop of fewer pixels than the image's `side`.
    case crop(side: Int)
    /// A range lying within `range`.
    case rangeWithin(ClosedRange<Int>)
    /// A class range `a..b` within the `classes` of the dataset (0 to classes − 1).
    case classRange(classes: Int)
    /// Classes that have training examples in `dataset`.
    case classesWithTrainingExamples(dataset: String)
    /// The name of one of the `names`.
    case oneOf([String])
    /// Nothing: the argument does not apply to the dataset `source`.
    case notFor(source: String)
    /// At least `minimum` folds.
    case folds(minimum: Int)
    /// At most one fold per example: `dataset` has `examples` training and validation examples.
    case foldsOf(dataset: String, examples: Int)
    /// At least `minimum` classes, as label noise needs.
    case classesForLabelNoise(minimum: Int)
    /// At most `atMost` rows.
    case rows(atMost: Int)
    /// At most `atMost` rows, for a batch that drops a short last batch.
    case rowsWithDropLast(atMost: Int)
    /// Each row of 0..<`count` in at most one part of a split.
    case rowOnce(count: Int)
    /// Train, validation and test fractions that sum to 1.
    case fractionsSummingToOne
    /// `range` examples, as a sequence task counts them.
    case sequenceCount(ClosedRange<Int>)
    /// At most `atMost` examples of `tokens` tokens, a dataset holding at most `valueLimit` values.
    case sequenceExamples(atMost: Int, tokens: Int, valueLimit: Int)
    /// At most `atMost` images of `side`×`side` pixels.
    case images(atMost: Int, side: Int)
    /// 1 position, or one label per position of class targets.
    case positions
    /// An NPY shape of fewer dimensions (its header outgrows 64 KiB).
    case fewerDimensions
}

/// What `DataError.shapeMismatch` is about.
public enum ShapeSubject: Equatable, Sendable {
    /// The sample shape of `dataset`.
    case sampleShape(dataset: String)
    /// The inputs of `dataset`.
    case inputs(dataset: String)
    /// The class labels of `dataset`.
    case labels(dataset: String)
    /// The targets of `dataset`.
    case targets(dataset: String)
    /// The examples of `dataset`, reshaped with shape=.
    case examples(dataset: String)
    /// The rows of `dataset` a batcher was made for.
    case batcherRows(dataset: String)
    /// The rows of the targets file against those of the inputs file.
    case rows(targets: String, inputs: String)
    /// The class labels in the NPY file at `path`.
    case classLabels(path: String)
    /// The shape written to an NPY file holding `values` values.
    case npyShape(values: Int)
    /// The labels a split stratifies by.
    case splitLabels
}

/// Every failure the Datasets target reports. `row` and `column` are 1-based; a CSV column of 0
/// means the whole line.
public enum DataError: Error, Equatable, Sendable {
    /// `name=value` is not allowed; `allowed` says what is.
    case invalidArgument(name: String, value: String, allowed: Allowed)
    /// A file as a whole could not be read or written.
    case file(path: String, problem: FileProblem)
    /// A CSV file is refused at a row and column.
    case csv(path: String, row: Int, column: Int, problem: CSVProblem)
    /// An NPY file is refused.
    case npy(path: String, problem: NPYProblem)
    /// `what` has shape `got` where `expected` was needed.
    case shapeMismatch(what: ShapeSubject, expected: [Int], got: [Int])
    /// `operation` needs class labels; `dataset` is a regression dataset.
    case needsClasses(operation: String, dataset: String)
    /// `operation` needs 1D signals; the samples have `sampleShape`.
    case needsSignal(operation: String, sampleShape: [Int])
    /// flip, rotate and crop move the pixels of images [C, H, W].
    case needsImage(operation: String, sampleShape: [Int])
    /// Ctrl-C while generating: `made` of `count` examples existed; nothing is kept.
    case cancelled(made: Int, count: Int)
    /// A regression batch was asked of a dataset whose targets are class labels.
    case classLabelsInValueBatch
    /// A feature permutation of `entries` entries is not a permutation of 0..<`features`.
    case notAPermutation(entries: Int, features: Int)
    /// A task has only `distinct` different inputs and `requested` examples, all different, were asked for.
    case tooFewDistinct(task: String, distinct: Int, requested: Int)
    /// The test file at `path` does not go with the train file at `other`.
    case filesDisagree(path: String, other: String, difference: FileDifference)
}

/// "[2, 3]": a shape as a value in an argument.
func shapeText(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
}
