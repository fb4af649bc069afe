using Breakwater.Wire;

namespace Breakwater.Ingest.Flows;

/// <summary>The datagram-header facts a data record needs to place itself in time and scope.</summary>
public readonly record struct FlowHeaderContext(NetAddress Exporter, uint Domain, long ExportNanos, uint SysUptimeMs, bool IsIpfix);
