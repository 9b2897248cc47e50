using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace SecureSockets.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs every analyzer the package ships over a set of sources in process, collecting diagnostics and any
/// analyzer exception (AD0001). Used by the sample, clean-corpus and robustness tests.
/// </summary>
public static class AnalyzerRunner
{
    public static readonly ImmutableArray<DiagnosticAnalyzer> AllAnalyzers = typeof(SecureSockets.Analyzers.Rules.RuleAnalyzer).Assembly
        .GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    private static readonly Lazy<Task<ImmutableArray<MetadataReference>>> References =
        new(() => TestSetup.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None));

    public sealed record Result(Compilation Compilation, ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<Exception> AnalyzerExceptions)
    {
        public IEnumerable<Diagnostic> Ssx => Diagnostics.Where(d => d.Id.StartsWith("SSX", StringComparison.Ordinal));

        public IEnumerable<Diagnostic> CompilerErrors => Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);
    }

    /// <summary>
    /// For tests of what a diagnostic says (message, related location): the source's named spans (<c>{|diag:…|}</c>,
    /// <c>{|related:…|}</c>) are taken out, and the plain source runs with the given binding shapes.
    /// </summary>
    public static async Task<(Result Result, ImmutableDictionary<string, ImmutableArray<TextSpan>> Spans)> RunMarkedAsync(string markup, params string[] bindings)
    {
        TestFileMarkupParser.GetSpans(markup, out var source, out ImmutableDictionary<string, ImmutableArray<TextSpan>> spans);
        var sources = new[] { ("Test0.cs", source) }.Concat(bindings.Select((b, i) => ($"Bindings{i}.cs", b)));
        return (await RunAsync(sources), spans);
    }

    public static async Task<Result> RunAsync(IEnumerable<(string Path, string Text)> sources, IEnumerable<MetadataReference>? extraReferences = null, bool withGlobalUsings = true)
        => await AnalyzeAsync(await CompileAsync(sources, extraReferences, withGlobalUsings));

    /// <summary>The compilation <see cref="RunAsync"/> analyzes: the sources (and global usings) against net8.0, unsafe allowed, nullable on.</summary>
    public static async Task<CSharpCompilation> CompileAsync(IEnumerable<(string Path, string Text)> sources, IEnumerable<MetadataReference>? extraReferences = null, bool withGlobalUsings = true)
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp12);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parse, s.Path)).ToList();
        if (withGlobalUsings)
        {
            trees.Add(CSharpSyntaxTree.ParseText(TestSetup.GlobalUsings, parse, "GlobalUsings.cs"));
        }

        var references = (await References.Value).AddRange(extraReferences ?? Array.Empty<MetadataReference>());
        return CSharpCompilation.Create(
            "Analyzed",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
    }

    public static async Task<Result> AnalyzeAsync(Compilation compilation, params DiagnosticAnalyzer[] extraAnalyzers)
    {
        var exceptions = new ConcurrentQueue<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, _, _) => exceptions.Enqueue(exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var withAnalyzers = compilation.WithAnalyzers(AllAnalyzers.AddRange(extraAnalyzers), options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return new Result(compilation, diagnostics, exceptions.ToList());
    }

    /// <summary>The repository root (the folder with SecureSockets.slnx), found from the test assembly's location.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SecureSockets.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SecureSockets.slnx not found above " + AppContext.BaseDirectory);
    }
}
