using Breakwater.Wire.Bgp;

namespace Breakwater.Bgp;

/// <summary>Why a session ended: the NOTIFICATION we send (if any) and a sentence for the log.</summary>
internal sealed class BgpSessionEnd : Exception
{
    public BgpSessionEnd(string reason, BgpNotification? send = null)
        : base(reason) => Notification = send;

    public BgpSessionEnd()
        : base("session ended")
    {
    }

    public BgpSessionEnd(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BgpNotification? Notification { get; }
}
