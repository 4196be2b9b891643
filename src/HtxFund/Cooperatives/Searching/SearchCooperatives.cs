using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Reference;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Cooperatives.Searching;

public sealed record CooperativeSummary(
    Guid Id, string Name, CooperativeType Type, string TaxCode, string Province, string District,
    string LegalRepresentative, int MemberCount, string MainSector, PriorityFlags Priority, LocalDate RegistrationDate);

public static class SearchCooperativesEndpoint
{
    /// <summary>The fund's cooperatives, searched by name, tax code, representative or locality (with or without
    /// Vietnamese diacritics: "Dak Lak" finds "Đắk Lắk"), filtered by province and type, paged, sorted by name.</summary>
    [Authorize(Roles = Roles.Staff)]
    [WolverineGet("/api/cooperatives", OperationId = "searchCooperatives")]
    [Tags("Hợp tác xã")]
    [ProducesResponseType<PagedResult<CooperativeSummary>>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Get(string? q, string? province, string? type, int? page, int? pageSize,
        IQuerySession session, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var provinceMatch = QueryFilters.Province(province, errors, "Không tìm thấy tỉnh, thành phố này trong danh mục đơn vị hành chính.");
        var typeMatch = QueryFilters.Choice<CooperativeType>(type, "type", "Loại hình phải là ToHopTac, HopTacXa hoặc LienHiepHopTacXa.", errors);
        var (pageNumber, size) = Paging.Check(page, pageSize, errors);
        if (q is { Length: > 200 }) errors.Add(new FieldError("q", "q.too_long", "Từ khóa tìm kiếm không được dài quá 200 ký tự."));
        if (errors.Count > 0) return Results.Problem(Problems.Validation(errors));

        IQueryable<CooperativeDetails> query = session.Query<CooperativeDetails>();
        var folded = VietnameseText.Fold(q);
        if (folded.Length > 0) query = query.Where(x => x.SearchText.Contains(folded));
        if (provinceMatch is not null) query = query.Where(x => x.Province == provinceMatch.Name);
        if (typeMatch is not null) query = query.Where(x => x.Type == typeMatch.Value);

        var paged = await query.OrderBy(x => x.Name).ThenBy(x => x.Id)
            .Select(x => new CooperativeSummary(x.Id, x.Name, x.Type, x.TaxCode, x.Province, x.District,
                x.LegalRepresentative, x.MemberCount, x.MainSector, x.Priority, x.RegistrationDate))
            .ToPagedListAsync(pageNumber, size, ct);
        return Results.Ok(new PagedResult<CooperativeSummary>(paged.ToList(), pageNumber, size, paged.TotalItemCount, paged.PageCount));
    }
}
