// The wording of the data commands' refusals.
import Datasets
import Foundation
import Language
import Networks

extension DatasetRefusal {
    var message: String {
        switch self {
        case .unnamed: return "expected 'data NAME = SOURCE …'"
        case .classRangeOfSource(let range, let source):
            return "classes=\(range) keeps classes of a dataset; \(source) takes a number of classes"
        case .sizeOfOther(let source): return "size= is a setting of shapes, not of \(source)"
        case .shapeOfOther(let source): return "shape= is a setting of csv and npy, not of \(source)"
        case .targetOfOther(let source, _): return "target= is a setting of csv, not of \(source)"
        case .settingOfOtherTask(let name, let tasks, let task, _):
            return "\(name)= is a setting of \(tasks.joined(separator: ", ")), not of \(task)"
        case .classesOfTask(let task, _): return "classes= is not a setting of \(task): its tokens set them"
        case .notAShape(let shape): return "shape=\(shape) is not a shape: write its sizes with x between, as shape=1x16x16"
        case .shapeSize(let shape, let values, let data, let features):
            return "shape=\(shape) holds \(values.formatted()) values, but each example of \(data) has "
                + "\(features.formatted())"
        case .shapesClasses: return "shapes has its ten classes"
        case .deriveWithClasses(let name): return "\(name) is a dataset: derive from it with classes=A..B"
        case .csvFiles:
            return "csv takes one file, or a train file and a test file: data c = csv \"points.csv\" target=label"
        case .csvTarget: return "csv needs target=COLUMN: the column that holds the labels or values"
        case .npyFiles:
            return "npy takes two files (inputs, targets), or four (the train pair, then the test pair): "
                + "data z = npy \"x.npy\" \"y.npy\""
        case .givenNeedsParts(let n):
            return
                "split=given takes three npy files (inputs, targets, parts), not \(n): data z = npy \"d.npy\" \"d-targets.npy\" \"d-parts.npy\" split=given"
        case .givenOfGenerator(let source):
            return "split=given keeps the parts a csv or npy file gives; \(source) has none to keep"
        case .givenWithTestFile(let source):
            return
                "split=given reads each row's part from one file; a \(source) train file and test file make the parts themselves"
        case .valWithoutTestFile(let source, _):
            return "val= holds out part of a train file when a test file follows it; \(source) here has no test file"
        case .unknownSource(let name, _, _): return "'\(name)' is neither a source nor a dataset"
        case .deriveNeedsClasses(_, let from, _): return "a dataset derived from \(from) keeps some of its classes: say which"
        case .emptyClassRange(let range): return "classes=\(range) is empty: it starts after it ends"
        case .classesOfRegression(let wanted, let data):
            return "classes=\(wanted) needs class labels, but \(data)'s targets are values (regression)"
        case .tooFewClasses(let wanted, let found): return "classes=\(wanted), but the labels go up to \(found - 1)"
        case .unreadable(let error, let paths, let files, _, _), .noTargetColumn(let error, let paths, let files, _, _):
            return Self.shown(error.message, paths: paths, files: files).message
        case .partsTotal(let total, _): return "the parts add up to \(fmt(total)), \(total > 1 ? "more than" : "not") 1"
        case .rotationTooLarge(let rotate, _): return "rotate=\(NumberLiteral.format(rotate)) is more than a half turn"
        case .shiftOfImages(let data, let shape, _):
            return "shift moves a 1D signal; \(data)'s examples are images \(describeShape(shape))"
        }
    }

    var hint: String? {
        switch self {
        case .classRangeOfSource(let range, _): return "data few = DATA classes=\(range) derives from a dataset"
        case .targetOfOther(let source, let settings): return settings.map { "\(source) takes: " + $0 }
        case .settingOfOtherTask(_, _, let task, let settings), .classesOfTask(let task, let settings):
            return "\(task) takes: " + settings
        case .shapeSize(_, _, _, let features):
            return "sizes that multiply to \(features.formatted()), as shape=1x\(features)"
        case .shapesClasses(let name):
            return "to keep some of them, derive a dataset: data few = \(name ?? "img") classes=0..4"
        case .unknownSource(_, let suggestion, let sources):
            return suggestion.map { "did you mean '\($0)'?" } ?? "sources: " + ValueType.list(sources)
        case .deriveNeedsClasses(let name, let from, let classes):
            return "data \(name) = \(from) classes=0..\(max((classes ?? 2) - 1, 1) / 2) n=300"
        case .classesOfRegression: return "integer targets in 0..<N are class labels"
        case .tooFewClasses(_, let found): return "labels run from 0 to classes − 1: use classes=\(found) or more"
        case .unreadable(let error, _, _, let missing, let near):
            return missing ? FileRefusal.missingFileHint(near: near) : error.hint
        case .noTargetColumn(_, _, _, let suggestion, let columns):
            return suggestion.map { "did you mean '\($0)'?" } ?? "columns: " + columns.joined(separator: ", ")
        case .partsTotal(_, let data): return "for example: split \(data) train=0.7 val=0.15 test=0.15"
        case .rotationTooLarge(_, let limit):
            return "rotate= is the largest angle either way, 0 to \(limit) degrees: rotate=15"
        case .shiftOfImages(_, _, let shift): return "move images with crop=\(shift)"
        case .givenNeedsParts: return "export DATA \"d.npy\" writes the three files"
        case .givenOfGenerator:
            return "export the dataset (export DATA \"d.csv\"), then read it with split=given: "
                + "data c = csv \"d.csv\" target=target split=given"
        case .givenWithTestFile:
            return "leave out split=given: the train file is split into train and val, the test file is the test part"
        case .valWithoutTestFile(_, let name):
            return "split the dataset afterwards: split \(name ?? "d") val=0.2"
        case .unnamed, .sizeOfOther, .shapeOfOther, .notAShape, .deriveWithClasses, .csvFiles, .csvTarget, .npyFiles,
            .emptyClassRange:
            return nil
        }
    }

    /// The engine's `message` with each resolved path shown as the file name written, and the
    /// index of the last file it names (0 if none).
    static func shown(_ message: String, paths: [String], files: [String]) -> (message: String, culprit: Int) {
        var message = message
        var culprit = 0
        for (i, (path, file)) in zip(paths, files).enumerated() where message.contains(path) {
            message = message.replacingOccurrences(of: path, with: file)
            culprit = i
        }
        return (message, culprit)
    }
}
