import Foundation

extension EngagementFile {
    /// What reading the file under a save's lock found.
    enum ReadUnderLock {
        /// Byte for byte the file this process last read or wrote.
        case same(as: KeptLoad)
        case changed([UInt8])
    }

    /// The file's bytes, read with read(2) into memory of our own: a mapping would let another
    /// process truncating the file kill us with SIGBUS. When they are those of `kept`, they are
    /// compared as they come, a chunk at a time, and not kept twice: `.same`.
    static func readPrivately(_ path: String, comparingWith kept: KeptLoad?) throws(POSIXError) -> ReadUnderLock {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { throw POSIXError(.EINVAL) }
        let size = max(0, Int(info.st_size))
        if let kept, size == kept.bytes.count {
            if try readMatches(fd, kept.bytes) { return .same(as: kept) }
            guard lseek(fd, 0, SEEK_SET) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        }
        return .changed(try readAll(fd, sizeHint: size))
    }

    /// Whether the rest of `fd` is exactly `expected`, read in chunks small enough to stay in the cache.
    static func readMatches(_ fd: Int32, _ expected: [UInt8]) throws(POSIXError) -> Bool {
        let chunkSize = 1 << 18
        let chunk = UnsafeMutableRawPointer.allocate(byteCount: chunkSize, alignment: 64)
        defer { chunk.deallocate() }
        var failure: Int32 = 0
        let matches = expected.withUnsafeBytes { want -> Bool in
            var offset = 0
            while true {
                let n = read(fd, chunk, chunkSize)
                if n < 0 { if errno == EINTR { continue }; failure = errno; return false }
                if n == 0 { return offset == want.count }
                guard offset + n <= want.count, memcmp(chunk, want.baseAddress! + offset, n) == 0 else { return false }
                offset += n
            }
        }
        guard failure == 0 else { throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO) }
        return matches
    }

    /// The rest of `fd`; `sizeHint` (from fstat) sizes the buffer, but the file may grow or shrink meanwhile.
    static func readAll(_ fd: Int32, sizeHint: Int) throws(POSIXError) -> [UInt8] {
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: sizeHint + 1) { buffer, count in
            count = 0
            if let base = buffer.baseAddress { Prefault.forWriting(base, byteCount: buffer.count) }
            while count < buffer.count {
                let n = read(fd, buffer.baseAddress! + count, buffer.count - count)
                if n == 0 { return }
                if n < 0 { if errno == EINTR { continue }; failure = errno; return }
                count += n
            }
        }
        guard failure == 0 else { throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO) }
        if bytes.count <= sizeHint { return bytes }
        // Full: it grew after fstat. The rest in chunks.
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            if n == 0 { break }
            bytes += chunk[0..<n]
        }
        return bytes
    }
}
