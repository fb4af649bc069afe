using Breakwater.Configuration;
using Breakwater.Core;

namespace Breakwater.Mitigation;

/// <summary>From incident changes to mitigations: create on the first sign, extend while the attack lasts, escalate, refuse.</summary>
public sealed partial class MitigationService
{
    private async Task OnIncidentAsync(IncidentReport incident, bool ended)
    {
        if (incident.Direction != "incoming" || !MitigationPolicy.TryTarget(incident.Target, out _))
        {
            return; // outgoing floods and layer-7 services: nothing to announce for them.
        }

        var settings = SettingsFor(incident.Group);
        if (ended)
        {
            _openIncidents.Remove(incident.Id);
        }
        else
        {
            _openIncidents.Add(incident.Id);
        }

        var now = _time.GetUtcNow();
        var lastAttack = incident.End ?? now;
        if (_byIncident.TryGetValue(incident.Id, out var id) && _live.TryGetValue(id, out var existing))
        {
            await ExtendOrEscalateAsync(existing, incident, settings, lastAttack, ended);
            return;
        }

        if (ended || settings.Mode == MitigationMode.Off || _operatorWithdrawn.Contains(incident.Id))
        {
            return;
        }

        var plan = MitigationPolicy.Decide(incident, settings, _config.Bgp is not null || settings.Mode == MitigationMode.DryRun, NeverFor(settings));
        var state = settings.Mode switch
        {
            MitigationMode.Auto => MitigationStates.Active,
            MitigationMode.Approval => MitigationStates.Pending,
            _ => MitigationStates.DryRun,
        };
        await StartAsync(incident, settings, plan, state, lastAttack, PolicyActor);
    }

    private async Task<MitigationResult> CreateManualAsync(IncidentReport incident, string actor)
    {
        if (_byIncident.TryGetValue(incident.Id, out var id) && _live.TryGetValue(id, out var existing))
        {
            return new MitigationResult(existing, $"incident {incident.Id} already has mitigation {existing.Id} ({existing.State}).");
        }

        if (!MitigationPolicy.TryTarget(incident.Target, out _))
        {
            return new MitigationResult(null, $"incident {incident.Id} has target '{incident.Target}', which no route or rule can cover.");
        }

        var settings = SettingsFor(incident.Group);
        var plan = MitigationPolicy.Decide(incident, settings, _config.Bgp is not null, NeverFor(settings));
        _operatorWithdrawn.Remove(incident.Id);
        _refused.Remove(incident.Id);
        var record = await StartAsync(incident, settings, plan, MitigationStates.Active, incident.End ?? _time.GetUtcNow(), actor);
        return record is null || record.State == MitigationStates.Refused
            ? new MitigationResult(record, "refused: " + (record?.Reason ?? plan.Reason))
            : new MitigationResult(record, null);
    }

    private async Task<MitigationRecord?> StartAsync(
        IncidentReport incident, MitigationSettings settings, MitigationPlan plan, string state, DateTimeOffset lastAttack, string actor)
    {
        var now = _time.GetUtcNow();
        var counted = _live.Values.Count(r => r.State is MitigationStates.Active or MitigationStates.Pending);
        if (!plan.Refused && state != MitigationStates.DryRun && counted >= _config.Mitigation.MaxActive)
        {
            plan = plan with { Kind = null, Reason = $"the cap of {_config.Mitigation.MaxActive} simultaneous mitigations (max_active) is reached" };
        }

        var record = new MitigationRecord
        {
            Id = NewId(),
            Incident = incident.Id,
            Target = incident.Target,
            Group = incident.Group,
            Kind = plan.Kind ?? "none",
            Prefix = plan.Prefix,
            Rules = plan.Kind == MitigationKinds.Blackhole ? [] : plan.Rules,
            Action = plan.Kind is null ? "none" : RouteBuilder.Describe(plan.Kind, settings.FlowSpec),
            State = plan.Refused ? MitigationStates.Refused : state,
            Reason = plan.Reason,
            Created = now,
            LastAttack = lastAttack,
            Expires = lastAttack + settings.Ttl,
        };
        if (plan.Refused)
        {
            // Said once per incident: the policy is asked again on every update, and a cap may free up later.
            if (_refused.Add(incident.Id))
            {
                MitigationLog.Refused(_logger, incident.Id, plan.Reason);
                await SaveAsync(record, "refused", actor, plan.Reason);
            }

            return record;
        }

        record = record with { Routes = Describe(record) };
        _refused.Remove(incident.Id);
        _byIncident[incident.Id] = record.Id;
        if (state == MitigationStates.Active)
        {
            record = record with { Announced = now, ApprovedBy = actor == PolicyActor ? null : actor };
            _live[record.Id] = record;
            await ApplyAsync(record, withdraw: false);
            _events.Publish(MitigationEvents.Announced, record);
            await SaveAsync(record, "announced", actor, record.Reason);
        }
        else
        {
            _live[record.Id] = record;
            _events.Publish(MitigationEvents.Pending, record);
            await SaveAsync(record, state, actor, record.Reason);
        }

        return record;
    }

    /// <summary>Moves the expiry with the attack; replaces the rules when they changed; escalates FlowSpec to a blackhole, never back.</summary>
    private async Task ExtendOrEscalateAsync(MitigationRecord existing, IncidentReport incident, MitigationSettings settings, DateTimeOffset lastAttack, bool ended)
    {
        var record = existing;
        if (lastAttack > record.LastAttack)
        {
            record = record with { LastAttack = lastAttack, Expires = lastAttack + settings.Ttl };
        }

        if (!ended && record.Kind != MitigationKinds.Blackhole)
        {
            var plan = MitigationPolicy.Decide(incident, settings, _config.Bgp is not null || record.State == MitigationStates.DryRun, NeverFor(settings));
            var changed = !plan.Refused && (plan.Kind != record.Kind
                || !plan.Rules.Select(r => r.Nft).SequenceEqual(record.Rules.Select(r => r.Nft)));
            if (changed)
            {
                var replaced = record with
                {
                    Kind = plan.Kind!,
                    Prefix = plan.Prefix,
                    Rules = plan.Kind == MitigationKinds.Blackhole ? [] : plan.Rules,
                    Action = RouteBuilder.Describe(plan.Kind!, settings.FlowSpec),
                    Reason = plan.Reason,
                };
                replaced = replaced with { Routes = Describe(replaced) };
                if (record.State == MitigationStates.Active)
                {
                    await ApplyAsync(record, withdraw: true);
                    _live[record.Id] = replaced;
                    await ApplyAsync(replaced, withdraw: false);
                    _events.Publish(MitigationEvents.Announced, replaced);
                }

                _live[record.Id] = replaced;
                await SaveAsync(replaced, plan.Kind == record.Kind ? "updated" : "escalated", PolicyActor, plan.Reason);
                return;
            }
        }

        if (record != existing)
        {
            _live[record.Id] = record;

            // The expiry moves every second while the attack lasts: stored every 10 s and at the end, enough to restore it.
            if (ended || record.Expires - existing.Expires >= TimeSpan.FromSeconds(10))
            {
                await SaveAsync(record, null, PolicyActor, "extended");
            }
        }
    }

    private static string NewId() => "m-" + Guid.NewGuid().ToString("N")[..12];
}
