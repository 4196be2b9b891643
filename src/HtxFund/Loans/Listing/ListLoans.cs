using System.Security.Claims;
using System.Text;
using HtxFund.Applications.GettingDetails;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Loans.GettingDetails;
using HtxFund.Loans.Servicing;
using HtxFund.Policy;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Loans.Listing;

/// <summary>One loan of the portfolio valued as of the list's date (whole đồng). Penalties are interest on overdue
/// principal plus interest on late interest; the figures are 0 for a loan not yet contracted or valued before its start.</summary>
public sealed record LoanSummary(
    Guid Id,
    string? ContractNumber,
    string BorrowerName,
    Guid CooperativeId,
    string Province,
    LoanStage Stage,
    string StageName,
    long ContractedAmount,
    long DisbursedAmount,
    long PrincipalOutstanding,
    long PrincipalOverdue,
    long InterestDue,
    long InterestOverdue,
    long InterestAccrued,
    long Penalties,
    int DaysPastDue,
    int? DebtGroup,
    LocalDate? NextDueDate,
    long Version,
    Guid? OfficerId = null,
    string? OfficerName = null,
    string District = "",
    string Sector = "");

/// <summary>The portfolio (staff: the fund's loans; a cooperative: its own), filtered and sorted on the valuation as of
/// <c>asOf</c>, which is computed per request from each loan's events (never stored).</summary>
public static class ListLoansEndpoint
{
    private static readonly string[] Sorts =
        ["contract", "-contract", "borrower", "-borrower", "outstanding", "-outstanding", "dpd", "-dpd", "group", "-group"];

    /// <summary>The filters: <paramref name="Officer"/> the responsible officer (with <paramref name="WithoutOfficer"/> false), or no
    /// officer yet (<paramref name="WithoutOfficer"/> true); <paramref name="District"/> the cooperative's district and
    /// <paramref name="Sector"/> the application's sector (both ignoring case); <paramref name="Priority"/> a priority
    /// group key (<see cref="PortfolioFilters.PriorityKeys"/>) that the application or its cooperative records.</summary>
    public sealed record Query(LoanStage? Stage, Province? Province, int? Group, long? MinOutstanding, string Sort, LocalDate AsOf,
        Guid? Officer = null, bool WithoutOfficer = false, string? District = null, string? Sector = null, string? Priority = null);

