// data NAME = SOURCE …: a 2D toy, a 1D curve, MNIST-1D, or a CSV or NPY file, split 70/15/15
// (MNIST-1D: its reference layout) with the test part locked.
import Datasets
import Diagnostics
import Foundation
import Language

/// Where a dataset comes from: the engine's generators, or a file format.
enum DataSource: OperandChoice, Equatable {
    case toy(Toy2D), curve(Curve1D), mnist1d, shapes, sequence(SequenceTask), csv, npy
    /// Another dataset of the workspace, to derive from (`data few = m classes=0..4 n=300`).
    case dataset(String)

    static var allCases: [DataSource] {
        Toy2D.allCases.map(toy) + Curve1D.allCases.map(curve) + [.mnist1d, .shapes] + SequenceTask.allCases.map(sequence) + [
            .csv, .npy,
        ]
    }

    /// A generator or format by name; any other word names a dataset (checked when it runs).
    init?(rawValue: String) {
        self = Self.allCases.first { $0.rawValue == rawValue } ?? .dataset(rawValue)
    }

    static var sourceType: ValueType { .choiceOrName(allCases.map(\.rawValue), .data) }

    var rawValue: String {
        switch self {
        case .toy(let t): return t.rawValue
        case .curve(let c): return c.rawValue
        case .mnist1d: return "mnist1d"
        case .shapes: return "shapes"
        case .sequence(let t): return t.rawValue
        case .csv: return "csv"
        case .npy: return "npy"
        case .dataset(let name): return name
        }
    }

    /// Samples a generator makes when n= is not given.
    var defaultCount: Int? {
        switch self {
        case .toy: return 600
        case .curve: return 60
        case .mnist1d: return MNIST1DOptions().count
        case .shapes: return ShapesOptions().count
        case .sequence, .csv, .npy, .dataset: return nil
        }
    }
}

struct DataCommand: RunnableCommand {
    var source = DataSource.mnist1d
    var files: [String] = []
    var n: Int?
    var classes: String?
    var noise = 0.1
    var target: String?
    var permute = false
    var len: Int?
    var vocab: Int?
    var p: Int?
    var bits: Int?
    var relevant: Int?
    var pairs: Int?
    var size: Int?
    var shape: String?
    var seed: Int?
    var split: GivenSplit?
    var val: Double?

    /// `split=given`: keep the parts the files say instead of splitting 70/15/15.
    enum GivenSplit: String, OperandChoice { case given }

    /// How the files split the rows: as `split=given` reads them, or the rows after `trainRows`
    /// are a test file's.
    enum FileSplit {
        case given(Split)
        case testFile(trainRows: Int)
    }

    /// The share of a train file held out for validation when a test file is given.
    static let defaultValidation = 0.15

