using System.Security.Claims;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Loans;
using HtxFund.Policy;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Collateral.Reading;

/// <summary>A pledge of an item as people read it: the loan's contract number (null for an application).</summary>
public sealed record PledgeView(Guid PledgeId, Guid LoanId, string? ContractNumber, decimal SharePercent, LocalDate PledgedOn, string By,
    LocalDate? ReleasedOn, PledgeReleaseReason? ReleaseReason)
{
    public bool IsActive => ReleasedOn is null;
}

/// <summary>An item of the register: what it is, whose it is, its valuations (oldest first), its pledges, and today's
/// figures (latest value, the type's deduction rate under the policy in force, the share pledged).</summary>
public sealed record CollateralItemView(
    Guid Id,
    Guid CooperativeId,
    Guid? MemberId,
    string BorrowerName,
    CollateralType Type,
    string TypeName,
    string Owner,
    string Description,
    string? CertificateNumber,
    string? ParcelNumber,
    string? MapSheet,
    string? RegistrationPlate,
    SecuredTransactionRegistration? Registration,
    string RegisteredBy,
    Instant RegisteredAt,
    long? LatestValue,
    LocalDate? LatestValuedOn,
    decimal DeductionRatePercent,
    decimal PledgedPercent,
    IReadOnlyList<CollateralValuationRecord> Valuations,
    IReadOnlyList<PledgeView> Pledges,
    long Version);

/// <summary>The collateral of a loan (or application) at a date: its pledges with each item, the deductible value and
/// the coverage (deductible value / outstanding principal, or the requested amount before any disbursement).</summary>
public sealed record LoanCollateralView(
    Guid LoanId,
    LocalDate AsOf,
    IReadOnlyList<CollateralItemView> Items,
    long DeductibleValue,
    IReadOnlyList<CollateralUsed> Used,
    long CoverageBase,
    string CoverageBaseName,
    decimal? CoveragePercent)
{
    /// <summary>The minimum coverage the policy in force sets for the loan's amount (null: none).</summary>
    public decimal? RequiredCoveragePercent { get; init; }
    /// <summary>The Director's exemption from the minimum coverage (Decree 45/2021 Art 31.2), if recorded.</summary>
    public Exempting.CollateralRequirementExempted? Exemption { get; init; }
}

public static class CollateralViews
{
    /// <summary>The views of <paramref name="items"/>, with their borrowers' names and the contract numbers of their loans (two queries).</summary>
    public static async Task<IReadOnlyList<CollateralItemView>> ViewsAsync(IQuerySession session, IReadOnlyList<CollateralItem> items,
        CollateralSettings settings, CancellationToken ct)
    {
        if (items.Count == 0) return [];
        var cooperatives = (await session.LoadManyAsync<CooperativeDetails>(ct, items.Select(i => i.CooperativeId).Distinct().ToArray()))
            .ToDictionary(c => c.Id);
        var loanIds = items.SelectMany(i => i.PledgedLoanIds).Distinct().ToArray();
        var loans = loanIds.Length == 0 ? new Dictionary<Guid, Loan>() : (await session.LoadManyAsync<Loan>(ct, loanIds)).ToDictionary(l => l.Id);
        return items.Select(i => View(i, cooperatives.GetValueOrDefault(i.CooperativeId), loans, settings)).ToArray();
    }

    public static CollateralItemView View(CollateralItem i, CooperativeDetails? cooperative, IReadOnlyDictionary<Guid, Loan> loans, CollateralSettings settings)
    {
        var borrower = cooperative is null ? "" : i.MemberId is { } m
            ? $"{cooperative.Members.FirstOrDefault(x => x.MemberId == m)?.FullName} ({cooperative.Name})"
            : cooperative.Name;
        var latest = i.LatestValuation;
        return new CollateralItemView(i.Id, i.CooperativeId, i.MemberId, borrower, i.Type, i.Type.DisplayName(), i.Owner, i.Description,
            i.CertificateNumber, i.ParcelNumber, i.MapSheet, i.RegistrationPlate, i.Registration, i.RegisteredBy, i.RegisteredAt, latest?.Value,
            latest?.ValuedOn, settings.RateFor(i.Type), i.ActiveSharePercent, i.Valuations,
            i.Pledges.Select(p => new PledgeView(p.PledgeId, p.LoanId, loans.GetValueOrDefault(p.LoanId)?.Contract?.ContractNumber, p.SharePercent,
                p.PledgedOn, p.By, p.ReleasedOn, p.ReleaseReason)).ToArray(), i.Version);
    }

