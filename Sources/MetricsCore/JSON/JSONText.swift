/// JSON text read byte by byte: what the tape scanner and the direct deal reader
/// (`DirectDealReader`) both read, written once so the two accept the same text.
enum JSONText {
    /// The first offset from `i` holding a quote, a backslash, a control or a non-ASCII byte, or
    /// `b.count`: the part of a string that is copied as it is, read eight bytes a step.
    @inline(__always) static func plainRunEnd(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let base = b.baseAddress!
        var i = start
        while i + 8 <= b.count {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            let quotes = w ^ (ones &* 0x22), slashes = w ^ (ones &* 0x5C)
            let special = ((w &- ones &* 0x20) | (quotes &- ones) & ~quotes | (slashes &- ones) & ~slashes | w) & highs
            if special != 0 { break }
            i &+= 8
        }
        while i < b.count {
            let c = b[i]
            if c == 0x22 || c == 0x5C || c < 0x20 || c >= 0x80 { break }
            i &+= 1
        }
        return i
    }

    /// The first offset from `i` that is not JSON whitespace. Indentation comes in runs: eight
    /// spaces a step.
    @inline(__always) static func spaceEnd(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let base = b.baseAddress!
        var i = start
        while i + 8 <= b.count && UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) == 0x2020_2020_2020_2020 { i &+= 8 }
        while i < b.count {
            let c = b[i]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i &+= 1 } else { break }
        }
        return i
    }

    /// Why the text at an offset is not a JSON number (the scanner's words).
    enum NumberProblem: Error {
        case noDigitAfterMinus, leadingZero, noDigitAfterPoint, noDigitInExponent

        var message: String {
            switch self {
            case .noDigitAfterMinus: "invalid number: a digit must follow '-'"
            case .leadingZero: "invalid number: leading zeros are not JSON"
            case .noDigitAfterPoint: "invalid number: a digit must follow '.'"
            case .noDigitInExponent: "invalid number: a digit must follow the exponent"
            }
        }
    }

    /// Where the number that starts at `start` ends, by the JSON grammar.
    @inline(__always) static func numberEnd(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Result<Int, NumberProblem> {
        @inline(__always) func isDigit(_ c: UInt8) -> Bool { c &- 48 < 10 }
        var i = start
        if i < b.count && b[i] == UInt8(ascii: "-") { i &+= 1 }
        guard i < b.count, isDigit(b[i]) else { return .failure(.noDigitAfterMinus) }
        if b[i] == UInt8(ascii: "0") {
            i &+= 1
            if i < b.count && isDigit(b[i]) { return .failure(.leadingZero) }
        } else {
            while i < b.count && isDigit(b[i]) { i &+= 1 }
        }
        if i < b.count && b[i] == UInt8(ascii: ".") {
            i &+= 1
            guard i < b.count, isDigit(b[i]) else { return .failure(.noDigitAfterPoint) }
            while i < b.count && isDigit(b[i]) { i &+= 1 }
        }
        if i < b.count && (b[i] | 0x20) == UInt8(ascii: "e") {
            i &+= 1
            if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i &+= 1 }
            guard i < b.count, isDigit(b[i]) else { return .failure(.noDigitInExponent) }
            while i < b.count && isDigit(b[i]) { i &+= 1 }
        }
        return .success(i)
    }
}
