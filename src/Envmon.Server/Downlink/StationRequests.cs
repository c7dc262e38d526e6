using Envmon.Hj212.Packets;
using Envmon.Server.Ingestion;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Envmon.Server.Downlink;

/// <summary>What became of a platform request.</summary>
public enum DownlinkOutcome
{
    /// <summary>The station answered 9011 with QnRtn 1 and 9012 with ExeRtn 1.</summary>
    Executed,

    /// <summary>The station accepted the request but reported it failed (9012 ExeRtn other than 1).</summary>
    Failed,

    /// <summary>The station refused it (9011 QnRtn other than 1: busy, wrong password, wrong CN…).</summary>
    Refused,

    /// <summary>No 9011 came after every retry.</summary>
    NoAnswer,

    /// <summary>The station accepted it but no 9012 came within the execution timeout.</summary>
    NoResult,

    /// <summary>The station is not connected (or has not authenticated on its connection yet).</summary>
    NotConnected,
}

/// <summary>A platform request's outcome: its QN, how many times it was sent, and the station's return codes.</summary>
public sealed record DownlinkResult(DownlinkOutcome Outcome, string? Qn, int Attempts, int? QnRtn, int? ExeRtn);

/// <summary>
/// Platform-to-station requests on the station's live connection (HJ 212-2017 §6.5): the request is sent with a
/// fresh QN, answered by 9011 within <see cref="GatewayOptions.RequestTimeout"/> or sent again, up to
/// <see cref="GatewayOptions.RequestRetries"/> times (OverTime and ReCount); once accepted, it waits for the 9012.
/// </summary>
internal sealed class StationRequests(ConnectionTable links, TimeProvider time, IOptions<GatewayOptions> options, ILogger<StationRequests> logger)
{
    /// <summary>Sends the request <paramref name="build"/> makes for the station's target and QN, and waits for its outcome.</summary>
    public async Task<DownlinkResult> SendAsync(string mn, Func<Hj212Target, DateTimeOffset, Hj212Packet> build, CancellationToken cancellation)
    {
        if (links.Find(mn) is not { Connected: true, Session: { Target: { } target } session })
        {
            return new DownlinkResult(DownlinkOutcome.NotConnected, null, 0, null, null);
        }

        var request = build(target, session.NextQn(time.GetUtcNow()));
        var qn = request.Qn!;
        var pending = session.Expect(qn);
        var result = new DownlinkResult(DownlinkOutcome.NoAnswer, qn, 0, null, null);
        try
        {
            result = await ExchangeAsync(session, request, pending, cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ObjectDisposedException or IOException || (e is OperationCanceledException && !cancellation.IsCancellationRequested))
        {
            // The connection closed while the request waited.
            result = new DownlinkResult(DownlinkOutcome.NotConnected, qn, 0, null, null);
        }
        finally
        {
            session.Forget(qn);
        }

        logger.RequestDone(mn, request.Cn, qn, result.Outcome.ToString(), result.Attempts);
        return result;
    }

    private async Task<DownlinkResult> ExchangeAsync(StationSession session, Hj212Packet request, PendingRequest pending, CancellationToken cancellation)
    {
        var settings = options.Value;
        for (var attempt = 1; attempt <= settings.RequestRetries + 1; attempt++)
        {
            await session.SendAsync(request, cancellation).ConfigureAwait(false);
            Hj212Packet answer;
            try
            {
                answer = await pending.Answer.Task.WaitAsync(settings.RequestTimeout, time, cancellation).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                continue;
            }

            var qnRtn = Code(answer, "QnRtn");
            if (qnRtn != (int)Hj212RequestResult.Ready)
            {
                return new DownlinkResult(DownlinkOutcome.Refused, request.Qn, attempt, qnRtn, null);
            }

            try
            {
                var result = await pending.Result.Task.WaitAsync(settings.ExecutionTimeout, time, cancellation).ConfigureAwait(false);
                var exeRtn = Code(result, "ExeRtn");
                var outcome = exeRtn == (int)Hj212ExecutionResult.Success ? DownlinkOutcome.Executed : DownlinkOutcome.Failed;
                return new DownlinkResult(outcome, request.Qn, attempt, qnRtn, exeRtn);
            }
            catch (TimeoutException)
            {
                return new DownlinkResult(DownlinkOutcome.NoResult, request.Qn, attempt, qnRtn, null);
            }
        }

        return new DownlinkResult(DownlinkOutcome.NoAnswer, request.Qn, settings.RequestRetries + 1, null, null);
    }

    private static int? Code(Hj212Packet answer, string key)
        => int.TryParse(answer.Find(key)?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : null;
}
