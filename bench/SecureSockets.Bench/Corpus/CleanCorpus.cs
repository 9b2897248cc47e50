using System;
using System.Collections.Generic;

namespace SecureSockets.Bench.Corpus;

/// <summary>
/// Corpus (a): an ordinary line-of-business code base — entities, records, repositories, services with LINQ,
/// loops, string work, async, try/catch, pattern matching, local functions, IDisposable readers — that calls none
/// of the APIs the analyzers track (no P/Invoke, no sockets, no SSPI). About 12,500 lines per unit of scale.
/// </summary>
internal static class CleanCorpus
{
    public const int LinesPerScale = 12_500;

    internal static readonly string[] Nouns =
    {
        "Order", "Invoice", "Customer", "Product", "Shipment", "Warehouse", "Supplier", "Payment", "Refund", "Coupon",
        "Basket", "Review", "Category", "Employee", "Ticket", "Contract", "Route", "Vehicle", "Booking", "Account",
    };

    public static GeneratedCorpus Generate(int scale, int seed)
    {
        var dice = new Dice(seed + scale);
        var files = new List<(string, string)>();
        int lines = 0, types = 0, methods = 0;
        for (var i = 0; lines < LinesPerScale * scale; i++)
        {
            var entity = Nouns[i % Nouns.Length] + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            var (text, t, m) = Entity(dice, entity, "Area" + (i / 10).ToString(System.Globalization.CultureInfo.InvariantCulture));
            files.Add(($"Clean/{entity}.cs", text));
            lines += CodeWriter.CountLines(text);
            types += t;
            methods += m;
        }

        return new GeneratedCorpus("clean", scale, files, lines, types, methods, TrackedCalls: 0);
    }

    /// <summary>One entity's file: a DTO, a repository, a service with 6–12 methods and extensions.</summary>
    internal static (string Text, int Types, int Methods) Entity(Dice dice, string e, string area)
    {
        var w = new CodeWriter();
        w.Lines_(new[]
        {
            "using System;", "using System.Collections.Generic;", "using System.Globalization;", "using System.IO;",
            "using System.Linq;", "using System.Text;", "using System.Threading;", "using System.Threading.Tasks;", "",
            $"namespace Contoso.Commerce.{area};", "",
            $"public enum {e}Status {{ Draft, Active, Suspended, Archived }}", "",
            $"public sealed record {e}Dto(int Id, string Name, decimal Price, DateTime CreatedAt, {e}Status Status);", "",
        });
        w.Open($"public interface I{e}Repository")
            .Line($"{e}Dto? Find(int id);").Line($"IEnumerable<{e}Dto> All();").Line($"void Save({e}Dto item);").Line("bool Remove(int id);")
            .Close().Line();
        w.Open($"public sealed class {e}Repository : I{e}Repository")
            .Line($"private readonly Dictionary<int, {e}Dto> store = new();").Line()
            .Line($"public {e}Dto? Find(int id) => store.TryGetValue(id, out var item) ? item : null;").Line()
            .Line($"public IEnumerable<{e}Dto> All() => store.Values;").Line()
            .Open($"public void Save({e}Dto item)").Line("ArgumentNullException.ThrowIfNull(item);").Line("store[item.Id] = item;").Close().Line()
            .Line("public bool Remove(int id) => store.Remove(id);")
            .Close().Line();

        w.Open($"public sealed class {e}Service")
            .Line($"private readonly I{e}Repository repository;")
            .Line("private readonly List<string> audit = new();")
            .Line("private readonly Dictionary<string, int> counters = new(StringComparer.Ordinal);")
            .Line("private int version;")
            .Line("private decimal total;").Line()
            .Open($"public {e}Service(I{e}Repository repository)")
            .Line("this.repository = repository ?? throw new ArgumentNullException(nameof(repository));")
            .Close().Line()
            .Line("public int Version => version;").Line()
            .Line("public decimal Total => total;");

        var methodCount = dice.Next(6, 12);
        for (var m = 0; m < methodCount; m++)
        {
            w.Line();
            Method(w, dice, e, m);
        }

        w.Close().Line();
        w.Open($"public static class {e}Extensions")
            .Line($"public static string Describe(this {e}Dto item) => $\"{{item.Name}} ({{item.Price.ToString(CultureInfo.InvariantCulture)}})\";").Line()
            .Line($"public static bool IsExpensive(this {e}Dto item, decimal threshold) => item.Price > threshold;").Line()
            .Line($"public static IEnumerable<{e}Dto> Active(this IEnumerable<{e}Dto> items) => items.Where(i => i.Status == {e}Status.Active);")
            .Close();
        return (w.ToString(), 6, methodCount + 8);
    }

