using System;
using System.Text;
using SecureSockets.Interop;

namespace SecureSockets
{
    /// <summary>SOCKET_SECURITY_PROTOCOL: the protocol that secures the socket's traffic.</summary>
    public enum SocketSecurityProtocol
    {
        /// <summary>SOCKET_SECURITY_PROTOCOL_DEFAULT: the system default (advised for most applications, C-SEC-8).</summary>
        Default = 0,

        /// <summary>SOCKET_SECURITY_PROTOCOL_IPSEC.</summary>
        IPsec = 1,

        /// <summary>SOCKET_SECURITY_PROTOCOL_IPSEC2 (Windows 7 / Server 2008 R2 and later).</summary>
        IPsec2 = 2,
    }

    /// <summary>SOCKET_SETTINGS_* security flags.</summary>
    [Flags]
    public enum SocketSecurityFlags
    {
        /// <summary>No flag: the policy decides.</summary>
        None = 0,

        /// <summary>SOCKET_SETTINGS_GUARANTEE_ENCRYPTION: no packet is sent unless it can be encrypted.</summary>
        GuaranteeEncryption = 0x1,

        /// <summary>SOCKET_SETTINGS_ALLOW_INSECURE: clear text is allowed when security cannot be negotiated.</summary>
        AllowInsecure = 0x2,
    }

    /// <summary>SOCKET_SETTINGS_IPSEC_* flags of <see cref="IPsecSocketSecuritySettings"/>.</summary>
    [Flags]
    public enum IPsecSocketFlags
    {
        /// <summary>No flag.</summary>
        None = 0,

        /// <summary>SOCKET_SETTINGS_IPSEC_SKIP_FILTER_INSTANTIATION: IPsec filters and policy already exist.</summary>
        SkipFilterInstantiation = 0x1,

        /// <summary>SOCKET_SETTINGS_IPSEC_OPTIONAL_PEER_NAME_VERIFICATION (Windows 7 and later).</summary>
        OptionalPeerNameVerification = 0x2,

        /// <summary>SOCKET_SETTINGS_IPSEC_ALLOW_FIRST_INBOUND_PKT_UNENCRYPTED (Windows 7 and later).</summary>
        AllowFirstInboundPacketUnencrypted = 0x4,

        /// <summary>SOCKET_SETTINGS_IPSEC_PEER_NAME_IS_RAW_FORMAT (Windows 7 and later).</summary>
        PeerNameIsRawFormat = 0x8,
    }

    /// <summary>
    /// The plain SOCKET_SECURITY_SETTINGS: a protocol and flags. Pass <c>null</c> (or <see cref="Default"/>) to
    /// <see cref="SocketSecurity.Apply(System.Net.Sockets.Socket, SocketSecuritySettings?)"/> for the default IPsec
    /// policy (C-SEC-7). IPsec-specific fields live only on <see cref="IPsecSocketSecuritySettings"/>, whose protocol
    /// is always <see cref="SocketSecurityProtocol.IPsec"/>, so the C-SEC-8 mistake cannot be written.
    /// </summary>
    public class SocketSecuritySettings
    {
        private const SocketSecurityFlags KnownFlags = SocketSecurityFlags.GuaranteeEncryption | SocketSecurityFlags.AllowInsecure;

        /// <summary>Settings with the default protocol and no flags (what a NULL pointer means, C-SEC-7).</summary>
        public SocketSecuritySettings()
            : this(SocketSecurityProtocol.Default, SocketSecurityFlags.None)
        {
        }

        /// <summary>Plain settings (SOCKET_SECURITY_SETTINGS).</summary>
        /// <param name="protocol">The security protocol.</param>
        /// <param name="flags">The security flags.</param>
        /// <exception cref="ArgumentOutOfRangeException">An undefined protocol or flag (Winsock would answer WSAEINVAL, C-SEC-7).</exception>
        public SocketSecuritySettings(SocketSecurityProtocol protocol, SocketSecurityFlags flags)
        {
            if (protocol != SocketSecurityProtocol.Default && protocol != SocketSecurityProtocol.IPsec && protocol != SocketSecurityProtocol.IPsec2)
            {
                throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "C-SEC-7: not a SOCKET_SECURITY_PROTOCOL value; Winsock would refuse it with WSAEINVAL.");
            }

            if ((flags & ~KnownFlags) != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(flags), flags, "C-SEC-7: unknown SOCKET_SETTINGS_* flag; Winsock would refuse it with WSAEINVAL.");
            }

