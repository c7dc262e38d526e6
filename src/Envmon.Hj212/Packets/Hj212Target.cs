namespace Envmon.Hj212.Packets;

/// <summary>The station a platform request goes to: its MN, password, system code and protocol version.</summary>
/// <param name="Mn">The data logger's MN.</param>
/// <param name="Password">Its PW.</param>
/// <param name="St">Its system code (22 air, 21 surface water, 23 noise...).</param>
/// <param name="Version">The protocol version it speaks; commands are encoded for it.</param>
public sealed record Hj212Target(string Mn, string Password, string St, Hj212Version Version);