    static var declaration: Declaration<DataCommand> {
        let toys = Toy2D.allCases.map(\.rawValue), curves = Curve1D.allCases.map(\.rawValue)
        return Declaration(
            "data", category: "Data", summary: "create a dataset: a 2D toy, a 1D regression, MNIST-1D or your own file",
            form: .binding(.data),
            examples: [
                "data d = spiral n=600 classes=3 noise=0.2", "data s = sine n=60 noise=0.3",
                "data m = mnist1d n=5000", "data img = shapes size=16", "data q = sort len=6 vocab=3",
                "data r = recall pairs=4 vocab=8",
                "data c = csv \"points.csv\" target=label",
                "data c = csv \"train.csv\" \"test.csv\" target=label",
                "data c = csv \"d.csv\" target=target split=given",
                "data z = npy \"x.npy\" \"y.npy\"",
            ],
            details: "2D toys: \(ValueType.list(toys)). 1D regression curves on [0, 1]: \(ValueType.list(curves)). "
                + "mnist1d: the MNIST-1D benchmark (Greydanus 2020), its reference split. "
                + "shapes: grayscale images [1×size×size] of ten shapes (\(ShapesOptions.classNames.joined(separator: ", "))), "
                + "each at a random position, size, rotation and brightness, plus noise= pixel noise. "
                + "Sequence tasks (tokens, for embed, attention and transformer; every example a different input): "
                + "sort, reverse and copy len=L vocab=V (a class at each position: the sorted, reversed or same sequence), "
                + "modadd p=P ((a, b) → (a + b) mod P), parity bits=N relevant=K (the parity of K fixed bits), "
                + "recall pairs=K vocab=V (K key–value pairs, then a key: its value). csv: one file with a target column; "
                + "npy: an inputs file and a targets file. A split made elsewhere: a test file after a csv train file "
                + "(npy: the test inputs and targets after the train inputs and targets) is the test part, its rows in "
                + "order, and the train file is split at random into train and val (val=, default \(defaultValidation)); "
                + "the files must have the same columns (csv, in any order) or example shapes (npy). split=given keeps "
                + "the parts one file gives: a csv column named part (train, val, test or 0, 1, 2 per row, not a "
                + "feature), or a third npy file (0, 1, 2), as export DATA writes them. "
                + "A dataset holds at most \(Dataset.valueLimit.formatted()) values "
                + "(1 GiB as 32-bit floats; with its train, val and test parts about 2 GiB in memory, 3 GiB while such a file is read): a larger file is "
                + "refused, with its size, before it is converted.",
            .slot(
                \.source, "source", DataSource.sourceType, required: true, placeholder: "SOURCE",
                help: "a source: " + ValueType.list(DataSource.allCases.map(\.rawValue))
                    + ", or a dataset to copy (data mine = d) or derive from"),
            .slots(
                \.files, "files", .string, placeholder: "\"FILE\"",
                help: "the file(s) for csv (one, or a train file then a test file) and npy (inputs then targets; "
                    + "a test pair after the train pair)"),
            .option(
                \.n, "n", .positiveInteger, max: GeneratorLimits.maxSamples,
                default:
                    "\(DataSource.toy(.spiral).defaultCount ?? 0) for the toys, \(DataSource.curve(.sine).defaultCount ?? 0) "
                    + "for the curves, \(DataSource.mnist1d.defaultCount ?? 0) for mnist1d and shapes",
                help: "number of samples"),
            .option(
                \.classes, "classes", .integerRange, default: "3 for spiral, 2 for the other toys",
                help: "number of classes (toys; for csv and npy at least the largest label + 1, else read from the labels); "
                    + "from a dataset, the classes to keep: classes=0..4"),
            .option(\.noise, "noise", .nonNegativeNumber, help: "noise level of the generator"),
            .option(\.target, "target", .text, help: "csv column holding the target"),
            .flag(\.permute, "permute", help: "shuffle the input features by a fixed permutation"),
            .option(
                \.len, "len", .positiveInteger, max: SequenceOptions.maxLength, default: "6",
                help: "sequence length (sort, reverse, copy)"),
            .option(
                \.vocab, "vocab", .positiveInteger, max: SequenceOptions.maxVocabulary, default: "3; 8 for recall",
                help: "tokens in a sequence (sort, reverse, copy), keys and values (recall)"),
            .option(\.p, "p", .positiveInteger, max: SequenceOptions.maxVocabulary, default: "97", help: "the modulus of modadd"),
            .option(\.bits, "bits", .positiveInteger, max: 64, default: "20", help: "input bits of parity"),
            .option(
                \.relevant, "relevant", .positiveInteger, max: 64, default: "3", help: "bits whose parity is the target (parity)"),
            .option(\.pairs, "pairs", .positiveInteger, max: 64, default: "4", help: "key–value pairs of recall"),
            .option(
                \.shape, "shape", .text,
                help: "csv and npy: each example's shape, as 1x16x16 (C×H×W for images; values in row-major order)"),
            .option(
                \.size, "size", .positiveInteger, max: ShapesOptions.sizes.upperBound,
                default: "\(ShapesOptions().size)", help: "image side in pixels (shapes)"),
            .option(
                \.split, "split",
                help: "given keeps the split the file holds, as export DATA writes it: csv, a part column (train, val, "
                    + "test or 0, 1, 2); npy, a third file (0 train, 1 val, 2 test per row)"),
            .option(
                \.val, "val", .probability, default: "\(defaultValidation)",
                help: "with a test file: the share of the train file held out for validation"),
            .seed(\.seed))
    }

