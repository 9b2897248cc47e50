using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Flow;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Rules;

/// <summary>SSX013: Settings length does not match the settings passed (docs/rules/SSX013.md).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SSX013SettingsLengthMismatchAnalyzer : RuleAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SSX013SettingsLengthMismatchAnalyzer()
        : base(Descriptors.Rules.SSX013)
    {
    }
}

/// <summary>
/// The length argument of a secure or target-name event is a constant or a <c>sizeof</c>/<c>Marshal.SizeOf</c> that differs
/// from the size of the structure actually passed, on every path (C-SEC-7): 0 with a structure, the size of another type,
/// or a constant no pointer size makes right. Silent for a null structure, a computed length (a target name's string
/// tail), a structure whose native size cannot be known without the marshaller. Reported at the length argument.
/// </summary>
internal sealed class SSX013SettingsLengthMismatch : EveryStateCheck
{
    /// <summary>The diagnostic property with the passed structure's type (what the fix writes the size of).</summary>
    internal const string PassedTypeProperty = "PassedType";

    public override DiagnosticDescriptor Rule => Descriptors.Rules.SSX013;

    public override ImmutableArray<TrackedCallFilter> TrackedCalls => SecuresOrNames;

    public override void BeforeEvent(FlowEngine engine, PathState state, in ApiEvent e)
    {
        if (e.Kind is not (ApiKind.Secure or ApiKind.TargetName) || e.FromHelper || e.Operation is not IInvocationOperation invocation)
        {
            return;
        }

        var api = engine.Context.Catalog.Classify(invocation.TargetMethod);
        var (structureRole, lengthRole) = e.Kind == ApiKind.Secure
            ? (ArgumentRole.Settings, ArgumentRole.SettingsLength)
            : (ArgumentRole.TargetName, ArgumentRole.TargetNameLength);
        var structure = api.Argument(invocation, structureRole);
        var length = api.Argument(invocation, lengthRole);
        if (structure is not null && length is not null && !Arguments.IsNullHandle(structure)
            && StructValues.Passed(engine, state, structure) is { } passed
            && LengthValue.Of(length, engine.Graph.OriginalOperation) is { } value
            && Differs(passed.Type, value) is { } lengthText)
        {
            var properties = ImmutableDictionary<string, string?>.Empty.Add(PassedTypeProperty, DocumentationCommentId.CreateDeclarationId(passed.Type));
            Holds(e.Operation, length.Syntax, null, properties, RuleText.CallName(e.Operation), lengthText, passed.Type.Name);
        }
        else
        {
            Fails(e.Operation);
        }
    }

    /// <summary>How the length reads when it differs from <paramref name="passed"/>'s size for every pointer size; null otherwise.</summary>
    private static string? Differs(ITypeSymbol passed, LengthValue length)
    {
        if (length.SizeOf is { } other)
        {
            if (SymbolEqualityComparer.Default.Equals(other, passed))
            {
                return null;
            }

            return DiffersForEveryPointerSize(passed, p => StructSize.Of(other, p)) ? "the size of " + other.Name : null;
        }

        if (length.Constant is not { } constant)
        {
            return null;
        }

        return constant == 0 || DiffersForEveryPointerSize(passed, _ => (int)constant)
            ? constant.ToString(CultureInfo.InvariantCulture)
            : null;
    }

    private static bool DiffersForEveryPointerSize(ITypeSymbol passed, System.Func<int, int?> length)
    {
        foreach (var pointerSize in new[] { 4, 8 })
        {
            if (StructSize.Of(passed, pointerSize) is not { } size || length(pointerSize) is not { } given || size == given)
            {
                return false;
            }
        }

        return true;
    }
}
