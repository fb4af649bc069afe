namespace Breakwater.Ingest.Flows;

/// <summary>A NetFlow v9 / IPFIX (options) template as received: field list, scope count and the fixed record length.</summary>
public sealed class FlowTemplate
{
    public FlowTemplate(ushort id, FlowField[] fields, int scopeFieldCount, long receivedNanos)
    {
        Id = id;
        Fields = fields;
        ScopeFieldCount = scopeFieldCount;
        ReceivedNanos = receivedNanos;
        var length = 0;
        var minimum = 0;
        foreach (var field in fields)
        {
            if (field.IsVariable)
            {
                length = -1;
                minimum += 1;
            }
            else
            {
                minimum += field.Length;
                if (length >= 0)
                {
                    length += field.Length;
                }
            }
        }

        RecordLength = length;
        MinimumRecordLength = Math.Max(1, minimum);
    }

    public ushort Id { get; }

    public FlowField[] Fields { get; }

    /// <summary>Scope fields at the start of an options template (0 for a data template).</summary>
    public int ScopeFieldCount { get; }

    public bool IsOptions => ScopeFieldCount > 0;

    /// <summary>Bytes per data record, or -1 when a field is variable-length.</summary>
    public int RecordLength { get; }

    /// <summary>Fewest bytes a data record can take: fewer left in a set are padding.</summary>
    public int MinimumRecordLength { get; }

    public long ReceivedNanos { get; internal set; }
}
