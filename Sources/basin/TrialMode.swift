// `basin trial --config FILE.json` (or `--config -` for standard input): one trial of a sweep
// body, driven by an outside scheduler. The work is Interpreter's `ScaleOut.runTrial`; this file
// reads the arguments and the config, and writes each JSON line unbuffered, as it comes.
import Foundation
import Interpreter

extension Launcher {
    static func trialMode(_ args: [String]) -> Result<Mode, UsageError> {
        let allowWrites = args.contains("--allow-writes")
        let rest = args.filter { $0 != "--allow-writes" }
        guard rest.count == 2, rest[0] == "--config" else {
            return .failure(
                UsageError(message: "basin trial needs --config FILE.json (or --config - for stdin) [--allow-writes]"))
        }
        return .success(.trial(config: rest[1], allowWrites: allowWrites))
    }

    func runTrial(config: String, allowWrites: Bool) -> Int32 {
        let data = config == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: config)
        guard let data else {
            FileHandle.standardError.write(Data("error: cannot read '\(config)': no such file or not readable\n".utf8))
            return ScaleOut.usage
        }
        return ScaleOut.runTrial(
            config: data, directory: FileManager.default.currentDirectoryPath, allowWrites: allowWrites,
            line: { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) },
            error: { FileHandle.standardError.write(Data($0.utf8)) })
    }
}