    /// <summary>Lists loans: <c>status</c> (Approved, Contracted, Closed), <c>province</c>, debt <c>group</c> (1–5),
    /// <c>minOutstanding</c> (principal, đồng), <c>officer</c> (the responsible credit officer's id, <c>me</c> or <c>none</c>),
    /// <c>district</c> (the cooperative's), <c>sector</c> (the application's), <c>priority</c> (womenManaged,
    /// ethnicMinorityArea, ocopProduct, agriculturalValueChain, highTech, none: the application's or its cooperative's
    /// flags), <c>sort</c> (contract, borrower, outstanding, dpd, group; prefix - for
    /// descending), <c>page</c>, <c>pageSize</c>, <c>asOf</c> (yyyy-MM-dd, default today).</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverineGet("/api/loans", OperationId = "listLoans")]
    [Tags("Khoản vay")]
    [ProducesResponseType<PagedResult<LoanSummary>>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Get(string? status, string? province, int? group, long? minOutstanding, string? sort, int? page, int? pageSize,
        string? asOf, string? officer, string? district, string? sector, string? priority, ClaimsPrincipal user, IQuerySession session,
        BusinessTime time, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var query = Parse(status, province, group, minOutstanding, sort, asOf, officer, district, sector, priority, user, time.Today, errors);
        var (pageNumber, size) = Paging.Check(page, pageSize, errors);
        if (errors.Count > 0) return Results.Problem(Problems.Validation(errors));
        var all = await SummariesAsync(query!, user, session, ct);
        var items = all.Skip((pageNumber - 1) * size).Take(size).ToArray();
        return Results.Ok(new PagedResult<LoanSummary>(items, pageNumber, size, all.Count, (long)Math.Ceiling(all.Count / (double)size)));
    }

    /// <summary>The same list, every page, as CSV for a spreadsheet: UTF-8 with BOM, semicolon-separated, Vietnamese
    /// headers, money as whole đồng, dates dd/MM/yyyy. Staff only.</summary>
    [Authorize(Roles = Roles.Staff)]
    [WolverineGet("/api/loans/export.csv", OperationId = "exportLoans")]
    [Tags("Khoản vay")]
    [ProducesResponseType(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Export(string? status, string? province, int? group, long? minOutstanding, string? sort, string? asOf,
        string? officer, string? district, string? sector, string? priority, ClaimsPrincipal user, IQuerySession session, BusinessTime time,
        CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var query = Parse(status, province, group, minOutstanding, sort, asOf, officer, district, sector, priority, user, time.Today, errors);
        if (errors.Count > 0) return Results.Problem(Problems.Validation(errors));
        var all = await SummariesAsync(query!, user, session, ct);
        var csv = new StringBuilder();
        csv.Append("Số hợp đồng;Người vay;Tỉnh/thành phố;Trạng thái;Số tiền hợp đồng;Đã giải ngân;Dư nợ gốc;Gốc quá hạn;")
            .Append("Lãi đến hạn;Lãi quá hạn;Lãi dự thu;Lãi phạt;Số ngày quá hạn;Nhóm nợ;Kỳ trả nợ tiếp theo;")
            .Append("Cán bộ tín dụng;Huyện;Ngành\r\n");
        foreach (var l in all)
        {
            csv.AppendJoin(';', Cell(l.ContractNumber ?? ""), Cell(l.BorrowerName), Cell(l.Province), Cell(l.StageName), l.ContractedAmount,
                    l.DisbursedAmount, l.PrincipalOutstanding, l.PrincipalOverdue, l.InterestDue, l.InterestOverdue, l.InterestAccrued, l.Penalties,
                    l.DaysPastDue, l.DebtGroup?.ToString() ?? "", l.NextDueDate?.ToString("dd/MM/yyyy", null) ?? "", Cell(l.OfficerName ?? ""),
                    Cell(l.District), Cell(l.Sector))
                .Append("\r\n");
        }
        var bytes = CsvText.Utf8WithBom(csv.ToString());
        return Results.File(bytes, "text/csv; charset=utf-8", $"danh-muc-cho-vay-{query!.AsOf:yyyy-MM-dd}.csv");
    }

    private static string Cell(string value) => CsvText.Cell(value);

    /// <summary>The list's query from its query-string values (for the API and the portfolio page alike), or null with the
    /// refusals in <paramref name="errors"/>.</summary>
    public static Query? Parse(string? status, string? province, int? group, long? minOutstanding, string? sort, string? asOf, string? officer,
        string? district, string? sector, string? priority, ClaimsPrincipal user, LocalDate today, List<FieldError> errors) =>
        PortfolioFilters.Check(Check(status, province, group, minOutstanding, sort, asOf, today, errors), officer, district, sector, priority, user,
            errors);

    private static Query? Check(string? status, string? province, int? group, long? minOutstanding, string? sort, string? asOf, LocalDate today,
        List<FieldError> errors)
    {
        var stage = QueryFilters.Choice<LoanStage>(status, "status", "Trạng thái khoản vay phải là Approved, Contracted hoặc Closed.", errors,
            s => s != LoanStage.Application);
        var provinceMatch = QueryFilters.Province(province, errors);
        if (group is < 1 or > 5) errors.Add(new FieldError("group", "group.out_of_range", "Nhóm nợ phải từ 1 đến 5."));
        if (minOutstanding < 0) errors.Add(new FieldError("minOutstanding", "min_outstanding.negative", "Dư nợ tối thiểu không được âm."));
        QueryFilters.Sort(sort, Sorts, errors);
        var date = AsOf.Parse(asOf, today);
        if (date is null) errors.Add(new FieldError("asOf", "as_of.format", "Ngày phải có dạng yyyy-MM-dd, ví dụ 2026-06-30."));
        return errors.Count > 0 ? null : new Query(stage, provinceMatch, group, minOutstanding, sort is { Length: > 0 } ? sort : "contract", date!.Value);
    }

    /// <summary>Every loan the user may see that passes the filters, valued as of the query's date and sorted. Each
    /// contracted loan is folded from its events and valued by the engine (one stream read per loan).</summary>
    public static async Task<IReadOnlyList<LoanSummary>> SummariesAsync(Query q, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        IQueryable<LoanDetails> query = session.Query<LoanDetails>().Where(x => x.Stage != LoanStage.Application);
        if (user.IsCooperative())
        {
            var own = user.CooperativeId() ?? Guid.Empty;
            query = query.Where(x => x.CooperativeId == own);
        }
        if (q.Stage is { } stage) query = query.Where(x => x.Stage == stage);
        if (q.WithoutOfficer) query = query.Where(x => x.OfficerId == null);
        else if (q.Officer is { } officer) query = query.Where(x => x.OfficerId == officer);
        var loans = await query.ToListAsync(ct);
        var applications = (await session.LoadManyAsync<ApplicationDetails>(ct, loans.Select(l => l.Id).ToArray())).ToDictionary(a => a.Id);
        var cooperatives = (await session.LoadManyAsync<CooperativeDetails>(ct, loans.Select(l => l.CooperativeId).Distinct().ToArray()))
            .ToDictionary(c => c.Id);
        var policy = (await FundPolicies.CurrentAsync(session, ct)).ToLendingPolicy();
        var snapshots = (await session.LoadManyAsync<Loan>(ct, loans.Where(l => l.Contract is not null).Select(l => l.Id).ToArray()))
            .ToDictionary(l => l.Id);
        var rows = new List<LoanSummary>(loans.Count);
        foreach (var d in loans)
        {
            var application = applications.GetValueOrDefault(d.Id);
            var cooperative = cooperatives.GetValueOrDefault(d.CooperativeId);
            var province = application?.Province ?? "";
            if (q.Province is { } p && province != p.Name) continue;
            var district = cooperative?.District ?? "";
            var sector = application?.Sector ?? "";
            if (!PortfolioFilters.Matches(q, district, sector, application?.Priority, cooperative?.Priority)) continue;
            LoanPosition? position = null;
            if (snapshots.TryGetValue(d.Id, out var loan)) position = LoanPosition.Of(loan, q.AsOf, policy);
            var row = new LoanSummary(d.Id, d.ContractNumber, d.BorrowerName, d.CooperativeId, province, d.Stage, d.StageName, d.ContractedAmount,
                position?.PrincipalDisbursed ?? 0, position?.PrincipalOutstanding ?? 0, position?.PrincipalOverdue ?? 0,
                (position?.InterestDue ?? 0), position?.InterestOverdue ?? 0, position?.InterestAccrued ?? 0,
                (position?.InterestOnOverduePrincipal ?? 0) + (position?.InterestOnLateInterest ?? 0), position?.DaysPastDue ?? 0,
                position?.DebtGroup, position?.NextDueDate, d.Version, d.OfficerId, d.OfficerName, district, sector);
            if (q.Group is { } g && row.DebtGroup != g) continue;
            if (q.MinOutstanding is { } min && row.PrincipalOutstanding < min) continue;
            rows.Add(row);
        }
        IOrderedEnumerable<LoanSummary> sorted = q.Sort switch
        {
            "-contract" => rows.OrderByDescending(r => r.ContractNumber, StringComparer.Ordinal),
            "borrower" => rows.OrderBy(r => r.BorrowerName, StringComparer.CurrentCulture),
            "-borrower" => rows.OrderByDescending(r => r.BorrowerName, StringComparer.CurrentCulture),
            "outstanding" => rows.OrderBy(r => r.PrincipalOutstanding),
            "-outstanding" => rows.OrderByDescending(r => r.PrincipalOutstanding),
            "dpd" => rows.OrderBy(r => r.DaysPastDue),
            "-dpd" => rows.OrderByDescending(r => r.DaysPastDue),
            "group" => rows.OrderBy(r => r.DebtGroup ?? 0),
            "-group" => rows.OrderByDescending(r => r.DebtGroup ?? 0),
            _ => rows.OrderBy(r => r.ContractNumber, StringComparer.Ordinal),
        };
        return sorted.ThenBy(r => r.Id).ToArray();
    }
}
