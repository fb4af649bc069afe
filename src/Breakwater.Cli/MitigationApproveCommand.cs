using System.CommandLine;
using Breakwater.Mitigation;

namespace Breakwater.Cli;

/// <summary><c>breakwater mitigation approve ID</c>: announce a pending mitigation now (admin token).</summary>
internal static class MitigationApproveCommand
{
    public static Command Create(TextWriter stdout)
    {
        var server = new MitigationServerOptions();
        var id = new Argument<string>("ID") { Description = "The mitigation's id (from mitigation list)." };
        var command = new Command("approve", "Approve a pending mitigation: it is announced now.") { id };
        server.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var client = server.Client(parse, write: true);
            var body = await client.SendAsync(HttpMethod.Post, $"/api/v1/mitigations/{Uri.EscapeDataString(parse.GetValue(id)!)}/approve", "{}", ct);
            var record = MitigationJson.Deserialize(body)!;
            await stdout.WriteLineAsync($"{record.Id} {record.State}: {record.Kind} {record.Prefix} ({record.Action})");
            return ExitCodes.Ok;
        });
        return command;
    }
}
