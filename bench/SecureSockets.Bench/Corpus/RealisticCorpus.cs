using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SecureSockets.Bench.Corpus;

/// <summary>
/// Corpus (c): a whole project shaped like the real ones the analyzers are used on (a platform library in the style of
/// NtCoreLib with a business layer on top): P/Invoke declaration files with hundreds of externs, a few of them tracked;
/// wrapper types with dozens of methods calling each other and a throwing status checker; a big static type with
/// hundreds of members; generated-looking code (a 400-arm switch, a message table) and one file marked
/// &lt;auto-generated&gt;; ordinary business code (most of the lines); and per unit of scale one file that calls the
/// tracked APIs through helpers one to three levels deep, called in turn from the business layer. One file has compile
/// errors (a method being typed): the project as an IDE sees it; the compile column compiles the project without that
/// file (a project with errors emits nothing, which would flatter no one). About 12,500 lines per unit of scale.
/// </summary>
internal static class RealisticCorpus
{
    public const int LinesPerScale = 12_500;

    private const int ExternsPerUnit = 240;
    private const int WrappersPerUnit = 4;
    private const int MethodsPerWrapper = 40;

    public static GeneratedCorpus Generate(int scale, int seed)
    {
        var dice = new Dice(seed * 17 + scale);
        var files = new List<(string, string)>();
        int lines = 0, types = 0, methods = 0, tracked = 0;
        void Add(string path, string text, int t, int m, int calls = 0)
        {
            files.Add((path, text));
            lines += CodeWriter.CountLines(text);
            types += t;
            methods += m;
            tracked += calls;
        }

        Add("Realistic/Interop/SecurityNative.cs", SecurityNative(), 4, 14);
        Add("Realistic/Interop/NtStatusHelper.cs", StatusHelper(), 1, 3);
        Add("Realistic/Drafts/Draft.cs", Draft(), 1, 2);
        var entity = 0;
        for (var u = 0; u < scale; u++)
        {
            Add($"Realistic/Interop/NativeMethods{u:D2}.cs", NativeMethods(u), 1, ExternsPerUnit);
            for (var k = 0; k < WrappersPerUnit; k++)
            {
                Add($"Realistic/Platform/NtObject{u:D2}_{k}.cs", Wrapper(dice, u, k), 1, MethodsPerWrapper * 3 + 8);
            }

            Add($"Realistic/Platform/SystemInfo{u:D2}.cs", SystemInfo(u), 1, 250 + WrappersPerUnit);
            Add($"Realistic/Generated/StatusNames{u:D2}.cs", StatusNames(u), 1, 2);
            Add($"Realistic/Generated/Resources{u:D2}.Designer.cs", Resources(u), 1, 150);
            var (secure, calls) = SecureTransport(u);
            Add($"Realistic/Secure/SecureTransport{u:D2}.cs", secure, 1, 8, calls);
            Add($"Realistic/Services/PlatformService{u:D2}.cs", PlatformService(dice, u), 1, 12);

            // Business code fills the rest of the unit.
            var unitEnd = LinesPerScale * (u + 1);
            while (lines < unitEnd)
            {
                var name = CleanCorpus.Nouns[entity % CleanCorpus.Nouns.Length] + entity.ToString("D4", CultureInfo.InvariantCulture);
                var (text, t, m) = CleanCorpus.Entity(dice, name, "Area" + (entity / 10).ToString(CultureInfo.InvariantCulture));
                Add($"Realistic/Business/{name}.cs", text, t, m);
                entity++;
            }
        }

        return new GeneratedCorpus("realistic", scale, files, lines, types, methods, tracked) { ExpectedErrors = 2, DraftFile = "Realistic/Drafts/Draft.cs" };
    }

