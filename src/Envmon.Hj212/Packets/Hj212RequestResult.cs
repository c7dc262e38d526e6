namespace Envmon.Hj212.Packets;

/// <summary>QnRtn of a 9011 request answer (HJ 212-2017 table 6).</summary>
public enum Hj212RequestResult
{
    /// <summary>1: ready to execute.</summary>
    Ready = 1,

    /// <summary>2: request rejected.</summary>
    Rejected = 2,

    /// <summary>3: wrong PW.</summary>
    WrongPassword = 3,

    /// <summary>4: wrong MN.</summary>
    WrongMn = 4,

    /// <summary>5: wrong ST.</summary>
    WrongSt = 5,

    /// <summary>6: wrong Flag.</summary>
    WrongFlag = 6,

    /// <summary>7: wrong QN.</summary>
    WrongQn = 7,

    /// <summary>8: wrong CN.</summary>
    WrongCn = 8,

    /// <summary>9: CRC error.</summary>
    CrcError = 9,

    /// <summary>100: unknown error.</summary>
    Unknown = 100,
}
