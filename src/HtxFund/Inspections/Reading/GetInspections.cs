using System.Security.Claims;
using HtxFund.Files;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Loans.GettingDetails;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Inspections.Reading;

/// <summary>One inspection as the lists show it, as of <c>asOf</c>: its officer is the loan's responsible officer now.</summary>
public sealed record InspectionSummary(Guid Id, Guid LoanId, string? ContractNumber, string BorrowerName, long Amount, LocalDate DisbursedOn,
    LocalDate DueOn, InspectionState State, LocalDate? VisitedOn, Guid? OfficerId, string? OfficerName, bool Overdue, int DaysOverdue,
    bool? UsedAsStated, bool FollowUpOpen, long Version);

/// <summary>An inspection whole (the visit, its photos, the follow-up), with its officer and whether it is overdue today.</summary>
public sealed record InspectionView(LoanUseInspection Inspection, Guid? OfficerId, string? OfficerName, bool Overdue, int DaysOverdue);

/// <summary>The inspection lists' filters, checked.</summary>
public sealed record InspectionQuery(Guid? Officer, InspectionState? State, bool? Overdue, bool? FollowUpOpen, LocalDate AsOf);

public static class InspectionReads
{
    /// <summary>Every inspection of the fund passing the filters, overdue first (most days first), then by due date.</summary>
    public static async Task<IReadOnlyList<InspectionSummary>> ListAsync(IQuerySession session, InspectionQuery q, Guid? loanId, CancellationToken ct)
    {
        IQueryable<LoanUseInspection> query = session.Query<LoanUseInspection>();
        if (loanId is { } loan) query = query.Where(x => x.LoanId == loan);
        if (q.State is { } state) query = query.Where(x => x.State == state);
        var inspections = await query.ToListAsync(ct);
        var loans = (await session.LoadManyAsync<LoanDetails>(ct, inspections.Select(i => i.LoanId).Distinct().ToArray())).ToDictionary(l => l.Id);
        var rows = new List<InspectionSummary>(inspections.Count);
        foreach (var i in inspections)
        {
            var details = loans.GetValueOrDefault(i.LoanId);
            if (q.Officer is { } officer && details?.OfficerId != officer) continue;
            var row = Summary(i, details, q.AsOf);
            if (q.Overdue is { } overdue && row.Overdue != overdue) continue;
            if (q.FollowUpOpen is { } open && row.FollowUpOpen != open) continue;
            rows.Add(row);
        }
        return rows.OrderByDescending(r => r.DaysOverdue).ThenBy(r => r.State).ThenBy(r => r.DueOn).ThenBy(r => r.Id).ToArray();
    }

    public static InspectionSummary Summary(LoanUseInspection i, LoanDetails? loan, LocalDate asOf) =>
        new(i.Id, i.LoanId, i.ContractNumber, i.BorrowerName, i.Amount, i.DisbursedOn, i.DueOn, i.State, i.VisitedOn, loan?.OfficerId,
            loan?.OfficerName, i.IsOverdueAt(asOf), InspectionRules.DaysOverdue(i, asOf), i.Visit?.UsedAsStated, i.FollowUp?.IsOpen == true, i.Version);

    public static async Task<InspectionView?> ViewAsync(IQuerySession session, Guid id, LocalDate today, CancellationToken ct)
    {
        var inspection = await session.LoadAsync<LoanUseInspection>(id, ct);
        if (inspection is null) return null;
        var loan = await session.LoadAsync<LoanDetails>(inspection.LoanId, ct);
        return new InspectionView(inspection, loan?.OfficerId, loan?.OfficerName, inspection.IsOverdueAt(today), InspectionRules.DaysOverdue(inspection, today));
    }

    /// <summary>Checks the list's query string; the refusals go to <paramref name="errors"/>.</summary>
    public static InspectionQuery? Check(string? officer, string? state, bool? overdue, bool? followUpOpen, string? asOf, LocalDate today,
        List<FieldError> errors)
    {
        Guid? officerId = null;
        if (!string.IsNullOrWhiteSpace(officer))
        {
            if (Guid.TryParse(officer, out var o)) officerId = o;
            else errors.Add(new FieldError("officer", "officer.invalid", "Mã cán bộ tín dụng không hợp lệ."));
        }
        var stateChoice = QueryFilters.Choice<InspectionState>(state, "state", "Trạng thái kiểm tra phải là Due hoặc Recorded.", errors);
        var date = AsOf.Parse(asOf, today);
        if (date is null) errors.Add(new FieldError("asOf", "as_of.format", $"Ngày phải có {AsOf.Format}."));
        return errors.Count > 0 ? null : new InspectionQuery(officerId, stateChoice, overdue, followUpOpen, date!.Value);
    }
}