    /// classes=N as a count (generators and files).
    var classCount: Int? { classes.flatMap { Int($0) } }

    func run(_ s: Session, _ c: Context<DataCommand>) throws(RuntimeError) -> ExecutionStatus {
        guard let name = c.boundName else { throw RuntimeError(DatasetRefusal.unnamed, at: c.span) }
        try s.checkLock(.data(name), source: c.source, at: c.span)
        if case .dataset(let from) = source { return try derive(s, c, name: name, from: from) }
        if let classes, classCount == nil {
            throw RuntimeError(
                DatasetRefusal.classRangeOfSource(range: classes, source: source.rawValue), at: c.span(\.classes))
        }
        if size != nil && source != .shapes {
            throw RuntimeError(DatasetRefusal.sizeOfOther(source: source.rawValue), at: c.span(\.size))
        }
        let seed = s.seed(self.seed)
        if split == .given && source != .csv && source != .npy {
            throw RuntimeError(DatasetRefusal.givenOfGenerator(source: source.rawValue), at: c.span(\.split))
        }
        if val != nil && !hasTestFile {
            throw RuntimeError(DatasetRefusal.valWithoutTestFile(source: source.rawValue, name: name), at: c.span(\.val))
        }
        let made = try rethrow(at: c.span(\.source)) { () throws -> (Dataset, FileSplit?) in try make(s, c, seed: seed) }
        var data = made.0
        if let shape {
            guard source == .csv || source == .npy else {
                throw RuntimeError(DatasetRefusal.shapeOfOther(source: source.rawValue), at: c.span(\.shape))
            }
            let sizes = shape.lowercased().replacingOccurrences(of: "×", with: "x")
                .split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
            guard !sizes.isEmpty, sizes.count <= 4, sizes.allSatisfy({ ($0 ?? 0) > 0 }) else {
                throw RuntimeError(DatasetRefusal.notAShape(shape: shape), at: c.span(\.shape))
            }
            let wanted = sizes.compactMap { $0 }
            data = try rethrow(at: c.span(\.shape)) { () throws -> Dataset in
                do { return try data.reshaped(to: wanted) } catch {
                    throw RuntimeError(
                        DatasetRefusal.shapeSize(
                            shape: shape, values: wanted.reduce(1, *), data: name, features: data.featureCount),
                        at: c.span(\.shape))
                }
            }
        }
        if permute {
            let p = MNIST1D.sequencePermutation(length: data.featureCount, seed: seed)
            data = try rethrow(at: c.span) { () throws -> Dataset in try data.permutingFeatures(p) }
        }
        data.name = name
        // shape= and permute keep the rows in order: the files' split still holds.
        let parts = try rethrow(at: c.span(\.files)) { () throws -> SplitDataset in
            switch made.1 {
            case .given(let split)?: return try SplitDataset(data, split: split)
            case .testFile(let trainRows)?:
                return try SplitDataset(
                    data,
                    split: Split.withTestFile(
                        count: data.count, trainFileRows: trainRows, validation: val ?? Self.defaultValidation, seed: seed))
            case nil: return try defaultSplit(data, seed: seed)
            }
        }
        var entry = DataEntry(name: name, full: data, parts: parts, augmentation: nil, source: Self.sourceText(c.syntax))
        if source == .shapes { entry.classNames = ShapesOptions.classNames }
        s.workspace.datasets[name] = entry
        s.workspace.currentData = name
        s.dropRuns(using: name)
        s.say(s.dataSummaryLine(entry))
        return .ok
    }

    /// A csv train file and test file, or npy's train pair and test pair.
    var hasTestFile: Bool { (source == .csv && files.count == 2) || (source == .npy && files.count == 4) }

