// Aligned, fixed-size Float32 storage. Networks keep parameters, gradients and activation
// workspaces in these so hot loops work on raw pointers with no copy-on-write checks.

/// A heap block of `count` Floats, 64-byte aligned, zero-filled. Reference type: share it
/// deliberately, copy it with `copy()`.
public final class FloatBuffer: @unchecked Sendable {
    public let count: Int
    public let base: UnsafeMutablePointer<Float>

    public init(count: Int) {
        self.count = count
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * 4, alignment: 64)
        base = raw.bindMemory(to: Float.self, capacity: max(count, 1))
        base.initialize(repeating: 0, count: max(count, 1))
    }

    public convenience init(_ values: [Float]) {
        self.init(count: values.count)
        values.withUnsafeBufferPointer { src in
            if let s = src.baseAddress { base.update(from: s, count: values.count) }
        }
    }

    deinit { UnsafeMutableRawPointer(base).deallocate() }

    public var buffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: base, count: count) }

    /// A slice view starting at `offset`.
    @inlinable
    public func pointer(at offset: Int) -> UnsafeMutablePointer<Float> { base + offset }

    public subscript(i: Int) -> Float {
        get { base[i] }
        set { base[i] = newValue }
    }

    public func copy() -> FloatBuffer {
        let c = FloatBuffer(count: count)
        c.base.update(from: base, count: count)
        return c
    }

    /// Overwrites this buffer with `other` (buffers of one network: the same count; a shorter
    /// source copies only what it has).
    public func assign(from other: FloatBuffer) {
        base.update(from: other.base, count: min(count, other.count))
    }

    public func zero() { base.update(repeating: 0, count: count) }

    public var array: [Float] { Array(buffer) }
}
