// A small PNG reader for checking screenshots in tests: 8-bit RGB or RGBA, non-interlaced (what
// headless Chromium writes). Inflate comes from the system's zlib, opened at run time, so no
// package is added for it.
import Foundation

public struct PNGImage {
    public let width: Int
    public let height: Int
    /// RGB triples, row by row.
    public let pixels: [UInt8]

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        init(_ d: String) { description = d }
    }

    public func rgb(_ x: Int, _ y: Int) -> (UInt8, UInt8, UInt8) {
        let i = 3 * (y * width + x)
        return (pixels[i], pixels[i + 1], pixels[i + 2])
    }

    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure("cannot read \(path)") }
        let bytes = [UInt8](data)
        guard bytes.count > 33, bytes[0..<8] == [137, 80, 78, 71, 13, 10, 26, 10] else { throw Failure("not a PNG") }
        func u32(_ i: Int) -> Int { Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]) }
        var i = 8
        var w = 0, h = 0, channels = 0
        var compressed: [UInt8] = []
        while i + 8 <= bytes.count {
            let length = u32(i), type = String(decoding: bytes[(i + 4)..<(i + 8)], as: UTF8.self)
            let body = (i + 8)..<min(bytes.count, i + 8 + length)
            if type == "IHDR" {
                w = u32(body.lowerBound)
                h = u32(body.lowerBound + 4)
                let depth = bytes[body.lowerBound + 8], color = bytes[body.lowerBound + 9]
                let interlace = bytes[body.lowerBound + 12]
                guard depth == 8, color == 2 || color == 6, interlace == 0 else {
                    throw Failure("unsupported PNG: depth \(depth), colour type \(color), interlace \(interlace)")
                }
                channels = color == 2 ? 3 : 4
            } else if type == "IDAT" {
                compressed += bytes[body]
            } else if type == "IEND" {
                break
            }
            i += 12 + length
        }
        guard w > 0, h > 0, w * h < 50_000_000 else { throw Failure("bad size \(w)×\(h)") }
        let stride = w * channels
        let raw = try Self.inflate(compressed, size: h * (stride + 1))
        var out = [UInt8](repeating: 0, count: w * h * 3)
        var previous = [UInt8](repeating: 0, count: stride)
        var row = [UInt8](repeating: 0, count: stride)
        for y in 0..<h {
            let base = y * (stride + 1), filter = raw[base]
            for x in 0..<stride {
                let v = raw[base + 1 + x]
                let a = x >= channels ? Int(row[x - channels]) : 0, b = Int(previous[x])
                let c = x >= channels ? Int(previous[x - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: throw Failure("bad filter \(filter) on row \(y)")
                }
                row[x] = UInt8(truncatingIfNeeded: Int(v) + predictor)
            }
            for x in 0..<w {
                for k in 0..<3 { out[3 * (y * w + x) + k] = row[channels * x + k] }
            }
            swap(&previous, &row)
        }
        width = w
        height = h
        pixels = out
    }

    typealias Uncompress =
        @convention(c) (
            UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt>?, UnsafePointer<UInt8>?, UInt
        ) -> Int32

    static func inflate(_ data: [UInt8], size: Int) throws -> [UInt8] {
        guard let lib = dlopen("libz.so.1", RTLD_NOW), let symbol = dlsym(lib, "uncompress") else {
            throw Failure("zlib (libz.so.1) is not available")
        }
        let uncompress = unsafeBitCast(symbol, to: Uncompress.self)
        var out = [UInt8](repeating: 0, count: size)
        var length = UInt(size)
        let status = out.withUnsafeMutableBufferPointer { o in
            data.withUnsafeBufferPointer { d in uncompress(o.baseAddress, &length, d.baseAddress, UInt(d.count)) }
        }
        guard status == 0, length == UInt(size) else { throw Failure("inflate failed (zlib status \(status))") }
        return out
    }
}
