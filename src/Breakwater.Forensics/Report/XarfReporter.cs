namespace Breakwater.Forensics.Report;

/// <summary>Who sends an X-ARF report: XARF v4 requires an organisation, a contact e-mail address and a domain.</summary>
public sealed record XarfReporter(string Org, string Contact, string Domain);
