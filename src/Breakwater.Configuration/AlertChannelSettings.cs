namespace Breakwater.Configuration;

/// <summary>
/// One entry of the <c>alerts</c> list. <see cref="Type"/> is <c>webhook</c> (POSTs the incident event JSON), <c>slack</c>
/// (a Slack-compatible incoming webhook, readable text), <c>smtp</c> (a mail) or <c>script</c> (runs a program with the
/// event JSON on stdin). Secrets (<see cref="Url"/>, <see cref="Password"/>, header values) are shown only redacted.
/// </summary>
public sealed record AlertChannelSettings
{
    public const int DefaultMaxPerMinute = 10;
    public const int DefaultRetries = 3;
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The events sent by default: an incident's start and its end.</summary>
    public static readonly IReadOnlyList<string> DefaultEvents = ["incident.started", "incident.ended"];

    public required string Type { get; init; }

    /// <summary>The channel's name in logs and metrics (default: the type and its position, e.g. <c>webhook-0</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Events to send: <c>incident.started</c>, <c>incident.updated</c>, <c>incident.ended</c>.</summary>
    public IReadOnlyList<string> Events { get; init; } = DefaultEvents;

    /// <summary>Most messages a minute; events that wait are coalesced per incident (the newest wins).</summary>
    public int MaxPerMinute { get; init; } = DefaultMaxPerMinute;

    /// <summary>Tries after the first one fails, with exponential backoff (1 s, 2 s, 4 s …).</summary>
    public int Retries { get; init; } = DefaultRetries;

    /// <summary>Time one try may take (connect, send, answer; a script's run).</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>webhook, slack: where to POST.</summary>
    public Uri? Url { get; init; }

    /// <summary>webhook: extra request headers (e.g. Authorization).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>smtp: the server.</summary>
    public string? Host { get; init; }

    public int Port { get; init; } = 25;

    /// <summary>smtp: <c>none</c>, <c>starttls</c> (required), <c>tls</c> (implicit, port 465) or <c>auto</c> (STARTTLS when offered).</summary>
    public string Tls { get; init; } = "auto";

    public string? From { get; init; }

    public IReadOnlyList<string> To { get; init; } = [];

    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>script: the program and its arguments (the event name, target and id follow them).</summary>
    public string? Path { get; init; }

    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Whether two entries describe the same channel, field by field (lists and headers by content).</summary>
    public bool SameAs(AlertChannelSettings other) =>
        other is not null
        && this with { Events = [], Headers = EmptyHeaders, To = [], Args = [] } == other with { Events = [], Headers = EmptyHeaders, To = [], Args = [] }
        && Events.SequenceEqual(other.Events) && To.SequenceEqual(other.To) && Args.SequenceEqual(other.Args)
        && Headers.Count == other.Headers.Count
        && Headers.All(h => other.Headers.TryGetValue(h.Key, out var value) && value == h.Value);

    private static readonly IReadOnlyDictionary<string, string> EmptyHeaders = new Dictionary<string, string>();

    /// <summary>What the channel is and where it sends, with no secret in it.</summary>
    public override string ToString() => Type switch
    {
        "smtp" => $"{Name} (smtp {Host}:{Port} to {string.Join(", ", To)})",
        "script" => $"{Name} (script {Path})",
        _ => $"{Name} ({Type} {Url?.Scheme}://{Url?.Authority}/[redacted])",
    };
}
