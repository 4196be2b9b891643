using System.Text.RegularExpressions;
using System.Xml.Linq;
using HtxFund.Tests.Infrastructure.Reliability.Fixtures;

namespace HtxFund.Tests.Web;

/// <summary>The English resources (?culture=en) cover every fixed text the pages ask for, and none of their entries is
/// lost to the resource compiler, which keeps only the first of two names that differ only in case (so "tán thành"
/// beside "Tán thành" left the lower-case one untranslated).</summary>
public sealed partial class every_page_text_has_its_english_translation
{
    private static readonly string Web = Path.Combine(Shell.RepoRoot, "src", "HtxFund", "Web");

    [GeneratedRegex(@"@inject\s+\S*IStringLocalizer<(?:[\w.]+\.)?(\w+)>\s+L\b")]
    private static partial Regex Injected();

    [GeneratedRegex("""\bL\["((?:[^"\\]|\\.)*)"[\],]""")]
    private static partial Regex FixedText();

    private static IReadOnlyList<string> Names(string resource) =>
        XDocument.Load(Path.Combine(Web, $"{resource}.en.resx")).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToList();

    /// <summary>The resource a page's <c>L</c> reads: its own <c>@inject</c>, else the nearest _ViewImports.</summary>
    private static string ResourceOf(string page)
    {
        if (Injected().Match(File.ReadAllText(page)) is { Success: true } own) return own.Groups[1].Value;
        for (var dir = Path.GetDirectoryName(page)!; dir.StartsWith(Web, StringComparison.Ordinal); dir = Path.GetDirectoryName(dir)!)
        {
            var imports = Path.Combine(dir, "_ViewImports.cshtml");
            if (File.Exists(imports) && Injected().Match(File.ReadAllText(imports)) is { Success: true } inherited)
                return inherited.Groups[1].Value;
        }
        throw new InvalidOperationException($"{page} has no localizer L");
    }

    [Theory]
    [InlineData("SharedResource")]
    [InlineData("StaffResource")]
    public void no_two_english_entries_differ_only_in_case(string resource)
    {
        var clashes = Names(resource).GroupBy(n => n.Normalize(), StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)).ToList();

        clashes.ShouldBeEmpty();
    }

    [Fact]
    public void every_fixed_text_a_page_asks_for_has_an_english_entry_in_its_resource()
    {
        var names = new[] { "SharedResource", "StaffResource" }.ToDictionary(r => r, r => Names(r).ToHashSet(StringComparer.Ordinal));
        var pages = Directory.GetFiles(Path.Combine(Web, "Pages"), "*.cshtml", SearchOption.AllDirectories);
        pages.Length.ShouldBeGreaterThan(30);

        var missing = (from page in pages
                       let resource = ResourceOf(page)
                       from Match m in FixedText().Matches(File.ReadAllText(page))
                       let text = m.Groups[1].Value
                       where !names[resource].Contains(text)
                       select $"{Path.GetRelativePath(Web, page)}: {resource} lacks \"{text}\"").Distinct().ToList();

        missing.ShouldBeEmpty();
    }
}
