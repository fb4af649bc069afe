using Breakwater.Storage;

namespace Breakwater.Mitigation;

/// <summary>Routes, nftables and the store: applying a record, persisting it, and the reconciliation at start.</summary>
public sealed partial class MitigationService
{
    private async Task ApplyAsync(MitigationRecord record, bool withdraw)
    {
        if (Speaker is not null && record.Kind is MitigationKinds.FlowSpec or MitigationKinds.Blackhole)
        {
            foreach (var route in RouteBuilder.Routes(record, SettingsFor(record.Group)))
            {
                if (withdraw)
                {
                    Speaker.Withdraw(route.Key);
                }
                else
                {
                    Speaker.Announce(route);
                }
            }
        }

        if (_nft is not null && record.Kind is MitigationKinds.FlowSpec or MitigationKinds.Nftables)
        {
            await ApplyNftAsync();
        }

        MitigationLog.Changed(_logger, record.Id, withdraw ? "withdrawn" : "applied", record.Kind, record.Prefix, record.Reason);
    }

    private async Task ApplyNftAsync()
    {
        if (_nft is null)
        {
            return;
        }

        var active = _live.Values
            .Where(r => r.State == MitigationStates.Active && r.Kind is MitigationKinds.FlowSpec or MitigationKinds.Nftables
                && SettingsFor(r.Group).Nftables.Apply)
            .OrderBy(r => r.Created);
        if (await _nft.ApplyAsync(active) is { } problem)
        {
            MitigationLog.NftFailed(_logger, problem);
        }
    }

    private async Task SaveAsync(MitigationRecord record, string? action, string actor, string reason)
    {
        if (_store is null)
        {
            return;
        }

        try
        {
            var audit = action is null ? null : new MitigationAudit(record.Id, record.Incident, _time.GetUtcNow(), action, actor, reason);
            await _store.SaveMitigationAsync(
                new StoredMitigation(record.Id, record.Incident, record.State, record.Created, record.Expires, MitigationJson.Serialize(record)), audit);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            MitigationLog.StoreFailed(_logger, record.Id, e.Message);
        }
    }

    /// <summary>
    /// After a restart or a crash: live mitigations whose expiry passed are withdrawn (with an event and an audit row);
    /// the others are taken over under the same id, active ones go back into the speaker's table (sent when sessions come
    /// up) and nftables is rebuilt from them, which also clears rules a killed process left behind.
    /// </summary>
    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        var restored = 0;
        var expired = 0;
        if (_store is not null)
        {
            var now = _time.GetUtcNow();
            foreach (var stored in await _store.ListMitigationsAsync(MitigationStates.Live, 100_000, cancellationToken))
            {
                if (MitigationJson.Deserialize(stored.Document) is not { } record)
                {
                    continue;
                }

                if (now >= record.Expires)
                {
                    var reason = "expired while the daemon was down";
                    var ended = record with { State = MitigationStates.Withdrawn, Withdrawn = now, WithdrawnBy = "reconcile", Reason = reason };
                    _events.Publish(MitigationEvents.Withdrawn, ended);
                    await SaveAsync(ended, "withdrawn", "reconcile", reason);
                    expired++;
                    continue;
                }

                _live[record.Id] = record;
                _byIncident[record.Incident] = record.Id;
                if (record.State == MitigationStates.Active)
                {
                    await ApplyAsync(record, withdraw: false);
                    _events.Publish(MitigationEvents.Announced, record);
                    await SaveAsync(record, "restored", "reconcile", "announced again after a restart");
                }

                restored++;
            }
        }

        await ApplyNftAsync();
        if (restored + expired > 0)
        {
            // Nothing to say on a store without mitigations: the first start-up lines stay the collectors'.
            MitigationLog.Reconciled(_logger, restored, expired);
        }
    }

    private IReadOnlyList<string> Describe(MitigationRecord record) =>
        record.Kind switch
        {
            MitigationKinds.Blackhole or MitigationKinds.FlowSpec => [.. RouteBuilder.Routes(record, SettingsFor(record.Group)).Select(Text)],
            MitigationKinds.Nftables => [.. record.Rules.Select(r => r.Nft)],
            _ => [],
        };

    private static string Text(Bgp.BgpRoute route) =>
        route.Rule is not null
            ? route.Key + " " + string.Join(", ", route.ExtendedCommunities.Select(Wire.Bgp.FlowSpecAction.Describe))
            : route.Key + " via " + route.NextHop + " communities " + string.Join(' ', route.Communities.Select(c => $"{c >> 16}:{c & 0xFFFF}"));
}
