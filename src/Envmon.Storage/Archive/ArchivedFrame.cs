namespace Envmon.Storage.Archive;

/// <summary>
/// A frame as received, for the raw archive: the exact bytes, when and from where, and what decoding made of it.
/// </summary>
/// <param name="Received">When the gateway read it.</param>
/// <param name="Remote">The sender's address and port.</param>
/// <param name="Connection">The connection's id.</param>
/// <param name="Mn">The station's MN, when the frame decoded far enough to have one.</param>
/// <param name="Cn">The command code, likewise.</param>
/// <param name="Outcome">What became of it: <c>ok</c>, an error code (<c>crc-mismatch</c>), <c>unknown-mn</c>, <c>wrong-pw</c>, …</param>
/// <param name="Bytes">The frame exactly as received.</param>
public sealed record ArchivedFrame(DateTimeOffset Received, string Remote, string Connection, string? Mn, string? Cn, string Outcome, byte[] Bytes);
