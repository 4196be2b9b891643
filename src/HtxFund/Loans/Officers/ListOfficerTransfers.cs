using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Loans.GettingDetails;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Loans.Officers;

/// <summary>A loan a transfer moved, as the list names it.</summary>
public sealed record TransferredLoan(Guid LoanId, string? ContractNumber, string BorrowerName, string? FromOfficer);

/// <summary>One transfer (a single reassignment or a bulk one): who, when, to whom, why, and the loans it moved.</summary>
public sealed record OfficerTransferView(Guid TransferId, Instant At, LocalDate BusinessDate, string By, Guid ToOfficerId, string ToOfficer,
    string Reason, IReadOnlyList<TransferredLoan> Loans);

public static class ListOfficerTransfersEndpoint
{
    /// <summary>The fund's past officer transfers, newest first (<c>page</c>, <c>pageSize</c>), each with its loans and the
    /// officer each loan came from; <c>officer</c> keeps the transfers to or from that officer. Read from the
    /// <see cref="ResponsibleOfficerReassigned"/> events of the fund.</summary>
    [Authorize(Roles = OfficerTransferRules.PortfolioRoles)]
    [WolverineGet("/api/loans/officer-transfers", OperationId = "listLoanOfficerTransfers")]
    [Tags("Cán bộ tín dụng phụ trách")]
    [ProducesResponseType<PagedResult<OfficerTransferView>>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Get(Guid? officer, int? page, int? pageSize, IQuerySession session, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var (number, size) = Paging.Check(page, pageSize, errors);
        if (errors.Count > 0) return Results.Problem(Problems.Validation(errors));
        var events = await session.Events.QueryRawEventDataOnly<ResponsibleOfficerReassigned>().ToListAsync(ct);
        if (officer is { } o) events = events.Where(e => e.To.UserId == o || e.From?.UserId == o).ToList();
        var loans = (await session.LoadManyAsync<LoanDetails>(ct, events.Select(e => e.LoanId).Distinct().ToArray())).ToDictionary(l => l.Id);
        var transfers = events.GroupBy(e => e.TransferId)
            .Select(g =>
            {
                var first = g.First();
                return new OfficerTransferView(g.Key, first.At, first.BusinessDate, first.By.UserName, first.To.UserId, first.To.UserName, first.Reason,
                    g.Select(e => new TransferredLoan(e.LoanId, loans.GetValueOrDefault(e.LoanId)?.ContractNumber,
                        loans.GetValueOrDefault(e.LoanId)?.BorrowerName ?? "", e.From?.UserName)).ToArray());
            })
            .OrderByDescending(t => t.At).ThenBy(t => t.TransferId).ToArray();
        return Results.Ok(new PagedResult<OfficerTransferView>(transfers.Skip((number - 1) * size).Take(size).ToArray(), number, size, transfers.Length,
            (long)Math.Ceiling(transfers.Length / (double)size)));
    }
}
