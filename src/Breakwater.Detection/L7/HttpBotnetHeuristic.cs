using System.Globalization;
using Breakwater.Core;

namespace Breakwater.Detection.L7;

/// <summary>
/// Mirai-family hint for an HTTP flood: Mirai's fixed header order (seen in packets) and its five built-in user agents
/// (seen in packets and logs). Reported as "consistent with", with evidence and a confidence that stays below 1.
/// </summary>
internal static class HttpBotnetHeuristic
{
    private const double Dominant = 0.5;

    public static BotnetReport? Assess(HttpFloodTracker t)
    {
        if (t.Requests == 0)
        {
            return null;
        }

        var evidence = new List<string>();
        var confidence = 0.0;
        var uaShare = (double)t.MiraiUserAgent / t.Requests;
        if (uaShare >= Dominant)
        {
            evidence.Add(string.Create(CultureInfo.InvariantCulture,
                $"{uaShare:P0} of requests carry one of the five user agents built into Mirai's HTTP flood (attack_app.c); consistent with Mirai, not proof"));
            confidence += 0.35;
        }

        if (t.WithHeaderOrder > 0)
        {
            var orderShare = (double)t.MiraiHeaderOrder / t.WithHeaderOrder;
            if (orderShare >= Dominant)
            {
                evidence.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{orderShare:P0} of requests send the headers in Mirai's fixed order ({MiraiHttp.HeaderOrder}); consistent with Mirai"));
                confidence += 0.35;
            }
        }

        if (evidence.Count == 0)
        {
            return null;
        }

        var agents = t.TopUserAgents.Top(5);
        if (agents.Count > 0 && agents.Sum(a => a.Count) >= t.Requests * 0.9)
        {
            evidence.Add(string.Create(CultureInfo.InvariantCulture, $"{agents.Count} user agents carry 90 % or more of the requests: a small fixed set, as bots send"));
            confidence += 0.1;
        }

        return new BotnetReport { Family = "mirai", Confidence = Math.Round(Math.Min(0.85, 0.2 + confidence), 2), Evidence = evidence };
    }
}
