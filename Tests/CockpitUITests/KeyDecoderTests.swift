import Foundation
import Testing
@testable import CockpitUI
import MetricsCore

/// The terminal's bytes as keys, read as UTF-8 whatever the locale (tryout 3, bug 2: under
/// LANG=C "é" was dropped and took the keys typed after it, Tab and Enter included).
@Suite struct KeyDecoderTests {
    /// Every key in `inputs`, as the ncurses adapter reads them: a byte, then the key it starts.
    static func keys(_ inputs: [ByteArraySource.Input], paste: KeyDecoder.PasteMarks? = .xterm) -> [Key] {
        var source = ByteArraySource(inputs: inputs)
        var out: [Key] = []
        while !source.inputs.isEmpty {
            // What the adapter gets from ncurses when the next input is not a byte: skipped here.
            guard let b = source.nextByte(timeoutMilliseconds: 1000, skippingOthers: true) else { continue }
            if let key = KeyDecoder.key(startingWith: b, from: &source, paste: paste) { out.append(key) }
        }
        return out
    }

    static func keys(_ bytes: [UInt8], paste: KeyDecoder.PasteMarks? = .xterm) -> [Key] {
        keys(bytes.map(ByteArraySource.Input.byte), paste: paste)
    }

    static func keys(_ text: String) -> [Key] { keys(Array(text.utf8)) }

    static func chars(_ text: String) -> [Key] { text.map(Key.char) }

    @Test func twoThreeAndFourByteCharactersAreOneKeyEach() {
        #expect(Self.keys([0xC3, 0xA9]) == [.char("é")])
        #expect(Self.keys("Zoë") == Self.chars("Zoë"))
        #expect(Self.keys("日本") == [.char("日"), .char("本")])
        #expect(Self.keys("a😀b") == [.char("a"), .char("😀"), .char("b")])
        // A letter and its combining accent come as two keys; the field joins them into one character.
        #expect(Self.keys("e\u{301}") == [.char("e"), .char("\u{301}")])
    }

    /// The keys after a non-ASCII character are never taken with it.
    @Test func tabAndEnterAfterAnAccentedLetterAreKeys() {
        #expect(Self.keys("é\t") == [.char("é"), .tab])
        #expect(Self.keys("é\r") == [.char("é"), .enter])
        #expect(Self.keys("Zoëabc\t\r") == Self.chars("Zoëabc") + [.tab, .enter])
        // Typed: the next keys a moment later.
        #expect(Self.keys([.byte(0xC3), .byte(0xAB), .gap, .byte(0x61), .gap, .byte(0x09)]) == [.char("ë"), .char("a"), .tab])
    }

    /// A byte that is not UTF-8 is dropped alone: what follows it is read as the next key.
    @Test func anInvalidByteIsDroppedAlone() {
        #expect(Self.keys([0xFF]) == [])
        #expect(Self.keys([0x61, 0xFF, 0x62]) == [.char("a"), .char("b")])
        #expect(Self.keys([0xFF, 0x09, 0x0D]) == [.tab, .enter])
        // A lone continuation byte, an overlong "/" (C0 AF), a surrogate (ED A0 80), beyond U+10FFFF (F4 90 ...).
        #expect(Self.keys([0xA9, 0x78]) == [.char("x")])
        #expect(Self.keys([0xC0, 0xAF, 0x78]) == [.char("x")])
        #expect(Self.keys([0xED, 0xA0, 0x80, 0x78]) == [.char("x")])
        #expect(Self.keys([0xF4, 0x90, 0x80, 0x80, 0x78]) == [.char("x")])
        // Latin-1 é (a terminal that is not UTF-8) before Enter: Enter stays.
        #expect(Self.keys([0xE9, 0x0D]) == [.enter])
        // A sequence cut off by the next key, or by the end of the input: the key stays.
        #expect(Self.keys([0xE6, 0x97, 0x09]) == [.tab])
        #expect(Self.keys([0xC3, 0x1B]) == [.escape])
        #expect(Self.keys([0xC3]) == [])
        // Cut off by a pause: what comes after it is a key of its own.
        #expect(Self.keys([.byte(0xC3), .gap, .byte(0x61)]) == [.char("a")])
        // Cut off by a key ncurses decoded (an arrow): the arrow is left for the next read.
        var source = ByteArraySource(inputs: [.other, .byte(0xA9)])
        #expect(KeyDecoder.scalar(startingWith: 0xC3, from: &source) == nil && source.inputs == [.other, .byte(0xA9)])
    }

