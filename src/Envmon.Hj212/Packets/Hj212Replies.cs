using System.Globalization;
using Envmon.Hj212.Codes;

namespace Envmon.Hj212.Packets;

/// <summary>
/// Answers to a received packet (HJ 212-2017 §6.6): the received QN echoed, ST=91, the same PW and MN, the version
/// bits kept and bit A cleared. A 2005 packet without Flag is answered without Flag, and without QN when it had none
/// (docs/hj212.md, "Answers to 2005 stations").
/// </summary>
public static class Hj212Replies
{
    /// <summary>9014: the answer to a data upload whose Flag asks for one.</summary>
    public static Hj212Packet DataAnswer(Hj212Packet upload) => Answer(upload, Hj212Commands.DataAnswer, []);

    /// <summary>9013: the answer to a notice (1013 from a station; 2012/2022 from the platform).</summary>
    public static Hj212Packet NoticeAnswer(Hj212Packet notice) => Answer(notice, Hj212Commands.NoticeAnswer, []);

    /// <summary>9011: whether a request will be executed.</summary>
    public static Hj212Packet RequestAnswer(Hj212Packet request, Hj212RequestResult result)
        => Answer(request, Hj212Commands.RequestAnswer, [Number("QnRtn", (int)result)]);

    /// <summary>9012: how a request's execution ended.</summary>
    public static Hj212Packet ExecutionResult(Hj212Packet request, Hj212ExecutionResult result)
        => Answer(request, Hj212Commands.ExecutionResult, [Number("ExeRtn", (int)result)]);

    private static Hj212Packet Answer(Hj212Packet received, string cn, Hj212Field[] fields) => new()
    {
        Qn = received.Qn,
        St = Hj212SystemCodes.SystemInteraction,
        Cn = cn,
        Password = received.Password,
        Mn = received.Mn,
        Flag = received.Flag is null ? null : Hj212Flag.Compose(received.Version, replyRequired: false, split: false),
        Fields = fields,
    };

    private static Hj212Field Number(string key, int value) => new(0, key, value.ToString(CultureInfo.InvariantCulture));
}
