using Envmon.Hj212.Packets;
using Envmon.Hj212.Tests.Support;

namespace Envmon.Hj212.Tests.Packets;

public sealed class Hj212SplitAssemblerTests
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TheStandardsTwoPartsBecomeOnePacketInAnyOrder()
    {
        var one = Decode.Frame(SampleFrame.ById(8).Bytes);
        var two = Decode.Frame(SampleFrame.ById(9).Bytes);
        foreach (var order in new[] { new[] { one, two }, [two, one], [two, two, one] })
        {
            var assembler = new Hj212SplitAssembler(_time, TimeSpan.FromSeconds(30));
            var results = order.Select(p => assembler.Add(p, out _)).ToArray();
            var whole = Assert.Single(results, r => r is not null)!;
            Assert.Same(whole, results[^1]);
            Assert.Equal((5, false, null, null), (whole.Flag, whole.Split, whole.PacketCount, whole.PacketNumber));
            Assert.Equal(["DataTime", "w00000", "w01001", "w01018"], whole.Fields.Select(f => f.Code).Distinct());
            Assert.Equal(one.Fields.Count + two.Fields.Count - 1, whole.Fields.Count);
            Assert.Equal(0, assembler.PendingCount);
        }
    }

    [Fact]
    public void AnIncompletePacketIsGivenUpAfterTheTimeout()
    {
        var assembler = new Hj212SplitAssembler(_time, TimeSpan.FromSeconds(30));
        Assert.Null(assembler.Add(Decode.Frame(SampleFrame.ById(8).Bytes), out _));
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(assembler.Expire());
        _time.Advance(TimeSpan.FromSeconds(1));
        var expired = Assert.Single(assembler.Expire());
        Assert.Equal(1, Assert.Single(expired).PacketNumber);
        Assert.Equal(0, assembler.PendingCount);
    }

    [Fact]
    public void MemoryIsBoundedByRefusingNewPackets()
    {
        var assembler = new Hj212SplitAssembler(_time, TimeSpan.FromSeconds(30), maxPending: 1);
        var first = Decode.Frame(SampleFrame.ById(8).Bytes);
        Assert.Null(assembler.Add(first, out var refused));
        Assert.False(refused);
        var other = Decode.Frame(SampleFrame.ById(49).Bytes);
        Assert.Null(assembler.Add(other, out refused));
        Assert.True(refused);
        Assert.NotNull(assembler.Add(Decode.Frame(SampleFrame.ById(9).Bytes), out _));
    }

    [Fact]
    public void APacketThatIsNotSplitPassesThrough()
    {
        var packet = Decode.Frame(SampleFrame.ById(23).Bytes);
        Assert.Same(packet, new Hj212SplitAssembler(_time, TimeSpan.FromSeconds(1)).Add(packet, out _));
    }
}
