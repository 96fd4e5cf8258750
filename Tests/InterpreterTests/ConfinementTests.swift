// `basin trial` runs other people's configs: it reads only inside its directory (symbolic links
// followed), writes nothing and runs no other script unless --allow-writes, and refuses a config
// with an unknown key or a value of the wrong type by name. Also: export replaces a file
// atomically, leaving no temporary file.
import Foundation
import Interpreter
import TestSupport
import Testing

@Suite("basin trial is confined to its directory")
struct ConfinementTests {
    /// Runs a config in a fresh directory; (exit code, stdout lines, stderr).
    func trial(_ json: String, in directory: String, allowWrites: Bool = false) -> (Int32, [String], String) {
        var lines: [String] = [], errors = ""
        let status = ScaleOut.runTrial(
            config: Data(json.utf8), directory: directory, allowWrites: allowWrites,
            line: { lines.append($0) }, error: { errors += $0 })
        return (status, lines, errors)
    }

    func scratch() -> String {
        let d = TestDirectories.make("confined")
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    static let body =
        #"sweep s { let lr ~ log(1e-3, 1e-1)\n net t = dense 4 relu, dense 2\n opt t adam lr=$lr\n train t on d epochs=1 }"#

    @Test("a file outside the directory is refused, by absolute path, .. or a symbolic link")
    func readsStayInside() throws {
        let dir = scratch()
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.basin", withDestinationPath: "/etc/passwd")
        for file in ["/etc/passwd", "../../../../etc/passwd", "link.basin"] {
            let (status, _, errors) = trial(#"{"file": "\#(file)"}"#, in: dir)
            #expect(status == 64, "\(file)")
            #expect(errors.contains("is outside the trial's directory"), "\(file): \(errors)")
            #expect(!errors.contains("root:"), "the file's contents leaked: \(errors)")
        }
        let (status, _, errors) = trial(
            #"{"script": "data d = csv \"/etc/passwd\" target=x\n\#(Self.body)", "values": {"lr": 0.01}}"#, in: dir)
        #expect(status == 70 && errors.contains("is outside the trial's directory"), "\(errors)")
    }

    @Test("export, save and run are refused unless --allow-writes, and then stay inside")
    func writesNeedPermission() {
        let dir = scratch()
        let before = #"data d = moons\nnet a = dense 2\ntrain a on d steps=1\n"#
        for command in [#"export a \"authorized_keys.safetensors\""#, "save lesson", #"run \"other.basin\""#] {
            let (status, _, errors) = trial(
                #"{"script": "\#(before)\#(command)\n\#(Self.body)", "values": {"lr": 0.01}}"#, in: dir)
            #expect(status == 70, "\(command)")
            #expect(errors.contains("this trial may not write files or run scripts"), "\(command): \(errors)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/authorized_keys.safetensors"))
        let allowed = trial(
            #"{"script": "\#(before)export a \"a.safetensors\"\n\#(Self.body)", "values": {"lr": 0.01}}"#,
            in: dir, allowWrites: true)
        #expect(allowed.0 == 0, "\(allowed.2)")
        #expect(FileManager.default.fileExists(atPath: dir + "/a.safetensors"))
        let outside = trial(
            #"{"script": "\#(before)export a \"../escaped.safetensors\"\n\#(Self.body)", "values": {"lr": 0.01}}"#,
            in: dir, allowWrites: true)
        #expect(outside.0 == 70 && outside.2.contains("is outside the trial's directory"), "\(outside.2)")
    }

    /// `link/../x` climbs from the link's target, as the kernel resolves it, not from the link.
    @Test("a write through a link and .. to a new file outside is refused")
    func linkThenParentIsResolvedAsTheKernelWould() throws {
        let dir = scratch(), outside = scratch()
        try FileManager.default.createDirectory(atPath: outside + "/inner", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/data", withDestinationPath: outside + "/inner")
        let before = #"data d = moons\nnet a = dense 2\ntrain a on d steps=1\n"#
        let (status, _, errors) = trial(
            #"{"script": "\#(before)export a \"data/../escaped.safetensors\"\n\#(Self.body)", "values": {"lr": 0.01}}"#,
            in: dir, allowWrites: true)
        #expect(status == 70 && errors.contains("is outside the trial's directory"), "\(errors)")
        #expect(!FileManager.default.fileExists(atPath: outside + "/escaped.safetensors"))
    }

    @Test(
        "unknown keys and values of the wrong type are refused by name",
        arguments: [
            (#""budget": 1, "sed": 3"#, #"unknown key "sed" in the config"#),
            (#""budget": "ten""#, #""budget" must be a number, not the string "ten""#),
            (#""budget": -5"#, #""budget" must be a number above 0 and at most 10000000, not -5"#),
            (#""budget": 0"#, #""budget" must be a number above 0"#),
            (#""budget": 1, "seed": true"#, #""seed" must be a number, not true"#),
            (#""budget": 1, "seed": 1.5"#, #""seed" must be a whole number from 0"#),
            (#""budget": 1, "sweep": 3"#, #""sweep" must be the sweep's name, a string"#),
        ])
    func strictSchema(_ extra: String, _ message: String) {
        let (status, _, errors) = trial(
            #"{"script": "data d = moons\n\#(Self.body)", "values": {"lr": 0.01}, \#(extra)}"#, in: scratch())
        #expect(status == 64, "\(errors)")
        #expect(errors.contains(message), "\(errors)")
    }

    @Test("export and save replace a file atomically and leave no temporary file behind")
    func atomicExport() throws {
        let f = LookingFixture()
        #expect(f.run("data d = moons\nnet a = dense 4 relu, dense 2\ntrain a on d steps=5\nexport a \"a.safetensors\"") == .ok)
        let first = try Data(contentsOf: URL(fileURLWithPath: f.path("a.safetensors")))
        #expect(f.run("train a steps=5\nexport a \"a.safetensors\"") == .ok)
        let second = try Data(contentsOf: URL(fileURLWithPath: f.path("a.safetensors")))
        #expect(first != second && first.count == second.count)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: f.directory).filter { $0.hasPrefix(".basin-export") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        #expect(f.run("save lesson\nsave lesson") == .ok)
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.directory + "/sessions") == ["lesson.basin"])
        #expect(f.run("export a \"no/such/dir/a.safetensors\"") == .runtimeError)
        #expect(f.recorder.diagnostics.last?.message.contains("no such file or directory") == true)
    }
}
