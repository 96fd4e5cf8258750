// data, split, noise, augment.
import Datasets
import Foundation
import Diagnostics
import Language
import Networks

extension Session {
    /// The seed of a command: its own `seed=`, else the global seed.
    func seed(_ c: CommandContext) throws(RuntimeError) -> UInt64 {
        if let s = try c.int("seed") { return UInt64(s) }
        return workspace.seed
    }

    func dataCommand(_ c: CommandContext) throws(RuntimeError) {
        guard let name = c.invocation.boundName, let source = try c.text("source") else {
            throw RuntimeError("expected 'data NAME = SOURCE …'", at: c.span)
        }
        let seed = try seed(c)
        var data = try rethrow(at: c.span(of: "source")) { () throws -> Dataset in try makeDataset(source, c, seed: seed) }
        if c.isSet("permute") {
            let p = MNIST1D.sequencePermutation(length: data.featureCount, seed: seed)
            data = try rethrow(at: c.span) { () throws -> Dataset in try data.permutingFeatures(p) }
        }
        data.name = name
        let parts = try rethrow(at: c.span) { () throws -> SplitDataset in try defaultSplit(data, source: source, seed: seed) }
        let description = describeSource(c)
        let entry = DataEntry(name: name, full: data, parts: parts, augmentation: nil, source: description)
        workspace.datasets[name] = entry
        workspace.currentData = name
        dropRuns(using: name)
        say(dataSummaryLine(entry))
    }

    func makeDataset(_ source: String, _ c: CommandContext, seed: UInt64) throws -> Dataset {
        let n = try c.bounded("n", max: GeneratorLimits.maxSamples)
        let noise = Float(try c.number("noise") ?? -1)
        if let toy = Toy2D(rawValue: source) {
            let classes = try c.int("classes") ?? (toy == .spiral ? 3 : 2)
            return try Dataset.toy(toy, count: n ?? 600, classes: classes, noise: noise >= 0 ? noise : 0.1, seed: seed)
        }
        switch source {
        case "sine":
            return try Dataset.curve(.sine, count: n ?? 60, noise: noise >= 0 ? noise : 0.1, seed: seed)
        case "mnist1d":
            var options = MNIST1DOptions()
            options.count = n ?? 5000
            options.seed = seed
            let requests = activeRun.cancelRequests
            return try MNIST1D.generate(options) { [activeRun] in activeRun.cancelRequests != requests }
        case "csv":
            let files = try c.texts("files")
            guard files.count == 1 else { throw RuntimeError("csv takes one file: data c = csv \"points.csv\" target=label", at: c.span) }
            guard let target = try c.text("target") else {
                throw RuntimeError("csv needs target=COLUMN: the column that holds the labels or values", at: c.span)
            }
            return try withClasses(try loading(files, c) { paths throws in try CSV.load(path: paths[0], target: target) }, c)
        case "npy":
            let files = try c.texts("files")
            guard files.count == 2 else {
                throw RuntimeError("npy takes two files: data z = npy \"x.npy\" \"y.npy\"", at: c.span)
            }
            return try withClasses(try loading(files, c) { paths throws in try Dataset.loadNPY(inputs: paths[0], targets: paths[1]) }, c)
        default:
            throw RuntimeError("unknown data source '\(source)'", at: c.span(of: "source"))
        }
    }

    /// A file's labels say which classes occur; `classes=N` says how many there are (a class
    /// missing from a small file still gets its output). Labels at or past N are refused.
    func withClasses(_ data: Dataset, _ c: CommandContext) throws(RuntimeError) -> Dataset {
        guard let wanted = try c.int("classes") else { return data }
        guard case .classes(let labels, let found) = data.targets else {
            throw RuntimeError("classes=\(wanted) needs class labels, but \(data.name)'s targets are values (regression)",
                               at: c.span(of: "classes"), hint: "integer targets in 0..<N are class labels")
        }
        guard wanted >= found else {
            throw RuntimeError("classes=\(wanted), but the labels go up to \(found - 1)", at: c.span(of: "classes"),
                               hint: "labels run from 0 to classes − 1: use classes=\(found) or more")
        }
        return try rethrow(at: c.span(of: "classes")) { () throws -> Dataset in
            try Dataset(name: data.name, inputs: data.inputs, sampleShape: data.sampleShape,
                        targets: .classes(labels, count: wanted), isSignal: data.isSignal)
        }
    }

    /// Loads files named relative to the session directory; a failure is reported with the
    /// name as written, at the file (or the target column) it concerns.
    func loading(_ files: [String], _ c: CommandContext, _ load: ([String]) throws -> Dataset) throws -> Dataset {
        var paths: [String] = []
        for file in files { paths.append(try checkedPath(file, writing: false, at: c.span(of: "files"))) }
        do {
            return try load(paths)
        } catch let error as DataError {
            var message = error.description
            var culprit = 0
            for (i, (path, file)) in zip(paths, files).enumerated() where message.contains(path) {
                message = message.replacingOccurrences(of: path, with: file)
                culprit = i
            }
            if case .csv(_, _, _, .missingTargetColumn(let name, let available)) = error {
                let hint = suggest(name, among: available).map { "did you mean '\($0)'?" } ?? "columns: " + available.joined(separator: ", ")
                throw RuntimeError(message, at: c.span(of: "target"), hint: hint)
            }
            let values = c.invocation.values("files")
            let span = culprit < values.count ? values[culprit].span : c.span
            var hint = error.hint
            if case .file(_, .cannotOpen) = error, culprit < files.count {
                let file = files[culprit]
                hint = similarFile(file, ending: (file as NSString).pathExtension.isEmpty ? "" : "." + (file as NSString).pathExtension)
            }
            throw RuntimeError(message, at: span, hint: hint)
        }
    }