    /// <summary>The collateral of <paramref name="loan"/> as of <paramref name="asOf"/>.</summary>
    public static async Task<LoanCollateralView> ForLoanAsync(IQuerySession session, Loan loan, LocalDate asOf, CollateralSettings settings,
        long outstandingPrincipal, CancellationToken ct)
    {
        var items = await DeductibleCollateral.PledgedToAsync(session, [loan.Id], ct);
        var deductible = DeductibleCollateral.Of(items, loan.Id, asOf, settings);
        var disbursed = loan.HasDisbursed;
        var (coverageBase, baseName) = disbursed ? (outstandingPrincipal, "Dư nợ gốc") : (loan.ApprovedTerms?.Amount ?? loan.Request.Amount, "Số tiền đề nghị vay");
        var application = await session.Events.AggregateStreamAsync<Applications.LoanApplication>(loan.Id, token: ct);
        return new LoanCollateralView(loan.Id, asOf, await ViewsAsync(session, items, settings, ct), deductible.Deductible, deductible.Items,
            coverageBase, baseName, coverageBase > 0 ? decimal.Round(deductible.Deductible * 100m / coverageBase, 2, MidpointRounding.ToZero) : null)
        {
            RequiredCoveragePercent = settings.RequiredCoveragePercent(loan.ApprovedTerms?.Amount ?? loan.Request.Amount),
            Exemption = application?.CollateralExemption,
        };
    }
}

public static class GetCollateralEndpoints
{
    /// <summary>The register of the user's fund, optionally one borrower's (a cooperative, with <c>memberId</c> one of its
    /// members) or one type's, newest first. A Cooperative user sees only its own cooperative's items.</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverineGet("/api/collateral-items", OperationId = "listCollateralItems")]
    [Tags("Tài sản bảo đảm")]
    [ProducesResponseType<IReadOnlyList<CollateralItemView>>(200)]
    public static async Task<IReadOnlyList<CollateralItemView>> List(Guid? cooperativeId, Guid? memberId, CollateralType? type, ClaimsPrincipal user,
        IQuerySession session, CancellationToken ct)
    {
        if (user.IsCooperative()) cooperativeId = user.CooperativeId() ?? Guid.Empty;
        IQueryable<CollateralItem> query = session.Query<CollateralItem>();
        if (cooperativeId is { } coop) query = query.Where(x => x.CooperativeId == coop);
        if (memberId is { } member) query = query.Where(x => x.MemberId == member);
        if (type is { } t) query = query.Where(x => x.Type == t);
        var items = await query.OrderByDescending(x => x.RegisteredAt).Take(1000).ToListAsync(ct);
        return await CollateralViews.ViewsAsync(session, items, (await FundPolicies.CurrentAsync(session, ct)).Settings.Collateral, ct);
    }

    /// <summary>One item with its valuation history and its pledges (404 for another cooperative's item).</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverineGet("/api/collateral-items/{id}", OperationId = "getCollateralItem")]
    [Tags("Tài sản bảo đảm")]
    [ProducesResponseType<CollateralItemView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var item = await session.LoadAsync<CollateralItem>(id, ct);
        if (!CollateralRules.MayRead(user, item)) return Results.Problem(CollateralRules.NotFound(id));
        var views = await CollateralViews.ViewsAsync(session, [item!], (await FundPolicies.CurrentAsync(session, ct)).Settings.Collateral, ct);
        return Results.Ok(views[0]);
    }

    /// <summary>The collateral pledged to a loan or application, its deductible value as of <c>asOf</c> (default today)
    /// under the deduction rates in force, and the coverage.</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverineGet("/api/loans/{id}/collateral", OperationId = "getLoanCollateral")]
    [Tags("Tài sản bảo đảm")]
    [ProducesResponseType<LoanCollateralView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> ForLoan(Guid id, string? asOf, ClaimsPrincipal user, IQuerySession session, LocalDate today, CancellationToken ct)
    {
        var loan = await session.LoadAsync<Loan>(id, ct);
        if (loan is null || !user.MaySee(loan.CooperativeId)) return Results.Problem(LoanAccess.NotFound(id));
        if (AsOf.Parse(asOf, today) is not { } date) return Results.Problem(AsOf.Invalid);
        var policy = await FundPolicies.CurrentAsync(session, ct);
        var outstanding = loan.HasDisbursed
            ? Loans.Servicing.LoanTransactions.Valuations(loan, [date], policy.ToLendingPolicy())[0]?.PrincipalOutstanding.Dong ?? 0
            : 0;
        return Results.Ok(await CollateralViews.ForLoanAsync(session, loan, date, policy.Settings.Collateral, outstanding, ct));
    }
}
