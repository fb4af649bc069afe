namespace Breakwater.Mitigation;

/// <summary>Approve, withdraw, the kill switch, and expiry.</summary>
public sealed partial class MitigationService
{
    private async Task<MitigationResult> ApproveCoreAsync(string id, string actor)
    {
        if (!_live.TryGetValue(id, out var record))
        {
            return await NotLiveAsync(id);
        }

        if (record.State != MitigationStates.Pending)
        {
            return new MitigationResult(record, $"mitigation {id} is {record.State}, not pending: only a pending mitigation can be approved.");
        }

        var now = _time.GetUtcNow();
        record = record with { State = MitigationStates.Active, Announced = now, ApprovedBy = actor };
        _live[id] = record;
        await ApplyAsync(record, withdraw: false);
        _events.Publish(MitigationEvents.Announced, record);
        await SaveAsync(record, "approved", actor, $"approved by {actor}");
        return new MitigationResult(record, null);
    }

    private async Task<MitigationResult> WithdrawOneAsync(string id, string actor)
    {
        if (!_live.TryGetValue(id, out var record))
        {
            return await NotLiveAsync(id);
        }

        _operatorWithdrawn.Add(record.Incident);
        return new MitigationResult(await EndAsync(record, actor, $"withdrawn by {actor}"), null);
    }

    private async Task<int> WithdrawAllCoreAsync(string actor)
    {
        var count = 0;
        foreach (var record in _live.Values.ToList())
        {
            _operatorWithdrawn.Add(record.Incident);
            await EndAsync(record, actor, $"withdrawn by {actor} (withdraw --all)");
            count++;
        }

        // Anything the speaker still holds goes too: the switch leaves nothing announced.
        Speaker?.WithdrawAll();
        await ApplyNftAsync();
        return count;
    }

    private async Task ExpireDueAsync()
    {
        var now = _time.GetUtcNow();
        foreach (var record in _live.Values.ToList())
        {
            if (now >= record.Expires && !_openIncidents.Contains(record.Incident))
            {
                var why = record.State == MitigationStates.Pending ? "expired before approval" : "expired: ttl passed after the attack's last second";
                await EndAsync(record, "ttl", why);
            }
        }
    }

    private async Task<MitigationRecord> EndAsync(MitigationRecord record, string actor, string reason)
    {
        var wasActive = record.State == MitigationStates.Active;
        var ended = record with
        {
            State = MitigationStates.Withdrawn,
            Withdrawn = _time.GetUtcNow(),
            WithdrawnBy = actor,
            Reason = reason,
        };
        _live.TryRemove(record.Id, out _);
        _byIncident.Remove(record.Incident);
        if (wasActive)
        {
            await ApplyAsync(record, withdraw: true);
        }

        _events.Publish(MitigationEvents.Withdrawn, ended);
        await SaveAsync(ended, "withdrawn", actor, reason);
        return ended;
    }

    private async Task<MitigationResult> NotLiveAsync(string id)
    {
        var stored = _store is null ? null : await _store.GetMitigationAsync(id);
        return stored is null
            ? new MitigationResult(null, $"There is no mitigation '{id}'.", NotFound: true)
            : new MitigationResult(MitigationJson.Deserialize(stored.Document), $"mitigation {id} is {stored.State}; it can no longer change.");
    }
}
