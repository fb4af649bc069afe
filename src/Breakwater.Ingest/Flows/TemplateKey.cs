using Breakwater.Wire;

namespace Breakwater.Ingest.Flows;

/// <summary>Templates are scoped by exporter address, observation domain (v9: source id) and template id.</summary>
public readonly record struct TemplateKey(NetAddress Exporter, uint Domain, ushort TemplateId);
