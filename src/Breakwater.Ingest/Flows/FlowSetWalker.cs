using System.Buffers.Binary;
using Breakwater.Wire;
using Breakwater.Wire.Flows;

namespace Breakwater.Ingest.Flows;

/// <summary>Walks the (flow)sets of a v9 or IPFIX message: template sets update the cache, data sets become records.</summary>
internal static class FlowSetWalker
{
    public static FlowDecodeResult Walk<TSink>(ReadOnlySpan<byte> sets, in FlowHeaderContext context, ushort templateSetId, ushort optionsSetId,
        long receiveNanos, FlowTemplateCache cache, ref TSink sink)
        where TSink : struct, ITrafficSink
    {
        var records = 0;
        var drop = FlowDropReason.None;
        while (sets.Length >= 4)
        {
            var setId = BinaryPrimitives.ReadUInt16BigEndian(sets);
            int length = BinaryPrimitives.ReadUInt16BigEndian(sets[2..]);
            if (length < 4 || length > sets.Length)
            {
                drop = FlowDropReason.SetLengthInvalid;
                break;
            }

            var body = sets[4..length];
            sets = sets[length..];
            FlowDecodeResult result;
            if (setId == templateSetId || setId == optionsSetId)
            {
                result = TemplateSetDecoder.ReadTemplates(body, setId == optionsSetId, context, cache, receiveNanos, ref sink);
            }
            else if (setId >= 256)
            {
                var key = new TemplateKey(context.Exporter, context.Domain, setId);
                if (cache.TryGet(key, receiveNanos, out var template))
                {
                    result = TemplateSetDecoder.ReadData(body, template, context, cache, ref sink);
                }
                else
                {
                    result = cache.TryHold(key, context, body, receiveNanos)
                        ? default
                        : FlowDecodeResult.Dropped(FlowDropReason.TemplateMissing);
                }
            }
            else
            {
                continue; // reserved set ids are skipped by their length.
            }

            records += result.Records;
            if (drop == FlowDropReason.None)
            {
                drop = result.Drop;
            }
        }

        return new FlowDecodeResult(records, drop);
    }
}
