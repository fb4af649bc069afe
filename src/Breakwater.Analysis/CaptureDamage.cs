using Breakwater.Ingest;
using Breakwater.Wire;

namespace Breakwater.Analysis;

/// <summary>The warning for a capture that could not be read to its end: where it stops, why, and what was kept.</summary>
internal static class CaptureDamage
{
    public static string Describe(string file, CaptureStats stats)
    {
        var kept = $"the {stats.Packets:N0} packets before it were analysed";
        if (stats.DamagedAt < 0)
        {
            return $"{file} is truncated: its last record is incomplete or damaged; {kept}.";
        }

        var at = $"byte {stats.DamagedAt:N0}";
        return stats.DamageReason == MalformedReason.None
            ? $"{file} is truncated at {at}: the file ends inside a record; {kept}."
            : $"{file} is damaged at {at}: {Explain(stats.DamageReason)}; {kept}, nothing after it can be framed.";
    }

    private static string Explain(MalformedReason reason) => reason switch
    {
        MalformedReason.BadMagic => "a section header with an unknown byte-order magic (bad_magic)",
        MalformedReason.BlockOutsideSection => "a block before any section header (block_outside_section)",
        MalformedReason.BlockLengthInvalid => "a block length under 12, over 16 MiB or not a multiple of 4 (block_length_invalid)",
        MalformedReason.BlockTrailerMismatch => "a block whose trailing length differs from its leading length (block_trailer_mismatch)",
        MalformedReason.BlockTooShort => "a block too short for the fields of its type (block_too_short)",
        MalformedReason.CapturedLengthOverLimit => "a record whose captured length is over 262,144 bytes (captured_length_over_limit)",
        MalformedReason.CapturedLengthBeyondBlock => "a packet block whose captured length runs past the block (captured_length_beyond_block)",
        _ => $"a record that cannot be framed ({reason})",
    };
}