    /// The dataset, and the split its files make (nil: split it here).
    func make(_ s: Session, _ c: Context<DataCommand>, seed: UInt64) throws -> (Dataset, FileSplit?) {
        switch source {
        case .csv:
            guard files.count == 1 || files.count == 2 else { throw RuntimeError(DatasetRefusal.csvFiles, at: c.span) }
            guard let target else { throw RuntimeError(DatasetRefusal.csvTarget, at: c.span) }
            if split == .given {
                guard files.count == 1 else {
                    throw RuntimeError(DatasetRefusal.givenWithTestFile(source: "csv"), at: c.span(\.split))
                }
                var given: Split?
                let data = try loading(s, c) { paths throws in
                    let (data, split) = try CSV.loadGiven(path: paths[0], target: target)
                    given = split
                    return data
                }
                return (try withClasses(data, c), given.map(FileSplit.given))
            }
            if files.count == 2 {
                var trainRows = 0
                let data = try loading(s, c) { paths throws in
                    let (data, rows) = try CSV.loadPair(train: paths[0], test: paths[1], target: target)
                    trainRows = rows
                    return data
                }
                return (try withClasses(data, c), .testFile(trainRows: trainRows))
            }
            return (try withClasses(try loading(s, c) { paths throws in try CSV.load(path: paths[0], target: target) }, c), nil)
        case .npy:
            if split == .given {
                if files.count == 4 { throw RuntimeError(DatasetRefusal.givenWithTestFile(source: "npy"), at: c.span(\.split)) }
                guard files.count == 3 else { throw RuntimeError(DatasetRefusal.givenNeedsParts(files: files.count), at: c.span) }
                var given: Split?
                let data = try loading(s, c) { paths throws in
                    let data = try Dataset.loadNPY(inputs: paths[0], targets: paths[1])
                    given = try Split.given(parts: paths[2], rows: data.count)
                    return data
                }
                return (try withClasses(data, c), given.map(FileSplit.given))
            }
            guard files.count == 2 || files.count == 4 else { throw RuntimeError(DatasetRefusal.npyFiles, at: c.span) }
            if files.count == 4 {
                var trainRows = 0
                let data = try loading(s, c) { paths throws in
                    let (data, rows) = try Dataset.loadNPYPair(
                        train: (paths[0], paths[1]), test: (paths[2], paths[3]))
                    trainRows = rows
                    return data
                }
                return (try withClasses(data, c), .testFile(trainRows: trainRows))
            }
            return (
                try withClasses(
                    try loading(s, c) { paths throws in try Dataset.loadNPY(inputs: paths[0], targets: paths[1]) }, c),
                nil
            )
        default:
            return (try generate(s, c, seed: seed), nil)
        }
    }

    /// A generator's dataset (every source but the files).
    func generate(_ s: Session, _ c: Context<DataCommand>, seed: UInt64) throws -> Dataset {
        let count = n ?? source.defaultCount ?? 0
        switch source {
        case .toy(let toy):
            return try Dataset.toy(
                toy, count: count, classes: classCount ?? (toy == .spiral ? 3 : 2), noise: Float(noise), seed: seed)
        case .curve(let curve):
            return try Dataset.curve(curve, count: count, noise: Float(noise), seed: seed)
        case .sequence(let task):
            return try Dataset.sequences(try sequenceOptions(task, c, seed: seed))
        case .shapes:
            if target != nil {
                throw RuntimeError(DatasetRefusal.targetOfOther(source: "shapes", settings: nil), at: c.span(\.target))
            }
            if classes != nil {
                throw RuntimeError(DatasetRefusal.shapesClasses(name: c.boundName), at: c.span(\.classes))
            }
            return try Dataset.shapes(
                ShapesOptions(count: count, size: size ?? ShapesOptions().size, noise: Float(noise), seed: seed))
        case .dataset(let from):
            throw RuntimeError(DatasetRefusal.deriveWithClasses(name: from), at: c.span(\.source))
        case .mnist1d:
            var options = MNIST1DOptions()
            options.count = count
            options.seed = seed
            let requests = s.activeRun.cancelRequests
            return try MNIST1D.generate(options) { [activeRun = s.activeRun] in activeRun.cancelRequests != requests }
        case .csv, .npy:
            return try make(s, c, seed: seed).0
        }
    }

