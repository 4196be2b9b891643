using System.Security.Claims;
using HtxFund.Applications.GettingDetails;
using HtxFund.Cooperatives;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Lending;
using HtxFund.Loans.GettingDetails;
using HtxFund.Loans.Listing;
using HtxFund.Policy;
using HtxFund.Reference;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Applications.Listing;

/// <summary>One application in a queue; <see cref="ApplicationNumber"/> is the file's number in the fund's register
/// (null for a draft).</summary>
public sealed record ApplicationSummary(
    Guid Id, string? ApplicationNumber, string BorrowerName, Guid CooperativeId, string Province, ApplicationStatus Status, string StatusName, long Amount,
    int TermMonths, string Sector, PriorityFlags Priority, LocalDate CreatedOn, ProcessingTimeView ProcessingTime, long Version,
    Guid? OfficerId = null, string? OfficerName = null);

public static class ListApplicationsEndpoint
{
    /// <summary>Staff: the fund's applications by status with filters (province, sector, priority flag, amount range,
    /// minimum age in working days, the responsible credit <c>officer</c>: a user id, <c>me</c> or <c>none</c>), paging and
    /// sorting, each with its processing time, late flag and responsible officer.
    /// A cooperative: its own applications (the same shape, filters ignored except status).</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverineGet("/api/applications", OperationId = "listApplications")]
    [Tags("Hồ sơ vay")]
    [ProducesResponseType<PagedResult<ApplicationSummary>>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Get(string? status, string? province, string? sector, string? priority, long? minAmount,
        long? maxAmount, int? minAgeWorkingDays, bool? lateOnly, string? sort, int? page, int? pageSize, string? officer,
        ClaimsPrincipal user, IQuerySession session, BusinessTime time, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var statusFilter = QueryFilters.Choice<ApplicationStatus>(status, "status", "Trạng thái hồ sơ không hợp lệ.", errors);
        var provinceMatch = QueryFilters.Province(province, errors);
        string[] priorities = ["womenManaged", "ethnicMinorityArea", "ocopProduct", "agriculturalValueChain", "highTech"];
        if (priority is { Length: > 0 } && !priorities.Contains(priority, StringComparer.OrdinalIgnoreCase))
            errors.Add(new FieldError("priority", "priority.unknown", $"Nhóm ưu tiên phải là một trong: {string.Join(", ", priorities)}."));
        string[] sorts = ["age", "-age", "amount", "-amount", "created", "-created", "borrower"];
        QueryFilters.Sort(sort, sorts, errors);
        if (minAmount < 0 || maxAmount < 0 || (minAmount > maxAmount && maxAmount is not null))
            errors.Add(new FieldError("minAmount", "amount_range.invalid", "Khoảng số tiền không hợp lệ."));
        if (minAgeWorkingDays is < 0 or > 3650) errors.Add(new FieldError("minAgeWorkingDays", "age.out_of_range", "Số ngày làm việc không hợp lệ."));
        var (pageNumber, size) = Paging.Check(page, pageSize, errors);
        var officerFilter = PortfolioFilters.Check(new ListLoansEndpoint.Query(null, null, null, null, "", time.Today), officer, null, null, null, user, errors);
        if (errors.Count > 0) return Results.Problem(Problems.Validation(errors));

        var policy = (await FundPolicies.CurrentAsync(session, ct)).ToLendingPolicy();
        IQueryable<ApplicationDetails> query = session.Query<ApplicationDetails>();
        if (user.IsCooperative())
        {
            var own = user.CooperativeId() ?? Guid.Empty;
            query = query.Where(x => x.CooperativeId == own);
        }
        else
        {
            // Staff queues never show drafts: they belong to the applicant until submitted.
            query = query.Where(x => x.Status != ApplicationStatus.Draft);
            if (provinceMatch is not null) query = query.Where(x => x.Province == provinceMatch.Name);
            if (sector is { Length: > 0 }) query = query.Where(x => x.Sector == sector);
            if (minAmount is { } min) query = query.Where(x => x.Amount >= min);
            if (maxAmount is { } max) query = query.Where(x => x.Amount <= max);
            query = priority?.ToLowerInvariant() switch
            {
                "womenmanaged" => query.Where(x => x.Priority.WomenManaged),
                "ethnicminorityarea" => query.Where(x => x.Priority.EthnicMinorityArea),
                "ocopproduct" => query.Where(x => x.Priority.OcopProduct),
                "agriculturalvaluechain" => query.Where(x => x.Priority.AgriculturalValueChain),
                "hightech" => query.Where(x => x.Priority.HighTech),
                _ => query,
            };
            if (officerFilter is { WithoutOfficer: true })
            {
                var assigned = await session.Query<LoanDetails>().Where(x => x.OfficerId != null).Select(x => x.Id).ToListAsync(ct);
                query = query.Where(x => !x.Id.IsOneOf(assigned.ToArray()));
            }
            else if (officerFilter?.Officer is { } officerId)
            {
                var theirs = await session.Query<LoanDetails>().Where(x => x.OfficerId == officerId).Select(x => x.Id).ToListAsync(ct);
                query = query.Where(x => x.Id.IsOneOf(theirs.ToArray()));
            }
            if (minAgeWorkingDays is { } age and > 0)
            {
                var latest = LatestCompleteFileDate(time.Today, age, policy.Calendar).ToDateOnly().DayNumber;
                query = query.Where(x => x.CompleteFileDate != null && x.CompleteFileDayNumber <= latest);
            }
        }
        if (statusFilter is { } st) query = query.Where(x => x.Status == st);

        query = sort switch
        {
            "amount" => query.OrderBy(x => x.Amount),
            "-amount" => query.OrderByDescending(x => x.Amount),
            "created" => query.OrderBy(x => x.CreatedOn),
            "-created" => query.OrderByDescending(x => x.CreatedOn),
            "borrower" => query.OrderBy(x => x.BorrowerName),
            "-age" => query.OrderByDescending(x => x.CompleteFileDayNumber),
            _ => query.OrderBy(x => x.CompleteFileDayNumber), // oldest complete file first: the queue's natural order
        };

        IReadOnlyList<ApplicationDetails> items;
        long total;
        if (lateOnly == true && !user.IsCooperative())
        {
            // Lateness depends on today and the holiday calendar, so it is computed, not stored.
            var all = (await query.ToListAsync(ct))
                .Where(x => ProcessingTime.Of(x.CompleteFileDate, x.DecidedOn, x.Request.TermMonths, time.Today, policy).Late).ToList();
            total = all.Count;
            items = all.Skip((pageNumber - 1) * size).Take(size).ToList();
        }
        else
        {
            var paged = await query.ToPagedListAsync(pageNumber, size, ct);
            total = paged.TotalItemCount;
            items = paged.ToList();
        }
        var officers = user.IsCooperative() || items.Count == 0 ? new Dictionary<Guid, LoanDetails>()
            : (await session.LoadManyAsync<LoanDetails>(ct, items.Select(x => x.Id).ToArray())).ToDictionary(l => l.Id);
        var summaries = items.Select(x => new ApplicationSummary(x.Id, x.ApplicationNumber, x.BorrowerName, x.CooperativeId, x.Province,
            x.Status, x.StatusName, x.Amount, x.Request.TermMonths, x.Sector, x.Priority, x.CreatedOn,
            ProcessingTime.Of(x.CompleteFileDate, x.DecidedOn, x.Request.TermMonths, time.Today, policy), x.Version,
            officers.GetValueOrDefault(x.Id)?.OfficerId, officers.GetValueOrDefault(x.Id)?.OfficerName)).ToArray();
        return Results.Ok(new PagedResult<ApplicationSummary>(summaries, pageNumber, size, total, (long)Math.Ceiling(total / (double)size)));
    }

    /// <summary>Age counts the working days in (complete file, today]; it reaches <paramref name="workingDays"/> exactly when
    /// the file was complete before the N-th working day counted back from today (today included), so the latest such
    /// date is the day before it. Works when the file was completed on a weekend or holiday too.</summary>
    internal static LocalDate LatestCompleteFileDate(LocalDate today, int workingDays, WorkingDayCalendar calendar)
    {
        var date = today;
        for (var count = 0; ; date = date.PlusDays(-1))
        {
            if (calendar.IsWorkingDay(date) && ++count == workingDays) return date.PlusDays(-1);
        }
    }
}
