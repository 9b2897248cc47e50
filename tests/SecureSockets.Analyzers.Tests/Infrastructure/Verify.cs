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

/// <summary>Analyzer tests: span markup (<c>{|SSX001:…|}</c>), the binding shapes added as extra sources.</summary>
public static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static Task AnalyzerAsync(string source, params string[] bindings)
        => AnalyzerAsync(source, bindings, metadataReferences: null);

    public static async Task AnalyzerAsync(string source, string[] bindings, IEnumerable<MetadataReference>? metadataReferences)
    {
        var test = new Test { TestCode = source };
        TestSetup.AddBindings(test.TestState, bindings);
        if (metadataReferences is not null)
        {
            test.TestState.AdditionalReferences.AddRange(metadataReferences);
        }

        await test.RunAsync(CancellationToken.None);
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
