namespace Breakwater.Simulation;

/// <summary>Just enough ASN.1 BER (X.690) to build CLDAP and SNMP responses: definite lengths, nested TLVs.</summary>
internal static class BerWriter
{
    public static byte[] Tlv(byte tag, params byte[][] parts)
    {
        var length = parts.Sum(p => p.Length);
        var header = new List<byte> { tag };
        if (length < 0x80)
        {
            header.Add((byte)length);
        }
        else if (length <= 0xFF)
        {
            header.Add(0x81);
            header.Add((byte)length);
        }
        else
        {
            header.Add(0x82);
            header.Add((byte)(length >> 8));
            header.Add((byte)length);
        }

        return [.. header, .. parts.SelectMany(p => p)];
    }

    public static byte[] OctetString(string text) => Tlv(0x04, System.Text.Encoding.ASCII.GetBytes(text));

    public static byte[] Integer(int value) =>
        value is >= 0 and < 0x80 ? Tlv(0x02, [(byte)value]) : Tlv(0x02, [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
}
