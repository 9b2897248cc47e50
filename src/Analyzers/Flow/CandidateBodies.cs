using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using SecureSockets.Analyzers.Catalog;

namespace SecureSockets.Analyzers.Flow;

/// <summary>
/// Which bodies can hold a call that makes a flow pass worthwhile, decided from names alone, once per compilation: the
/// names that can call an API starting a flow (<see cref="ApiCatalog.CallNamesFromMetadata"/>, plus source methods
/// renamed through EntryPoint or carrying a contract attribute), then, level by level up to the summary depth, the names
/// of the project's methods whose bodies call one of those, reading only the files whose text names one (most files of a
/// real project are never walked). A body that invokes none of these names cannot contain a
/// tracked call or a call to a helper that reaches one: it costs this lookup, no operation walk and no graph. Names
/// over-approximate symbols (a method named like a tracked API is a candidate too), never the other way round; a body the
/// index cannot place is a candidate.
/// </summary>
internal sealed class CandidateBodies
{
    // Query clauses and collection initializers call methods no name in the syntax shows.
    private static readonly string[] QueryMethods = { "Select", "SelectMany", "Where", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "GroupBy", "Join", "GroupJoin", "Cast" };
    private const string ConstructorInitializer = ".ctor";
    private const string CollectionAdd = "Add";

    // Members by tree and span, not by node: a key that neither depends on node identity nor keeps the trees' nodes alive.
    private readonly HashSet<(SyntaxTree Tree, TextSpan Span)> candidates;

    // Trees the index read: a body in any other tree names nothing relevant.
    private readonly HashSet<SyntaxTree> walkedTrees;

    private CandidateBodies(HashSet<(SyntaxTree, TextSpan)> candidates, HashSet<SyntaxTree> walkedTrees)
    {
        this.candidates = candidates;
        this.walkedTrees = walkedTrees;
    }

    // Words whose presence in a file may declare an API under a name of the file's choosing.
    private static readonly string[] DeclarationWords = { "EntryPoint" };
    private static readonly string[] ContractWords = ContractAttributes.Names.Select(n => n.Substring(0, n.Length - "Attribute".Length)).ToArray();

    /// <summary>How many bodies the index found that may call a tracked API or a helper reaching one (tests read it).</summary>
    public int Count => candidates.Count;

    /// <summary>Indexes the compilation; <paramref name="depth"/> is how many levels of helpers the pre-filter's summaries see.</summary>
    public static CandidateBodies Build(ApiCatalog catalog, int depth, CancellationToken cancellationToken)
    {
        var relevant = catalog.CallNamesFromMetadata();
        var indexer = new Indexer(relevant, cancellationToken);
        var trees = catalog.Compilation.SyntaxTrees.ToArray();
        var walked = new bool[trees.Length];
        var buffer = new char[8192];

        void SearchAndWalk(IReadOnlyList<string> words)
        {
            for (var i = 0; i < trees.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!walked[i] && TextSearch.ContainsAny(trees[i].GetText(cancellationToken), words, buffer))
                {
                    walked[i] = true;
                    indexer.Visit(trees[i].GetRoot(cancellationToken));
                }
            }
        }

        // Source declarations of APIs first (renamed through EntryPoint, annotated): their names are callers' names too.
        SearchAndWalk(catalog.ContractsKnown ? DeclarationWords.Concat(ContractWords).ToArray() : DeclarationWords);
        if (indexer.AnnotatedConstructor)
        {
            // A contract-annotated constructor can be reached through a constructor initializer.
            relevant.Add(ConstructorInitializer);
        }

        // Then level by level: only files whose text names a relevant method can call one. The helpers found at a level
        // are the names searched for at the next, up to the summaries' depth.
        var fresh = relevant.ToList();
        for (var level = 0; fresh.Count > 0; level++)
        {
            SearchAndWalk(fresh);
            if (level == depth)
            {
                break;
            }

            fresh = new List<string>();
            foreach (var member in indexer.Members)
            {
                if (member.Name is { } name && !relevant.Contains(name) && member.CallsAny(relevant))
                {
                    fresh.Add(name);
                }
            }

            relevant.UnionWith(fresh);
        }

        var candidates = new HashSet<(SyntaxTree, TextSpan)>();
        foreach (var member in indexer.Members)
        {
            if (member.CallsAny(relevant))
            {
                candidates.Add((member.Tree, member.Span));
            }
        }

