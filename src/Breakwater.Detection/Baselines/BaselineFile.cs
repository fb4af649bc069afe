using System.Buffers.Binary;
using System.IO.Compression;
using Breakwater.Core;
using Breakwater.Wire;

namespace Breakwater.Detection.Baselines;

/// <summary>
/// The baseline file (<c>breakwater baseline learn</c>, <c>analyze --baseline</c>, the daemon's <c>detection.baseline.path</c>):
/// gzip of a little-endian body: magic <c>BWBASE1\n</c>, weeks (int32), entry count (int32), then per entry the address
/// (16 bytes, network order), its mapped prefix length (1 byte), week numbers [hour × weeks] (uint16) and log-coded
/// median and 99th percentile [hour × weeks × metric × 2] (uint16). The hour being learned is not kept.
/// </summary>
public static class BaselineFile
{
    private const int MaxEntries = 4_194_304;
    private static ReadOnlySpan<byte> Magic => "BWBASE1\n"u8;

    public static void Save(BaselineModel model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true);
        using var writer = new BinaryWriter(gzip);
        writer.Write(Magic);
        writer.Write(model.Settings.Weeks);
        writer.Write(model.Entries.Count);
        Span<byte> address = stackalloc byte[16];
        foreach (var entry in model.Entries)
        {
            entry.Address.WriteBytes(address);
            writer.Write(address);
            writer.Write((byte)entry.MappedLength);
            foreach (var week in entry.WeekOf)
            {
                writer.Write(week);
            }

            foreach (var value in entry.Learned)
            {
                writer.Write(value);
            }
        }
    }

    /// <summary>Reads a baseline into a new model with <paramref name="settings"/>; learned weeks are re-slotted when the week count differs.</summary>
    public static BaselineModel Load(Stream stream, BaselineSettings settings, string name)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var model = new BaselineModel(settings);
        try
        {
            using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
            using var reader = new BinaryReader(gzip);
            Span<byte> header = stackalloc byte[8];
            reader.BaseStream.ReadExactly(header);
            if (!header.SequenceEqual(Magic))
            {
                throw Bad(name, "it does not start like a baseline file");
            }

            var weeks = reader.ReadInt32();
            var count = reader.ReadInt32();
            if (weeks is < 1 or > BaselineSettings.MaxWeeks || count is < 0 or > MaxEntries)
            {
                throw Bad(name, $"it claims {weeks} weeks and {count} entries");
            }

            Span<byte> address = stackalloc byte[16];
            var weekOf = new ushort[HourOfWeek.Hours * weeks];
            var learned = new ushort[HourOfWeek.Hours * weeks * BaselineMetric.Count * 2];
            for (var i = 0; i < count; i++)
            {
                reader.BaseStream.ReadExactly(address);
                var length = reader.ReadByte();
                if (length > 128)
                {
                    throw Bad(name, $"entry {i} has prefix length {length}");
                }

                ReadAll(reader, weekOf);
                ReadAll(reader, learned);
                var entry = model.Add(NetAddress.FromV6(address), length);
                if (entry is not null)
                {
                    Merge(entry, weeks, weekOf, learned);
                }
            }
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException)
        {
            throw Bad(name, "it is truncated or damaged", e);
        }

        return model;
    }

    /// <summary>Writes beside <paramref name="path"/> and renames: a crash never leaves half a baseline.</summary>
    public static void Save(BaselineModel model, string path)
    {
        var temporary = path + ".tmp";
        using (var file = File.Create(temporary))
        {
            Save(model, file);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>A copy of <paramref name="model"/> with other settings (a different week count re-slots the learned weeks).</summary>
    public static BaselineModel Copy(BaselineModel model, BaselineSettings settings)
    {
        using var buffer = new MemoryStream();
        Save(model, buffer);
        buffer.Position = 0;
        return Load(buffer, settings, "the baseline in memory");
    }

    public static BaselineModel Load(string path, BaselineSettings settings)
    {
        using var file = File.OpenRead(path);
        return Load(file, settings, path);
    }

    private static void ReadAll(BinaryReader reader, ushort[] values)
    {
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan());
        reader.BaseStream.ReadExactly(bytes);
        if (!BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.ReverseEndianness(values, values);
        }
    }

    /// <summary>Each learned week goes to its slot in the model's ring, the newer week winning.</summary>
    private static void Merge(BaselineEntry entry, int weeks, ushort[] weekOf, ushort[] learned)
    {
        var width = BaselineMetric.Count * 2;
        for (var hour = 0; hour < HourOfWeek.Hours; hour++)
        {
            for (var slot = 0; slot < weeks; slot++)
            {
                var week = weekOf[(hour * weeks) + slot];
                var target = week % entry.WeekSlots;
                if (week == 0 || entry.WeekOf[entry.SlotIndex(hour, target)] >= week)
                {
                    continue;
                }

                entry.WeekOf[entry.SlotIndex(hour, target)] = week;
                learned.AsSpan(((hour * weeks) + slot) * width, width).CopyTo(entry.Values(hour, target));
            }
        }
    }

    private static BaselineFormatException Bad(string name, string why, Exception? inner = null)
    {
        var message = $"{name} is not a Breakwater baseline file: {why}; make one with 'breakwater baseline learn'.";
        return inner is null ? new BaselineFormatException(message) : new BaselineFormatException(message, inner);
    }
}
