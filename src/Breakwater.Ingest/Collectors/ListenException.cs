using System.Net;
using System.Net.Sockets;

namespace Breakwater.Ingest.Collectors;

/// <summary>A collector could not bind its address; the message names the protocol, the address and the reason.</summary>
public sealed class ListenException : IOException
{
    public ListenException(FlowProtocol protocol, IPEndPoint endpoint, SocketException inner)
        : base($"cannot listen for {protocol.ToString().ToLowerInvariant()} on {endpoint}: {Reason(inner)}", inner)
    {
        Endpoint = endpoint;
    }

    public ListenException()
    {
    }

    public ListenException(string message)
        : base(message)
    {
    }

    public ListenException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public IPEndPoint? Endpoint { get; }

    private static string Reason(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.AddressAlreadyInUse => "the address is already in use (another collector or breakwater running?)",
        SocketError.AddressNotAvailable => "that address is not on this machine",
        SocketError.AccessDenied => "permission denied (ports below 1024 need privileges)",
        _ => e.Message.TrimEnd('.'),
    };
}
