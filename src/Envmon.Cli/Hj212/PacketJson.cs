using System.Globalization;
using System.Text.Json;
using Envmon.Hj212;
using Envmon.Hj212.Packets;

namespace Envmon.Cli.Hj212;

/// <summary>
/// The JSON shape of <c>envmon hj212 decode</c> and <c>encode</c>: one object per frame or error. The password is
/// never written; <c>encode</c> takes it as <c>pw</c>.
/// </summary>
internal static class PacketJson
{
    public static void Write(Utf8JsonWriter json, Hj212Packet packet, long offset)
    {
        json.WriteStartObject();
        json.WriteBoolean("ok", true);
        json.WriteNumber("offset", offset);
        json.WriteString("version", packet.Version.Name());
        json.WriteString("qn", packet.Qn);
        json.WriteString("st", packet.St);
        json.WriteString("cn", packet.Cn);
        json.WriteString("mn", packet.Mn);
        WriteNumber(json, "flag", packet.Flag);
        json.WriteBoolean("replyRequired", packet.ReplyRequired);
        json.WriteBoolean("split", packet.Split);
        WriteNumber(json, "pnum", packet.PacketCount);
        WriteNumber(json, "pno", packet.PacketNumber);
        if (packet.DataTime is { } dataTime)
        {
            json.WriteString("dataTime", dataTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFzzz", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull("dataTime");
        }

        json.WriteStartArray("cp");
        var group = -1;
        foreach (var field in packet.Fields)
        {
            if (field.Group != group)
            {
                if (group >= 0)
                {
                    json.WriteEndObject();
                }

                json.WriteStartObject();
                group = field.Group;
            }

            json.WriteString(field.Key, field.Value);
        }

        if (group >= 0)
        {
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("warnings");
        foreach (var name in packet.Warnings.Names())
        {
            json.WriteStringValue(name);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter json, Hj212Error error)
    {
        json.WriteStartObject();
        json.WriteBoolean("ok", false);
        json.WriteNumber("offset", error.Offset);
        json.WriteString("error", error.Code.Name());
        json.WriteString("message", error.Message);
        json.WriteEndObject();
    }

    /// <summary>Reads a packet from a decode-shaped object; returns null and a reason when it is not one.</summary>
    public static Hj212Packet? Read(JsonElement element, out string? problem)
    {
        problem = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = "expected a JSON object";
            return null;
        }

        var st = String(element, "st");
        var cn = String(element, "cn");
        var mn = String(element, "mn");
        if (st is null || cn is null || mn is null)
        {
            problem = "\"st\", \"cn\" and \"mn\" are required strings";
            return null;
        }

        var fields = new List<Hj212Field>();
        if (element.TryGetProperty("cp", out var cp) && cp.ValueKind != JsonValueKind.Null)
        {
            if (cp.ValueKind != JsonValueKind.Array)
            {
                problem = "\"cp\" must be an array of objects";
                return null;
            }

            var group = 0;
            foreach (var groupElement in cp.EnumerateArray())
            {
                if (groupElement.ValueKind != JsonValueKind.Object)
                {
                    problem = "\"cp\" must be an array of objects";
                    return null;
                }

                foreach (var item in groupElement.EnumerateObject())
                {
                    if (item.Value.ValueKind != JsonValueKind.String)
                    {
                        problem = $"cp value of \"{item.Name}\" must be a string";
                        return null;
                    }

                    fields.Add(new Hj212Field(group, item.Name, item.Value.GetString()!));
                }

                group++;
            }
        }

        if (!TryInt(element, "flag", out var flag) || !TryInt(element, "pnum", out var pnum) || !TryInt(element, "pno", out var pno))
        {
            problem = "\"flag\", \"pnum\" and \"pno\" must be integers or null";
            return null;
        }

        return new Hj212Packet
        {
            Qn = String(element, "qn"),
            St = st,
            Cn = cn,
            Password = String(element, "pw"),
            Mn = mn,
            Flag = flag,
            PacketCount = pnum,
            PacketNumber = pno,
            Fields = fields,
        };
    }

    private static string? String(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryInt(JsonElement element, string name, out int? value)
    {
        value = null;
        if (!element.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (property.ValueKind == JsonValueKind.Number && property.TryGetInt32(out var number))
        {
            value = number;
            return true;
        }

        return false;
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, int? value)
    {
        if (value is int v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
