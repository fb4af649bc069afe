using System.Buffers;
using Breakwater.Wire.Bgp;

namespace Breakwater.Wire.Tests.Bgp;

/// <summary>Framing a BGP byte stream: any segmentation yields the same messages; hostile headers are refused early.</summary>
public sealed class BgpFramingTests
{
    private static readonly IReadOnlyList<byte[]> s_messages = BgpSamples.Stream();
    private static readonly byte[] s_stream = s_messages.SelectMany(m => m).ToArray();

    [Fact]
    public void TryReadMessage_SplitAtEveryOffset_SameMessages()
    {
        for (var cut = 0; cut <= s_stream.Length; cut++)
        {
            AssertReadsAll(SegmentedSequence.Split(s_stream, cut));
        }
    }

    [Fact]
    public void TryReadMessage_OneBytePerSegment_SameMessages() => AssertReadsAll(SegmentedSequence.OneBytePerSegment(s_stream));

    [Fact]
    public void TryReadMessage_OversizedBuffer_SameMessages()
    {
        var padded = new byte[s_stream.Length + 1000];
        s_stream.CopyTo(padded, 0);
        var buffer = new ReadOnlySequence<byte>(padded, 0, s_stream.Length);
        AssertReadsAll(buffer);
    }

    [Fact]
    public void TryReadMessage_EveryStrictPrefix_NeedMoreAndConsumesNothing()
    {
        foreach (var message in s_messages)
        {
            for (var length = 0; length < message.Length; length++)
            {
                var buffer = new ReadOnlySequence<byte>(message, 0, length);
                Assert.False(BgpFraming.TryReadMessage(ref buffer, out _, out var error));
                Assert.True(error.IsNone, $"prefix {length} of a {BgpFraming.TypeOf(message)}: {error}");
                Assert.Equal(length, buffer.Length);
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(15)]
    public void TryReadMessage_WrongMarkerByte_RejectedAsSoonAsItArrives(int position)
    {
        var message = BgpSamples.Bytes(BgpKeepalive.Write);
        message[position] = 0xFE;
        var buffer = new ReadOnlySequence<byte>(message, 0, position + 1);

        Assert.False(BgpFraming.TryReadMessage(ref buffer, out _, out var error));

        Assert.Equal(BgpErrorCode.MessageHeader, error.Code);
        Assert.Equal(BgpErrorCode.ConnectionNotSynchronized, error.Subcode);
        Assert.Equal(position, error.Offset);
    }

    [Theory]
    [InlineData(4097, 2)]
    [InlineData(65535, 1)]
    [InlineData(18, 2)]
    [InlineData(0, 2)]
    public void TryReadMessage_LengthOutOfBounds_RejectedFromHeaderAlone(int length, int headerBytesAfterMarker)
    {
        var header = new byte[19];
        BgpFraming.WriteHeader(header, 19, BgpMessageType.Update);
        header[16] = (byte)(length >> 8);
        header[17] = (byte)length;
        var buffer = new ReadOnlySequence<byte>(header, 0, 16 + headerBytesAfterMarker);

        Assert.False(BgpFraming.TryReadMessage(ref buffer, out _, out var error));

        Assert.Equal(BgpErrorCode.BadMessageLength, error.Subcode);
    }

    [Theory]
    [InlineData(BgpMessageType.Keepalive, 20)]
    [InlineData(BgpMessageType.Open, 28)]
    [InlineData(BgpMessageType.Update, 22)]
    [InlineData(BgpMessageType.Notification, 20)]
    [InlineData(BgpMessageType.RouteRefresh, 24)]
    public void TryReadMessage_LengthWrongForType_BadMessageLength(BgpMessageType type, int length)
    {
        var header = new byte[19];
        BgpFraming.WriteHeader(header, length, type);
        var buffer = new ReadOnlySequence<byte>(header);

        Assert.False(BgpFraming.TryReadMessage(ref buffer, out _, out var error));

        Assert.Equal(BgpError.Header(BgpErrorCode.BadMessageLength, 16), error);
    }

    [Fact]
    public void TryReadMessage_UnknownType_BadMessageType()
    {
        var header = new byte[19];
        BgpFraming.WriteHeader(header, 19, (BgpMessageType)9);
        var buffer = new ReadOnlySequence<byte>(header);

        Assert.False(BgpFraming.TryReadMessage(ref buffer, out _, out var error));

        Assert.Equal(BgpErrorCode.BadMessageType, error.Subcode);
    }

    [Fact]
    public void TryReadMessage_SpanForm_AgreesWithSequenceForm()
    {
        var at = 0;
        foreach (var message in s_messages)
        {
            Assert.True(BgpFraming.TryReadMessage(s_stream.AsSpan(at), out var length, out _));
            Assert.Equal(message.Length, length);
            at += length;
        }
    }

    private static void AssertReadsAll(ReadOnlySequence<byte> buffer)
    {
        foreach (var expected in s_messages)
        {
            Assert.True(BgpFraming.TryReadMessage(ref buffer, out var message, out var error), error.ToString());
            Assert.Equal(expected, message.ToArray());
        }

        Assert.True(buffer.IsEmpty);
        Assert.False(BgpFraming.TryReadMessage(ref buffer, out _, out var end));
        Assert.True(end.IsNone);
    }
}
