using System.Threading.Tasks;
using SecureSockets.Analyzers.Rules;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.Infrastructure.Verify<SecureSockets.Analyzers.Rules.SocketOrderAnalyzer>;

namespace SecureSockets.Analyzers.Tests.Rules;

/// <summary>SSX001: WSASetSocketSecurity after bind or connect (C-SEC-1, C-SEC-2, C-SEC-3, C-SEC-6).</summary>
public class SSX001SecureAfterConnectTests
{
    private static Task Flagged(string body) => V.AnalyzerAsync(Wrap(body), Bindings.DllImport);

    private static string Wrap(string body) => $$"""
        class C
        {
            void M(IntPtr addr, bool flag, int count)
            {
        {{body}}
            }
        }
        """;

    [Fact]
    public Task Client_connect_then_secure_is_flagged_C_SEC_1() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task Correct_order_is_clean() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                Native.connect(s, addr, 16);
        """);
}
