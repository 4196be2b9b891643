using System.Globalization;
using HtxFund.Accounting.Reading;
using HtxFund.Infrastructure.Http;
using HtxFund.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;

namespace HtxFund.Web.Pages.Accounting;

/// <summary>What the pages of the books share: the period typed as dd/MM/yyyy (<c>tu-ngay</c>, <c>den-ngay</c>), checked
/// by the API's own rules (<see cref="BooksQuery.Period"/>), the page number, and the links to the API's files for the
/// same filter (ISO dates), which the signed-in user's cookie opens.</summary>
public abstract class BooksPage : StaffPage
{
    public const int LinesPerPage = 50;
    private static readonly LocalDatePattern Typed = LocalDatePattern.Create("d/M/yyyy", CultureInfo.InvariantCulture);

    [BindProperty(SupportsGet = true, Name = "tu-ngay")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "den-ngay")] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int? PageNumber { get; set; }

    /// <summary>The period read, once <see cref="CheckPeriod"/> accepted it.</summary>
    public BooksPeriod? Period { get; private set; }

    public string FromText => Period is { } p ? Display.Date(p.From) : From ?? "";
    public string ToText => Period is { } p ? Display.Date(p.To) : To ?? "";

    /// <summary>The period of the form (default the current month); false with the errors in ModelState when refused.</summary>
    protected bool CheckPeriod()
    {
        var from = Iso(From, "tu-ngay", "Ngày bắt đầu");
        var to = Iso(To, "den-ngay", "Ngày kết thúc");
        if (!ModelState.IsValid) return false;
        var errors = new List<FieldError>();
        Period = BooksQuery.Period(from, to, Time.Today, errors);
        foreach (var e in errors) ModelState.AddModelError(e.Field == "from" ? "tu-ngay" : "den-ngay", e.Message);
        return Period is not null;
    }

    private string? Iso(string? typed, string field, string label)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        var parsed = Typed.Parse(typed.Trim());
        if (parsed.Success) return parsed.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        ModelState.AddModelError(field, $"{label} phải có dạng dd/MM/yyyy, ví dụ 30/11/2026.");
        return null;
    }

    /// <summary>An API address with the period as ISO dates and <paramref name="more"/> (empty values left out).</summary>
    public string Api(string path, params (string Key, string? Value)[] more)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (Period is { } p)
        {
            query.Add(new("from", p.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            query.Add(new("to", p.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
        query.AddRange(more.Where(m => !string.IsNullOrEmpty(m.Value)).Select(m => new KeyValuePair<string, string?>(m.Key, m.Value)));
        return path + QueryString.Create(query).ToUriComponent();
    }

    /// <summary>This page's address with the period typed and <paramref name="more"/>, e.g. another page of lines.</summary>
    public string Self(params (string Key, string? Value)[] more)
    {
        var query = new List<KeyValuePair<string, string?>> { new("tu-ngay", FromText), new("den-ngay", ToText) };
        query.AddRange(more.Where(m => !string.IsNullOrEmpty(m.Value)).Select(m => new KeyValuePair<string, string?>(m.Key, m.Value)));
        return HttpContext.Request.Path + QueryString.Create(query).ToUriComponent();
    }

    /// <summary>The page asked for, within 1..<paramref name="pages"/>.</summary>
    protected int CurrentPage(long pages) => (int)Math.Clamp(PageNumber ?? 1, 1, Math.Max(pages, 1));

    /// <summary>The page numbers to link: the first, the last and three either side of <paramref name="current"/>.</summary>
    public static IEnumerable<long> PageWindow(long current, long total) =>
        Enumerable.Range(1, (int)Math.Min(total, int.MaxValue)).Select(i => (long)i).Where(i => i == 1 || i == total || Math.Abs(i - current) <= 3);

    /// <summary>An amount of a table cell ("1.500.000.000 ₫"; nothing for zero).</summary>
    public static string Amount(long dong) => dong == 0 ? "" : Display.Money(dong);
}
