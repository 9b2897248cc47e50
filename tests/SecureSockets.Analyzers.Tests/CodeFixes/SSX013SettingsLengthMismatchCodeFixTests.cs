using System.Threading.Tasks;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.CodeFixes.CodeFixVerify<SecureSockets.Analyzers.Tests.Infrastructure.AllRules, SecureSockets.CodeFixes.SSX013SettingsLengthMismatchCodeFix, SecureSockets.Analyzers.Tests.Infrastructure.SSX013>;

namespace SecureSockets.Analyzers.Tests.CodeFixes;

/// <summary>SSX013 fix: the length becomes the passed structure's size, sizeof in unsafe code, Marshal.SizeOf otherwise.</summary>
public class SSX013SettingsLengthMismatchCodeFixTests
{
    private const string Key = "SSX013.UsePassedSize";

    [Fact]
    public Task Unsafe_code_gets_sizeof_converted_to_the_parameter_type_and_fix_all() => V.VerifyAsync("""
        unsafe class C
        {
            void M(IntPtr s)
            {
                var ipsec = new SOCKET_SECURITY_SETTINGS_IPSEC { SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC };
                Sec.SecureRef(s, ref ipsec, {|SSX013:(uint)sizeof(SOCKET_SECURITY_SETTINGS)|}, IntPtr.Zero, IntPtr.Zero);
                Sec.SecurePtr(s, (SOCKET_SECURITY_SETTINGS*)&ipsec, {|SSX013:0|}, IntPtr.Zero, IntPtr.Zero);
            }
        }
        """, """
        unsafe class C
        {
            void M(IntPtr s)
            {
                var ipsec = new SOCKET_SECURITY_SETTINGS_IPSEC { SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC };
                Sec.SecureRef(s, ref ipsec, (uint)sizeof(SOCKET_SECURITY_SETTINGS_IPSEC), IntPtr.Zero, IntPtr.Zero);
                Sec.SecurePtr(s, (SOCKET_SECURITY_SETTINGS*)&ipsec, (uint)sizeof(SOCKET_SECURITY_SETTINGS_IPSEC), IntPtr.Zero, IntPtr.Zero);
            }
        }
        """, Key, Bindings.SettingsShapes);

    [Fact]
    public Task Safe_code_with_a_buffer_gets_Marshal_SizeOf_of_the_marshalled_structure() => V.VerifyAsync("""
        class C
        {
            void M(IntPtr s)
            {
                var ipsec = new SOCKET_SECURITY_SETTINGS_IPSEC { SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC };
                var length = Marshal.SizeOf<SOCKET_SECURITY_SETTINGS>();
                var buffer = Marshal.AllocHGlobal(Marshal.SizeOf<SOCKET_SECURITY_SETTINGS_IPSEC>());
                Marshal.StructureToPtr(ipsec, buffer, false);
                Sec.WSASetSocketSecurity(s, buffer, {|SSX013:length|}, IntPtr.Zero, IntPtr.Zero);
            }
        }
        """, """
        class C
        {
            void M(IntPtr s)
            {
                var ipsec = new SOCKET_SECURITY_SETTINGS_IPSEC { SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC };
                var length = Marshal.SizeOf<SOCKET_SECURITY_SETTINGS>();
                var buffer = Marshal.AllocHGlobal(Marshal.SizeOf<SOCKET_SECURITY_SETTINGS_IPSEC>());
                Marshal.StructureToPtr(ipsec, buffer, false);
                Sec.WSASetSocketSecurity(s, buffer, Marshal.SizeOf<SOCKET_SECURITY_SETTINGS_IPSEC>(), IntPtr.Zero, IntPtr.Zero);
            }
        }
        """, Key, Bindings.SettingsShapes);
}
