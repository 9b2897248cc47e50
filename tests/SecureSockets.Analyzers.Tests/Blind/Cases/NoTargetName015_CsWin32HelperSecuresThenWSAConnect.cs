// Expect: SSX015
// Why: helper summaries keep must-events ("on every path" → must): EnsureIpsec -> SetSecurity (2 deep) secures the socket on every path (throws otherwise), then WSAConnect (a connect event) runs with no target name (C-TGT-1). WSASetSocketSecurity / WSAConnect come from CsWin32's Windows.Win32.PInvoke (a known binding type) and the socket is a SOCKET struct.
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Threading;
using Windows.Win32;
using Windows.Win32.Networking.WinSock;

namespace Windows.Win32.Networking.WinSock
{
    internal readonly partial struct SOCKET
    {
        internal readonly nuint Value;
        internal SOCKET(nuint value) => Value = value;
    }

    internal partial struct SOCKADDR_IN
    {
        internal ushort sin_family;
        internal ushort sin_port;
        internal uint sin_addr;
        internal ulong sin_zero;
    }

    internal partial struct SOCKET_SECURITY_SETTINGS
    {
        internal int SecurityProtocol;
        internal uint SecurityFlags;
    }
}

namespace Windows.Win32
{
    internal static partial class PInvoke
    {
        [DllImport("WS2_32.dll", ExactSpelling = true, SetLastError = true)]
        internal static extern SOCKET WSASocketW(int af, int type, int protocol, nint lpProtocolInfo, uint g, uint dwFlags);
        [DllImport("WS2_32.dll", ExactSpelling = true, SetLastError = true)]
        internal static extern unsafe int WSAConnect(SOCKET s, void* name, int namelen, void* lpCallerData, void* lpCalleeData, void* lpSQOS, void* lpGQOS);
        [DllImport("WS2_32.dll", ExactSpelling = true)]
        internal static extern int closesocket(SOCKET s);
        [DllImport("WS2_32.dll", ExactSpelling = true)]
        internal static extern int WSAGetLastError();
        [DllImport("FWPUCLNT.dll", ExactSpelling = true)]
        internal static extern unsafe int WSASetSocketSecurity(SOCKET Socket, SOCKET_SECURITY_SETTINGS* SecuritySettings, uint SecuritySettingsLen, NativeOverlapped* Overlapped, void* CompletionRoutine);
    }
}

namespace Proseware.Orchestrator.NodeAgent
{
    internal sealed class ControllerChannel
    {
        private const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6;
        private static readonly nuint InvalidSocket = unchecked((nuint)(nint)(-1));
        private readonly bool _requireEncryption;

        internal ControllerChannel(bool requireEncryption) => _requireEncryption = requireEncryption;

        internal unsafe SOCKET Connect(SOCKADDR_IN controller)
        {
            SOCKET s = PInvoke.WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, 0, 0, 0);
            if (s.Value == InvalidSocket)
                throw new Win32Exception(PInvoke.WSAGetLastError(), "WSASocketW");
            try
            {
                EnsureIpsec(s, _requireEncryption);
                if ({|SSX015:PInvoke.WSAConnect(s, &controller, sizeof(SOCKADDR_IN), null, null, null, null)|} != 0)
                    throw new Win32Exception(PInvoke.WSAGetLastError(), "WSAConnect");
            }
            catch
            {
                PInvoke.closesocket(s);
                throw;
            }
            return s;
        }

        private static void EnsureIpsec(SOCKET s, bool requireEncryption)
        {
            var settings = new SOCKET_SECURITY_SETTINGS { SecurityProtocol = 0, SecurityFlags = requireEncryption ? 1u : 0u };
            SetSecurity(s, settings);
        }

        private static unsafe void SetSecurity(SOCKET s, SOCKET_SECURITY_SETTINGS settings)
        {
            if (PInvoke.WSASetSocketSecurity(s, &settings, (uint)sizeof(SOCKET_SECURITY_SETTINGS), null, null) != 0)
                throw new Win32Exception(PInvoke.WSAGetLastError(), "WSASetSocketSecurity");
        }
    }
}
