using HtxFund.Reference;

namespace HtxFund.Infrastructure.Http;

/// <summary>The filters the list endpoints read from the query string, each checked one way: a blank value is no filter,
/// anything else must be known, else a refusal is added to <c>errors</c> (answered with the page's refusals, see
/// <see cref="Paging.Check"/>).</summary>
public static class QueryFilters
{
    /// <summary>A province by name or alias (<see cref="Provinces.Find"/>): code <c>province.unknown</c>.</summary>
    public static Province? Province(string? province, List<FieldError> errors, string message = "Không tìm thấy tỉnh, thành phố này.")
    {
        if (string.IsNullOrWhiteSpace(province)) return null;
        var match = Provinces.Find(province);
        if (match is null) errors.Add(new FieldError("province", "province.unknown", message));
        return match;
    }

    /// <summary>A value of <typeparamref name="T"/> by name (<see cref="EnumText.Parse{T}"/>), among those
    /// <paramref name="allowed"/> (default all): code <c>{field}.unknown</c>.</summary>
    public static T? Choice<T>(string? text, string field, string message, List<FieldError> errors, Func<T, bool>? allowed = null)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (EnumText.Parse<T>(text) is { } value && (allowed?.Invoke(value) ?? true)) return value;
        errors.Add(new FieldError(field, $"{field}.unknown", message));
        return null;
    }

    /// <summary>A sort key among <paramref name="sorts"/>: code <c>sort.unknown</c>, listing them.</summary>
    public static void Sort(string? sort, IReadOnlyCollection<string> sorts, List<FieldError> errors)
    {
        if (sort is { Length: > 0 } && !sorts.Contains(sort))
            errors.Add(new FieldError("sort", "sort.unknown", $"Sắp xếp phải là một trong: {string.Join(", ", sorts)}."));
    }
}
