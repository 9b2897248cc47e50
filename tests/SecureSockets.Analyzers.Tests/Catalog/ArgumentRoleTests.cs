using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;

namespace SecureSockets.Analyzers.Tests.Catalog;

/// <summary>
/// Every binding style maps its parameters onto the same argument roles (rules ask for a role, never a position): the
/// hand-written DllImport, the LibraryImport partial, a renamed entry point, CsWin32 and Vanara shapes as metadata, the
/// managed Socket constructor and the runtime wrapper.
/// </summary>
public class ArgumentRoleTests
{
    private static async Task<ApiCatalog> CatalogAsync()
    {
        var compilation = await AnalyzerRunner.CompileAsync(
            new[] { ("Bindings.cs", Bindings.DllImport), ("LibraryImport.cs", Bindings.LibraryImport), ("Renamed.cs", Bindings.EntryPointRenamed), ("Sspi.cs", SspiBindings.DllImportRefStruct) },
            new[] { BindingAssemblies.CsWin32, BindingAssemblies.Vanara, CodeFixes.CodeFixVerify<AllRules, SecureSockets.CodeFixes.SSX001SecureAfterConnectCodeFix, SSX001>.Wrapper });
        return ApiCatalog.TryCreate(compilation)!;
    }

    private static ApiMethod Classify(ApiCatalog catalog, string type, string method, int parameters = -1)
    {
        var symbol = catalog.Compilation.GetTypeByMetadataName(type)!.GetMembers(method).OfType<IMethodSymbol>()
            .First(m => parameters < 0 || m.Parameters.Length == parameters);
        return catalog.Classify(symbol);
    }

    [Theory]
    [InlineData("Native", "WSASetSocketSecurity")]
    [InlineData("Interop", "WSASetSocketSecurity")]
    [InlineData("Renamed", "ApplySecurity")]
    [InlineData("Windows.Win32.PInvoke", "WSASetSocketSecurity")]
    [InlineData("Vanara.PInvoke.FwpUClnt", "WSASetSocketSecurity")]
    public async Task Secure_calls_name_socket_settings_and_length(string type, string method)
    {
        var api = Classify(await CatalogAsync(), type, method);
        Assert.Equal(ApiKind.Secure, api.Kind);
        Assert.Equal(0, api.OrdinalOf(ArgumentRole.Socket));
        Assert.Equal(1, api.OrdinalOf(ArgumentRole.Settings));
        Assert.Equal(2, api.OrdinalOf(ArgumentRole.SettingsLength));
        Assert.Equal(-1, api.OrdinalOf(ArgumentRole.TargetName));
    }

    [Fact]
    public async Task Socket_creation_names_family_type_protocol_and_flags()
    {
        var catalog = await CatalogAsync();
        var socket = Classify(catalog, "Native", "socket");
        Assert.Equal((0, 1, 2, -1), (socket.OrdinalOf(ArgumentRole.Family), socket.OrdinalOf(ArgumentRole.Type), socket.OrdinalOf(ArgumentRole.Protocol), socket.OrdinalOf(ArgumentRole.Flags)));
        var wsaSocket = Classify(catalog, "Native", "WSASocketW");
        Assert.Equal((0, 1, 2, 5), (wsaSocket.OrdinalOf(ArgumentRole.Family), wsaSocket.OrdinalOf(ArgumentRole.Type), wsaSocket.OrdinalOf(ArgumentRole.Protocol), wsaSocket.OrdinalOf(ArgumentRole.Flags)));
        Assert.Equal(SocketSlot.Result, wsaSocket.SocketSlot);

        var managed = catalog.Compilation.GetTypeByMetadataName("System.Net.Sockets.Socket")!.Constructors
            .First(c => c.Parameters.Length == 3 && c.Parameters[0].Type.Name == "AddressFamily");
        var ctor = catalog.Classify(managed);
        Assert.Equal((ApiKind.CreateFresh, 0, 1, 2), (ctor.Kind, ctor.OrdinalOf(ArgumentRole.Family), ctor.OrdinalOf(ArgumentRole.Type), ctor.OrdinalOf(ArgumentRole.Protocol)));
    }

    [Fact]
    public async Task Ioctl_names_its_code_and_the_input_buffer_as_settings_or_target_name()
    {
        var ioctl = Classify(await CatalogAsync(), "Native", "WSAIoctl");
        Assert.Equal(ApiKind.Ioctl, ioctl.Kind);
        Assert.Equal((1, 2, 3, 2, 3), (ioctl.OrdinalOf(ArgumentRole.Code), ioctl.OrdinalOf(ArgumentRole.Settings), ioctl.OrdinalOf(ArgumentRole.SettingsLength), ioctl.OrdinalOf(ArgumentRole.TargetName), ioctl.OrdinalOf(ArgumentRole.TargetNameLength)));
    }

    [Fact]
    public async Task Send_to_target_name_and_peer_impersonation_name_their_addresses()
    {
        var catalog = await CatalogAsync();
        Assert.Equal(4, Classify(catalog, "Native", "sendto").OrdinalOf(ArgumentRole.Address));
        var target = Classify(catalog, "Native", "WSASetSocketPeerTargetName");
        Assert.Equal((1, 2), (target.OrdinalOf(ArgumentRole.TargetName), target.OrdinalOf(ArgumentRole.TargetNameLength)));
        var peer = Classify(catalog, "Native", "WSAImpersonateSocketPeer");
        Assert.Equal((0, 1, 2), (peer.OrdinalOf(ArgumentRole.Socket), peer.OrdinalOf(ArgumentRole.PeerAddress), peer.OrdinalOf(ArgumentRole.PeerAddressLength)));
    }

    [Fact]
    public async Task Sspi_calls_name_their_context_and_no_socket()
    {
        var impersonate = Classify(await CatalogAsync(), "Sspi", "ImpersonateSecurityContext");
        Assert.Equal((ApiKind.SspiImpersonate, 0, -1), (impersonate.Kind, impersonate.OrdinalOf(ArgumentRole.Context), impersonate.OrdinalOf(ArgumentRole.Socket)));
    }

    [Fact]
    public async Task The_wrapper_names_its_settings_and_peer()
    {
        var catalog = await CatalogAsync();
        var apply = Classify(catalog, "SecureSockets.SocketSecurity", "Apply");
        Assert.Equal((ApiKind.Secure, 0, 1), (apply.Kind, apply.OrdinalOf(ArgumentRole.Socket), apply.OrdinalOf(ArgumentRole.Settings)));
    }
}
