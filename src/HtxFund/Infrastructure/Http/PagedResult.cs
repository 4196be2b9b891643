namespace HtxFund.Infrastructure.Http;

/// <summary>One page of a list: the items, where the page is, and how many there are in all.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, long TotalCount, long PageCount);
