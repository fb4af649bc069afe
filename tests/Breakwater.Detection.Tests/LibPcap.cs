using System.Runtime.InteropServices;

namespace Breakwater.Detection.Tests;

/// <summary>Compiles filters with the system libpcap, the same compiler tcpdump uses.</summary>
internal static partial class LibPcap
{
    private const string Library = "libpcap.so.0.8";

    public static bool IsAvailable()
    {
        if (!NativeLibrary.TryLoad(Library, out var handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    }

    /// <summary>Null when the filter compiles, else libpcap's error text.</summary>
    public static string? CompileError(string filter)
    {
        var pcap = NativeMethods.pcap_open_dead(1, 65535);
        try
        {
            var program = new BpfProgram();
            if (NativeMethods.pcap_compile(pcap, ref program, filter, 1, 0xFFFFFFFF) != 0)
            {
                return Marshal.PtrToStringAnsi(NativeMethods.pcap_geterr(pcap)) ?? "error";
            }

            NativeMethods.pcap_freecode(ref program);
            return null;
        }
        finally
        {
            NativeMethods.pcap_close(pcap);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct BpfProgram
    {
        public uint Length;
        public IntPtr Instructions;
    }

    private static class NativeMethods
    {
        [DllImport(Library)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern IntPtr pcap_open_dead(int linkType, int snapLength);

        [DllImport(Library, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int pcap_compile(IntPtr pcap, ref BpfProgram program, string filter, int optimize, uint netmask);

        [DllImport(Library)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern void pcap_freecode(ref BpfProgram program);

        [DllImport(Library)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern IntPtr pcap_geterr(IntPtr pcap);

        [DllImport(Library)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern void pcap_close(IntPtr pcap);
    }
}
