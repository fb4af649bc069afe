using System.Text;

namespace Breakwater.Mitigation;

/// <summary>
/// The nftables rule set of the active mitigations as one <c>nft -f</c> script that replaces Breakwater's own
/// <c>inet</c> table atomically (create, delete, recreate in one transaction), so that a restart never leaves rules behind
/// and never touches other tables. The chain hooks prerouting at raw priority: floods are dropped before conntrack.
/// </summary>
public static class NftablesScript
{
    public static string Render(string table, IEnumerable<MitigationRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var text = new StringBuilder();
        text.Append("table inet ").Append(table).Append('\n');
        text.Append("delete table inet ").Append(table).Append('\n');
        text.Append("table inet ").Append(table).Append(" {\n");
        text.Append("  chain mitigate {\n");
        text.Append("    type filter hook prerouting priority -300; policy accept;\n");
        foreach (var record in records)
        {
            foreach (var rule in record.Rules)
            {
                text.Append("    ").Append(rule.Nft).Append(" comment \"").Append(record.Id).Append("\"\n");
            }
        }

        text.Append("  }\n}\n");
        return text.ToString();
    }
}