    /// <summary>The tracked bindings, declared once like in a real project (most of the interop is elsewhere).</summary>
    private static string SecurityNative() => """
        using System;
        using System.Runtime.InteropServices;

        namespace Contoso.Platform.Interop;

        [StructLayout(LayoutKind.Sequential)]
        public struct SecHandle
        {
            public IntPtr dwLower;
            public IntPtr dwUpper;
        }

        internal static class SecurityNative
        {
            public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

            [DllImport("ws2_32.dll", SetLastError = true)]
            public static extern IntPtr socket(int af, int type, int protocol);

            [DllImport("ws2_32.dll", SetLastError = true, EntryPoint = "connect")]
            public static extern int Connect(IntPtr s, IntPtr name, int namelen);

            [DllImport("ws2_32.dll")]
            public static extern int closesocket(IntPtr s);

            [DllImport("ws2_32.dll")]
            public static extern int WSAGetLastError();

            [DllImport("fwpuclnt.dll", SetLastError = true)]
            public static extern int WSASetSocketSecurity(IntPtr socket, IntPtr settings, int settingsLength, IntPtr overlapped, IntPtr completion);

            [DllImport("fwpuclnt.dll", SetLastError = true, EntryPoint = "WSASetSocketPeerTargetName")]
            public static extern int SetPeerTargetName(IntPtr socket, IntPtr targetName, int targetNameLength, IntPtr overlapped, IntPtr completion);

            [DllImport("secur32.dll")]
            public static extern int ImpersonateSecurityContext(ref SecHandle context);

            [DllImport("secur32.dll")]
            public static extern int RevertSecurityContext(ref SecHandle context);
        }

        public static class SocketAddresses
        {
            public static IntPtr Allocate(string host, out int length)
            {
                length = 16 + host.Length;
                return Marshal.AllocHGlobal(length);
            }
        }

        public static class TargetNames
        {
            public static IntPtr Allocate(string spn, out int length)
            {
                length = (spn.Length + 1) * 2;
                return Marshal.StringToHGlobalUni(spn);
            }
        }

        """;

    /// <summary>A throwing status checker, as every native wrapper library has (NtStatus.ToNtException and the like).</summary>
    private static string StatusHelper() => """
        using System;
        using System.ComponentModel;

        namespace Contoso.Platform.Interop;

        public static class NtStatusHelper
        {
            public static int Check(int status)
            {
                if (status < 0)
                {
                    throw new Win32Exception(status);
                }

                return status;
            }

            public static bool IsSuccess(int status) => status >= 0;

            public static T Check<T>(int status, T value) => IsSuccess(status) ? value : throw new Win32Exception(status);
        }

        """;

    /// <summary>A file being typed: a call to a method not written yet and an unfinished assignment (2 compile errors).</summary>
    private static string Draft() => """
        using System;

        namespace Contoso.Platform.Drafts;

        public sealed class Draft
        {
            public int Measure(string text)
            {
                var total = text.Length;
                total += NotWrittenYet(total);
                return total;
            }

            public string Describe(int value)
            {
                string result = value;
                return result;
            }
        }

        """;

    /// <summary>Hundreds of untracked externs (some renamed through EntryPoint), as in NtCoreLib or a pinvoke library.</summary>
    private static string NativeMethods(int u)
    {
        var w = new CodeWriter();
        w.Lines_(new[] { "using System;", "using System.Runtime.InteropServices;", "", "namespace Contoso.Platform.Interop;", "" });
        w.Open($"internal static class NativeMethods{u:D2}");
        for (var j = 0; j < ExternsPerUnit; j++)
        {
            var module = (j % 3) switch { 0 => "ntdll.dll", 1 => "kernel32.dll", _ => "advapi32.dll" };
            var entry = j % 12 == 0 ? $", EntryPoint = \"NtQuerySystemInformation{j}\"" : string.Empty;
            w.Line($"[DllImport(\"{module}\", SetLastError = true{entry})]");
            w.Line((j % 4) switch
            {
                0 => $"public static extern int NtQuery{j}(IntPtr handle, int infoClass, out int value);",
                1 => $"public static extern int NtSet{j}(IntPtr handle, int infoClass, int value);",
                2 => $"public static extern IntPtr NtOpen{j}(int access, int attributes);",
                _ => $"public static extern bool NtClose{j}(IntPtr handle);",
            });
            w.Line();
        }

        w.Close();
        return w.ToString();
    }

