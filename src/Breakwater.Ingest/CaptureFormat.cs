namespace Breakwater.Ingest;

public enum CaptureFormat
{
    Pcap,
    Pcapng,
}
