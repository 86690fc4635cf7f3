/// Typed reads: each returns the value, or records a problem and returns `nil`.
///
/// `null` is "unknown": accepted silently for optional fields, an error for required ones.
extension TapeReader {
    mutating func expectObject(_ n: Int, required: Bool = true) -> Bool {
        if kind(n) == .object { return true }
        if kind(n) == .null && !required { return false }
        error(n, "expected an object, found \(found(n))")
        return false
    }

    mutating func expectArray(_ n: Int, required: Bool = true) -> Bool {
        if kind(n) == .array { return true }
        if kind(n) == .null && !required { return false }
        error(n, "expected an array, found \(found(n))")
        return false
    }

    mutating func text(_ n: Int, required: Bool = false) -> String? {
        switch kind(n) {
        case .string:
            let s = string(at: n)
            if nodes[n].hasEscapes && s.unicodeScalars.contains(where: isControl) {
                warning(n, "text with control characters (they are shown stripped)")
            }
            return s
        case .null where !required: return nil
        default:
            error(n, "expected a string, found \(found(n))")
            return nil
        }
    }

    /// A non-empty string id.
    mutating func id(_ n: Int) -> String? {
        guard kind(n) == .string else {
            error(n, "expected a non-empty string id, found \(found(n))")
            return nil
        }
        let s = string(at: n)
        if s.isEmpty { error(n, "expected a non-empty string id, found the empty string"); return nil }
        return s
    }

    /// A number, optionally bounded; `expected` names the range in the message. Every number of
    /// a file is read here, so here is the one check of `LoadLimits.maxMagnitude`.
    mutating func number(_ n: Int, required: Bool = false, min: Double? = nil, max: Double? = nil) -> Double? {
        var expected = "a number"
        switch (min, max) {
        case let (lo?, hi?): expected = "a number from \(formatBound(lo)) to \(formatBound(hi))"
        case let (lo?, nil): expected = "a number ≥ \(formatBound(lo))"
        default: break
        }
        switch kind(n) {
        case .number:
            let v = double(at: n)
            if (min.map { v < $0 } ?? false) || (max.map { v > $0 } ?? false) {
                error(n, "expected \(expected), found \(found(n))")
                return nil
            }
            // Also infinity (1e400 reads as it): beyond the limit.
            guard abs(v) <= LoadLimits.maxMagnitude else {
                error(n, "\(found(n)) is beyond the ±1e15 that Redline handles")
                return nil
            }
            return v
        case .null where !required: return nil
        default:
            error(n, "expected \(expected), found \(found(n))")
            return nil
        }
    }

    /// An integer within `range`.
    mutating func integer(_ n: Int, required: Bool = false, range: ClosedRange<Int>, expected: String) -> Int? {
        switch kind(n) {
        case .number:
            let v = double(at: n)
            if v.rounded() == v, v >= Double(range.lowerBound), v <= Double(range.upperBound) { return Int(v) }
            error(n, "expected \(expected), found \(found(n))")
            return nil
        case .null where !required: return nil
        default:
            error(n, "expected \(expected), found \(found(n))")
            return nil
        }
    }

    mutating func bool(_ n: Int) -> Bool? {
        switch kind(n) {
        case .true: return true
        case .false: return false
        case .null: return nil
        default:
            error(n, "expected true or false, found \(found(n))")
            return nil
        }
    }

    /// A real calendar date, `YYYY-MM-DD`.
    mutating func date(_ n: Int, required: Bool = false) -> Day? {
        switch kind(n) {
        case .string:
            let node = nodes[n]
            let slice = UnsafeBufferPointer(rebasing: bytes[Int(node.start)..<Int(node.end)])
            if !node.hasEscapes, let day = Day(utf8: slice) { return day }
            error(n, "expected a date YYYY-MM-DD, found \(found(n))")
            return nil
        case .null where !required: return nil
        default:
            error(n, "expected a date YYYY-MM-DD, found \(found(n))")
            return nil
        }
    }

    /// A key that must be a month, `YYYY-MM`; problems are placed at the key.
    mutating func monthKey(_ key: String, value: Int) -> YearMonth? {
        if let m = YearMonth(key) { return m }
        report(.error, at: keyOffset(ofValue: value), "expected a month YYYY-MM as the key, found \(jsonQuoted(key))")
        return nil
    }

    /// A map from fiscal quarter (`YYYY-Qn`) to a number, as in targets and quotas.
    mutating func quarterMap(_ n: Int) -> [String: Double] {
        guard expectObject(n, required: false) else { return [:] }
        var map: [String: Double] = [:]
        forEachMember(n) { r, keyToken, v in
            let key = r.string(at: keyToken.node)
            if !isQuarterLabel(key) {
                r.report(.warning, at: r.keyOffset(ofValue: v), "expected a fiscal quarter YYYY-Qn as the key, found \(jsonQuoted(key)); it is ignored")
            }
            if let x = r.number(v) { map[key] = x }
        }
        return map
    }

    /// Records an error at the `{` of `object` for each required key never seen.
    mutating func requireKeys(_ names: [String], seen: Set<String>, in object: Int) {
        for name in names where !seen.contains(name) {
            error(object, "missing required key \(jsonQuoted(name))")
        }
    }
}

func isQuarterLabel(_ s: String) -> Bool {
    let u = Array(s.utf8)
    return u.count == 7 && u[4] == UInt8(ascii: "-") && u[5] == UInt8(ascii: "Q") && (49...52).contains(u[6])
        && u[0..<4].allSatisfy { $0 &- 48 < 10 }
}

/// Control characters and escape-sequence introducers: never drawn as they are.
func isControl(_ u: Unicode.Scalar) -> Bool {
    u.value < 0x20 || u.value == 0x7F || (u.value >= 0x80 && u.value < 0xA0)
}

func formatBound(_ v: Double) -> String {
    v.rounded() == v && abs(v) < 1e15 ? String(Int(v)) : String(v)
}
