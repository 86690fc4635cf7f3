/// Orders ids as people read them: digit runs compare by value, so `D-7` comes before `D-12`.
public func naturalLess(_ a: String, _ b: String) -> Bool {
    var a = a, b = b
    return a.withUTF8 { x in b.withUTF8 { y in naturalLess(x, y) } }
}

/// Byte-wise natural order: no allocation, since reports sort thousands of ids.
func naturalLess(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
    func isDigit(_ c: UInt8) -> Bool { c &- 48 < 10 }
    var i = 0, j = 0
    while i < x.count && j < y.count {
        if isDigit(x[i]) && isDigit(y[j]) {
            var si = i, sj = j
            while si < x.count && x[si] == 48 { si += 1 }
            while sj < y.count && y[sj] == 48 { sj += 1 }
            var ei = si, ej = sj
            while ei < x.count && isDigit(x[ei]) { ei += 1 }
            while ej < y.count && isDigit(y[ej]) { ej += 1 }
            // A longer run without leading zeros is the larger number.
            if ei - si != ej - sj { return ei - si < ej - sj }
            for k in 0..<(ei - si) where x[si + k] != y[sj + k] { return x[si + k] < y[sj + k] }
            // Equal values: fewer leading zeros first.
            if si - i != sj - j { return si - i < sj - j }
            i = ei; j = ej
            continue
        }
        if x[i] != y[j] { return x[i] < y[j] }
        i += 1; j += 1
    }
    return x.count - i < y.count - j
}
