// Expect: SSX012
// Why: SSX012 / C-SEC-8 + reading 24 "Values on every path" (struct values returned by a same-compilation builder come through its summary) and "What is passed" (looks through the pointer cast): the builder assigns SOCKET_SECURITY_PROTOCOL_DEFAULT to an IPSEC structure; reported at the settings argument, here the cast expression.
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

namespace Tailspin.Replication.Agent
{
    internal readonly struct SOCKET
    {
        public readonly nint Value;
        public SOCKET(nint value) => Value = value;
        public bool IsInvalid => Value == -1;
    }

    internal enum SOCKET_SECURITY_PROTOCOL { SOCKET_SECURITY_PROTOCOL_DEFAULT, SOCKET_SECURITY_PROTOCOL_IPSEC, SOCKET_SECURITY_PROTOCOL_IPSEC2, SOCKET_SECURITY_PROTOCOL_INVALID }

    internal struct SOCKET_SECURITY_SETTINGS { public SOCKET_SECURITY_PROTOCOL SecurityProtocol; public uint SecurityFlags; }

    internal struct SOCKET_SECURITY_SETTINGS_IPSEC
    {
        public SOCKET_SECURITY_PROTOCOL SecurityProtocol;
        public uint SecurityFlags, IpsecFlags;
        public Guid AuthipMMPolicyKey, AuthipQMPolicyKey, Reserved;
        public ulong Reserved2;
        public uint UserNameStringLen, DomainNameStringLen, PasswordStringLen;
    }

    internal struct SOCKET_PEER_TARGET_NAME { public SOCKET_SECURITY_PROTOCOL SecurityProtocol; }
    internal struct SOCKADDR_IN6 { public ushort sin6_family, sin6_port; public uint sin6_flowinfo; public Guid sin6_addr; public uint sin6_scope_id; }

    internal static unsafe class PInvoke
    {
        internal const int AF_INET6 = 23, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;
        internal const uint SOCKET_SETTINGS_GUARANTEE_ENCRYPTION = 0x1;
        internal const uint SOCKET_SETTINGS_IPSEC_SKIP_FILTER_INSTANTIATION = 0x1;

        [DllImport("WS2_32.dll", ExactSpelling = true, SetLastError = true)] internal static extern SOCKET WSASocketW(int af, int type, int protocol, void* lpProtocolInfo, uint g, uint dwFlags);
        [DllImport("WS2_32.dll", ExactSpelling = true, SetLastError = true)] internal static extern int connect(SOCKET s, SOCKADDR_IN6* name, int namelen);
        [DllImport("WS2_32.dll", ExactSpelling = true)] internal static extern int closesocket(SOCKET s);
        [DllImport("WS2_32.dll", ExactSpelling = true)] internal static extern int WSAGetLastError();
        [DllImport("FWPUCLNT.dll", ExactSpelling = true)] internal static extern int WSASetSocketSecurity(SOCKET Socket, SOCKET_SECURITY_SETTINGS* SecuritySettings, uint SecuritySettingsLen, void* Overlapped, void* CompletionRoutine);
        [DllImport("FWPUCLNT.dll", ExactSpelling = true)] internal static extern int WSASetSocketPeerTargetName(SOCKET Socket, SOCKET_PEER_TARGET_NAME* PeerTargetName, uint PeerTargetNameLen, void* Overlapped, void* CompletionRoutine);
    }

    internal static unsafe class ReplicationChannel
    {
        private const int PeerTargetNameStringLenOffset = 136, AllStringsOffset = 140;

        private static SOCKET_SECURITY_SETTINGS_IPSEC BuildIpsecSettings()
        {
            // "Most applications should use SOCKET_SECURITY_PROTOCOL_DEFAULT" -- but that advice is for the plain structure.
            return new SOCKET_SECURITY_SETTINGS_IPSEC
            {
                SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_DEFAULT,
                SecurityFlags = PInvoke.SOCKET_SETTINGS_GUARANTEE_ENCRYPTION,
                IpsecFlags = PInvoke.SOCKET_SETTINGS_IPSEC_SKIP_FILTER_INSTANTIATION,
            };
        }

        private static void NamePeer(SOCKET socket, string spn)
        {
            byte[] name = Encoding.Unicode.GetBytes(spn);
            int length = AllStringsOffset + name.Length;
            byte* buffer = stackalloc byte[length];
            new Span<byte>(buffer, length).Clear();
            *(uint*)(buffer + PeerTargetNameStringLenOffset) = (uint)name.Length;
            name.CopyTo(new Span<byte>(buffer + AllStringsOffset, name.Length));
            if (PInvoke.WSASetSocketPeerTargetName(socket, (SOCKET_PEER_TARGET_NAME*)buffer, (uint)length, null, null) == PInvoke.SOCKET_ERROR)
                throw new Win32Exception(PInvoke.WSAGetLastError(), "WSASetSocketPeerTargetName");
        }

        public static SOCKET Connect(SOCKADDR_IN6 partner, string partnerSpn)
        {
            SOCKET socket = PInvoke.WSASocketW(PInvoke.AF_INET6, PInvoke.SOCK_STREAM, PInvoke.IPPROTO_TCP, null, 0, 0);
            if (socket.IsInvalid)
                throw new Win32Exception(PInvoke.WSAGetLastError(), "WSASocketW");

            try
            {
                SOCKET_SECURITY_SETTINGS_IPSEC settings = BuildIpsecSettings();
                if (PInvoke.WSASetSocketSecurity(socket, {|SSX012:(SOCKET_SECURITY_SETTINGS*)&settings|}, (uint)sizeof(SOCKET_SECURITY_SETTINGS_IPSEC), null, null) == PInvoke.SOCKET_ERROR)
                    throw new Win32Exception(PInvoke.WSAGetLastError(), "WSASetSocketSecurity");

                NamePeer(socket, partnerSpn);

                if (PInvoke.connect(socket, &partner, sizeof(SOCKADDR_IN6)) == PInvoke.SOCKET_ERROR)
                    throw new Win32Exception(PInvoke.WSAGetLastError(), "connect");
                return socket;
            }
            catch
            {
                PInvoke.closesocket(socket);
                throw;
            }
        }
    }
}
