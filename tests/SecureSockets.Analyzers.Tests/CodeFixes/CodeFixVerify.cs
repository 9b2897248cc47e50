using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using SecureSockets.Analyzers.Tests.Infrastructure;

namespace SecureSockets.Analyzers.Tests.CodeFixes;

/// <summary>
/// Code fix tests of one rule of a family analyzer (modeled on <see cref="Verify{TAnalyzer}"/>): the same net8.0
/// reference assemblies, the global usings and binding shapes as extra sources in both the test and the fixed state,
/// the family's other rule ids switched off. The testing library checks the fixed code compiles, that re-analysis
/// reports nothing for the rule, and (by default) Fix All in document, project and solution scope in one iteration.
/// </summary>
public static class CodeFixVerify<TAnalyzer, TCodeFix, TRule>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
    where TRule : IRule
{
    /// <summary>The runtime wrapper (SecureSockets.dll) as a metadata reference, for the rewrites into it.</summary>
    public static MetadataReference Wrapper { get; } = MetadataReference.CreateFromFile(typeof(SecureSockets.SocketSecurity).Assembly.Location);

    /// <summary>Before → after with the fix of <paramref name="key"/>; the bindings go to both states.</summary>
    public static Task VerifyAsync(string source, string fixedSource, string key, params string[] bindings)
        => Create(source, fixedSource, key, bindings).RunAsync(CancellationToken.None);

    /// <summary>Before → after with the fix of <paramref name="key"/>, the runtime wrapper referenced.</summary>
    public static Task VerifyWithWrapperAsync(string source, string fixedSource, string key, params string[] bindings)
    {
        var test = Create(source, fixedSource, key, bindings);
        test.TestState.AdditionalReferences.Add(Wrapper);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>The diagnostic is still reported, and no fix of <paramref name="key"/> is offered.</summary>
    public static Task NoFixAsync(string source, string key, params string[] bindings)
        => NoFixAsync(source, key, withWrapper: false, bindings);

    public static Task NoFixAsync(string source, string key, bool withWrapper, params string[] bindings)
    {
        var test = Create(source, source, key, bindings);
        if (withWrapper)
        {
            test.TestState.AdditionalReferences.Add(Wrapper);
        }

        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>A test to adjust further (more files, iterations, behaviors) before <c>RunAsync</c>.</summary>
    public static Test Create(string source, string fixedSource, string key, IEnumerable<string> bindings)
    {
        var test = new Test
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = key,
        };
        AddBindings(test, bindings);
        return test;
    }

    /// <summary>The global usings and bindings, as extra files of the test and the fixed state.</summary>
    public static void AddBindings(Test test, IEnumerable<string> bindings)
    {
        TestSetup.AddBindings(test.TestState, bindings);
        TestSetup.AddBindings(test.FixedState, bindings);
    }

    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestSetup.Net80;
            TestState.MarkupHandling = MarkupMode.Allow;
            FixedState.MarkupHandling = MarkupMode.Allow;
            foreach (var descriptor in new TAnalyzer().SupportedDiagnostics)
            {
                if (descriptor.Id != TRule.Id)
                {
                    DisabledDiagnostics.Add(descriptor.Id);
                }
            }
        }

        protected override CompilationOptions CreateCompilationOptions()
            => ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithAllowUnsafe(true);

        protected override ParseOptions CreateParseOptions()
            => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.CSharp12);
    }
}