    /// <summary>A wrapper type with dozens of methods calling the externs, each other and the status checker.</summary>
    private static string Wrapper(Dice dice, int u, int k)
    {
        var native = $"NativeMethods{u:D2}";
        var w = new CodeWriter();
        w.Lines_(new[] { "using System;", "using System.Collections.Generic;", "using System.ComponentModel;", "using System.Globalization;", "using Contoso.Platform.Interop;", "", $"namespace Contoso.Platform.Objects{u:D2};", "" });
        w.Open($"public sealed class NtObject{u:D2}_{k} : IDisposable");
        w.Line("private readonly List<int> cache = new();");
        w.Line("private IntPtr handle;").Line();
        w.Open($"public NtObject{u:D2}_{k}(IntPtr handle)").Line("this.handle = handle;").Close().Line();
        w.Line("public bool IsClosed => handle == IntPtr.Zero;").Line();
        w.Open("public void Dispose()")
            .Open("if (handle != IntPtr.Zero)").Line($"{native}.NtClose{4 * k + 3}(handle);").Line("handle = IntPtr.Zero;").Close()
            .Close().Line();
        for (var m = 0; m < MethodsPerWrapper; m++)
        {
            var query = 4 * ((k * MethodsPerWrapper + m) % (ExternsPerUnit / 4));
            w.Open($"public int Query{m}(int infoClass)")
                .Line("ThrowIfClosed();")
                .Line($"var status = {native}.NtQuery{query}(handle, infoClass + {m}, out var value);")
                .Line("NtStatusHelper.Check(status);")
                .Line($"return Normalize{m % 5}(value);")
                .Close().Line();
            w.Open($"public bool TryQuery{m}(int infoClass, out int value)")
                .Line("try").Line("{").Line($"    value = Query{m}(infoClass);").Line("    return true;").Line("}")
                .Line("catch (Win32Exception)").Line("{").Line("    value = 0;").Line("    return false;").Line("}")
                .Close().Line();
            if (dice.Chance(0.5))
            {
                w.Open($"public void Set{m}(int value)")
                    .Line($"var status = {native}.NtSet{query + 1}(handle, {m}, Clamp(value));")
                    .Line("if (!NtStatusHelper.IsSuccess(status))").Line("{").Line("    throw new Win32Exception(status);").Line("}")
                    .Line("cache.Add(value);")
                    .Close().Line();
            }
            else
            {
                w.Line($"public string Describe{m}() => Format(Query{m}({m}));").Line();
            }
        }

        for (var i = 0; i < 5; i++)
        {
            w.Line($"private int Normalize{i}(int value) => Clamp(value * {i + 1}) + cache.Count;").Line();
        }

        w.Line("private static int Clamp(int value) => value < 0 ? 0 : value;").Line();
        w.Line("private string Format(int value) => value.ToString(CultureInfo.InvariantCulture) + \"/\" + Normalize0(value).ToString(CultureInfo.InvariantCulture);").Line();
        w.Open("private void ThrowIfClosed()")
            .Open("if (handle == IntPtr.Zero)").Line("throw new ObjectDisposedException(GetType().Name);").Close()
            .Close();
        w.Close();
        return w.ToString();
    }

    /// <summary>A big static type with hundreds of members, each going through a wrapper.</summary>
    private static string SystemInfo(int u)
    {
        var w = new CodeWriter();
        w.Lines_(new[] { "using System;", "using Contoso.Platform.Interop;", $"using Contoso.Platform.Objects{u:D2};", "", $"namespace Contoso.Platform.Objects{u:D2};", "" });
        w.Open($"public static class SystemInfo{u:D2}");
        for (var k = 0; k < WrappersPerUnit; k++)
        {
            w.Line($"private static NtObject{u:D2}_{k} Open{k}() => new NtObject{u:D2}_{k}(NativeMethods{u:D2}.NtOpen{4 * k + 2}(0x{(k + 1) * 0x10:X}, 0));").Line();
        }

        for (var m = 0; m < 250; m++)
        {
            w.Open($"public static int Value{m}")
                .Open("get")
                .Line($"using var o = Open{m % WrappersPerUnit}();")
                .Line($"return o.TryQuery{m % MethodsPerWrapper}({m}, out var value) ? value : -1;")
                .Close()
                .Close().Line();
        }

        w.Close();
        return w.ToString();
    }

    /// <summary>Generated-looking code that is not marked generated: a 400-arm switch and a 400-entry table.</summary>
    private static string StatusNames(int u)
    {
        var w = new CodeWriter();
        w.Lines_(new[] { "using System.Collections.Generic;", "", $"namespace Contoso.Platform.Generated{u:D2};", "" });
        w.Open($"public static class StatusNames{u:D2}");
        w.Open("public static string NameOf(int status) => status switch");
        for (var i = 0; i < 400; i++)
        {
            w.Line($"unchecked((int)0x{0xC0000000u + (uint)i:X8}) => \"STATUS_{u}_{i}\",");
        }

        w.Line("_ => \"STATUS_UNKNOWN\",");
        w.Close(";").Line();
        w.Open("private static readonly Dictionary<int, string> Messages = new()");
        for (var i = 0; i < 400; i++)
        {
            w.Line($"[{i}] = \"The operation {u}.{i} failed.\",");
        }

        w.Close(";").Line();
        w.Line("public static string MessageOf(int status) => Messages.TryGetValue(status & 0xFFFF, out var message) ? message : NameOf(status);");
        w.Close();
        return w.ToString();
    }