            Protocol = protocol;
            Flags = flags;
        }

        /// <summary>The default settings: <see cref="SocketSecurityProtocol.Default"/>, no flags (C-SEC-7, C-SEC-11).</summary>
        public static SocketSecuritySettings Default { get; } = new SocketSecuritySettings();

        /// <summary>The SecurityProtocol member.</summary>
        public SocketSecurityProtocol Protocol { get; }

        /// <summary>The SecurityFlags member.</summary>
        public SocketSecurityFlags Flags { get; }

        /// <summary>
        /// Encodes the native structure. Only the two types of this assembly decide the layout: a class derived
        /// elsewhere encodes as plain settings, so it cannot send IPsec fields with another protocol (C-SEC-8).
        /// </summary>
        internal byte[] ToNative()
        {
            if (this is IPsecSocketSecuritySettings ipsec)
            {
                return ipsec.EncodeIpsec();
            }

            var buffer = new byte[NativeConstants.SecuritySettingsSize];
            SockAddr.WriteUInt32(buffer, 0, (uint)Protocol);
            SockAddr.WriteUInt32(buffer, 4, (uint)Flags);
            return buffer;
        }
    }

    /// <summary>
    /// SOCKET_SECURITY_SETTINGS_IPSEC: IPsec-specific settings. Its <see cref="SocketSecuritySettings.Protocol"/> is
    /// always <see cref="SocketSecurityProtocol.IPsec"/>: there is no way to pair these fields with
    /// SOCKET_SECURITY_PROTOCOL_DEFAULT (C-SEC-8). Most applications should use the plain settings instead.
    /// </summary>
    public sealed class IPsecSocketSecuritySettings : SocketSecuritySettings
    {
        private const IPsecSocketFlags KnownIpsecFlags =
            IPsecSocketFlags.SkipFilterInstantiation | IPsecSocketFlags.OptionalPeerNameVerification
            | IPsecSocketFlags.AllowFirstInboundPacketUnencrypted | IPsecSocketFlags.PeerNameIsRawFormat;

        /// <summary>IPsec settings; the protocol is <see cref="SocketSecurityProtocol.IPsec"/> (C-SEC-8).</summary>
        /// <param name="flags">The SecurityFlags member.</param>
        /// <param name="ipsecFlags">The IpsecFlags member.</param>
        /// <exception cref="ArgumentOutOfRangeException">An unknown flag (C-SEC-7).</exception>
        public IPsecSocketSecuritySettings(SocketSecurityFlags flags = SocketSecurityFlags.None, IPsecSocketFlags ipsecFlags = IPsecSocketFlags.None)
            : base(SocketSecurityProtocol.IPsec, flags)
        {
            if ((ipsecFlags & ~KnownIpsecFlags) != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(ipsecFlags), ipsecFlags, "C-SEC-7: unknown SOCKET_SETTINGS_IPSEC_* flag; Winsock would refuse it with WSAEINVAL.");
            }

            IpsecFlags = ipsecFlags;
        }

        /// <summary>The IpsecFlags member.</summary>
        public IPsecSocketFlags IpsecFlags { get; }

        /// <summary>AuthipMMPolicyKey: WFP key of a custom AuthIP main mode provider context; empty = ignored.</summary>
        public Guid AuthipMainModePolicyKey { get; set; }

        /// <summary>AuthipQMPolicyKey: WFP key of a custom AuthIP quick mode provider context; empty = ignored.</summary>
        public Guid AuthipQuickModePolicyKey { get; set; }

        /// <summary>The user name in AllStrings (null = none).</summary>
        public string? UserName { get; set; }

        /// <summary>The domain name in AllStrings (null = none).</summary>
        public string? DomainName { get; set; }

        /// <summary>The password in AllStrings (null = none). It is copied into the native buffer, which is zeroed after the call.</summary>
        public string? Password { get; set; }

        internal byte[] EncodeIpsec()
        {
            byte[] user = Encoding.Unicode.GetBytes(UserName ?? string.Empty);
            byte[] domain = Encoding.Unicode.GetBytes(DomainName ?? string.Empty);
            byte[] password = Encoding.Unicode.GetBytes(Password ?? string.Empty);
            long total = (long)NativeConstants.IpsecSettingsSize + user.Length + domain.Length + password.Length;
            if (total > int.MaxValue)
            {
                throw new ArgumentException("C-SEC-7: the IPsec strings do not fit in one SOCKET_SECURITY_SETTINGS_IPSEC buffer.");
            }

            var buffer = new byte[total];
            SockAddr.WriteUInt32(buffer, 0, (uint)Protocol);
            SockAddr.WriteUInt32(buffer, 4, (uint)Flags);
            SockAddr.WriteUInt32(buffer, 8, (uint)IpsecFlags);
            Buffer.BlockCopy(AuthipMainModePolicyKey.ToByteArray(), 0, buffer, 12, 16);
            Buffer.BlockCopy(AuthipQuickModePolicyKey.ToByteArray(), 0, buffer, 28, 16);
            // Reserved (GUID, 44..59), padding (60..63) and Reserved2 (UINT64, 64..71) stay zero.
            SockAddr.WriteUInt32(buffer, 72, (uint)user.Length);
            SockAddr.WriteUInt32(buffer, 76, (uint)domain.Length);
            SockAddr.WriteUInt32(buffer, 80, (uint)password.Length);
            int offset = NativeConstants.IpsecSettingsStringsOffset;
            Buffer.BlockCopy(user, 0, buffer, offset, user.Length);
            Buffer.BlockCopy(domain, 0, buffer, offset + user.Length, domain.Length);
            Buffer.BlockCopy(password, 0, buffer, offset + user.Length + domain.Length, password.Length);
            Array.Clear(password, 0, password.Length);
            return buffer;
        }
    }
}
