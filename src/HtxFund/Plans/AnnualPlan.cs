using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Lending.Rating;
using Marten;
using NodaTime;

namespace HtxFund.Plans;

/// <summary>
/// The plan figures of a year, one per KPI the fund is rated on (Circular 52/2022 Art 14–15; DOMAIN.md §1.8: loan-book
/// growth, NPL ratio, financial result, legal compliance):
/// <list type="bullet">
/// <item><see cref="OutstandingPrincipalTarget"/>: the loan book (outstanding principal, whole đồng) planned at 31/12;
///   loan-book growth is rated as the actual loan book against it;</item>
/// <item><see cref="NplRatioPercentMax"/>: the NPL ratio (groups 3–5, %) not to exceed;</item>
/// <item><see cref="FinancialResultTarget"/>: the year's planned financial result (đồng; negative for a planned loss);</item>
/// <item><see cref="Compliance"/>: the year's legal-compliance finding, entered by the fund (the system cannot see it).</item>
/// </list>
/// <see cref="ApprovalReference"/> names the decision approving the plan (due before 30 April, Circular 52/2022 Art 12).
/// <see cref="DisbursementTarget"/> and <see cref="CollectionTarget"/> (optional; versions entered before they existed read
/// null) are the year's planned disbursements and collections (repayments received), which the dashboard shows the year to
/// date against; the rating does not use them.
/// </summary>
public sealed record AnnualPlanFigures(
    long OutstandingPrincipalTarget,
    decimal NplRatioPercentMax,
    long FinancialResultTarget,
    ComplianceFinding Compliance,
    string? ApprovalReference,
    long? DisbursementTarget = null,
    long? CollectionTarget = null)
{
    public RatingTargets ToTargets() => new(Money.Of(OutstandingPrincipalTarget), NplRatioPercentMax, Money.Of(FinancialResultTarget));

    /// <summary>Each figure as (camelCase name, display value), for the list of changes between versions.</summary>
    public IReadOnlyDictionary<string, string> Flatten()
    {
        var figures = new Dictionary<string, string>
        {
            ["outstandingPrincipalTarget"] = Money.Of(OutstandingPrincipalTarget).ToDisplayString(),
            ["nplRatioPercentMax"] = NplRatioPercentMax.ToString("0.##", CultureInfo.InvariantCulture) + " %",
            ["financialResultTarget"] = Money.Of(FinancialResultTarget).ToDisplayString(),
            ["compliance"] = Compliance.DisplayName(),
            ["approvalReference"] = ApprovalReference ?? "",
        };
        // the optional targets only when set, so the versions before them list no change
        if (DisbursementTarget is { } d) figures["disbursementTarget"] = Money.Of(d).ToDisplayString();
        if (CollectionTarget is { } c) figures["collectionTarget"] = Money.Of(c).ToDisplayString();
        return figures;
    }
}

/// <summary>A ChiefAccountant, Director or Admin entered (version 1) or changed the plan of <paramref name="Year"/>.
/// Every version is an event: who changed what and when stays visible.</summary>
public sealed record AnnualPlanEntered(Guid PlanId, int Year, int Version, AnnualPlanFigures Figures, string? Note, Actor By, Instant At);

/// <summary>One version of a plan, with what it changed from the version before.</summary>
public sealed record AnnualPlanVersion(int Version, AnnualPlanFigures Figures, string? Note, Actor By, Instant At, IReadOnlyList<PlanChange> Changes);

public sealed record PlanChange(string Field, string? Before, string? After);

/// <summary>The plan of a year folded from its stream (inline snapshot, one document per fund and year): the figures
/// in force and every version.</summary>
public sealed record AnnualPlan
{
    public Guid Id { get; init; }
    public int Year { get; init; }
    public int Version { get; init; }
    public AnnualPlanFigures Figures { get; init; } = null!;
    public Actor? EnteredBy { get; init; }
    public Instant EnteredAt { get; init; }
    public ImmutableList<AnnualPlanVersion> History { get; init; } = [];

    public AnnualPlan Apply(AnnualPlanEntered e) => this with
    {
        Id = e.PlanId, Year = e.Year, Version = e.Version, Figures = e.Figures, EnteredBy = e.By, EnteredAt = e.At,
        History = History.Add(new AnnualPlanVersion(e.Version, e.Figures, e.Note, e.By, e.At, AnnualPlans.Changes(Figures, e.Figures))),
    };
}

public static class AnnualPlans
{
    /// <summary>The plan stream of <paramref name="year"/>: deterministic, tenant-scoped (one per fund and year).</summary>
    public static Guid StreamId(int year) => new(MD5.HashData(Encoding.UTF8.GetBytes($"htxfund:annual-plan:{year:D4}")));

    public static Task<AnnualPlan?> LoadAsync(IQuerySession session, int year, CancellationToken ct) =>
        session.LoadAsync<AnnualPlan>(StreamId(year), ct);

    public static Microsoft.AspNetCore.Mvc.ProblemDetails NotFound(int year) =>
        Infrastructure.Http.Problems.NotFound("annual_plan.not_found", $"Quỹ chưa nhập kế hoạch năm {year}.");

    public static IReadOnlyList<PlanChange> Changes(AnnualPlanFigures? before, AnnualPlanFigures after)
    {
        var old = before?.Flatten() ?? new Dictionary<string, string>();
        var @new = after.Flatten();
        return @new.Keys.Select(k => new PlanChange(k, old.GetValueOrDefault(k), @new[k])).Where(c => c.Before != c.After).ToArray();
    }
}
