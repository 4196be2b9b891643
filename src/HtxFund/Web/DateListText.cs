using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace HtxFund.Web;

/// <summary>Reads a list of dates typed by a person: dd/MM/yyyy dates and ranges ("25/01/2025 – 02/02/2025", with a
/// hyphen, a dash or "đến") separated by commas, semicolons or new lines. A malformed item is an error, never a guess.</summary>
public static class DateListText
{
    /// <summary>The longest range accepted, in days.</summary>
    public const int MaxRangeDays = 31;

    private static readonly LocalDatePattern Pattern = LocalDatePattern.CreateWithInvariantCulture("d/M/yyyy");

    public static bool TryParse(string? text, out IReadOnlyList<LocalDate> dates, out string? error)
    {
        var list = new List<LocalDate>();
        dates = list;
        error = null;
        foreach (var raw in (text ?? "").Split([',', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = raw.Replace("đến", "–", StringComparison.OrdinalIgnoreCase).Split(['–', '—', '-'], StringSplitOptions.TrimEntries);
            if (parts.Length is < 1 or > 2 || parts.Any(p => !Pattern.Parse(p).Success))
            {
                error = $"\"{raw}\" không phải một ngày (dd/MM/yyyy) hay một khoảng ngày (dd/MM/yyyy – dd/MM/yyyy).";
                return false;
            }
            var first = Pattern.Parse(parts[0]).Value;
            var last = Pattern.Parse(parts[^1]).Value;
            if (last < first || Period.Between(first, last, PeriodUnits.Days).Days >= MaxRangeDays)
            {
                error = $"Khoảng ngày \"{raw}\" phải đi từ ngày sớm đến ngày muộn và dài tối đa {MaxRangeDays} ngày.";
                return false;
            }
            for (var day = first; day <= last; day = day.PlusDays(1)) list.Add(day);
        }
        return true;
    }

    /// <summary>The text of a list of dates, as <see cref="TryParse"/> reads it back.</summary>
    public static string Format(IEnumerable<LocalDate> dates) =>
        string.Join(", ", dates.Select(d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)));
}