        return new CandidateBodies(candidates, new HashSet<SyntaxTree>(trees.Where((_, i) => walked[i])));
    }

    /// <summary>Can the body whose operation block has this syntax call a tracked API or a helper that reaches one?</summary>
    public bool MayCallTracked(SyntaxNode blockSyntax)
    {
        if (!walkedTrees.Contains(blockSyntax.SyntaxTree))
        {
            return false;
        }

        for (var node = blockSyntax; node is not null; node = node.Parent)
        {
            if (IsMember(node, out _))
            {
                return candidates.Contains((node.SyntaxTree, node.Span));
            }
        }

        // Top-level statements, a primary constructor's base call: not placed, so a candidate.
        return true;
    }

    /// <summary>
    /// A node that owns the bodies under it: a method, constructor, operator or accessor; an expression-bodied property or
    /// indexer; a field's or property's initializer. Lambdas, local functions and parameter defaults belong to their member.
    /// </summary>
    private static bool IsMember(SyntaxNode node, out string? name)
    {
        name = null;
        switch (node)
        {
            case MethodDeclarationSyntax method:
                name = method.Identifier.ValueText;
                return true;
            case BaseMethodDeclarationSyntax or AccessorDeclarationSyntax:
                return true;
            case ArrowExpressionClauseSyntax { Parent: BasePropertyDeclarationSyntax }:
                return true;
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax } or PropertyDeclarationSyntax or EnumMemberDeclarationSyntax }:
                return true;
            default:
                return false;
        }
    }

    private sealed class Member
    {
        private readonly HashSet<string> calls = new(StringComparer.Ordinal);

        public Member(SyntaxNode node, string? name)
        {
            Tree = node.SyntaxTree;
            Span = node.Span;
            Name = name;
        }

        public SyntaxTree Tree { get; }

        public TextSpan Span { get; }

        /// <summary>The method's name, by which other bodies call it (null for bodies no invocation names).</summary>
        public string? Name { get; }

        public bool Reaches { get; set; }

        public void Add(string name) => calls.Add(name);

        public bool CallsAny(HashSet<string> names)
        {
            foreach (var call in calls)
            {
                if (names.Contains(call))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// One pass over each tree in document order (an iterative walk that does not descend where no call can be: usings,
    /// attributes, parameter lists, type names and arguments): members as they open, and each call-like node given to the innermost open
    /// member that contains it.
    /// </summary>
    private sealed class Indexer
    {
        private static readonly Func<SyntaxNode, bool> DescendInto = node => node is not (UsingDirectiveSyntax or AttributeListSyntax or ParameterListSyntax
            or TypeParameterListSyntax or TypeParameterConstraintClauseSyntax or BaseListSyntax or PredefinedTypeSyntax
            or NullableTypeSyntax or QualifiedNameSyntax or GenericNameSyntax or TypeArgumentListSyntax);

        private readonly HashSet<string> relevant;
        private readonly CancellationToken cancellationToken;
        private readonly Stack<Member> open = new();

        public Indexer(HashSet<string> relevant, CancellationToken cancellationToken)
        {
            this.relevant = relevant;
            this.cancellationToken = cancellationToken;
        }

        public List<Member> Members { get; } = new();

        public bool AnnotatedConstructor { get; private set; }

        public void Visit(SyntaxNode root)
        {
            open.Clear();
            foreach (var node in root.DescendantNodes(DescendInto))
            {
                if (IsMember(node, out var name))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Open(node, name);
                    continue;
                }

                switch (node)
                {
                    case InvocationExpressionSyntax invocation:
                        // Any other shape than these invokes a delegate, never a method of ours or an API.
                        var invoked = invocation.Expression switch
                        {
                            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                            GenericNameSyntax generic => generic.Identifier.ValueText,
                            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
                            _ => null,
                        };
                        if (invoked is not null)
                        {
                            Innermost(node)?.Add(invoked);
                        }

                        break;
                    case ConstructorInitializerSyntax:
                        Innermost(node)?.Add(ConstructorInitializer);
                        break;
                    case QueryExpressionSyntax:
                        if (Innermost(node) is { } member)
                        {
                            foreach (var method in QueryMethods)
                            {
                                member.Add(method);
                            }
                        }

                        break;
                    case InitializerExpressionSyntax initializer when initializer.IsKind(SyntaxKind.CollectionInitializerExpression):
                        Innermost(node)?.Add(CollectionAdd);
                        break;
                }
            }
        }

        private void Open(SyntaxNode node, string? name)
        {
            if (node is BaseMethodDeclarationSyntax { AttributeLists.Count: > 0 } declaration && DeclaresApi(declaration))
            {
                // A P/Invoke renamed through EntryPoint (its C# name is what callers write) or an annotated method.
                if (name is not null)
                {
                    relevant.Add(name);
                }
                else if (node is ConstructorDeclarationSyntax)
                {
                    AnnotatedConstructor = true;
                }
            }

            var member = new Member(node, name);
            Innermost(node);
            open.Push(member);
            Members.Add(member);
        }

        /// <summary>The innermost open member containing the node (members that ended before it are closed).</summary>
        private Member? Innermost(SyntaxNode node)
        {
            while (open.Count > 0 && !open.Peek().Span.Contains(node.Span))
            {
                open.Pop();
            }

            return open.Count > 0 ? open.Peek() : null;
        }

        private static bool DeclaresApi(BaseMethodDeclarationSyntax declaration)
        {
            foreach (var list in declaration.AttributeLists)
            {
                foreach (var attribute in list.Attributes)
                {
                    if (IsContractAttribute(attribute.Name))
                    {
                        return true;
                    }

                    if (attribute.ArgumentList is { } arguments)
                    {
                        foreach (var argument in arguments.Arguments)
                        {
                            // A literal entry point is read; any other expression (a constant, nameof) may name an API.
                            if (argument.NameEquals?.Name.Identifier.ValueText == "EntryPoint"
                                && (argument.Expression is not LiteralExpressionSyntax literal
                                    || (NativeApiTable.TryGet(literal.Token.ValueText, out var entry) && ApiKinds.StartsFlow(entry.Kind))))
                            {
                                return true;
                            }
                        }
                    }
                }
            }

            return false;
        }

        private static bool IsContractAttribute(NameSyntax name)
        {
            var simple = name switch
            {
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
                SimpleNameSyntax plain => plain.Identifier.ValueText,
                _ => string.Empty,
            };
            foreach (var contract in ContractAttributes.Names)
            {
                if (simple == contract || contract.Length == simple.Length + "Attribute".Length && contract.StartsWith(simple, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
