using System.Net;
using Microsoft.Extensions.Logging;

namespace Envmon.Server;

/// <summary>
/// The host's log events. Ids by area: 1xxx gateway connections, 2xxx frames and authentication, 3xxx storage,
/// 4xxx platform requests and recalls, 5xxx indicators, 6xxx quality control, review and detection, 7xxx the HTTP API.
/// Passwords are never logged, nor whole frames above Debug.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "listening: the HJ 212 gateway on {Hj212}, the HTTP API on {Http}")]
    public static partial void Listening(this ILogger logger, string hj212, string http);

    [LoggerMessage(1001, LogLevel.Debug, "connection {Connection} from {Remote} opened")]
    public static partial void ConnectionOpened(this ILogger logger, string connection, EndPoint? remote);

    [LoggerMessage(1002, LogLevel.Debug, "connection {Connection} closed: {Reason}")]
    public static partial void ConnectionClosed(this ILogger logger, string connection, string reason);

    [LoggerMessage(1003, LogLevel.Warning, "connection from {Remote} refused: {Reason}")]
    public static partial void ConnectionRefused(this ILogger logger, EndPoint? remote, string reason);

    [LoggerMessage(1004, LogLevel.Error, "connection {Connection} failed")]
    public static partial void ConnectionFailed(this ILogger logger, string connection, Exception exception);

    [LoggerMessage(2000, LogLevel.Debug, "connection {Connection}: bad frame at {Offset}: {Code} {Message}")]
    public static partial void BadFrame(this ILogger logger, string connection, long offset, string code, string message);

    [LoggerMessage(2001, LogLevel.Warning, "connection {Connection} from {Remote}: unknown MN {Mn}")]
    public static partial void UnknownStation(this ILogger logger, string connection, EndPoint? remote, string mn);

    [LoggerMessage(2002, LogLevel.Warning, "connection {Connection} from {Remote}: wrong password for MN {Mn}")]
    public static partial void WrongPassword(this ILogger logger, string connection, EndPoint? remote, string mn);

    [LoggerMessage(2003, LogLevel.Information, "station {Mn} now connects from {Remote} (before: {Previous})")]
    public static partial void StationMoved(this ILogger logger, string mn, EndPoint? remote, string previous);

    [LoggerMessage(2004, LogLevel.Debug, "station {Mn}: {Count} readings dropped: {Reason}")]
    public static partial void ReadingsDropped(this ILogger logger, string mn, int count, string reason);

    [LoggerMessage(3000, LogLevel.Information, "store {Path} open: {Stations} stations, {Records} archive records")]
    public static partial void StoreOpened(this ILogger logger, string path, int stations, long records);

    [LoggerMessage(3001, LogLevel.Error, "group commit of {Frames} frames failed; no replies sent for them (stations resend)")]
    public static partial void CommitFailed(this ILogger logger, int frames, Exception exception);

    [LoggerMessage(2005, LogLevel.Debug, "station {Mn}: {Cn} with QN {Qn} answers no request of ours")]
    public static partial void UnexpectedAnswer(this ILogger logger, string mn, string cn, string? qn);

    [LoggerMessage(4000, LogLevel.Information, "station {Mn}: request {Cn} QN {Qn}: {Outcome} after {Attempts} attempt(s)")]
    public static partial void RequestDone(this ILogger logger, string mn, string cn, string qn, string outcome, int attempts);

    [LoggerMessage(4001, LogLevel.Error, "the gap scan failed; it runs again at the next interval")]
    public static partial void GapScanFailed(this ILogger logger, Exception exception);

    [LoggerMessage(6000, LogLevel.Error, "automatic QC failed; it runs again with the next data")]
    public static partial void QcFailed(this ILogger logger, Exception exception);

    [LoggerMessage(6001, LogLevel.Information, "interference scan of {Day}: {Detections} detections, {Opened} new cases")]
    public static partial void InterferenceScanned(this ILogger logger, string day, int detections, int opened);

    [LoggerMessage(6002, LogLevel.Error, "the interference scan failed; it runs again tomorrow, or on request")]
    public static partial void InterferenceScanFailed(this ILogger logger, Exception exception);

    [LoggerMessage(5000, LogLevel.Error, "storing indicators ({Hours} hours, {Days} days) failed; retried with the next work")]
    public static partial void IndicatorsFailed(this ILogger logger, int hours, int days, Exception exception);

    [LoggerMessage(7000, LogLevel.Error, "rebuilding the kept answer {Key} failed; it is dropped, and the next request builds it again")]
    public static partial void AnswerRebuildFailed(this ILogger logger, string key, Exception exception);

    [LoggerMessage(7001, LogLevel.Information, "{Method} {Path} refused ({Status}): {Reason}")]
    public static partial void RequestRefused(this ILogger logger, string method, string path, int status, string reason);
}