public static class GetInspectionsEndpoint
{
    /// <summary>The fund's inspections of loan use as of <c>asOf</c> (yyyy-MM-dd, default today): <c>officer</c> (the loan's
    /// responsible officer now), <c>state</c> (Due, Recorded), <c>overdue</c> (true: due before <c>asOf</c> and not visited
    /// by then), <c>followUpOpen</c> (a misuse finding waiting for the Director), <c>page</c>, <c>pageSize</c>. Overdue first.</summary>
    [Authorize(Roles = InspectionRoles.Readers)]
    [WolverineGet("/api/inspections", OperationId = "listInspections")]
    [Tags("Kiểm tra sử dụng vốn vay")]
    [ProducesResponseType<PagedResult<InspectionSummary>>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Get(string? officer, string? state, bool? overdue, bool? followUpOpen, string? asOf, int? page, int? pageSize,
        IQuerySession session, BusinessTime time, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var query = InspectionReads.Check(officer, state, overdue, followUpOpen, asOf, time.Today, errors);
        var (number, size) = Paging.Check(page, pageSize, errors);
        if (errors.Count > 0) return Results.Problem(Problems.Validation(errors));
        var all = await InspectionReads.ListAsync(session, query!, null, ct);
        return Results.Ok(new PagedResult<InspectionSummary>(all.Skip((number - 1) * size).Take(size).ToArray(), number, size, all.Count,
            (long)Math.Ceiling(all.Count / (double)size)));
    }

    /// <summary>The inspections of one loan (every tranche's), as of today.</summary>
    [Authorize(Roles = InspectionRoles.Readers)]
    [WolverineGet("/api/loans/{loanId}/inspections", OperationId = "listLoanInspections")]
    [Tags("Kiểm tra sử dụng vốn vay")]
    [ProducesResponseType<IReadOnlyList<InspectionSummary>>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> ForLoan(Guid loanId, IQuerySession session, BusinessTime time, CancellationToken ct)
    {
        if (await session.LoadAsync<LoanDetails>(loanId, ct) is not { IsLoan: true })
            return Results.Problem(Loans.LoanAccess.NotFound(loanId));
        return Results.Ok(await InspectionReads.ListAsync(session, new InspectionQuery(null, null, null, null, time.Today), loanId, ct));
    }

    /// <summary>One inspection: the visit, the photos (capture time and place), the follow-up, its officer and whether it is overdue.</summary>
    [Authorize(Roles = InspectionRoles.Readers)]
    [WolverineGet("/api/inspections/{id}", OperationId = "getInspection")]
    [Tags("Kiểm tra sử dụng vốn vay")]
    [ProducesResponseType<InspectionView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> GetOne(Guid id, IQuerySession session, BusinessTime time, CancellationToken ct) =>
        await InspectionReads.ViewAsync(session, id, time.Today, ct) is { } view ? Results.Ok(view) : Results.Problem(InspectionRules.NotFound(id));

    /// <summary>A photo of an inspection (the stored JPEG or PNG).</summary>
    [Authorize(Roles = InspectionRoles.Readers)]
    [WolverineGet("/api/inspections/{id}/photos/{fileId}", OperationId = "getInspectionPhoto")]
    [Tags("Kiểm tra sử dụng vốn vay")]
    [ProducesResponseType(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Photo(Guid id, Guid fileId, IQuerySession session, CancellationToken ct)
    {
        var inspection = await session.LoadAsync<LoanUseInspection>(id, ct);
        if (inspection is null || inspection.Photos.All(p => p.FileId != fileId)
            || await FileStore.LoadAsync(session, fileId, ct) is not { } loaded || loaded.File.Owner != InspectionRoles.FileOwner(id))
            return Results.Problem(Problems.NotFound("photo.not_found", $"Không tìm thấy ảnh {fileId} của đợt kiểm tra này."));
        return FileStore.Download(loaded);
    }
}