    /// `data mine = d`: a copy of another dataset, split and all, to change on its own.
    /// `data few = m classes=0..4 n=300`: the chosen classes of another dataset (relabelled from
    /// 0), each part from the same part of it, the training part cut to n examples.
    func derive(_ s: Session, _ c: Context<DataCommand>, name: String, from: String) throws(RuntimeError) -> ExecutionStatus {
        guard let entry = s.workspace.datasets[from] else {
            let sources = DataSource.allCases.map(\.rawValue)
            throw RuntimeError(
                DatasetRefusal.unknownSource(
                    name: from, suggestion: suggest(from, among: sources + s.workspace.datasets.keys.sorted()),
                    sources: sources),
                at: c.span(\.source))
        }
        if classes == nil && n == nil {
            // A copy to change (noise, split, augment) while the original stays as it is.
            var copy = entry
            copy.name = name
            copy.source = Self.sourceText(c.syntax)
            s.workspace.datasets[name] = copy
            s.workspace.currentData = name
            s.dropRuns(using: name)
            s.say(s.dataSummaryLine(copy))
            return .ok
        }
        guard let written = classes else {
            throw RuntimeError(
                DatasetRefusal.deriveNeedsClasses(name: name, from: from, classes: entry.full.classCount), at: c.span)
        }
        guard let bounds = IntegerRange.bounds(written), bounds.low <= bounds.high else {
            throw RuntimeError(DatasetRefusal.emptyClassRange(range: written), at: c.span(\.classes))
        }
        let range = bounds.low...bounds.high
        let made = try rethrow(at: c.span(\.classes)) { () throws -> (full: Dataset, parts: SplitDataset) in
            try entry.parts.restricted(toClasses: range, trainLimit: n, name: name)
        }
        var derived = DataEntry(
            name: name, full: made.full, parts: made.parts, augmentation: nil, source: Self.sourceText(c.syntax))
        if let names = entry.classNames, range.upperBound < names.count { derived.classNames = Array(names[range]) }
        s.workspace.datasets[name] = derived
        s.workspace.currentData = name
        s.dropRuns(using: name)
        s.say(s.dataSummaryLine(derived))
        return .ok
    }

    /// The sequence task's settings; one meant for another task is refused at its operand.
    func sequenceOptions(_ task: SequenceTask, _ c: Context<DataCommand>, seed: UInt64) throws(RuntimeError) -> SequenceOptions {
        var o = SequenceOptions(task: task)
        o.count = n
        o.seed = seed
        let lengthTasks: [SequenceTask] = [.sort, .reverse, .copy]
        func take(
            _ value: Int?, _ key: KeyPath<DataCommand, Int?>, _ name: String, for tasks: [SequenceTask]
        ) throws(RuntimeError)
            -> Int?
        {
            guard let value else { return nil }
            guard tasks.contains(task) else {
                throw RuntimeError(
                    DatasetRefusal.settingOfOtherTask(
                        name: name, tasks: tasks.map(\.rawValue), task: task.rawValue,
                        settings: Self.sequenceSettings(task)),
                    at: c.span(key))
            }
            return value
        }
        if let v = try take(len, \.len, "len", for: lengthTasks) { o.length = v }
        if let v = try take(vocab, \.vocab, "vocab", for: lengthTasks + [.recall]) { o.vocabulary = v }
        if let v = try take(p, \.p, "p", for: [.modadd]) { o.modulus = v }
        if let v = try take(bits, \.bits, "bits", for: [.parity]) { o.bits = v }
        if let v = try take(relevant, \.relevant, "relevant", for: [.parity]) { o.relevant = v }
        if let v = try take(pairs, \.pairs, "pairs", for: [.recall]) { o.pairs = v }
        let settings = Self.sequenceSettings(task)
        if classes != nil {
            throw RuntimeError(DatasetRefusal.classesOfTask(task: task.rawValue, settings: settings), at: c.span(\.classes))
        }
        if target != nil {
            throw RuntimeError(
                DatasetRefusal.targetOfOther(source: task.rawValue, settings: settings), at: c.span(\.target))
        }
        return o
    }

