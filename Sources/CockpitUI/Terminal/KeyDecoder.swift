/// Where `KeyDecoder` reads a terminal's input: its bytes, one at a time, and whatever the
/// terminal library decoded itself (arrows, mouse, resize: "not a byte").
public protocol KeyByteSource {
    /// The next input when it is a byte that comes within `timeoutMilliseconds` (0: only one
    /// already there). nil when none comes in time, or when the next input is not a byte: it is
    /// then kept for the next read, unless `skippingOthers`, which drops it and reads on.
    mutating func nextByte(timeoutMilliseconds: Int, skippingOthers: Bool) -> UInt8?
    /// Puts bytes back in front of the input, to be read again in this order.
    mutating func unread(_ bytes: [UInt8])
}

/// The keys a terminal's bytes are, read as UTF-8 whatever the locale says.
///
/// Terminals send UTF-8 even when the server's locale is C or POSIX (a shared SSH box): ncurses'
/// `get_wch` under such a locale took "é" (0xC3 0xA9) for the start of a longer character and
/// kept reading, so the keys typed after it (Tab, Enter included) went with it for as long as
/// they kept coming. Here a character's bytes are read to its end and no further: a byte that is
/// not UTF-8 (a lone 0xFF, a sequence cut off, a surrogate, an overlong form) is dropped alone,
/// and the next byte is read as the start of the next key.
public enum KeyDecoder {
    /// How long the rest of one character may take to come (a terminal sends it in one write).
    public static let continuationMilliseconds = 100
    /// How long a bracketed paste may pause before it is taken as cut off.
    public static let pasteGapMilliseconds = 200
    /// The most text one paste may hold (bytes); the rest is typed as keys.
    public static let pasteLimit = 1 << 20

    /// A terminal's bracketed-paste marks: `start` without its leading ESC (`[200~` on xterm),
    /// `end` whole (`ESC [201~`).
    public struct PasteMarks: Sendable, Equatable {
        public let start: [UInt8]
        public let end: [UInt8]
        public init(start: [UInt8], end: [UInt8]) { self.start = start; self.end = end }
        /// xterm's, which tmux, screen and most terminals use.
        public static let xterm = PasteMarks(start: Array("[200~".utf8), end: [27] + Array("[201~".utf8))
    }

    /// The key that `first` (a byte just read) starts, reading the rest of it from `source`;
    /// nil when the bytes are no key (not UTF-8, a control character with no key). After ESC,
    /// `paste`'s start mark makes the text up to its end mark one `.paste`.
    public static func key(startingWith first: UInt8, from source: inout some KeyByteSource, paste: PasteMarks? = nil) -> Key? {
        if first == 27, let paste { return afterEscape(paste, from: &source) }
        if first < 0x80 { return character(UInt32(first)) }
        guard let scalar = scalar(startingWith: first, from: &source) else { return nil }
        return character(scalar.value)
    }

    /// The scalar a UTF-8 sequence starting with `lead` encodes, its other bytes read from
    /// `source`; nil (and only `lead` used up) when `lead` starts no valid sequence. A byte that
    /// breaks the sequence is put back, so it still counts as the next key.
    static func scalar(startingWith lead: UInt8, from source: inout some KeyByteSource) -> Unicode.Scalar? {
        let length: Int
        // Second bytes that keep the sequence shortest and out of the surrogates (RFC 3629).
        var second: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; second = 0xA0...0xBF
        case 0xED: length = 3; second = 0x80...0x9F
        case 0xE1...0xEF: length = 3
        case 0xF0: length = 4; second = 0x90...0xBF
        case 0xF4: length = 4; second = 0x80...0x8F
        case 0xF1...0xF3: length = 4
        default: return nil // ASCII, a continuation byte, 0xC0, 0xC1, 0xF5...0xFF
        }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for i in 1..<length {
            guard let b = source.nextByte(timeoutMilliseconds: continuationMilliseconds, skippingOthers: false) else { return nil }
            guard (i == 1 ? second : 0x80...0xBF).contains(b) else {
                source.unread([b])
                return nil
            }
            value = value << 6 | UInt32(b & 0x3F)
        }
        return Unicode.Scalar(value)
    }

    /// The key a character is: Enter, Tab, Backspace, Esc, Ctrl-letters, or a printable
    /// character; nil for the other control characters (C0 and C1).
    public static func character(_ value: UInt32) -> Key? {
        switch value {
        case 10, 13: return .enter
        case 27: return .escape
        case 9: return .tab
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(value + 96)!))
        case 0x80...0x9F: return nil
        default:
            guard let scalar = Unicode.Scalar(value), value >= 32 else { return nil }
            return .char(Character(scalar))
        }
    }

    /// Bytes as text, read as UTF-8: a byte that is not part of a valid sequence is dropped alone
    /// (never replaced, never taking the bytes after it).
    public static func text(_ bytes: some Collection<UInt8>) -> String {
        var source = ByteArraySource(Array(bytes))
        var scalars = String.UnicodeScalarView()
        while let b = source.nextByte(timeoutMilliseconds: 0, skippingOthers: true) {
            if b < 0x80 {
                scalars.append(Unicode.Scalar(b))
            } else if let s = scalar(startingWith: b, from: &source) {
                scalars.append(s)
            }
        }
        return String(scalars)
    }

    /// An Esc key, or the start of a bracketed paste (`ESC [200~ text ESC [201~` on xterm).
    static func afterEscape(_ paste: PasteMarks, from source: inout some KeyByteSource) -> Key {
        var read: [UInt8] = []
        for expected in paste.start {
            guard let b = source.nextByte(timeoutMilliseconds: 0, skippingOthers: false) else { break }
            read.append(b)
            if b != expected { break }
        }
        guard read == paste.start else {
            source.unread(read)
            return .escape
        }
        // The pasted text up to the end mark; a paste cut off (no end mark within the gap) ends
        // where it stops. Anything the terminal library decoded inside it (an arrow's sequence
        // in the pasted text) is left out: a paste is text, never keys.
        var body: [UInt8] = []
        while body.count < pasteLimit, let b = source.nextByte(timeoutMilliseconds: pasteGapMilliseconds, skippingOthers: true) {
            body.append(b)
            if b == paste.end.last, body.count >= paste.end.count, body.suffix(paste.end.count).elementsEqual(paste.end) {
                body.removeLast(paste.end.count)
                break
            }
        }
        return .paste(String(String.UnicodeScalarView(text(body).unicodeScalars.map { $0 == "\r" ? "\n" : $0 })))
    }
}

/// Bytes in memory as a `KeyByteSource`: every byte is there at once; a `nil` in `inputs` is a
/// gap (no byte comes in time: one read returns nil), for tests of what follows a cut-off
/// sequence; `.other` stands for input that is not a byte (a key the library decoded).
public struct ByteArraySource: KeyByteSource {
    public enum Input: Equatable, Sendable { case byte(UInt8), gap, other }
    public private(set) var inputs: [Input]

    public init(_ bytes: [UInt8]) { inputs = bytes.map(Input.byte) }
    public init(inputs: [Input]) { self.inputs = inputs }

    public mutating func nextByte(timeoutMilliseconds: Int, skippingOthers: Bool) -> UInt8? {
        while let next = inputs.first {
            switch next {
            case .byte(let b): inputs.removeFirst(); return b
            case .gap: inputs.removeFirst(); return nil
            case .other:
                guard skippingOthers else { return nil }
                inputs.removeFirst()
            }
        }
        return nil
    }

    public mutating func unread(_ bytes: [UInt8]) { inputs.insert(contentsOf: bytes.map(Input.byte), at: 0) }
}
