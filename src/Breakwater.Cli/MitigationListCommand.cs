using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Breakwater.Cli.Errors;
using Breakwater.Mitigation;

namespace Breakwater.Cli;

/// <summary><c>breakwater mitigation list [--state S] [--json] [--out FILE]</c>: the daemon's mitigations, newest first.</summary>
internal static class MitigationListCommand
{
    public static Command Create(TextWriter stdout)
    {
        var server = new MitigationServerOptions();
        var state = new Option<string?>("--state") { Description = "Only this state: pending, dry-run, active, withdrawn, refused, or live (the first three)." };
        var limit = new Option<int>("--limit") { Description = "At most this many (1–1000).", DefaultValueFactory = _ => 100 };
        var json = new Option<bool>("--json") { Description = "Print the API's JSON instead of a table." };
        var output = new Option<string?>("--out") { Description = "Write the JSON to FILE instead of stdout." };
        var command = new Command("list", "List mitigations (through the daemon's API).") { state, limit, json, output };
        server.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var outPath = parse.GetValue(output);
            if (outPath is not null)
            {
                CliPaths.RequireOutputFile(outPath, "--out", [parse.GetValue(server.Config)]);
            }

            var count = parse.GetValue(limit);
            if (count is < 1 or > 1000)
            {
                throw CliError.Usage($"--limit must be from 1 to 1000; got {count}.");
            }

            var client = server.Client(parse, write: false);
            var query = $"/api/v1/mitigations?limit={count.ToString(CultureInfo.InvariantCulture)}"
                + (parse.GetValue(state) is { } s ? "&state=" + Uri.EscapeDataString(s) : string.Empty);
            var body = await client.SendAsync(HttpMethod.Get, query, null, ct);
            if (outPath is not null)
            {
                AtomicFile.WriteAllText(outPath, body);
                return ExitCodes.Ok;
            }

            if (parse.GetValue(json))
            {
                await stdout.WriteLineAsync(body);
                return ExitCodes.Ok;
            }

            await PrintAsync(body, stdout);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task PrintAsync(string body, TextWriter stdout)
    {
        using var document = JsonDocument.Parse(body);
        var items = document.RootElement.GetProperty("mitigations");
        if (items.GetArrayLength() == 0)
        {
            await stdout.WriteLineAsync("no mitigations");
            return;
        }

        await stdout.WriteLineAsync($"{"ID",-15} {"STATE",-10} {"KIND",-10} {"PREFIX",-24} {"EXPIRES",-21} REASON");
        foreach (var item in items.EnumerateArray())
        {
            var record = MitigationJson.Deserialize(item.GetRawText())!;
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{record.Id,-15} {record.State,-10} {record.Kind,-10} {record.Prefix,-24} {Core.AnalysisJson.FormatTime(record.Expires),-21} {record.Reason}"));
        }
    }
}