    /// MNIST-1D keeps the reference layout (the leading 80 % train, the rest split into val and
    /// test); everything else is split 70/15/15 at random.
    func defaultSplit(_ data: Dataset, source: String, seed: UInt64) throws -> SplitDataset {
        if source == "mnist1d" {
            let train = Int(Double(data.count) * 0.8)
            let val = (data.count - train) / 2
            return try SplitDataset(data, split: Split.leading(count: data.count, train: train, validation: val))
        }
        let fractions = SplitFractions(train: 0.7, validation: 0.15, test: 0.15)
        return try SplitDataset(data, fractions: fractions, seed: seed)
    }

    func describeSource(_ c: CommandContext) -> String {
        let words = c.command.operands.map { op -> String in
            switch op {
            case .positional(let v): return v.text
            case .argument(let a): return "\(a.key.name)=\(a.value.text)"
            }
        }
        return words.joined(separator: " ")
    }

    func dataSummaryLine(_ d: DataEntry) -> String {
        let kind = d.full.classCount.map { "\($0) classes" } ?? "regression, \(d.full.targetWidth) output(s)"
        return "\(d.name): \(d.full.count) examples of \(describeShape(d.sampleShape)), \(kind); "
            + "train \(d.parts.train.count) / val \(d.parts.validation.count) / test \(d.parts.testCount) (locked)"
    }

    func splitCommand(_ c: CommandContext) throws(RuntimeError) {
        var entry = try workspace.data(try c.text("data"), at: c.span(of: "data"))
        let given = (train: try c.number("train"), val: try c.number("val"), test: try c.number("test"))
        let (t, v, s) = Self.splitFractions(train: given.train, val: given.val, test: given.test)
        guard [t, v, s].allSatisfy({ $0 >= -1e-9 }), abs(t + v + s - 1) < 1e-6 else {
            let total = [t, v, s].map { max(0, $0) }.reduce(0, +)
            throw RuntimeError("the parts add up to \(fmt(total)), \(total > 1 ? "more than" : "not") 1", at: c.span,
                               hint: "for example: split \(entry.name) train=0.7 val=0.15 test=0.15")
        }
        let fractions = SplitFractions(train: max(0, t), validation: max(0, v), test: max(0, s))
        let seed = try seed(c)
        entry.parts = try rethrow(at: c.span) { () throws -> SplitDataset in try SplitDataset(entry.full, fractions: fractions, seed: seed) }
        workspace.datasets[entry.name] = entry
        workspace.currentData = entry.name
        dropRuns(using: entry.name)
        say(dataSummaryLine(entry))
    }

    /// The parts a `split` gives: what was written, the rest filled in. Without train=, val and test
    /// default to 0.15 each and train takes the rest; with train= alone, val and test share the
    /// rest equally; with train= and one of them, the other takes the rest.
    static func splitFractions(train: Double?, val: Double?, test: Double?) -> (Double, Double, Double) {
        guard let t = train else {
            let v = val ?? 0.15, s = test ?? 0.15
            return (1 - v - s, v, s)
        }
        switch (val, test) {
        case (nil, nil): return (t, (1 - t) / 2, (1 - t) / 2)
        case (let v?, nil): return (t, v, 1 - t - v)
        case (nil, let s?): return (t, 1 - t - s, s)
        case (let v?, let s?): return (t, v, s)
        }
    }

    func noiseCommand(_ c: CommandContext) throws(RuntimeError) {
        var entry = try workspace.data(try c.text("data"), at: c.span(of: "data"))
        guard let fraction = try c.number("labels") else {
            throw RuntimeError("noise needs labels=FRACTION", at: c.span, hint: "for example: noise \(entry.name) labels=0.15")
        }
        let seed = try seed(c)
        try rethrow(at: c.span) { () throws in try entry.parts.setLabelNoise(fraction: fraction, seed: seed) }
        workspace.datasets[entry.name] = entry
        dropRuns(using: entry.name)
        let changed = entry.parts.labelNoise?.rows.count ?? 0
        say("\(entry.name): \(changed) of \(entry.parts.train.count) training labels replaced by a different class")
    }

    func augmentCommand(_ c: CommandContext) throws(RuntimeError) {
        var entry = try workspace.data(try c.text("data"), at: c.span(of: "data"))
        var a = Augmentation(noise: Float(try c.number("noise") ?? 0), shift: try c.int("shift") ?? 0,
                             scale: Float(try c.number("scale") ?? 0))
        // Shift and scale move and stretch a signal along its length; points of a 2D toy have
        // none, so there only the noise applies (said in a note rather than refused).
        let dropped = entry.full.isSignal ? [] : [a.shift > 0 ? "shift" : nil, a.scale > 0 ? "scale" : nil].compactMap { $0 }
        if !entry.full.isSignal { a.shift = 0; a.scale = 0 }
        try rethrow(at: c.span) { () throws in try a.validate(for: entry.sampleShape, isSignal: entry.full.isSignal) }
        entry.augmentation = a.isIdentity ? nil : a
        workspace.datasets[entry.name] = entry
        dropRuns(using: entry.name)
        var line = a.isIdentity ? "\(entry.name): no augmentation"
            : "\(entry.name): training batches augmented (shift \(a.shift), scale \(a.scale), noise \(a.noise))"
        if !dropped.isEmpty {
            line += "\n\(dropped.joined(separator: " and ")) ignored: \(entry.name)'s examples are points "
                + "\(describeShape(entry.sampleShape)), not sequences; only noise applies"
        }
        say(line)
    }

    /// Nets training on a dataset pick up its new parts at their next `train`.
    func dropRuns(using data: String) {
        for net in workspace.nets.values where net.dataName == data { net.needsData = true }
    }
}
