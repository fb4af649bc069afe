using System.CommandLine;
using System.Text.Json;
using Breakwater.Cli.Errors;
using Breakwater.Mitigation;

namespace Breakwater.Cli;

/// <summary><c>breakwater mitigation withdraw ID | --all</c>: withdraw one mitigation, or all of them (the kill switch; admin token).</summary>
internal static class MitigationWithdrawCommand
{
    public static Command Create(TextWriter stdout)
    {
        var server = new MitigationServerOptions();
        var id = new Argument<string?>("ID") { Description = "The mitigation's id (from mitigation list).", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Withdraw every mitigation and every route (the kill switch)." };
        var command = new Command("withdraw", "Withdraw a mitigation, or all of them with --all.") { id, all };
        server.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var which = parse.GetValue(id);
            var everything = parse.GetValue(all);
            if ((which is null) == !everything)
            {
                throw CliError.Usage("give either a mitigation ID or --all (not both).");
            }

            var client = server.Client(parse, write: true);
            if (everything)
            {
                var body = await client.SendAsync(HttpMethod.Delete, "/api/v1/mitigations", null, ct);
                using var json = JsonDocument.Parse(body);
                await stdout.WriteLineAsync($"withdrew {json.RootElement.GetProperty("withdrawn").GetInt32()} mitigation(s); nothing is announced.");
                return ExitCodes.Ok;
            }

            var record = MitigationJson.Deserialize(await client.SendAsync(HttpMethod.Delete, $"/api/v1/mitigations/{Uri.EscapeDataString(which!)}", null, ct))!;
            await stdout.WriteLineAsync($"{record.Id} {record.State}: {record.Reason}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
