using System.Security.Claims;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Loans;
using HtxFund.Loans.GettingDetails;
using HtxFund.Loans.Servicing;
using HtxFund.Policy;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Collections.Worklist;

/// <summary>Totals over the whole worklist (every page).</summary>
public sealed record WorklistTotals(int Loans, int Overdue, int DueSoon, long AmountToPay, long PrincipalOverdue, long InterestOverdue,
    int BrokenPromises, int Escalated);

/// <summary>A page of the worklist, with the totals of the whole list.</summary>
public sealed record CollectionsWorklist(LocalDate AsOf, Guid? OfficerId, int LookAheadDays, IReadOnlyList<CollectionCard> Items, int PageNumber,
    int PageSize, long TotalCount, long PageCount, WorklistTotals Totals);

public static class GetCollectionsWorklistEndpoint
{
    /// <summary>The collections worklist as of <c>asOf</c> (default today): every contracted loan of the officer with
    /// something overdue or an instalment due within the policy's <c>collections.lookAheadDays</c> (default 7), most
    /// days past due first, then the most to pay. <c>officer</c>: a user id, or <c>all</c>; a credit officer sees their
    /// own loans (the default for them; another officer's is 403), the Director, board members and the Risk Council any
    /// officer's or all (their default). Paged (<c>page</c>, <c>pageSize</c>), totals over the whole list.</summary>
    [Authorize(Roles = $"{Roles.CreditOfficer},{Roles.Director},{Roles.BoardMember},{Roles.RiskCouncil}")]
    [WolverineGet("/api/collections/worklist", OperationId = "getCollectionsWorklist")]
    [Tags("Thu nợ")]
    [ProducesResponseType<CollectionsWorklist>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    public static async Task<IResult> Get(string? officer, string? asOf, int? page, int? pageSize, ClaimsPrincipal user, IQuerySession session,
        BusinessTime time, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var date = AsOf.Parse(asOf, time.Today);
        if (date is null) errors.Add(new FieldError("asOf", "as_of.format", $"Ngày phải có {AsOf.Format}."));
        var (number, size) = Paging.Check(page, pageSize, errors);
        var scope = Scope(officer, user, errors);
        if (errors.Count > 0) return Results.Problem(Problems.Validation(errors));
        if (scope is { Forbidden: true }) return Results.Problem(Problems.Forbidden("worklist.other_officer", "Cán bộ tín dụng chỉ xem danh sách thu nợ của mình."));
        var list = await BuildAsync(session, date!.Value, scope!.OfficerId, ct);
        return Results.Ok(Page(list, number, size));
    }

    public sealed record WorklistScope(Guid? OfficerId, bool Forbidden);

    /// <summary>Whose loans the user asks for: a credit officer (not also a reader of all) only their own.</summary>
    public static WorklistScope? Scope(string? officer, ClaimsPrincipal user, List<FieldError> errors)
    {
        var readsAll = user.IsInRole(Roles.Director) || user.IsInRole(Roles.BoardMember) || user.IsInRole(Roles.RiskCouncil);
        Guid? requested;
        if (string.IsNullOrWhiteSpace(officer)) requested = readsAll ? null : user.UserId();
        else if (officer.Trim() == "all") requested = null;
        else if (Guid.TryParse(officer, out var id)) requested = id;
        else
        {
            errors.Add(new FieldError("officer", "officer.format", "Cán bộ phải là mã người dùng hoặc all."));
            return null;
        }
        return new WorklistScope(requested, !readsAll && requested != user.UserId());
    }

    public static CollectionsWorklist Page(FullWorklist list, int number, int size)
    {
        var items = list.Cards.Skip((number - 1) * size).Take(size).ToArray();
        var cards = list.Cards;
        var totals = new WorklistTotals(cards.Count, cards.Count(c => c.IsOverdue), cards.Count(c => !c.IsOverdue), cards.Sum(c => c.AmountToPay),
            cards.Sum(c => c.PrincipalOverdue), cards.Sum(c => c.InterestOverdue), cards.Count(c => c.PromiseBroken), cards.Count(c => c.OpenEscalation is not null));
        return new CollectionsWorklist(list.AsOf, list.OfficerId, list.LookAheadDays, items, number, size, cards.Count,
            (long)Math.Ceiling(cards.Count / (double)size), totals);
    }

    public sealed record FullWorklist(LocalDate AsOf, Guid? OfficerId, int LookAheadDays, IReadOnlyList<CollectionCard> Cards);

    /// <summary>Every card of the worklist of <paramref name="officerId"/> (all officers when null), ordered. Each
    /// contracted loan is valued by the engine from its snapshot (one document read per loan).</summary>
    public static async Task<FullWorklist> BuildAsync(IQuerySession session, LocalDate asOf, Guid? officerId, CancellationToken ct)
    {
        var fundPolicy = await FundPolicies.CurrentAsync(session, ct);
        var policy = fundPolicy.ToLendingPolicy();
        var settings = fundPolicy.Settings.Collections ?? CollectionSettings.Default;
        IQueryable<LoanDetails> query = session.Query<LoanDetails>().Where(x => x.Stage == LoanStage.Contracted);
        if (officerId is { } officer) query = query.Where(x => x.OfficerId == officer);
        var loans = await query.ToListAsync(ct);
        var ids = loans.Select(l => l.Id).ToArray();
        var snapshots = (await session.LoadManyAsync<Loan>(ct, ids)).ToDictionary(l => l.Id);
        var cases = (await session.LoadManyAsync<CollectionCase>(ct, ids.Select(CollectionCase.StreamId).ToArray())).ToDictionary(c => c.LoanId);
        var cooperatives = (await session.LoadManyAsync<CooperativeDetails>(ct, loans.Select(l => l.CooperativeId).Distinct().ToArray()))
            .ToDictionary(c => c.Id);
        var cards = new List<CollectionCard>();
        foreach (var d in loans)
        {
            if (!snapshots.TryGetValue(d.Id, out var loan) || !loan.HasDisbursed) continue;
            var card = CollectionCards.Of(d, loan, LoanPosition.Of(loan, asOf, policy), cooperatives.GetValueOrDefault(d.CooperativeId),
                cases.GetValueOrDefault(d.Id), asOf);
            if (card is not null && CollectionCards.OnWorklist(card, settings.LookAheadDays)) cards.Add(card);
        }
        return new FullWorklist(asOf, officerId, settings.LookAheadDays, CollectionCards.Ordered(cards));
    }
}