    private static void Method(CodeWriter w, Dice dice, string e, int m)
    {
        var kind = dice.Next(0, 5);
        var isAsync = kind == 2;
        var header = kind switch
        {
            0 => $"public int Compute{m}(int seed, string name)",
            1 => $"public string Describe{m}(int id)",
            2 => $"public async Task<int> Refresh{m}Async(int id, CancellationToken cancellationToken)",
            3 => $"public IReadOnlyList<{e}Dto> Filter{m}(decimal min)",
            4 => $"public bool TryParse{m}(string text, out int value)",
            _ => $"public void Apply{m}({e}Dto item)",
        };
        w.Open(header);
        if (kind == 4)
        {
            w.Line("value = 0;");
        }

        var statements = dice.Next(4, 10);
        var k = 0;
        for (var s = 0; s < statements; s++)
        {
            w.Block(Statement(dice, e, k++, isAsync));
        }

        w.Line(kind switch
        {
            0 => "return version + seed + name.Length;",
            1 => "return string.Join(\",\", audit.Take(3)) + id.ToString(CultureInfo.InvariantCulture);",
            2 => "return version + id;",
            3 => "return repository.All().Where(x => x.Price >= min).ToList();",
            4 => "return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);",
            _ => "repository.Save(item);",
        });
        w.Close();
    }

    private static IEnumerable<string> Statement(Dice dice, string e, int k, bool isAsync)
    {
        var r = dice.Next(2, 50);
        var kind = dice.Next(0, isAsync ? 20 : 18);
        return kind switch
        {
            0 => new[] { $"var items{k} = repository.All().Where(x => x.Price > {r}m).OrderBy(x => x.Name, StringComparer.Ordinal).ToList();", $"total += items{k}.Sum(x => x.Price);" },
            1 => new[] { $"foreach (var it{k} in repository.All())", "{", $"if (it{k}.Id % {r} == 0)", "{", $"total += it{k}.Price;", "}", "}" },
            2 => new[] { $"var sb{k} = new StringBuilder();", $"for (var i{k} = 0; i{k} < {r}; i{k}++)", "{", $"sb{k}.Append(i{k}).Append(',');", "}", $"audit.Add(sb{k}.ToString());" },
            3 => new[] { $"counters.TryGetValue(\"c{r}\", out var count{k});", $"counters[\"c{r}\"] = count{k} + 1;" },
            4 => new[] { "try", "{", $"version = checked(version + {r});", "}", $"catch (OverflowException ex{k})", "{", $"audit.Add(ex{k}.Message);", "version = 0;", "}" },
            5 => new[] { $"var kind{k} = (version % 3) switch", "{", $"0 => {e}Status.Active,", $"1 => {e}Status.Suspended,", $"_ => {e}Status.Archived,", "};", $"if (kind{k} == {e}Status.Archived)", "{", "audit.Add(\"archived\");", "}" },
            6 => new[] { $"using (var reader{k} = new StringReader(\"a,b,c\\nd,e\"))", "{", $"string? line{k};", $"while ((line{k} = reader{k}.ReadLine()) != null)", "{", $"audit.Add(line{k});", "}", "}" },
            7 => new[] { $"if (audit.Count > {r})", "{", $"audit.RemoveRange(0, audit.Count - {r});", "}" },
            8 => new[] { $"int Local{k}(int v) => v * {r} + version;", $"version = Local{k}(version) % 100000;" },
            9 => new[] { $"var text{k} = string.Join(\";\", audit.Take({r}));", $"if (text{k}.Length > {r * 20})", "{", "audit.Clear();", "}" },
            10 => new[] { $"var found{k} = repository.Find(version % {r});", $"if (found{k} is {{ Price: > 10m }} f{k})", "{", $"total += f{k}.Price;", "}" },
            11 => new[] { "lock (audit)", "{", "version++;", "}" },
            12 => new[] { $"using var stream{k} = new MemoryStream();", $"using var writer{k} = new StreamWriter(stream{k});", $"writer{k}.Write(version);", $"writer{k}.Flush();", $"total += stream{k}.Length;" },
            13 => new[] { "switch (version % 4)", "{", "case 0:", "version += 2;", "break;", "case 1:", "total -= 1m;", "break;", "default:", "audit.Add(version.ToString(CultureInfo.InvariantCulture));", "break;", "}" },
            14 => new[] { $"var dto{k} = new {e}Dto(version, \"item{r}\", {r}.5m, DateTime.UtcNow, {e}Status.Active);", $"repository.Save(dto{k});" },
            15 => new[] { $"var active{k} = repository.All().Count(x => x.Status == {e}Status.Active);", $"if (active{k} > {r})", "{", $"version += active{k};", "}" },
            16 => new[] { $"var n{k} = {r};", $"while (n{k} > 1)", "{", $"n{k} = n{k} % 2 == 0 ? n{k} / 2 : 3 * n{k} + 1;", "version++;", "}" },
            17 => new[] { $"var parsed{k} = decimal.TryParse(\"{r}.25\", NumberStyles.Number, CultureInfo.InvariantCulture, out var price{k}) ? price{k} : 0m;", $"total += parsed{k};" },
            18 => new[] { "audit.Add(string.Create(CultureInfo.InvariantCulture, $\"v{version} t{total:F2} at {DateTime.UtcNow:O}\"));" },
            19 => new[] { $"await Task.Delay({r}, cancellationToken).ConfigureAwait(false);" },
            _ => new[] { $"var loaded{k} = await Task.Run(() => repository.Find(id), cancellationToken).ConfigureAwait(false);", $"if (loaded{k} is not null)", "{", $"total += loaded{k}.Price;", "}" },
        };
    }
}
