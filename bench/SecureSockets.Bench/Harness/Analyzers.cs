using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SecureSockets.Bench.Harness;

/// <summary>The empty analyzer of the issue: registers a compilation start action that does nothing.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class EmptyAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new("BENCH000", "Empty", "Empty", "Bench", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(_ => { });
    }
}

/// <summary>
/// The floor of any control-flow analysis: for every method body that calls anything, what it takes to get the
/// compiler's <c>ControlFlowGraph</c> — bind the body to its operations and build the graph — and nothing else. It is
/// registered the way our analyzers are (one semantic model action per file, binding the bodies it asks for), so both
/// are timed for the same kind of work; an operation block action would have the driver bind every body outside the
/// callback, where no telemetry sees it. Timed in its own driver run.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class ControlFlowGraphFloorAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new("BENCH002", "Graph floor", "Graph floor", "Bench", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start => start.RegisterSemanticModelAction(file =>
        {
            foreach (var node in file.SemanticModel.SyntaxTree.GetRoot(file.CancellationToken).DescendantNodes())
            {
                if (node is BaseMethodDeclarationSyntax { Body: not null } or BaseMethodDeclarationSyntax { ExpressionBody: not null } or AccessorDeclarationSyntax { Body: not null } or AccessorDeclarationSyntax { ExpressionBody: not null }
                    && file.SemanticModel.GetOperation(node, file.CancellationToken) is { } body
                    && body.Descendants().Any(d => d.Kind == OperationKind.Invocation))
                {
                    _ = body switch
                    {
                        IMethodBodyOperation method => ControlFlowGraph.Create(method, file.CancellationToken),
                        IConstructorBodyOperation constructor => ControlFlowGraph.Create(constructor, file.CancellationToken),
                        _ => null,
                    };
                }
            }
        }));
    }
}

/// <summary>
/// The baseline of the CPU view: asks the driver for every body's operation tree (an operation block action that does
/// nothing), so its driver run binds and builds what every analyzer run does, and no more.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class OperationTreeBaselineAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new("BENCH003", "Operation tree baseline", "Baseline", "Bench", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start => start.RegisterOperationBlockAction(_ => { }));
    }
}

/// <summary>For the memory test: remembers, weakly, the compilation the driver gave the analyzers.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class CompilationProbe : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new("BENCH001", "Probe", "Probe", "Bench", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public WeakReference? Seen { get; private set; }

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start => Seen = new WeakReference(start.Compilation));
    }
}

/// <summary>
/// Loads analyzer assemblies from one package folder into their own load context; Roslyn and the framework
/// resolve to the host's copies (NetAnalyzers 10.0.111 is built against Roslyn 3.11 and runs in this 4.8 host).
/// </summary>
internal sealed class FolderAnalyzerLoader : IAnalyzerAssemblyLoader
{
    private readonly Dictionary<string, string> paths = new(StringComparer.OrdinalIgnoreCase);
    private readonly Context context;

    public FolderAnalyzerLoader()
    {
        context = new Context(paths);
    }

    public void AddDependencyLocation(string fullPath) => paths[Path.GetFileNameWithoutExtension(fullPath)] = fullPath;

    public Assembly LoadFromPath(string fullPath)
    {
        AddDependencyLocation(fullPath);
        return context.LoadFromAssemblyName(new AssemblyName(Path.GetFileNameWithoutExtension(fullPath)));
    }

    private sealed class Context : AssemblyLoadContext
    {
        private readonly Dictionary<string, string> paths;

        public Context(Dictionary<string, string> paths)
            : base("NetAnalyzers", isCollectible: false)
        {
            this.paths = paths;
        }

        protected override Assembly? Load(AssemblyName assemblyName)
            => assemblyName.Name is { } name && paths.TryGetValue(name, out var path) ? LoadFromAssemblyPath(path) : null;
    }
}

internal static class NetAnalyzers
{
    /// <summary>The analyzers of Microsoft.CodeAnalysis.NetAnalyzers that report CA2000 and CA1806, from the package folder.</summary>
    public static (DiagnosticAnalyzer Ca2000, DiagnosticAnalyzer Ca1806) Load()
    {
        var folder = BenchEnvironment.NetAnalyzersFolder();
        var loader = new FolderAnalyzerLoader();
        var dlls = Directory.GetFiles(folder, "*.dll");
        foreach (var dll in dlls)
        {
            loader.AddDependencyLocation(dll);
        }

        var analyzers = new List<DiagnosticAnalyzer>();
        foreach (var dll in dlls)
        {
            var reference = new AnalyzerFileReference(dll, loader);
            reference.AnalyzerLoadFailed += (_, e) => Console.Error.WriteLine($"analyzer load failed: {dll}: {e.Message}");
            analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
        }

        DiagnosticAnalyzer Find(string id)
            => analyzers.FirstOrDefault(a => a.SupportedDiagnostics.Any(d => d.Id == id))
               ?? throw new InvalidOperationException($"no analyzer for {id} in {folder} ({analyzers.Count} analyzers loaded)");

        return (Find("CA2000"), Find("CA1806"));
    }
}
