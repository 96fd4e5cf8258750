// Builders for the structural layers (conv, pooling, flatten, dropout, normalization, residual).
import Kernels

extension NetworkBuilder {
    static func buildStructural(_ spec: LayerSpec, input: [Int], index: Int) throws(NetworkError) -> any Layer {
        throw .invalidSetting(layer: index, message: "\(spec) is not available yet")
    }
}
