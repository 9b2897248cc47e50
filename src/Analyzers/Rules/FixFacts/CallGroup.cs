using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Rules;

/// <summary>How a call's status is used by the statement that holds the call.</summary>
internal enum CallShape
{
    /// <summary><c>Call(...);</c> or <c>_ = Call(...);</c></summary>
    Discarded,

    /// <summary><c>if (Call(...) != 0) ...</c>: the call is in the condition of the statement.</summary>
    InCondition,

    /// <summary><c>var rc = Call(...);</c> or <c>rc = Call(...);</c>, followed by the statements that use the local.</summary>
    StoredInLocal,

    /// <summary>An expression statement that passes the status on (<c>Check(Call(...));</c>).</summary>
    Wrapped,
}

/// <summary>
/// A call with the statements that check its result: the statement holding the call, and, when the status was
/// stored to a local, the statements right after it that use that local. All of them are in one statement list.
/// The analyzer finds it when it reports the call (<see cref="Find"/>, <see cref="Write"/>); the fix reads it (<see cref="Read"/>).
/// </summary>
internal sealed class CallGroup
{
    private const string ShapeSuffix = ".Shape";
    private const string PureCheckSuffix = ".IsPureCheck";

    private CallGroup(InvocationExpressionSyntax call, StatementSyntax statement, StatementList list, int start, int end, CallShape shape, ILocalSymbol? local, bool declaresLocal)
    {
        Call = call;
        Statement = statement;
        List = list;
        Start = start;
        End = end;
        Shape = shape;
        Local = local;
        DeclaresLocal = declaresLocal;
    }

    public InvocationExpressionSyntax Call { get; }

    /// <summary>The statement that holds the call, directly in <see cref="List"/>.</summary>
    public StatementSyntax Statement { get; }

    public StatementList List { get; }

    /// <summary>Index of <see cref="Statement"/> in <see cref="List"/>.</summary>
    public int Start { get; }

    /// <summary>Index of the last statement of the group (the last consecutive statement that uses <see cref="Local"/>).</summary>
    public int End { get; }

    public CallShape Shape { get; }

    /// <summary>The local the status was stored to (<see cref="CallShape.StoredInLocal"/>).</summary>
    public ILocalSymbol? Local { get; }

    /// <summary>The call's statement declares <see cref="Local"/> (<c>var rc = ...</c>), rather than assigning it.</summary>
    public bool DeclaresLocal { get; }

    public IEnumerable<StatementSyntax> Statements => List.Statements.Skip(Start).Take(End - Start + 1);

    /// <summary>
    /// Every statement after the call's only tests the status and leaves on failure (a throw or return), and the
    /// status is used nowhere else: removing the group, or replacing it by a call that throws, loses nothing.
    /// </summary>
    public bool IsPureCheck { get; private set; }

    /// <summary>Writes the group under <paramref name="key"/> (<see cref="FixFacts.Group"/>, <see cref="FixFacts.BeginGroup"/>).</summary>
    public void Write(ImmutableDictionary<string, string?>.Builder properties, string key)
    {
        // The call, then every statement of the group: a fix checks they are still there, in order, with nothing between.
        properties[key] = FixFacts.Nodes(new SyntaxNode?[] { Call }.Concat(Statements).ToArray());
        properties[key + ShapeSuffix] = Shape.ToString();
        if (IsPureCheck)
        {
            properties[key + PureCheckSuffix] = FixFacts.True;
        }
    }

    /// <summary>
    /// The group the analyzer wrote under <paramref name="key"/>, in the tree the fix edits; null when it wrote none, or
    /// when its statements are no longer one run of a list (Fix All: an earlier fix moved or split them). The reported
    /// call's group (<see cref="FixFacts.Group"/>) must hold the diagnosed call itself.
    /// </summary>
    public static CallGroup? Read(IFixFacts facts, string key, CancellationToken cancellationToken)
    {
        var count = facts.NodeCount(key);
        if (count < 2
            || FixFacts.As<InvocationExpressionSyntax>(facts.Node(key, 0)) is not { } call
            || (key == FixFacts.Group && call != facts.Call)
            || FixFacts.As<StatementSyntax>(facts.Node(key, 1)) is not { } statement
            || !System.Enum.TryParse<CallShape>(facts.Property(key + ShapeSuffix), out var shape)
            || StatementList.Containing(statement) is not { } list
            || !statement.Span.Contains(call.Span))
        {
            return null;
        }

        var start = list.IndexOf(statement);
        if (start < 0 || !FixFacts.IsRunOf(facts, key, 1, list, start))
        {
            return null;
        }

        ILocalSymbol? local = null;
        if (shape == CallShape.StoredInLocal && (local = StoredTo(statement, facts.Model, cancellationToken)) is null)
        {
            return null;
        }

        return new CallGroup(call, statement, list, start, start + count - 2, shape, local, statement is LocalDeclarationStatementSyntax)
        {
            IsPureCheck = facts.Property(key + PureCheckSuffix) == FixFacts.True,
        };
    }

