using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Breakwater.Core;

namespace Breakwater.Simulation;

/// <summary>
/// Well-formed application payloads for the reflection vectors, built once per stream with realistic sizes so
/// a dissector (tshark, our own classifier) recognises the protocol; packets pick one and patch ids in place.
/// </summary>
internal static class PayloadTemplates
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static byte[][] For(VectorKind kind, ref SimRandom random)
    {
        var templates = new byte[8][];
        for (var i = 0; i < templates.Length; i++)
        {
            templates[i] = kind switch
            {
                VectorKind.DnsAmplification => DnsAnyResponse(ref random, random.Next(2600, 4000)),
                VectorKind.NtpAmplification => NtpMonlist(ref random),
                VectorKind.MemcachedAmplification => Memcached(ref random, 1400),
                VectorKind.SsdpAmplification => Ssdp(ref random),
                VectorKind.CldapAmplification => Cldap(ref random, random.Next(2800, 3200)),
                VectorKind.SnmpAmplification => Snmp(ref random, random.Next(1100, 1400)),
                VectorKind.ChargenAmplification => Chargen(random.Next(0, 95), random.Next(900, 1400)),
                VectorKind.WsdAmplification => Wsd(ref random),
                VectorKind.RpcPortmapAmplification => Portmap(ref random, random.Next(8, 40)),
                _ => [],
            };
        }

        return templates;
    }

    /// <summary>A DNS response to "ANY" with EDNS0 and TXT answers, 2.6–4 kB: big ones fragment, as real ones do.</summary>
    public static byte[] DnsAnyResponse(ref SimRandom random, int size)
    {
        var bytes = new List<byte>(size + 300);
        AddU16(bytes, (ushort)random.NextUInt32());
        AddU16(bytes, 0x8180);
        AddU16(bytes, 1);
        var answerCountAt = bytes.Count;
        AddU16(bytes, 0);
        AddU16(bytes, 0);
        AddU16(bytes, 1);
        AddName(bytes, "example-reflector.net");
        AddU16(bytes, 255);
        AddU16(bytes, 1);
        ushort answers = 0;
        while (bytes.Count < size - 11)
        {
            var text = Math.Min(255, size - 11 - bytes.Count - 13);
            if (text < 16)
            {
                break;
            }

            AddU16(bytes, 0xC00C);
            AddU16(bytes, 16);
            AddU16(bytes, 1);
            AddU32(bytes, 3600);
            AddU16(bytes, (ushort)(text + 1));
            bytes.Add((byte)text);
            for (var i = 0; i < text; i++)
            {
                bytes.Add((byte)Alphabet[random.Next(Alphabet.Length)]);
            }

            answers++;
        }

        // EDNS0 OPT record: root name, type 41, class = 4096-byte UDP size.
        bytes.Add(0);
        AddU16(bytes, 41);
        AddU16(bytes, 4096);
        AddU32(bytes, 0);
        AddU16(bytes, 0);
        var result = bytes.ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(answerCountAt), answers);
        return result;
    }

    /// <summary>NTP mode 7 MON_GETLIST_1 response: 8-byte header + 6 items of 72 bytes = 440 bytes (IP length 468).</summary>
    public static byte[] NtpMonlist(ref SimRandom random)
    {
        var bytes = new byte[440];
        bytes[0] = 0xD7;
        bytes[1] = (byte)random.Next(0, 127);
        bytes[2] = 3;
        bytes[3] = 42;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), 6);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(6), 72);
        for (var item = 0; item < 6; item++)
        {
            var entry = bytes.AsSpan(8 + (item * 72), 72);
            BinaryPrimitives.WriteUInt32BigEndian(entry, (uint)random.Next(0, 100_000));
            BinaryPrimitives.WriteUInt32BigEndian(entry[4..], (uint)random.Next(0, 100_000));
            BinaryPrimitives.WriteUInt32BigEndian(entry[16..], random.NextUInt32());
            BinaryPrimitives.WriteUInt32BigEndian(entry[20..], random.NextUInt32());
            BinaryPrimitives.WriteUInt32BigEndian(entry[24..], (uint)random.Next(1, 5000));
            BinaryPrimitives.WriteUInt16BigEndian(entry[30..], 123);
            entry[32] = 7;
            entry[33] = 2;
        }

        return bytes;
    }

    /// <summary>A memcached UDP frame header and a self-contained "VALUE … END" reply.</summary>
    public static byte[] Memcached(ref SimRandom random, int size)
    {
        var header = $"VALUE k{random.Next(0, 9999).ToString(CultureInfo.InvariantCulture)} 0 ";
        var dataLength = size - 8 - header.Length - 4 - 2 - 7;
        var text = header + dataLength.ToString(CultureInfo.InvariantCulture) + "\r\n";
        dataLength = size - 8 - text.Length - 7;
        text = header + dataLength.ToString(CultureInfo.InvariantCulture) + "\r\n";
        var bytes = new byte[8 + text.Length + dataLength + 7];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)random.NextUInt32());
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), 1);
        Encoding.ASCII.GetBytes(text, bytes.AsSpan(8));
        var data = bytes.AsSpan(8 + text.Length, dataLength);
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (byte)Alphabet[random.Next(Alphabet.Length)];
        }

        "\r\nEND\r\n"u8.CopyTo(bytes.AsSpan(8 + text.Length + dataLength));
        return bytes;
    }

    public static byte[] Ssdp(ref SimRandom random)
    {
        var uuid = $"{random.NextUInt32():x8}-{random.NextUInt16():x4}-{random.NextUInt16():x4}-{random.NextUInt16():x4}-{random.NextUInt64() & 0xFFFFFFFFFFFF:x12}";
        var text = "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nDATE: Mon, 10 Mar 2025 09:45:00 GMT\r\nEXT:\r\n"
            + $"LOCATION: http://192.168.{random.Next(0, 255)}.1:{random.Next(1024, 65535)}/rootDesc.xml\r\n"
            + "SERVER: Linux/3.14 UPnP/1.0 IpBridge/1.26.0\r\nST: upnp:rootdevice\r\n"
            + $"USN: uuid:{uuid}::upnp:rootdevice\r\n\r\n";
        return Encoding.ASCII.GetBytes(text);
    }

    /// <summary>A connectionless LDAP rootDSE answer: searchResEntry with many attribute values, then searchResDone.</summary>
    public static byte[] Cldap(ref SimRandom random, int size)
    {
        var id = random.Next(1, 127);
        var values = new List<byte[]>();
        var total = 0;
        while (total < size - 120)
        {
            var oid = $"1.2.840.113556.1.4.{random.Next(100, 2400).ToString(CultureInfo.InvariantCulture)}";
            var value = BerWriter.OctetString(oid);
            values.Add(value);
            total += value.Length;
        }

        var attribute = BerWriter.Tlv(0x30, BerWriter.OctetString("supportedControl"), BerWriter.Tlv(0x31, [.. values]));
        var entry = BerWriter.Tlv(0x64, BerWriter.OctetString(""), BerWriter.Tlv(0x30, attribute));
        var message = BerWriter.Tlv(0x30, BerWriter.Integer(id), entry);
        var done = BerWriter.Tlv(0x30, BerWriter.Integer(id), BerWriter.Tlv(0x65, [0x0a, 0x01, 0x00], BerWriter.OctetString(""), BerWriter.OctetString("")));
        return [.. message, .. done];
    }

    /// <summary>An SNMPv2c GetResponse to a GetBulk: system-group varbinds with long strings.</summary>
    public static byte[] Snmp(ref SimRandom random, int size)
    {
        var bindings = new List<byte[]>();
        var total = 0;
        var index = 1;
        while (total < size - 60)
        {
            byte[] oid = [0x2b, 6, 1, 2, 1, 1, (byte)index, 0];
            var text = new StringBuilder();
            var length = Math.Min(200, size - 60 - total);
            for (var i = 0; i < length; i++)
            {
                text.Append(Alphabet[random.Next(Alphabet.Length)]);
            }

            var binding = BerWriter.Tlv(0x30, BerWriter.Tlv(0x06, oid), BerWriter.OctetString(text.ToString()));
            bindings.Add(binding);
            total += binding.Length;
            index = index % 9 + 1;
        }

        var pdu = BerWriter.Tlv(0xA2, BerWriter.Integer((int)(random.NextUInt32() & 0x7FFFFFFF)), BerWriter.Integer(0), BerWriter.Integer(0), BerWriter.Tlv(0x30, [.. bindings]));
        return BerWriter.Tlv(0x30, BerWriter.Integer(1), BerWriter.OctetString("public"), pdu);
    }

    /// <summary>RFC 864 lines: 72 printable characters rotating by one per line.</summary>
    public static byte[] Chargen(int first, int size)
    {
        var bytes = new byte[size];
        var position = 0;
        var line = first;
        while (position < size)
        {
            for (var i = 0; i < 72 && position < size; i++)
            {
                bytes[position++] = (byte)(0x20 + ((line + i) % 95));
            }

            if (position < size)
            {
                bytes[position++] = (byte)'\r';
            }

            if (position < size)
            {
                bytes[position++] = (byte)'\n';
            }

            line++;
        }

        return bytes;
    }

    /// <summary>A WS-Discovery ProbeMatches SOAP envelope, as printers and cameras answer.</summary>
    public static byte[] Wsd(ref SimRandom random)
    {
        var id = $"urn:uuid:{random.NextUInt32():x8}-{random.NextUInt16():x4}-{random.NextUInt16():x4}-{random.NextUInt16():x4}-{random.NextUInt64() & 0xFFFFFFFFFFFF:x12}";
        var text = "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\" "
            + "xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" xmlns:wsd=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\" "
            + "xmlns:wsdp=\"http://schemas.xmlsoap.org/ws/2006/02/devprof\"><soap:Header><wsa:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:To>"
            + "<wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</wsa:Action>"
            + $"<wsa:MessageID>{id}</wsa:MessageID><wsa:RelatesTo>urn:uuid:00000000-0000-0000-0000-000000000000</wsa:RelatesTo>"
            + "<wsd:AppSequence InstanceId=\"" + random.Next(1, 99999).ToString(CultureInfo.InvariantCulture) + "\" MessageNumber=\"1\"></wsd:AppSequence></soap:Header>"
            + "<soap:Body><wsd:ProbeMatches><wsd:ProbeMatch><wsa:EndpointReference><wsa:Address>" + id + "</wsa:Address></wsa:EndpointReference>"
            + "<wsd:Types>wsdp:Device pub:Computer</wsd:Types><wsd:Scopes>http://schemas.xmlsoap.org/ws/2006/02/devprof/printer onvif://www.onvif.org/type/video_encoder "
            + "onvif://www.onvif.org/hardware/IPC-model onvif://www.onvif.org/location/country/china onvif://www.onvif.org/name/IPCAM</wsd:Scopes>"
            + $"<wsd:XAddrs>http://192.168.{random.Next(0, 255)}.{random.Next(2, 254)}:5357/{id[9..]}/</wsd:XAddrs><wsd:MetadataVersion>1</wsd:MetadataVersion>"
            + "</wsd:ProbeMatch></wsd:ProbeMatches></soap:Body></soap:Envelope>";
        return Encoding.ASCII.GetBytes(text);
    }

    /// <summary>An ONC RPC reply (RFC 5531) carrying a portmapper DUMP list of <paramref name="mappings"/> entries.</summary>
    public static byte[] Portmap(ref SimRandom random, int mappings)
    {
        var bytes = new byte[24 + (mappings * 20) + 4];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, random.NextUInt32());
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], 1);
        var at = 24;
        for (var i = 0; i < mappings; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span[at..], 1);
            BinaryPrimitives.WriteUInt32BigEndian(span[(at + 4)..], (uint)(100000 + random.Next(0, 30)));
            BinaryPrimitives.WriteUInt32BigEndian(span[(at + 8)..], (uint)random.Next(1, 4));
            BinaryPrimitives.WriteUInt32BigEndian(span[(at + 12)..], random.Next(0, 2) == 0 ? 6u : 17u);
            BinaryPrimitives.WriteUInt32BigEndian(span[(at + 16)..], (uint)random.Next(111, 60000));
            at += 20;
        }

        return bytes;
    }

    public static void AddName(List<byte> bytes, string name)
    {
        foreach (var label in name.Split('.'))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(label));
        }

        bytes.Add(0);
    }

    private static void AddU16(List<byte> bytes, ushort value)
    {
        bytes.Add((byte)(value >> 8));
        bytes.Add((byte)value);
    }

    private static void AddU32(List<byte> bytes, uint value)
    {
        AddU16(bytes, (ushort)(value >> 16));
        AddU16(bytes, (ushort)value);
    }
}
