using System.CommandLine;

namespace Breakwater.Cli;

/// <summary>The options every daemon-bound <c>mitigation</c> command shares: <c>--server</c>, <c>--token</c>, <c>--config</c>.</summary>
internal sealed class MitigationServerOptions
{
    public Option<string?> Server { get; } = new("--server") { Description = "The daemon's API, e.g. http://127.0.0.1:8080 (default: api.listen of --config, else that)." };

    public Option<string?> Token { get; } = new("--token") { Description = "API token (or BREAKWATER_TOKEN; or taken from --config)." };

    public Option<string?> Config { get; } = new("--config") { Description = "breakwater.yaml: where the API listens and its tokens." };

    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(Token);
        command.Options.Add(Config);
    }

    public MitigationClient Client(ParseResult parse, bool write) =>
        MitigationClient.Create(parse.GetValue(Server), parse.GetValue(Token), parse.GetValue(Config), write);
}
