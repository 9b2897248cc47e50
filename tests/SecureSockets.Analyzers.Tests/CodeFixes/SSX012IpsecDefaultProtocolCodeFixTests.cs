using System.Threading.Tasks;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.CodeFixes.CodeFixVerify<SecureSockets.Analyzers.Tests.Infrastructure.AllRules, SecureSockets.CodeFixes.SSX012IpsecDefaultProtocolCodeFix, SecureSockets.Analyzers.Tests.Infrastructure.SSX012>;

namespace SecureSockets.Analyzers.Tests.CodeFixes;

/// <summary>SSX012 fix: set SecurityProtocol to SOCKET_SECURITY_PROTOCOL_IPSEC before the call, in the binding's terms.</summary>
public class SSX012IpsecDefaultProtocolCodeFixTests
{
    private const string Key = "SSX012.SetIpsecProtocol";

    private static string Wrap(string body) => $$"""
        unsafe class C
        {
            void M(IntPtr s)
            {
        {{body}}
            }
        }
        """;

    [Fact]
    public Task Enum_field_gets_the_member_of_value_one_and_fix_all() => V.VerifyAsync(Wrap("""
                var a = new SOCKET_SECURITY_SETTINGS_IPSEC();
                Sec.SecureRef(s, ref {|SSX012:a|}, 88, IntPtr.Zero, IntPtr.Zero);
                var b = default(SOCKET_SECURITY_SETTINGS_IPSEC);
                Sec.SecurePtr(s, {|SSX012:(SOCKET_SECURITY_SETTINGS*)&b|}, 88, IntPtr.Zero, IntPtr.Zero);
        """), Wrap("""
                var a = new SOCKET_SECURITY_SETTINGS_IPSEC();
                a.SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC;
                Sec.SecureRef(s, ref a, 88, IntPtr.Zero, IntPtr.Zero);
                var b = default(SOCKET_SECURITY_SETTINGS_IPSEC);
                b.SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC;
                Sec.SecurePtr(s, (SOCKET_SECURITY_SETTINGS*)&b, 88, IntPtr.Zero, IntPtr.Zero);
        """), Key, Bindings.SettingsShapes);

    private const string IntBinding = """
        public struct SOCKET_SECURITY_SETTINGS_IPSEC { public int SecurityProtocol; public uint SecurityFlags; }

        public static class IntSec
        {
            public const int SOCKET_SECURITY_PROTOCOL_IPSEC = 1;
            [DllImport("fwpuclnt.dll", EntryPoint = "WSASetSocketSecurity")] public static extern int Secure(IntPtr s, ref SOCKET_SECURITY_SETTINGS_IPSEC settings, int length, IntPtr o, IntPtr c);
        }
        """;

    [Fact]
    public Task Int_field_gets_the_bindings_constant() => V.VerifyAsync("""
        class C
        {
            void M(IntPtr s)
            {
                var settings = new SOCKET_SECURITY_SETTINGS_IPSEC { SecurityFlags = 1 };
                IntSec.Secure(s, ref {|SSX012:settings|}, 8, IntPtr.Zero, IntPtr.Zero);
            }
        }
        """, """
        class C
        {
            void M(IntPtr s)
            {
                var settings = new SOCKET_SECURITY_SETTINGS_IPSEC { SecurityFlags = 1 };
                settings.SecurityProtocol = IntSec.SOCKET_SECURITY_PROTOCOL_IPSEC;
                IntSec.Secure(s, ref settings, 8, IntPtr.Zero, IntPtr.Zero);
            }
        }
        """, Key, IntBinding);

    [Fact]
    public Task A_buffer_gets_no_fix() => V.NoFixAsync(Wrap("""
                var ipsec = new SOCKET_SECURITY_SETTINGS_IPSEC();
                var buffer = Marshal.AllocHGlobal(88);
                Marshal.StructureToPtr(ipsec, buffer, false);
                Sec.WSASetSocketSecurity(s, {|SSX012:buffer|}, 88, IntPtr.Zero, IntPtr.Zero);
        """), Key, Bindings.SettingsShapes);
}