    /// <summary>A resource class marked &lt;auto-generated&gt; (the analyzers skip generated code).</summary>
    private static string Resources(int u)
    {
        var w = new CodeWriter();
        w.Lines_(new[] { "// <auto-generated/>", "using System.Globalization;", "using System.Resources;", "", $"namespace Contoso.Platform.Properties{u:D2};", "" });
        w.Open($"internal static class Resources{u:D2}");
        w.Line($"private static readonly ResourceManager Manager = new ResourceManager(\"Contoso.Platform.Resources{u:D2}\", typeof(Resources{u:D2}).Assembly);").Line();
        w.Line("internal static CultureInfo? Culture { get; set; }").Line();
        for (var i = 0; i < 150; i++)
        {
            w.Line($"internal static string Text{i} => Manager.GetString(\"Text{i}\", Culture) ?? string.Empty;").Line();
        }

        w.Close();
        return w.ToString();
    }

    /// <summary>The one file of the unit that calls the tracked APIs, through helpers one to three levels deep (correct code).</summary>
    private static (string Text, int TrackedCalls) SecureTransport(int u)
    {
        var text = $$"""
            using System;
            using System.ComponentModel;
            using Contoso.Platform.Interop;

            namespace Contoso.Platform.Secure{{u:D2}};

            public sealed class SecureTransport{{u:D2}}
            {
                private readonly string spn;

                public SecureTransport{{u:D2}}(string spn) => this.spn = spn;

                public IntPtr OpenSecured(string host)
                {
                    var s = SecurityNative.socket(2, 1, 6);
                    if (s == SecurityNative.INVALID_SOCKET)
                    {
                        throw new Win32Exception(SecurityNative.WSAGetLastError());
                    }

                    try
                    {
                        Prepare(s);
                        var address = SocketAddresses.Allocate(host, out var length);
                        Check(SecurityNative.Connect(s, address, length));
                        return s;
                    }
                    catch
                    {
                        SecurityNative.closesocket(s);
                        throw;
                    }
                }

                private void Prepare(IntPtr s)
                {
                    ApplySecurity(s);
                    NamePeer(s);
                }

                private static void ApplySecurity(IntPtr s) => Check(SecurityNative.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero));

                private void NamePeer(IntPtr s)
                {
                    var name = TargetNames.Allocate(spn, out var length);
                    Check(SecurityNative.SetPeerTargetName(s, name, length, IntPtr.Zero, IntPtr.Zero));
                }

                public T RunAsClient<T>(ref SecHandle context, Func<T> work)
                {
                    Check(SecurityNative.ImpersonateSecurityContext(ref context));
                    try
                    {
                        return work();
                    }
                    finally
                    {
                        Check(SecurityNative.RevertSecurityContext(ref context));
                    }
                }

                private static void Check(int status)
                {
                    if (status != 0)
                    {
                        throw new Win32Exception(status);
                    }
                }
            }

            """;
        return (text, 6);
    }

    /// <summary>Business-layer services over the platform: many calls to the project's own methods, one path to the secure transport.</summary>
    private static string PlatformService(Dice dice, int u)
    {
        var w = new CodeWriter();
        w.Lines_(new[] { "using System;", "using System.Collections.Generic;", "using System.Linq;", "using Contoso.Platform.Interop;", $"using Contoso.Platform.Objects{u:D2};", $"using Contoso.Platform.Secure{u:D2};", "", $"namespace Contoso.Platform.Services{u:D2};", "" });
        w.Open($"public sealed class PlatformService{u:D2}");
        w.Line($"private readonly SecureTransport{u:D2} transport = new(\"HOST/server{u}\");");
        w.Line("private readonly List<string> log = new();").Line();
        w.Open("public IntPtr Connect(string host)")
            .Line("log.Add(host);")
            .Line("return transport.OpenSecured(host);")
            .Close().Line();
        w.Open("public int ReadAsClient(ref SecHandle context)")
            .Line($"return transport.RunAsClient(ref context, () => SystemInfo{u:D2}.Value{u % 250});")
            .Close().Line();
        for (var m = 0; m < 10; m++)
        {
            var a = dice.Next(0, 249);
            var b = dice.Next(0, 249);
            w.Open($"public string Report{m}(int threshold)")
                .Line($"var values = new List<int> {{ SystemInfo{u:D2}.Value{a}, SystemInfo{u:D2}.Value{b} }};")
                .Line($"using var o = new NtObject{u:D2}_{m % WrappersPerUnit}(IntPtr.Zero);")
                .Open($"if (o.TryQuery{m}(threshold, out var extra))").Line("values.Add(extra);").Close()
                .Line("var text = string.Join(\",\", values.Where(v => v > threshold));")
                .Line("log.Add(text);")
                .Line("return text;")
                .Close().Line();
        }

        w.Close();
        return w.ToString();
    }
}
