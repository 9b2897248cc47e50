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

    /// <summary>Indexes the compilation; <paramref name="depth"/> is how many levels of helpers the pre-filter's summaries see.</summary>
    public static CandidateBodies Build(ApiCatalog catalog, int depth, CancellationToken cancellationToken)
    {
        var relevant = catalog.CallNamesFromMetadata();
        var trees = catalog.Compilation.SyntaxTrees.ToArray();
        var files = new FileIndex?[trees.Length];
        var buffer = new char[8192];

        // Words that declare an API under a name of the file's choosing: EntryPoint, and where the compilation has the
        // contract attributes, their names and any using alias of them (an alias is found in a file that names the
        // attribute, before any file is read for its members).
        var declarationWords = new List<string> { "EntryPoint" };
        var contractNames = new HashSet<string>(StringComparer.Ordinal);
        if (catalog.ContractsKnown)
        {
            contractNames.UnionWith(ContractAttributes.Names);
            contractNames.UnionWith(ContractWords);
            for (var i = 0; i < trees.Length; i++)
            {
                if (TextSearch.ContainsAny(trees[i].GetText(cancellationToken), ContractWords, buffer))
                {
                    contractNames.UnionWith(ContractAliases((CompilationUnitSyntax)trees[i].GetRoot(cancellationToken), contractNames));
                }
            }

            declarationWords.AddRange(contractNames);
        }

        // Reads every file not read yet whose text has one of the words; returns the files it read.
        HashSet<FileIndex> SearchAndRead(IReadOnlyList<string> words)
        {
            var read = new HashSet<FileIndex>();
            for (var i = 0; i < trees.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (files[i] is null && TextSearch.ContainsAny(trees[i].GetText(cancellationToken), words, buffer))
                {
                    files[i] = FileIndex.Read(trees[i], relevant, contractNames, declarationWords, cancellationToken);
                    read.Add(files[i]!);
                }
            }

            return read;
        }

        // Source declarations of APIs first (renamed through EntryPoint, annotated): their names are callers' names too.
        SearchAndRead(declarationWords);

        // Then level by level: only files whose text has a relevant name can call it, and within them only the members
        // whose code has it. The helpers found at a level are the names searched for at the next, up to the depth. A
        // constructor that reaches makes every constructor a candidate (a base or this initializer, written or implicit,
        // may call it), searched for by its type's name and the initializers' words.
        var fresh = relevant.ToList();
        var constructorTypes = new HashSet<string>(StringComparer.Ordinal);
        var typeWords = new List<string>();
        for (var level = 0; fresh.Count > 0 || typeWords.Count > 0; level++)
        {
            var read = SearchAndRead(fresh.SelectMany(WordsFor).Concat(typeWords).ToList());
            foreach (var file in files)
            {
                file?.Mark(read.Contains(file) ? relevant : fresh);
            }

            if (level == depth)
            {
                break;
            }

            var reaching = files.Where(f => f is not null).SelectMany(f => f!.Members).Where(m => m.Calls).ToList();
            fresh = reaching.Where(m => m.Name is { } name && !relevant.Contains(name)).Select(m => m.Name!).Distinct().ToList();
            typeWords = reaching.Where(m => m.ConstructedType is { } type && constructorTypes.Add(type)).Select(m => m.ConstructedType!).ToList();
            if (typeWords.Count > 0 && !relevant.Contains(ConstructorInitializer))
            {
                fresh.Add(ConstructorInitializer);
            }

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

    /// <summary>Using aliases (file, namespace or global) of a contract attribute: <c>using Begins = …BeginsImpersonationAttribute;</c>.</summary>
    private static IEnumerable<string> ContractAliases(CompilationUnitSyntax root, HashSet<string> contractNames)
    {
        var usings = root.Usings.Concat(root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<BaseNamespaceDeclarationSyntax>().SelectMany(n => n.Usings));
        foreach (var directive in usings)
        {
            if (directive.Alias is { } alias && directive.Name is { } target && contractNames.Contains(AttributeNames.SimpleName(target)))
            {
                yield return alias.Name.Identifier.ValueText;
            }
        }
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
            // The names of the constructed types are searched for besides (a derived type names its base).
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
    /// indexers, field and property initializers, and types whose primary constructor calls a base constructor, in
    /// document order.
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
                    // A primary constructor's call of its base constructor is a body of its own (the type's).
                    if (PrimaryBaseCall(type) is not null)
                    {
                        yield return type;
                    }

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

    /// <summary>
    /// Where a declaration's code is (a method's body and constructor initializer, not its attributes or signature; a
    /// primary constructor's base call); null without code. Code spans of a file's declarations are disjoint.
    /// </summary>
    private static TextSpan? CodeOf(SyntaxNode declaration)
    {
        if (declaration is TypeDeclarationSyntax type)
        {
            return PrimaryBaseCall(type)?.Span;
        }

        SyntaxNode? code = declaration switch
        {
            ConstructorDeclarationSyntax { Initializer: { } initializer } => initializer,
            BaseMethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody,
            AccessorDeclarationSyntax accessor => (SyntaxNode?)accessor.Body ?? accessor.ExpressionBody,
            _ => declaration,
        };
        return code is null ? null : TextSpan.FromBounds(code.SpanStart, declaration.Span.End);
    }

    private static PrimaryConstructorBaseTypeSyntax? PrimaryBaseCall(TypeDeclarationSyntax type)
        => type.ParameterList is null ? null : type.BaseList?.Types.OfType<PrimaryConstructorBaseTypeSyntax>().FirstOrDefault();

    /// <summary>The type a constructor (or a primary constructor's base call) belongs to: its name finds derived types' files.</summary>
    private static string? ConstructedTypeOf(SyntaxNode declaration) => declaration switch
    {
        ConstructorDeclarationSyntax constructor => constructor.Identifier.ValueText,
        TypeDeclarationSyntax type => type.Identifier.ValueText,
        _ => null,
    };

    private sealed class Member
    {
        public Member(SyntaxNode node, string? name, TextSpan code)
        {
            Span = node.Span;
            Name = name;
            Code = code;
            ConstructedType = ConstructedTypeOf(node);
        }

        /// <summary>The body owner's span: the key <see cref="IsCandidate"/> finds it by.</summary>
        public TextSpan Span { get; }

        /// <summary>The method's name, by which other bodies call it (null for bodies no invocation names).</summary>
        public string? Name { get; }

        /// <summary>Where its code is (a method's body, not its attributes or signature).</summary>
        public TextSpan Code { get; }

        /// <summary>For a constructor, its type's name (a constructor is called through initializers, not by name).</summary>
        public string? ConstructedType { get; }

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

        public static FileIndex Read(SyntaxTree tree, HashSet<string> relevant, HashSet<string> contractNames, IReadOnlyList<string> declarationWords, CancellationToken cancellationToken)
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

                    // A P/Invoke renamed through EntryPoint (its C# name is what callers write) or an annotated method.
                    if (name is not null && method.AttributeLists.Count > 0 && DeclaresApi(method.AttributeLists, contractNames))
                    {
                        relevant.Add(name);
                    }
                }

                if (CodeOf(declaration) is { } code)
                {
                    members.Add(new Member(declaration, name, code));
                }
            }

            var file = new FileIndex(tree, text, members);

            // A local function can be a renamed binding or an annotated method too: its body's member is a candidate.
            foreach (var word in declarationWords)
            {
                file.MarkWord(word);
            }

            return file;
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
                        member.Calls |= member.ConstructedType is not null;
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

                if (MemberAt(at) is { } member)
                {
                    member.Calls = true;
                }
            }
        }

        private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';

        /// <summary>The member whose code holds the position (code spans are disjoint and in document order).</summary>
        private Member? MemberAt(int position)
        {
            int low = 0, high = Members.Count - 1;
            while (low <= high)
            {
                var mid = (low + high) / 2;
                var code = Members[mid].Code;
                if (position < code.Start)
                {
                    high = mid - 1;
                }
                else if (position >= code.End)
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

        /// <summary>Does a method's attribute say it is an API: a contract attribute (by name or alias), or an entry point?</summary>
        private static bool DeclaresApi(SyntaxList<AttributeListSyntax> attributeLists, HashSet<string> contractNames)
            => AttributeNames.Any(attributeLists, contractNames.Contains)

               // A literal entry point is read; any other expression (a constant, nameof) may name an API.
               || AttributeNames.EntryPointOf(attributeLists) switch
               {
                   null => false,
                   LiteralExpressionSyntax literal => NativeApiTable.TryGet(literal.Token.ValueText, out var entry) && ApiKinds.StartsFlow(entry.Kind),
                   _ => true,
               };
    }
}
