namespace Breakwater.Storage;

/// <summary>
/// Mitigation state in the daemon's store (migration 4): what is announced, pending or withdrawn, so that a restarted
/// daemon announces again what should still be in force and withdraws nothing it does not own. Both stores implement it.
/// </summary>
public interface IMitigationStore
{
    /// <summary>Inserts or replaces a mitigation and appends its audit row (when given) in one transaction.</summary>
    Task SaveMitigationAsync(StoredMitigation mitigation, MitigationAudit? audit, CancellationToken cancellationToken = default);

    /// <summary>Newest first; <paramref name="states"/> empty means every state.</summary>
    Task<IReadOnlyList<StoredMitigation>> ListMitigationsAsync(IReadOnlyCollection<string> states, int limit, CancellationToken cancellationToken = default);

    Task<StoredMitigation?> GetMitigationAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The mitigation's audit trail, oldest first.</summary>
    Task<IReadOnlyList<MitigationAudit>> GetMitigationAuditAsync(string id, CancellationToken cancellationToken = default);
}
