// Refusals of the data commands: data (generators, files, derived datasets), split and
// augment. Worded in Wording/DatasetRefusal+Wording.swift.

import Datasets

/// A dataset that cannot be made, split or augmented as written.
enum DatasetRefusal: Refusal {
    // data NAME = SOURCE
    /// `data` without `NAME =`.
    case unnamed
    /// `classes=range` (a range of classes) on the generator or format `source`.
    case classRangeOfSource(range: String, source: String)
    /// `size=` on `source`, not shapes.
    case sizeOfOther(source: String)
    /// `shape=` on `source`, not csv or npy.
    case shapeOfOther(source: String)
    /// `target=` on `source`, not csv; `settings` are the settings `source` takes, when it is a sequence task.
    case targetOfOther(source: String, settings: String?)
    /// `name=` on the sequence task `task`; `tasks` are the tasks that take it, `settings` those `task` takes.
    case settingOfOtherTask(name: String, tasks: [String], task: String, settings: String)
    /// `classes=` on the sequence task `task`, whose tokens set them; `settings` are those it takes.
    case classesOfTask(task: String, settings: String)
    /// `shape=` as written is not sizes joined by x.
    case notAShape(shape: String)
    /// `shape=` holds `values` values, but each example of `data` has `features`.
    case shapeSize(shape: String, values: Int, data: String, features: Int)
    /// `classes=` on shapes, which has its ten; `name` is the dataset being defined.
    case shapesClasses(name: String?)
    /// The source names the dataset `name`, with no classes= to derive by.
    case deriveWithClasses(name: String)
    /// csv was given other than one file or two (train, test).
    case csvFiles
    /// csv without target=.
    case csvTarget
    /// npy was given other than two files or four (train inputs and targets, test inputs and targets).
    case npyFiles
    /// `split=given` with npy and `files` files, not three (inputs, targets, parts).
    case givenNeedsParts(files: Int)
    /// `split=given` for `source`, which is neither csv nor npy.
    case givenOfGenerator(source: String)
    /// `split=given` with a test file: the files make the split already (`source`: csv or npy).
    case givenWithTestFile(source: String)
    /// `val=` without a test file, for `source`; `name` is the dataset being defined.
    case valWithoutTestFile(source: String, name: String?)
    /// `name` is neither a generator or format nor a dataset; `suggestion` is the closest, `sources` all the sources.
    case unknownSource(name: String, suggestion: String?, sources: [String])
    /// `data name = from` without classes=; `classes` is how many `from` has (nil: regression).
    case deriveNeedsClasses(name: String, from: String, classes: Int?)
    /// `classes=range` starts after it ends.
    case emptyClassRange(range: String)
    /// `classes=wanted` on `data`, whose targets are values.
    case classesOfRegression(wanted: Int, data: String)
    /// `classes=wanted`, but the labels count `found` classes.
    case tooFewClasses(wanted: Int, found: Int)
    /// Reading a file failed with the engine's `error`; each of `paths` (as resolved) is shown as the
    /// `files` written. `missing`: a file could not be opened; `near` is the closest file name beside it.
    case unreadable(DataError, paths: [String], files: [String], missing: Bool, near: String?)
    /// The CSV has no column `name` (the engine's `error`, paths shown as in `unreadable`); `suggestion`
    /// is the closest of its `columns`.
    case noTargetColumn(DataError, paths: [String], files: [String], suggestion: String?, columns: [String])

    // split
    /// The parts add up to `total`, not 1; `data` is the dataset.
    case partsTotal(total: Double, data: String)

    // augment
    /// `rotate=` is above `limit` degrees, a half turn.
    case rotationTooLarge(rotate: Double, limit: Int)
    /// `shift=` on `data`, whose examples are images of `shape`.
    case shiftOfImages(data: String, shape: [Int], shift: Int)
}
