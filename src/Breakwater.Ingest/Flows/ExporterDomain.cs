using Breakwater.Wire;

namespace Breakwater.Ingest.Flows;

/// <summary>One exporter's observation domain (NetFlow v9 source id, IPFIX observation domain id).</summary>
public readonly record struct ExporterDomain(NetAddress Exporter, uint Domain);
