namespace Breakwater.Ingest.AccessLogs;

/// <summary>One open generation of a followed log: its handle, its own line decoder (a line never mixes two files) and where it was read to.</summary>
internal sealed class FollowedFile(FileStream stream, AccessLogDecoder decoder) : IDisposable
{
    public FileStream Stream { get; } = stream;

    public AccessLogDecoder Decoder { get; } = decoder;

    /// <summary>Polls in a row that found nothing new (a retired file is closed after a while).</summary>
    public int EmptyPolls { get; set; }

    public void Dispose()
    {
        Decoder.Dispose();
        Stream.Dispose();
    }
}