    /// <summary>The local a status-storing statement (<c>var rc = …;</c>, <c>rc = …;</c>) writes.</summary>
    private static ILocalSymbol? StoredTo(StatementSyntax statement, SemanticModel model, CancellationToken cancellationToken) => statement switch
    {
        LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables } => model.GetDeclaredSymbol(variables[0], cancellationToken) as ILocalSymbol,
        ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment } => model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol as ILocalSymbol,
        _ => null,
    };

    public static CallGroup? Find(InvocationExpressionSyntax call, SemanticModel model, CancellationToken cancellationToken)
    {
        ExpressionSyntax expression = call;
        while (expression.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized;
        }

        StatementSyntax? statement;
        CallShape shape;
        ILocalSymbol? local = null;
        var declaresLocal = false;
        switch (expression.Parent)
        {
            case ExpressionStatementSyntax expressionStatement:
                statement = expressionStatement;
                shape = CallShape.Discarded;
                break;

            case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment
                when assignment.Right == expression && assignment.Parent is ExpressionStatementSyntax assignmentStatement:
                statement = assignmentStatement;
                var target = model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol;
                if (target is ILocalSymbol assigned)
                {
                    shape = CallShape.StoredInLocal;
                    local = assigned;
                }
                else if (target is IDiscardSymbol || (target is null && assignment.Left is IdentifierNameSyntax { Identifier.ValueText: "_" }))
                {
                    shape = CallShape.Discarded;
                }
                else
                {
                    return null;
                }

                break;

            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax declaration } } declarator }
                when declaration.UsingKeyword.IsKind(SyntaxKind.None) && !declaration.IsConst:
                statement = declaration;
                shape = CallShape.StoredInLocal;
                local = model.GetDeclaredSymbol(declarator, cancellationToken) as ILocalSymbol;
                declaresLocal = true;
                if (local is null)
                {
                    return null;
                }

                break;

            default:
                statement = EnclosingStatement(call);
                if (statement is IfStatementSyntax ifStatement && ifStatement.Condition.Span.Contains(call.Span))
                {
                    shape = CallShape.InCondition;
                }
                else if (statement is ExpressionStatementSyntax)
                {
                    shape = CallShape.Wrapped;
                }
                else
                {
                    return null;
                }

                break;
        }

        if (statement is null || StatementList.Containing(statement) is not { } list)
        {
            return null;
        }

        var start = list.IndexOf(statement);
        if (start < 0)
        {
            return null;
        }

        var end = start;
        if (local is not null)
        {
            while (end + 1 < list.Statements.Count && References(list.Statements[end + 1], local, model, cancellationToken))
            {
                end++;
            }
        }

        var group = new CallGroup(call, statement, list, start, end, shape, local, declaresLocal);
        group.IsPureCheck = group.FindIsPureCheck(model, cancellationToken);
        return group;
    }

    private bool FindIsPureCheck(SemanticModel model, CancellationToken cancellationToken)
    {
        switch (Shape)
        {
            case CallShape.Discarded:
                return true;
            case CallShape.InCondition:
                return Statement is IfStatementSyntax ifStatement && IsLeavingFailureCheck(ifStatement, e => IsCall(e), model);
            case CallShape.StoredInLocal when Local is not null && DeclaresLocal:
                for (var i = Start + 1; i <= End; i++)
                {
                    if (List.Statements[i] is not IfStatementSyntax check || !IsLeavingFailureCheck(check, e => IsLocal(e, model, cancellationToken), model))
                    {
                        return false;
                    }
                }

                // Used nowhere after the group (it is scoped to the list, so the rest of the list is everywhere it can be).
                for (var i = End + 1; i < List.Statements.Count; i++)
                {
                    if (References(List.Statements[i], Local, model, cancellationToken))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>Is <paramref name="expression"/> (without parentheses) the call itself?</summary>
    public bool IsCall(ExpressionSyntax expression) => StatementShapes.Unparenthesize(expression) == Call;

    /// <summary>Is <paramref name="expression"/> a read of <see cref="Local"/>?</summary>
    public bool IsLocal(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
        => Local is not null
           && StatementShapes.Unparenthesize(expression) is IdentifierNameSyntax identifier
           && identifier.Identifier.ValueText == Local.Name
           && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, Local);

    /// <summary><c>if (&lt;failure test of the subject&gt;) &lt;leave&gt;</c> with no else.</summary>
    public bool IsLeavingFailureCheck(IfStatementSyntax ifStatement, System.Func<ExpressionSyntax, bool> isSubject, SemanticModel model)
        => ifStatement.Else is null && FailureTests.IsFailureTest(ifStatement.Condition, isSubject, Call, model) && StatementShapes.Leaves(ifStatement.Statement);

    public static bool References(SyntaxNode node, ISymbol symbol, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var identifier in node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText == symbol.Name
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, symbol))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The statement that holds <paramref name="node"/>, without crossing a lambda or local function.</summary>
    private static StatementSyntax? EnclosingStatement(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AnonymousFunctionExpressionSyntax:
                case LocalFunctionStatementSyntax:
                    return null;
                case StatementSyntax statement:
                    return statement;
                case MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }
}