    static func sequenceSettings(_ task: SequenceTask) -> String {
        switch task {
        case .sort, .reverse, .copy: return "len= vocab= n="
        case .modadd: return "p= n="
        case .parity: return "bits= relevant= n="
        case .recall: return "pairs= vocab= n="
        }
    }

    /// A file's labels say which classes occur; `classes=N` says how many there are (a class
    /// missing from a small file still gets its output). Labels at or past N are refused.
    func withClasses(_ data: Dataset, _ c: Context<DataCommand>) throws(RuntimeError) -> Dataset {
        guard let wanted = classCount else { return data }
        guard case .classes(let labels, let found) = data.targets else {
            throw RuntimeError(DatasetRefusal.classesOfRegression(wanted: wanted, data: data.name), at: c.span(\.classes))
        }
        guard wanted >= found else {
            throw RuntimeError(DatasetRefusal.tooFewClasses(wanted: wanted, found: found), at: c.span(\.classes))
        }
        return try rethrow(at: c.span(\.classes)) { () throws -> Dataset in
            try Dataset(
                name: data.name, inputs: data.inputs, sampleShape: data.sampleShape,
                targets: .classes(labels, count: wanted), isSignal: data.isSignal)
        }
    }

    /// Loads files named relative to the session directory; a failure is reported with the
    /// name as written, at the file (or the target column) it concerns.
    func loading(_ s: Session, _ c: Context<DataCommand>, _ load: ([String]) throws -> Dataset) throws -> Dataset {
        var paths: [String] = []
        for file in files { paths.append(try s.checkedPath(file, writing: false, at: c.span(\.files))) }
        do {
            return try load(paths)
        } catch let error as DataError {
            if case .csv(_, _, _, .missingTargetColumn(let name, let available)) = error {
                throw RuntimeError(
                    DatasetRefusal.noTargetColumn(
                        error, paths: paths, files: files, suggestion: suggest(name, among: available), columns: available),
                    at: c.span(\.target))
            }
            let culprit = DatasetRefusal.shown(error.message, paths: paths, files: files).culprit
            let span = c.fileSpans.indices.contains(culprit) ? c.fileSpans[culprit] : c.span
            var missing = false, near: String?
            if case .file(_, .cannotOpen) = error, culprit < files.count {
                let file = files[culprit]
                missing = true
                near = s.nearFile(
                    file, ending: (file as NSString).pathExtension.isEmpty ? "" : "." + (file as NSString).pathExtension)
            }
            throw RuntimeError(
                DatasetRefusal.unreadable(error, paths: paths, files: files, missing: missing, near: near), at: span)
        }
    }

    /// MNIST-1D keeps the reference layout (the leading 80 % train, the rest split into val and
    /// test); everything else is split 70/15/15 at random.
    func defaultSplit(_ data: Dataset, seed: UInt64) throws -> SplitDataset {
        if source == .mnist1d {
            let train = Int(Double(data.count) * 0.8)
            let val = (data.count - train) / 2
            return try SplitDataset(data, split: Split.leading(count: data.count, train: train, validation: val))
        }
        return try SplitDataset(data, fractions: SplitFractions(train: 0.7, validation: 0.15, test: 0.15), seed: seed)
    }

    /// The operands as written (`spiral n=600 noise=0.2`), for `show`.
    static func sourceText(_ syntax: Language.Command) -> String {
        let words = syntax.operands.map { op -> String in
            switch op {
            case .positional(let v): return v.text
            case .argument(let a): return "\(a.key.name)=\(a.value.text)"
            }
        }
        return words.joined(separator: " ")
    }
}

private extension Context<DataCommand> {
    /// Where each file name was written (the files slot's values, in order).
    var fileSpans: [SourceSpan] {
        syntax.operands.compactMap { op -> SourceSpan? in
            if case .positional(let v) = op, case .string = v.kind { return v.span }
            return nil
        }
    }
}
