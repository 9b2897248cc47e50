using System;
using System.Linq;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace SecureSockets.Analyzers.Tests.Infrastructure;

/// <summary>The rule a test file is about: its analyzer's other ids are switched off, so a test sees only its rule.</summary>
public interface IRule
{
    static abstract string Id { get; }
}

public sealed class SSX001 : IRule { public static string Id => "SSX001"; }
public sealed class SSX002 : IRule { public static string Id => "SSX002"; }
public sealed class SSX003 : IRule { public static string Id => "SSX003"; }
public sealed class SSX004 : IRule { public static string Id => "SSX004"; }
public sealed class SSX005 : IRule { public static string Id => "SSX005"; }
public sealed class SSX006 : IRule { public static string Id => "SSX006"; }
public sealed class SSX007 : IRule { public static string Id => "SSX007"; }
public sealed class SSX008 : IRule { public static string Id => "SSX008"; }
public sealed class SSX009 : IRule { public static string Id => "SSX009"; }
public sealed class SSX010 : IRule { public static string Id => "SSX010"; }
public sealed class SSX011 : IRule { public static string Id => "SSX011"; }
public sealed class SSX012 : IRule { public static string Id => "SSX012"; }
public sealed class SSX013 : IRule { public static string Id => "SSX013"; }
public sealed class SSX014 : IRule { public static string Id => "SSX014"; }
public sealed class SSX015 : IRule { public static string Id => "SSX015"; }
public sealed class SSX016 : IRule { public static string Id => "SSX016"; }

/// <summary>Tests of one rule of a family analyzer.</summary>
public static class Verify<TAnalyzer, TRule>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TRule : IRule
{
    public static Task AnalyzerAsync(string source, params string[] bindings)
        => AnalyzerAsync(source, bindings, metadataReferences: null);

    public static Task AnalyzerAsync(string source, string[] bindings, IEnumerable<MetadataReference>? metadataReferences)
        => Verify<TAnalyzer>.AnalyzerAsync(source, bindings, metadataReferences, TRule.Id);
}

/// <summary>Analyzer tests: span markup (<c>{|SSX001:…|}</c>), the binding shapes added as extra sources.</summary>
public static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static Task AnalyzerAsync(string source, params string[] bindings)
        => AnalyzerAsync(source, bindings, metadataReferences: null);

    /// <param name="companions">More files of the same project (each may carry markup); a project whose files have top-level statements is a console application.</param>
    public static async Task AnalyzerAsync(string source, string[] bindings, IEnumerable<MetadataReference>? metadataReferences, string? onlyRule = null, string[]? librarySources = null, string? globalConfig = null, (string Name, string Text)[]? companions = null)
    {
        var test = new Test { TestCode = source };
        if (new[] { source }.Concat((companions ?? Array.Empty<(string, string)>()).Select(c => c.Text))
            .Any(text => CSharpSyntaxTree.ParseText(System.Text.RegularExpressions.Regex.Replace(text, @"\{\|[A-Za-z0-9]+:|\|\}", string.Empty))
                .GetRoot().ChildNodes().Any(n => n is Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax)))
        {
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
        }

        foreach (var companion in companions ?? Array.Empty<(string, string)>())
        {
            test.TestState.Sources.Add(companion);
        }

        if (globalConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
        }

        if (onlyRule is not null)
        {
            foreach (var descriptor in new TAnalyzer().SupportedDiagnostics)
            {
                if (descriptor.Id != onlyRule)
                {
                    test.DisabledDiagnostics.Add(descriptor.Id);
                }
            }
        }

        TestSetup.AddBindings(test.TestState, bindings);
        AddLibrary(test, librarySources);
        if (metadataReferences is not null)
        {
            test.TestState.AdditionalReferences.AddRange(metadataReferences);
        }

        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>
    /// The IDE shape (TOOLCHAIN.md): <paramref name="librarySources"/> form a second project of the same solution, which the
    /// tested project references as a project — in the workspace, a <c>CompilationReference</c> whose symbols have syntax
    /// in another compilation.
    /// </summary>
    private static void AddLibrary(Test test, string[]? librarySources)
    {
        if (librarySources is null)
        {
            return;
        }

        var library = test.TestState.AdditionalProjects[TestSetup.LibraryProject];
        library.Sources.Add(("LibraryGlobalUsings.cs", TestSetup.GlobalUsings));
        var i = 0;
        foreach (var source in librarySources)
        {
            library.Sources.Add(($"Library{i++}.cs", source));
        }

        test.TestState.AdditionalProjectReferences.Add(TestSetup.LibraryProject);
    }

    public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestSetup.Net80;
            TestState.MarkupHandling = MarkupMode.Allow;
        }

        protected override CompilationOptions CreateCompilationOptions()
            => ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithAllowUnsafe(true);

        protected override ParseOptions CreateParseOptions()
            => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.CSharp12);
    }
}

public static class TestSetup
{
    /// <summary>net8.0 reference assemblies from the restore's global packages folder (TOOLCHAIN.md: x.0.0 is not on the registry).</summary>
    public static readonly ReferenceAssemblies Net80 = new(
        "net8.0",
        new PackageIdentity("Microsoft.NETCore.App.Ref", "8.0.28"),
        Path.Combine("ref", "net8.0"));

    /// <summary>The name of the referenced project in solution-shaped tests.</summary>
    public const string LibraryProject = "Library";

    public const string GlobalUsings = """
        global using System;
        global using System.Net;
        global using System.Net.Sockets;
        global using System.Runtime.InteropServices;
        global using System.Threading.Tasks;
        """;

    public static void AddBindings(SolutionState state, IEnumerable<string> bindings)
    {
        state.Sources.Add(("GlobalUsings.cs", GlobalUsings));
        var i = 0;
        foreach (var binding in bindings)
        {
            state.Sources.Add(($"Binding{i++}.cs", binding));
        }
    }
}
