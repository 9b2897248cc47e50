using System;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;

namespace SecureSockets.Analyzers.Tests.Catalog;

/// <summary>
/// The analyzer knows the bundled runtime wrapper (RULES.md: "the project's own runtime wrapper is part of the
/// catalog"), against the real SecureSockets.dll: SocketSecurity.Apply is a secure event that throws on failure,
/// SecurityContextImpersonation.Begin is an impersonate event whose revert is the scope's Dispose, Run forms are closed.
/// </summary>
public class RuntimeWrapperTests
{
    private static readonly MetadataReference[] Wrapper = { MetadataReference.CreateFromFile(typeof(SecureSockets.SocketSecurity).Assembly.Location) };

    private const string Handle = """
        public struct SecHandle { public IntPtr Lower; public IntPtr Upper; }
        """;

    private static Task Verify<TRule>(string source) where TRule : IRule
        => Verify<AllRules, TRule>.AnalyzerAsync(source, new[] { Handle }, Wrapper);

    [Fact]
    public Task Apply_after_Connect_is_SSX001() => Verify<SSX001>("""
        using SecureSockets;
        class C
        {
            void M(IPEndPoint server)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Connect(server);
                {|SSX001:SocketSecurity.Apply(socket)|};
            }
        }
        """);

    [Fact]
    public Task Apply_before_Connect_is_clean() => Verify<SSX001>("""
        using SecureSockets;
        class C
        {
            void M(IPEndPoint server)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                SocketSecurity.Apply(socket);
                socket.Connect(server);
            }
        }
        """);

    [Fact]
    public Task Apply_twice_is_SSX002() => Verify<SSX002>("""
        using SecureSockets;
        class C
        {
            void M()
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                SocketSecurity.Apply(socket);
                {|SSX002:SocketSecurity.Apply(socket)|};
            }
        }
        """);

    [Fact]
    public Task Apply_as_a_statement_is_not_SSX007_because_it_throws_on_failure() => Verify<SSX007>("""
        using SecureSockets;
        class C
        {
            void M(IPEndPoint server)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                SocketSecurity.Apply(socket);
                socket.Connect(server);
            }
        }
        """);

    [Fact]
    public Task Begin_in_using_is_clean() => Verify<SSX004>("""
        using SecureSockets;
        class C
        {
            static void Work() { }
            void M(SecHandle h)
            {
                using (SecurityContextImpersonation.Begin(in h))
                {
                    Work();
                }
            }
        }
        """);

    [Fact]
    public Task Begin_disposed_only_after_the_work_is_SSX004() => Verify<SSX004>("""
        using SecureSockets;
        class C
        {
            static void Work() { }
            void M(SecHandle h)
            {
                var scope = {|SSX004:SecurityContextImpersonation.Begin(in h)|};
                Work();
                scope.Dispose();
            }
        }
        """);

    [Fact]
    public Task Await_inside_a_Begin_scope_is_SSX008() => Verify<SSX008>("""
        using SecureSockets;
        class C
        {
            SecHandle h;
            async Task M()
            {
                using (SecurityContextImpersonation.Begin(in h))
                {
                    {|SSX008:await|} Task.Delay(1);
                }
            }
        }
        """);

    [Fact]
    public Task Run_and_RunImpersonatedAsync_forms_are_clean() => Verify<SSX008>("""
        using SecureSockets;
        class C
        {
            SecHandle h;
            static bool Check() => true;
            async Task M()
            {
                var allowed = SecurityContextImpersonation.Run(in h, () => Check());
                await SecurityContextImpersonation.RunImpersonatedAsync(in h, async () => await Task.Delay(1));
                await Task.Delay(allowed ? 1 : 2);
            }
        }
        """);
}