    @Test func controlCharactersAreTheirKeys() {
        #expect(Self.keys([0x1B], paste: nil) == [.escape])
        #expect(Self.keys([0x1B]) == [.escape])
        #expect(Self.keys([0x7F, 0x08, 0x01, 0x17, 0x0A]) == [.backspace, .backspace, .ctrl("a"), .ctrl("w"), .enter])
        // C1 controls (UTF-8 C2 80 ... C2 9F) and NUL are no keys; NBSP is a character.
        #expect(Self.keys([0xC2, 0x85, 0x00, 0xC2, 0xA0]) == [.char("\u{A0}")])
    }

    /// A bracketed paste is one piece of text, UTF-8 decoded; Tab, Enter and Esc typed after it stay keys.
    @Test func aBracketedPasteKeepsItsAccentsAndTheKeysAfterIt() {
        let pasted = "Call Société Générale about the café deal – 日本"
        let bytes = Array("\u{1B}[200~\(pasted)\u{1B}[201~\t\r".utf8)
        #expect(Self.keys(bytes) == [.paste(pasted), .tab, .enter])
        // An invalid byte inside it is dropped alone; CR becomes a line break.
        let mixed: [UInt8] = Array("\u{1B}[200~caf".utf8) + [0xC3, 0xA9, 0xFF, 0x0D, 0x78] + Array("\u{1B}[201~".utf8) + [0x79]
        #expect(Self.keys(mixed) == [.paste("café\nx"), .char("y")])
        // Cut off inside a character at its end mark: the end mark still ends it.
        #expect(Self.keys(Array("\u{1B}[200~Zo".utf8) + [0xC3] + Array("\u{1B}[201~a".utf8)) == [.paste("Zo"), .char("a")])
        // A paste with no end mark ends at the pause.
        #expect(Self.keys(Array("\u{1B}[200~né".utf8).map(ByteArraySource.Input.byte) + [.gap, .byte(0x09)]) == [.paste("né"), .tab])
        // What ncurses decoded inside a paste is no key.
        #expect(Self.keys(Array("\u{1B}[200~a".utf8).map(ByteArraySource.Input.byte) + [.other] + Array("b\u{1B}[201~".utf8).map(ByteArraySource.Input.byte)) == [.paste("ab")])
        // Esc and then a bracket typed, not a paste: both keys.
        #expect(Self.keys("\u{1B}[2x") == [.escape, .char("["), .char("2"), .char("x")])
    }

    @Test func textDropsInvalidBytesAlone() {
        #expect(KeyDecoder.text(Array("Société".utf8)) == "Société")
        #expect(KeyDecoder.text([0x61, 0xFF, 0xC3, 0xA9, 0xE6, 0x97, 0x62, 0xF0, 0x9F, 0x98, 0x80]) == "aéb😀")
        #expect(KeyDecoder.text([]) == "")
    }

    /// Every 2-, 3- and 4-byte sequence Swift calls valid UTF-8 is one key of that scalar, and
    /// every byte string decodes as Swift's own decoder does with its replacement characters left out.
    @Test func agreesWithSwiftsUTF8Decoder() {
        var wrong: [String] = []
        for v in stride(from: 0xA0, through: 0x10FFFF, by: 7) {
            guard let u = Unicode.Scalar(v) else { continue }
            if Self.keys(Array(String(u).utf8)) != [.char(Character(u))] { wrong.append("U+" + String(v, radix: 16)) }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(10))")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                [UInt8.random(in: 0x80...0xFF, using: &generator), UInt8.random(in: 0x20...0x7E, using: &generator), 0xC3, 0xA9, 0xE6][Int.random(in: 0...4, using: &generator)]
            }
            let swift = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars.filter { $0 != "\u{FFFD}" })
            #expect(Array(KeyDecoder.text(bytes).unicodeScalars) == swift, "\(bytes)")
        }
    }

    /// Under a locale that is not UTF-8 the cockpit draws typed text in ASCII (transliterated,
    /// `?` per column where there is none) and keeps it exactly as typed.
    @Test func typedAccentsAreStoredAsTypedAndDrawnInASCII() {
        var s = Cockpit.state()
        _ = Cockpit.press([.char("/")] + Self.keys("Zoë日本"), on: &s)
        #expect(s.input == .search("Zoë日本"))
        let ascii = CockpitView.render(s, glyphs: .ascii).trimmedLines
        #expect(ascii[0].contains("Search \"Zoe????\""), "\(ascii[0])")
        #expect(ascii.allSatisfy { $0.allSatisfy(\.isASCII) })
        let unicode = CockpitView.render(s, glyphs: .unicode).trimmedLines
        #expect(unicode[0].contains("Search \"Zoë日本\""), "\(unicode[0])")
    }
}
