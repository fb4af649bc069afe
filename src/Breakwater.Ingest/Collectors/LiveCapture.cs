using System.Threading.Channels;
using Breakwater.Wire;
using SharpPcap;
using SharpPcap.LibPcap;

namespace Breakwater.Ingest.Collectors;

/// <summary>
/// Live packet capture from an interface with libpcap (SharpPcap: capture only; decoding is ours). Frames are copied
/// into pooled buffers and queued like datagrams; when the pool or the queue is full the frame is counted as dropped.
/// </summary>
public sealed class LiveCapture : IDisposable
{
    private const int KernelBufferBytes = 32 << 20;
    private readonly LibPcapLiveDevice _device;
    private readonly ChannelWriter<ReceivedDatagram> _queue;
    private readonly DatagramPool _pool;
    private readonly LinkType _linkType;

    public LiveCapture(string interfaceName, ChannelWriter<ReceivedDatagram> queue, DatagramPool pool, CollectorCounters counters)
    {
        Counters = counters;
        _queue = queue;
        _pool = pool;
        LibPcapLiveDeviceList devices;
        try
        {
            devices = LibPcapLiveDeviceList.Instance;
        }
        catch (Exception e) when (e is DllNotFoundException or PcapException or TypeInitializationException)
        {
            throw new CaptureFormatException("Live capture needs libpcap (Debian package libpcap0.8): " + e.Message, e);
        }

        _device = devices.FirstOrDefault(d => d.Name == interfaceName)
            ?? throw new CaptureFormatException(
                $"There is no capture interface '{interfaceName}'; interfaces here are {string.Join(", ", devices.Select(d => d.Name))}.");
        try
        {
            _device.Open(new DeviceConfiguration { Mode = DeviceModes.Promiscuous, ReadTimeout = 100, Snaplen = 262_144, BufferSize = KernelBufferBytes });
        }
        catch (PcapException e)
        {
            throw new CaptureFormatException($"Cannot capture on '{interfaceName}': {e.Message} (live capture needs root or CAP_NET_RAW).", e);
        }

        _linkType = (LinkType)(ushort)_device.LinkType;
        if (!PacketDecoder.IsSupported(_linkType))
        {
            _device.Close();
            throw new CaptureFormatException($"Interface '{interfaceName}' has link type {(int)_linkType}, which Breakwater cannot decode.");
        }

        _device.OnPacketArrival += OnPacketArrival;
    }

    public CollectorCounters Counters { get; }

    public string InterfaceName => _device.Name;

    public void Start() => _device.StartCapture();

    public void Stop()
    {
        if (_device.Started)
        {
            _device.StopCapture();
        }
    }

    public void Dispose()
    {
        Stop();
        _device.Close();
    }

    private void OnPacketArrival(object sender, PacketCapture capture)
    {
        var data = capture.Data;
        var header = capture.Header;
        var nanos = ((long)header.Timeval.Seconds * 1_000_000_000) + ((long)header.Timeval.MicroSeconds * 1_000);
        Counters.CountDatagram(default);
        if (data.Length > _pool.BufferSize || !_pool.TryRent(out var buffer))
        {
            Counters.CountDrop(data.Length > _pool.BufferSize ? CollectorDrop.FrameTooLarge : CollectorDrop.NoBuffer);
            return;
        }

        data.CopyTo(buffer);
        var frame = new ReceivedDatagram(buffer, data.Length, default, nanos, FlowProtocol.Packet, Counters)
        {
            LinkType = _linkType,
            FrameLength = header is SharpPcap.LibPcap.PcapHeader pcap ? pcap.PacketLength : (uint)data.Length,
        };
        if (!_queue.TryWrite(frame))
        {
            _pool.Return(buffer);
            Counters.CountDrop(CollectorDrop.QueueFull);
        }
    }
}
