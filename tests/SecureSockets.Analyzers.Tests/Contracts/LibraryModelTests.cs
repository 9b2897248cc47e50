using System.IO;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;

namespace SecureSockets.Analyzers.Tests.Contracts;

/// <summary>
/// Built-in models of NSspi and NtApiDotNet / NtCoreLib, tested against metadata stand-ins with the libraries' assembly
/// names, namespaces, type names and member shapes (their bodies do nothing: only the shapes are read).
/// </summary>
public class LibraryModelTests
{
    private const string NSspi = """
        namespace NSspi { public enum SecurityStatus : uint { OK = 0, ContinueNeeded = 0x00090312 } }
        namespace NSspi.Credentials { public class Credential : IDisposable { public Credential(string package) { } public void Dispose() { } } }
        namespace NSspi.Contexts
        {
            public abstract class Context : IDisposable { public void Dispose() { } }
            public class ImpersonationHandle : IDisposable { internal ImpersonationHandle() { } public void Dispose() { } }
            public class ServerContext : Context
            {
                public ServerContext(NSspi.Credentials.Credential cred) { }
                public NSspi.SecurityStatus AcceptToken(byte[] clientToken, out byte[] nextToken) { nextToken = clientToken; return 0; }
                public ImpersonationHandle ImpersonateClient() => new ImpersonationHandle();
            }
        }
        """;

    private static string NtLibrary(string root, string socketsNamespace, string threadContextNamespace) => $$"""
        namespace {{root}} { public enum NtStatus : uint { STATUS_SUCCESS = 0 } }
        namespace {{threadContextNamespace}}
        {
            public sealed class ThreadImpersonationContext : IDisposable { internal ThreadImpersonationContext() { } public void Revert() { } void IDisposable.Dispose() { } }
        }
        namespace {{root}}.Win32.Security.Authentication
        {
            public struct AuthenticationImpersonationContext : IDisposable { void IDisposable.Dispose() { } }
            public sealed class ServerAuthenticationContext : IDisposable
            {
                public AuthenticationImpersonationContext Impersonate() => default;
                public void Dispose() { }
            }
        }
        namespace {{socketsNamespace}}
        {
            using System.Net.Sockets;
            public sealed class SocketSecuritySettings { }
            public static class SocketSecurityUtils
            {
                public static {{root}}.NtStatus SetSecurity(this Socket socket, SocketSecuritySettings settings, bool throw_on_error) => 0;
                public static void SetSecurity(this Socket socket, SocketSecuritySettings settings = null) { }
                public static void SetSecurity(this TcpClient client, SocketSecuritySettings settings = null) { }
                public static void SetPeerTargetName(this Socket socket, string target_name, IPEndPoint peer_address = null) { }
                public static {{threadContextNamespace}}.ThreadImpersonationContext Impersonate(this Socket socket, IPEndPoint peer_address = null) => null;
            }
        }
        """;

    private static readonly MetadataReference NSspiReference = Library("NSspi", NSspi);
    private static readonly MetadataReference NtApiDotNetReference = Library("NtApiDotNet", NtLibrary("NtApiDotNet", "NtApiDotNet.Net.Sockets", "NtApiDotNet"));
    private static readonly MetadataReference NtCoreLibReference = Library("NtCoreLib", NtLibrary("NtCoreLib", "NtCoreLib.Net.Sockets.Security", "NtCoreLib.Utilities.Token"));

    private static MetadataReference Library(string name, string source)
    {
        var compilation = CSharpCompilation.Create(
            name,
            new[] { CSharpSyntaxTree.ParseText("#nullable disable\n" + TestSetup.GlobalUsings + "\n" + source) },
            AnalyzerRunner.CompileAsync(System.Array.Empty<(string, string)>()).Result.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    private static Task Verify(string usings, string body, MetadataReference library) => Verify<AllRules>.AnalyzerAsync($$"""
        {{usings}}
        class C
        {
            static void Work() { }

            async Task M(ServerContextHolder holder, Socket socket, IPEndPoint server)
            {
        {{body}}
            }
        }

        class ServerContextHolder { }
        """, System.Array.Empty<string>(), new[] { library });

    [Fact]
    public Task NSspi_owner_not_disposed_on_every_path_SSX004_and_await_inside_its_using_SSX008() => Verify<AllRules>.AnalyzerAsync("""
        using NSspi.Contexts;
        class C
        {
            static void Work() { }

            async Task M(ServerContext server)
            {
                var handle = {|SSX004:server.ImpersonateClient()|};
                Work();
                handle.Dispose();
                using (server.ImpersonateClient())
                {
                    {|SSX008:await|} Task.Yield();
                }
            }

            void Clean(ServerContext server)
            {
                using (server.ImpersonateClient())
                {
                    Work();
                }
            }
        }
        """, System.Array.Empty<string>(), new[] { NSspiReference });

    [Theory]
    [InlineData("NtApiDotNet", "using NtApiDotNet.Net.Sockets;")]
    [InlineData("NtCoreLib", "using NtCoreLib.Net.Sockets.Security;")]
    public Task SocketSecurityUtils_secure_after_connect_is_SSX001_and_target_name_after_connect_is_SSX006(string library, string usings) => Verify(usings, """
                socket.Connect(server);
                {|SSX001:socket.SetSecurity()|};
                {|SSX006:socket.SetPeerTargetName("host/server")|};
        """, library == "NtApiDotNet" ? NtApiDotNetReference : NtCoreLibReference);

    [Fact]
    public Task SocketSecurityUtils_Impersonate_scope_and_throw_on_error_true_are_clean_false_stays_out_of_sight() => Verify("using NtApiDotNet.Net.Sockets;", """
                socket.SetSecurity(new SocketSecuritySettings(), throw_on_error: true);
                socket.SetPeerTargetName("host/server");
                socket.Connect(server);
                using (socket.Impersonate())
                {
                    Work();
                }

                var other = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                other.SetSecurity(new SocketSecuritySettings(), false);
                other.SetPeerTargetName("host/server");
                other.Connect(server);
        """, NtApiDotNetReference);

    [Fact]
    public Task ServerAuthenticationContext_Impersonate_owner_disposed_without_finally_is_SSX004() => Verify<AllRules>.AnalyzerAsync("""
        using NtApiDotNet.Win32.Security.Authentication;
        class C
        {
            static void Work() { }

            void M(ServerAuthenticationContext context)
            {
                IDisposable scope = {|SSX004:context.Impersonate()|};
                Work();
                scope.Dispose();
                using (context.Impersonate())
                {
                    Work();
                }
            }
        }
        """, System.Array.Empty<string>(), new[] { NtApiDotNetReference });
}
