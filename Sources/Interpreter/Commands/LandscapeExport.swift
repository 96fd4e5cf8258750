// export NET grid "g.csv" and export NET directions "d.safetensors": the net's last landscape,
// so a slice can be checked or redrawn elsewhere.
//   grid        2d: header alpha,beta,loss, one row per grid point (β outer, α inner, as the
//               heatmap's rows); 1d: alpha,loss,val_loss. Numbers in full precision; an empty
//               field for a point not computed (Ctrl-C) or no validation part.
//   directions  the direction vectors as named tensors in the weights' layout: "d1.0.weight",
//               "d1.0.bias", … and "d2.…" for a plane (a line has only d1 = w_now − w_from).
//               Metadata: net, kind, step. w(α, β) = weights + α·d1 + β·d2.
import Diagnostics
import Lab
import Networks

extension Session {
    func lastLandscape(_ net: NetEntry, _ c: CommandContext) throws(RuntimeError) -> LandscapeRecord {
        guard let record = net.landscape else {
            throw RuntimeError("\(net.name) has no landscape to export yet", at: c.span,
                               hint: "landscape \(net.name) 2d (or 1d) first")
        }
        return record
    }

    func exportGrid(_ net: NetEntry, to file: String, _ c: CommandContext) throws(RuntimeError) {
        let r = try lastLandscape(net, c)
        try write(Array(gridCSV(r).utf8), to: file, at: c.span(of: "file"))
        say("\(net.name): landscape \(r.kind) · \(r.losses.count) points → \(file)")
    }

    func gridCSV(_ r: LandscapeRecord) -> String {
        func field(_ v: Double?) -> String { v.map { $0.isNaN ? "" : "\($0)" } ?? "" }
        let nA = r.alphas.count
        if r.d2 == nil {
            var lines = ["alpha,loss,val_loss"]
            for (i, a) in r.alphas.enumerated() {
                lines.append("\(a),\(field(r.losses[i])),\(field(r.validation?[i]))")
            }
            return lines.joined(separator: "\n") + "\n"
        }
        var lines = ["alpha,beta,loss"]
        for (k, loss) in r.losses.enumerated() {
            lines.append("\(r.alphas[k % nA]),\(r.betas[k / nA]),\(field(loss))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func exportDirections(_ net: NetEntry, to file: String, _ c: CommandContext) throws(RuntimeError) {
        let r = try lastLandscape(net, c)
        var tensors: [Safetensors.Tensor] = []
        for (prefix, d) in [("d1", r.d1), ("d2", r.d2)] {
            guard let d else { continue }
            for t in r.tensors where t.offset + t.count <= d.count {
                tensors.append(.init(name: "\(prefix).\(t.name)", shape: t.shape, values: Array(d[t.offset..<(t.offset + t.count)])))
            }
        }
        let metadata = ["format": "pt", "basin_version": Self.basinVersion, "net": net.definitionText,
                        "kind": r.kind, "step": String(r.step)]
        let bytes = Safetensors.encode(tensors, metadata: metadata)
        try write(bytes, to: file, at: c.span(of: "file"))
        say("\(net.name): \(r.d2 == nil ? "d1" : "d1, d2") of landscape \(r.kind) in \(tensors.count) tensors → \(file) (\(formatBytes(bytes.count)))")
    }
}
