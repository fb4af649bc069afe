using System.Buffers.Binary;

namespace Breakwater.Wire.Bgp;

/// <summary>Walks the operator/value pairs of one component without allocating; the list was checked by <see cref="FlowSpecNlriReader"/>.</summary>
public ref struct FlowSpecOperandReader
{
    private ReadOnlySpan<byte> _rest;

    public FlowSpecOperandReader(ReadOnlySpan<byte> operands) => _rest = operands;

    public bool TryRead(out FlowSpecOperand operand)
    {
        operand = default;
        if (_rest.IsEmpty)
        {
            return false;
        }

        var op = _rest[0];
        var size = 1 << ((op & FlowSpecOperand.LengthMask) >> 4);
        if (_rest.Length < 1 + size)
        {
            _rest = default;
            return false;
        }

        var value = ReadValue(_rest.Slice(1, size));
        operand = new FlowSpecOperand((byte)(op & ~(FlowSpecOperand.EndOfList | FlowSpecOperand.LengthMask)), value);
        _rest = (op & FlowSpecOperand.EndOfList) != 0 ? default : _rest[(1 + size)..];
        return true;
    }

    internal static ulong ReadValue(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        1 => bytes[0],
        2 => BinaryPrimitives.ReadUInt16BigEndian(bytes),
        4 => BinaryPrimitives.ReadUInt32BigEndian(bytes),
        _ => BinaryPrimitives.ReadUInt64BigEndian(bytes),
    };
}
