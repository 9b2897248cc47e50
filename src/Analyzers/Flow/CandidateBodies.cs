using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using SecureSockets.Analyzers.Catalog;

namespace SecureSockets.Analyzers.Flow;

/// <summary>
/// Which bodies can hold a call that makes a flow pass worthwhile, decided from names alone, once per compilation: the
/// names that can call an API starting a flow (<see cref="ApiCatalog.CallNamesFromMetadata"/>, plus source methods
/// renamed through EntryPoint or carrying a contract attribute), then, level by level up to the summary depth, the names
/// of the project's methods whose bodies have one of those. Only files whose text has one are read, and in them only the
/// declarations (a member's code is searched as text, a whole-word mention standing for a call): most files of a real
/// project are never parsed further, no body is walked. A body that mentions none of these names cannot contain a tracked
/// call or a call to a helper that reaches one: it costs this lookup, no operation walk and no graph. Mentions
/// over-approximate calls and names over-approximate symbols (a method named like a tracked API keeps its callers
/// candidates), never the other way round.
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
        var trees = catalog.Compilation.SyntaxTrees.ToArray();
        var files = new FileIndex?[trees.Length];
        var buffer = new char[8192];
        var annotatedConstructor = false;

        // Reads every file not read yet whose text has one of the words; returns the files it read.
        List<FileIndex> SearchAndRead(IReadOnlyList<string> words)
        {
            var read = new List<FileIndex>();
            for (var i = 0; i < trees.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (files[i] is null && TextSearch.ContainsAny(trees[i].GetText(cancellationToken), words, buffer))
                {
                    files[i] = FileIndex.Read(trees[i], relevant, ref annotatedConstructor, cancellationToken);
                    read.Add(files[i]!);
                }
            }

            return read;
        }

        // Source declarations of APIs first (renamed through EntryPoint, annotated): their names are callers' names too.
        SearchAndRead(catalog.ContractsKnown ? DeclarationWords.Concat(ContractWords).ToArray() : DeclarationWords);
        if (annotatedConstructor)
        {
            // A contract-annotated constructor can be reached through a constructor initializer.
            relevant.Add(ConstructorInitializer);
        }

        // Then level by level: only files whose text has a relevant name can call it, and within them only the members
        // whose body has it. The helpers found at a level are the names searched for at the next, up to the depth.
        var fresh = relevant.ToList();
        for (var level = 0; fresh.Count > 0; level++)
        {
            var read = new HashSet<FileIndex>(SearchAndRead(fresh.SelectMany(WordsFor).ToList()));
            foreach (var file in files)
            {
                file?.Mark(read.Contains(file) ? relevant : fresh);
            }

            if (level == depth)
            {
                break;
            }

            fresh = files.Where(f => f is not null).SelectMany(f => f!.Members)
                .Where(m => m.Calls && m.Name is { } name && !relevant.Contains(name))
                .Select(m => m.Name!)
                .Distinct()
                .ToList();
            relevant.UnionWith(fresh);
        }

        var candidates = new HashSet<(SyntaxTree, TextSpan)>();
        var readTrees = new HashSet<SyntaxTree>();
        foreach (var file in files)
        {
            if (file is null)
            {
                continue;
            }

            readTrees.Add(file.Tree);
            foreach (var member in file.Members)
            {
                if (member.Calls)
                {
                    candidates.Add((file.Tree, member.Span));
                }
            }
        }

        return new CandidateBodies(candidates, readTrees);
    }

    /// <summary>
    /// The words whose presence in a body can mean a call of the name: the name itself, and for calls no name shows the
    /// syntax that makes them (a collection initializer follows <c>new</c>, a query starts with <c>from</c>, a constructor
    /// initializer says <c>base</c> or <c>this</c>).
    /// </summary>
    private static IEnumerable<string> WordsFor(string name)
    {
        if (name == ConstructorInitializer)
        {
            yield return "base";
            yield return "this";
            yield break;
        }

        yield return name;
        if (name == CollectionAdd)
        {
            yield return "new";
        }

        if (Array.IndexOf(QueryMethods, name) >= 0)
        {
            yield return "from";
        }
    }

    /// <summary>Was the file read (its text has a relevant name)? No body of any other file can call a tracked API.</summary>
    public bool Reads(SyntaxTree tree) => walkedTrees.Contains(tree);

    /// <summary>Can the code of this body owner (one of <see cref="BodyOwners"/>) call a tracked API or a helper that reaches one?</summary>
    public bool IsCandidate(SyntaxNode bodyOwner) => candidates.Contains((bodyOwner.SyntaxTree, bodyOwner.Span));

    /// <summary>The nodes of a file that own bodies (each one's operation block), from its declarations alone, in document order.</summary>
    public static IEnumerable<SyntaxNode> BodyOwners(CompilationUnitSyntax root)
        => Declarations(root).Where(d => CodeOf(d) is not null);

    /// <summary>
    /// Methods (with or without code: a renamed P/Invoke has none), accessors, expression bodies of properties and
    /// indexers, and field and property initializers, in document order.
    /// </summary>
    private static IEnumerable<SyntaxNode> Declarations(CompilationUnitSyntax root)
    {
        var pending = new Stack<MemberDeclarationSyntax>();
        for (var i = root.Members.Count - 1; i >= 0; i--)
        {
            pending.Push(root.Members[i]);
        }

        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case BaseNamespaceDeclarationSyntax ns:
                    for (var i = ns.Members.Count - 1; i >= 0; i--)
                    {
                        pending.Push(ns.Members[i]);
                    }

                    break;
                case TypeDeclarationSyntax type:
                    for (var i = type.Members.Count - 1; i >= 0; i--)
                    {
                        pending.Push(type.Members[i]);
                    }

                    break;
                case BaseMethodDeclarationSyntax method:
                    yield return method;
                    break;
                case BasePropertyDeclarationSyntax property:
                    if (property is PropertyDeclarationSyntax { ExpressionBody: { } propertyArrow })
                    {
                        yield return propertyArrow;
                    }
                    else if (property is IndexerDeclarationSyntax { ExpressionBody: { } indexerArrow })
                    {
                        yield return indexerArrow;
                    }

                    foreach (var accessor in property.AccessorList?.Accessors ?? default)
                    {
                        yield return accessor;
                    }

                    if (property is PropertyDeclarationSyntax { Initializer: { } value })
                    {
                        yield return value;
                    }

                    break;
                case BaseFieldDeclarationSyntax field:
                    foreach (var variable in field.Declaration.Variables)
                    {
                        if (variable.Initializer is { } initialValue)
                        {
                            yield return initialValue;
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>Where a declaration's code is (a method's body and constructor initializer, not its attributes or signature); null without code.</summary>
    private static TextSpan? CodeOf(SyntaxNode declaration)
    {
        SyntaxNode? code = declaration switch
        {
            ConstructorDeclarationSyntax { Initializer: { } initializer } => initializer,
            BaseMethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody,
            AccessorDeclarationSyntax accessor => (SyntaxNode?)accessor.Body ?? accessor.ExpressionBody,
            _ => declaration,
        };
        return code is null ? null : TextSpan.FromBounds(code.SpanStart, declaration.Span.End);
    }

    private sealed class Member
    {
        public Member(SyntaxNode node, string? name, TextSpan? body, bool hasInitializer)
        {
            Span = node.Span;
            Name = name;
            Body = body ?? default;
            HasConstructorInitializer = hasInitializer;
        }

        /// <summary>The body owner's span: the key <see cref="IsCandidate"/> finds it by.</summary>
        public TextSpan Span { get; }

        /// <summary>The method's name, by which other bodies call it (null for bodies no invocation names).</summary>
        public string? Name { get; }

        /// <summary>Where its code is (a method's body, not its attributes or signature).</summary>
        public TextSpan Body { get; }

        public bool HasConstructorInitializer { get; }

        /// <summary>Does its code have a relevant name (so far)?</summary>
        public bool Calls { get; set; }
    }

    /// <summary>
    /// One file's members, found from its declarations alone (bodies are not walked: a member's code is searched as text,
    /// over-approximating calls by mentions).
    /// </summary>
    private sealed class FileIndex
    {
        private readonly char[] text;

        private FileIndex(SyntaxTree tree, char[] text, List<Member> members)
        {
            Tree = tree;
            this.text = text;
            Members = members;
        }

        public SyntaxTree Tree { get; }

        /// <summary>In document order, disjoint.</summary>
        public List<Member> Members { get; }

        public static FileIndex Read(SyntaxTree tree, HashSet<string> relevant, ref bool annotatedConstructor, CancellationToken cancellationToken)
        {
            var source = tree.GetText(cancellationToken);
            var text = new char[source.Length];
            source.CopyTo(0, text, 0, source.Length);
            var members = new List<Member>();
            foreach (var declaration in Declarations((CompilationUnitSyntax)tree.GetRoot(cancellationToken)))
            {
                string? name = null;
                if (declaration is BaseMethodDeclarationSyntax method)
                {
                    name = (method as MethodDeclarationSyntax)?.Identifier.ValueText;
                    if (method.AttributeLists.Count > 0 && DeclaresApi(method))
                    {
                        // A P/Invoke renamed through EntryPoint (its C# name is what callers write) or an annotated method.
                        if (name is not null)
                        {
                            relevant.Add(name);
                        }
                        else if (method is ConstructorDeclarationSyntax)
                        {
                            annotatedConstructor = true;
                        }
                    }
                }

                if (CodeOf(declaration) is { } code)
                {
                    members.Add(new Member(declaration, name, code, declaration is ConstructorDeclarationSyntax { Initializer: not null }));
                }
            }

            return new FileIndex(tree, text, members);
        }

        /// <summary>Marks the members whose code has one of the names (as a whole word).</summary>
        public void Mark(IEnumerable<string> names)
        {
            foreach (var name in names)
            {
                if (name == ConstructorInitializer)
                {
                    foreach (var member in Members)
                    {
                        member.Calls |= member.HasConstructorInitializer;
                    }

                    continue;
                }

                foreach (var word in WordsFor(name))
                {
                    MarkWord(word);
                }
            }
        }

        private void MarkWord(string word)
        {
            var all = new ReadOnlySpan<char>(text);
            for (var from = 0; from < text.Length;)
            {
                var found = all.Slice(from).IndexOf(word.AsSpan());
                if (found < 0)
                {
                    return;
                }

                var at = from + found;
                from = at + word.Length;
                if ((at > 0 && IsIdentifierChar(text[at - 1])) || (from < text.Length && IsIdentifierChar(text[from])))
                {
                    continue;
                }

                if (MemberAt(at) is { } member && member.Body.Contains(at))
                {
                    member.Calls = true;
                }
            }
        }

        private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';

        /// <summary>The member whose span holds the position (members are disjoint and in document order).</summary>
        private Member? MemberAt(int position)
        {
            int low = 0, high = Members.Count - 1;
            while (low <= high)
            {
                var mid = (low + high) / 2;
                var span = Members[mid].Span;
                if (position < span.Start)
                {
                    high = mid - 1;
                }
                else if (position >= span.End)
                {
                    low = mid + 1;
                }
                else
                {
                    return Members[mid];
                }
            }

            return null;
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
