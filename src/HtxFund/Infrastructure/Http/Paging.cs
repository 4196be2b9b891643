namespace HtxFund.Infrastructure.Http;

/// <summary>The page and page size of a list request, checked once for every list endpoint.</summary>
public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    /// <summary>Far past any list's end, and low enough that (page - 1) × page size never overflows.</summary>
    public const int MaxPage = 1_000_000;

    /// <summary>Adds the refusals for a bad page or page size to <paramref name="errors"/>; returns the values to use.</summary>
    public static (int Page, int PageSize) Check(int? page, int? pageSize, List<FieldError> errors)
    {
        var number = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        if (number is < 1 or > MaxPage) errors.Add(new FieldError("page", "page.out_of_range", $"Số trang phải từ 1 đến {MaxPage}."));
        if (size is < 1 or > MaxPageSize)
            errors.Add(new FieldError("pageSize", "page_size.out_of_range", $"Số dòng mỗi trang phải từ 1 đến {MaxPageSize}."));
        return (number, size);
    }
}
