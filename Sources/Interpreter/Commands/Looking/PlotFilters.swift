// plot filters NET [layer=L]: a convolution's kernels as small images, one per output channel,
// on one diverging scale (blue negative, white zero, red positive) so their strengths compare —
// what the first layer of a CNN learned to look for (edges, strokes, blobs).
import Charts
import Networks

extension PlotCommand {
    func filters(_ s: Session, _ n: LookedNet, _ c: Context<PlotCommand>) throws(RuntimeError) {
        let convs = n.network.layers.enumerated().compactMap { i, l in (l as? Convolution).map { (i, $0) } }
        guard let first = convs.first else {
            throw RuntimeError(LookingRefusal.noConvolution(net: n.entry.name), at: c.span)
        }
        let wanted = layer ?? (first.0 + 1)
        guard let (index, conv) = convs.first(where: { $0.0 + 1 == wanted }) else {
            throw RuntimeError(
                LookingRefusal.notAConvolution(
                    net: n.entry.name, layer: wanted,
                    kind: wanted <= n.network.layers.count ? n.network.layers[wanted - 1].kind : nil,
                    convolutions: convs.map { $0.0 + 1 }),
                at: c.span(\.layer))
        }
        let offset = n.network.stack.parameterOffsets[index]
        let (inputs, k) = (conv.input.channels, conv.kernel)
        let (height, taps) = conv.input.dimensions == 2 ? (k, k * k) : (1, k)
        let weights = n.network.parameters.array
        // A filter over several input channels shows their mean (the first layer on grayscale
        // images has one, and is shown as it is).
        let images = (0..<conv.channels).map { o in
            let pixels = (0..<taps).map { t in
                (0..<inputs).map { ci in Double(weights[offset + (o * inputs + ci) * taps + t]) }.reduce(0, +) / Double(inputs)
            }
            return ImageGrid.Image(width: k, height: height, pixels: pixels, caption: "\(o + 1)")
        }
        let note = inputs > 1 ? "each the mean over its \(inputs) input channels" : nil
        s.emit(
            .chart(
                .images(
                    ImageGrid(
                        title:
                            "\(n.entry.name) layer \(wanted) (\(conv.summary)): \(conv.channels) filters · \(s.stepCaption(n.entry))",
                        images: images, coloring: .diverging, sharedRange: true, note: note))))
    }
}
