namespace Breakwater.Server.Api;

/// <summary>The answer to <c>POST /api/v1/intel</c>: what was added, with its provenance line.</summary>
public sealed record IntelImportResponse(string Provenance, int Entries, int Commands, int TotalEntries, int TotalCommands);
