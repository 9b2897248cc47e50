// Expect: clean
// Why: reading 24 "What is passed" ("A buffer from AllocHGlobal/NativeMemory with no visible structure written into it is unknown: silent"): the IPsec settings blob (fixed part plus user/domain/password strings) is written by an interface method we cannot see into, so neither SSX012 nor SSX013 can judge the constant-length call; the target-name length is computed (silent).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

namespace Graphicdesign.Institute.RenderFarm
{
    public interface IIpsecPolicyStore
    {
        /// <summary>Writes a SOCKET_SECURITY_SETTINGS_IPSEC with its credential strings into <paramref name="destination"/>.</summary>
        void WriteSettings(string farmName, IntPtr destination, int capacity);
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct SOCKADDR_IN { public short sin_family; public ushort sin_port; public uint sin_addr; public ulong sin_zero; }

    internal static unsafe class Native
    {
        public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr info, uint g, uint flags);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int connect(IntPtr s, ref SOCKADDR_IN name, int namelen);
        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
        [DllImport("fwpuclnt.dll")] public static extern int WSASetSocketSecurity(IntPtr s, void* settings, uint len, IntPtr ov, IntPtr cr);
        [DllImport("fwpuclnt.dll")] public static extern int WSASetSocketPeerTargetName(IntPtr s, byte* name, uint len, IntPtr ov, IntPtr cr);
    }

    public sealed unsafe class RenderNodeLink
    {
        private const int PolicyBlobSize = 512;
        private readonly IIpsecPolicyStore _policies;

        public RenderNodeLink(IIpsecPolicyStore policies) => _policies = policies;

        public IntPtr Connect(string farmName, SOCKADDR_IN dispatcher, string dispatcherSpn)
        {
            IntPtr s = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            if (s == Native.INVALID_SOCKET)
                throw new Win32Exception(Native.WSAGetLastError(), "WSASocketW");

            IntPtr blob = Marshal.AllocHGlobal(PolicyBlobSize);
            try
            {
                _policies.WriteSettings(farmName, blob, PolicyBlobSize);
                if (Native.WSASetSocketSecurity(s, (void*)blob, PolicyBlobSize, IntPtr.Zero, IntPtr.Zero) == Native.SOCKET_ERROR)
                    throw Failure(s, "WSASetSocketSecurity");
            }
            finally
            {
                Marshal.FreeHGlobal(blob);
            }

            byte[] spn = Encoding.Unicode.GetBytes(dispatcherSpn);
            byte[] targetName = new byte[140 + spn.Length];
            BitConverter.TryWriteBytes(targetName.AsSpan(136), spn.Length);
            spn.CopyTo(targetName.AsSpan(140));
            fixed (byte* p = targetName)
            {
                if (Native.WSASetSocketPeerTargetName(s, p, (uint)targetName.Length, IntPtr.Zero, IntPtr.Zero) == Native.SOCKET_ERROR)
                    throw Failure(s, "WSASetSocketPeerTargetName");
            }

            if (Native.connect(s, ref dispatcher, Marshal.SizeOf<SOCKADDR_IN>()) == Native.SOCKET_ERROR)
                throw Failure(s, "connect");
            return s;
        }

        private static Win32Exception Failure(IntPtr s, string operation)
        {
            int error = Native.WSAGetLastError();
            Native.closesocket(s);
            return new Win32Exception(error, operation);
        }
    }
}
