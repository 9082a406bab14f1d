import CWebP

/// What went wrong writing an animated WebP.
public enum WebPError: Error, CustomStringConvertible, Sendable {
    case encoder(String)

    public var description: String {
        switch self {
        case let .encoder(what): return "cannot encode the WebP: \(what)"
        }
    }
}

/// Animated WebP through libwebp's `WebPAnimEncoder`: lossless, so a WebP made from a GIF's
/// decoded frames shows exactly the GIF's pixels, with its delays and loop count.
///
/// Guarantees: the same frames, delays, loop and comment give the same bytes (libwebp is run
/// on one thread, with fixed settings); the comment goes in a chunk of its own that viewers
/// skip (`DSCR`), where `comment(in:)` finds it again.
public enum WebPAnimation {
    /// The chunk that carries a comment (the fingerprint): RIFF's rule is that readers skip
    /// chunks they do not know.
    public static let commentChunk = "DSCR"

    /// Encodes `frames` (RGBA, `width`×`height`, each a whole picture) shown for `delays`
    /// centiseconds each; `loop` 0 loops forever, N plays N more times, nil plays once.
    public static func encode(frames: [[UInt8]], width: Int, height: Int, delays: [Int], loop: Int?,
                              comment: String? = nil) throws -> [UInt8] {
        precondition(frames.count == delays.count && !frames.isEmpty, "a delay for every frame")
        var options = WebPAnimEncoderOptions()
        guard descent_webp_anim_options_init(&options) != 0 else { throw WebPError.encoder("libwebp's version does not match") }
        // Both key frames and sub-frames tried for each frame, the smaller kept; lossless only.
        options.minimize_size = 1
        options.allow_mixed = 0
        // WebP counts every play (0: forever); GIF's count is of the repeats after the first.
        options.anim_params.loop_count = Int32(loop.map { $0 == 0 ? 0 : $0 + 1 } ?? 1)
        guard let encoder = descent_webp_anim_encoder_new(Int32(width), Int32(height), &options) else {
            throw WebPError.encoder("no encoder for \(width)x\(height)")
        }
        defer { WebPAnimEncoderDelete(encoder) }
        var config = WebPConfig()
        guard descent_webp_config_init(&config) != 0 else { throw WebPError.encoder("libwebp's version does not match") }
        config.lossless = 1
        // Effort: libwebp's default, method 4. Method 1 took 0.6 times as long but left the
        // race's casings and markers (the light theme) at 0.81 times the GIF's bytes, over
        // the 0.8 asked; method 4 gives 0.70–0.79 on the gallery (README).
        config.method = 4
        config.quality = 100
        config.thread_level = 0
        config.exact = 1
        var timestamp = 0
        for (pixels, delay) in zip(frames, delays) {
            var picture = WebPPicture()
            guard descent_webp_picture_init(&picture) != 0 else { throw WebPError.encoder("libwebp's version does not match") }
            picture.use_argb = 1
            picture.width = Int32(width)
            picture.height = Int32(height)
            let imported = pixels.withUnsafeBufferPointer { WebPPictureImportRGBA(&picture, $0.baseAddress, Int32(width * 4)) }
            defer { WebPPictureFree(&picture) }
            guard imported != 0 else { throw WebPError.encoder("out of memory for a frame") }
            guard WebPAnimEncoderAdd(encoder, &picture, Int32(timestamp), &config) != 0 else {
                throw WebPError.encoder(String(cString: WebPAnimEncoderGetError(encoder)))
            }
            timestamp += delay * 10
        }
        guard WebPAnimEncoderAdd(encoder, nil, Int32(timestamp), nil) != 0 else {
            throw WebPError.encoder(String(cString: WebPAnimEncoderGetError(encoder)))
        }
        var data = WebPData()
        guard WebPAnimEncoderAssemble(encoder, &data) != 0 else {
            throw WebPError.encoder(String(cString: WebPAnimEncoderGetError(encoder)))
        }
        defer { WebPDataClear(&data) }
        let bytes = Array(UnsafeBufferPointer(start: data.bytes, count: data.size))
        guard let comment else { return bytes }
        return try withComment(bytes, comment)
    }

    /// `webp` with `comment` in a `DSCR` chunk, through libwebp's muxer.
    private static func withComment(_ webp: [UInt8], _ comment: String) throws -> [UInt8] {
        try webp.withUnsafeBufferPointer { buffer in
            var input = WebPData(bytes: buffer.baseAddress, size: buffer.count)
            guard let mux = descent_webp_mux_create(&input, 1) else { throw WebPError.encoder("libwebp cannot read its own file") }
            defer { WebPMuxDelete(mux) }
            let text = Array(comment.utf8)
            let status = text.withUnsafeBufferPointer { textBuffer -> WebPMuxError in
                var chunk = WebPData(bytes: textBuffer.baseAddress, size: textBuffer.count)
                return WebPMuxSetChunk(mux, commentChunk, &chunk, 1)
            }
            guard status == WEBP_MUX_OK else { throw WebPError.encoder("cannot add the comment chunk (\(status.rawValue))") }
            var output = WebPData()
            guard WebPMuxAssemble(mux, &output) == WEBP_MUX_OK else { throw WebPError.encoder("cannot assemble the file") }
            defer { WebPDataClear(&output) }
            return Array(UnsafeBufferPointer(start: output.bytes, count: output.size))
        }
    }

    /// The comment a `DSCR` chunk of `webp` carries, found by walking its RIFF chunks.
    public static func comment(in webp: [UInt8]) -> String? {
        guard webp.count >= 12, webp.starts(with: Array("RIFF".utf8)), Array(webp[8..<12]) == Array("WEBP".utf8) else { return nil }
        var offset = 12
        while offset + 8 <= webp.count {
            let name = String(decoding: webp[offset..<(offset + 4)], as: UTF8.self)
            let size = (0..<4).reduce(0) { $0 | Int(webp[offset + 4 + $1]) << (8 * $1) }
            let start = offset + 8
            guard start + size <= webp.count else { return nil }
            if name == commentChunk { return String(decoding: webp[start..<(start + size)], as: UTF8.self) }
            offset = start + size + (size & 1)
        }
        return nil
    }
}
