namespace Breakwater.Configuration;

/// <summary>
/// <c>collectors.access_log</c>: web access logs the daemon follows across rotation (rename-and-create and copytruncate),
/// for HTTP flood detection per service.
/// </summary>
public sealed record AccessLogCollectorSettings
{
    /// <summary>Absolute paths of the logs to follow (they need not exist yet).</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary><c>auto</c> (sniffed from the first lines), <c>combined</c>, <c>json</c> or <c>caddy</c>.</summary>
    public string Format { get; init; } = "auto";

    /// <summary>Service name for lines that carry no virtual host.</summary>
    public string? Service { get; init; }

    /// <summary>Host group whose thresholds (<c>rps</c>, <c>path_rps</c>) apply; the default group when unset.</summary>
    public string? Group { get; init; }

    /// <summary>Read what the files already hold at start (true) or only what is written afterwards (false, the default).</summary>
    public bool FromStart { get; init; }

    /// <summary>Line of the <c>group</c> key, for the error when it names no group.</summary>
    internal long GroupLine { get; init; }
}
