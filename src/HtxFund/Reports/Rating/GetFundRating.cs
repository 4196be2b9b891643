using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Plans;
using HtxFund.Reports.Archive;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Reports.Rating;

public static class GetFundRatingEndpoint
{
    /// <summary>The rating A/B/C of <c>year</c> for the caller's fund against its annual plan, computed now: as of 31/12
    /// for an ended year, else as of <c>asOf</c> (yyyy-MM-dd within the year, default today): the year to date.</summary>
    [Authorize(Roles = Roles.Staff)]
    [WolverineGet("/api/fund-rating/{year}", OperationId = "getFundRating")]
    [Tags("Kế hoạch và xếp loại quỹ")]
    [ProducesResponseType<FundRatingView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(int year, string? asOf, ClaimsPrincipal user, IDocumentStore store, IQuerySession session,
        BusinessTime time, CancellationToken ct)
    {
        if (year < FundRatings.FirstYear || year > time.Today.Year) return Results.Problem(FundRatings.YearOutOfRange(year, time.Today));
        var date = AsOf.Parse(asOf, FundRatings.DefaultAsOf(year, time.Today));
        if (date is null) return Results.Problem(AsOf.Invalid);
        if (date.Value.Year != year || date.Value > time.Today)
            return Results.Problem(Problems.Validation("asOf", "as_of.outside_year",
                $"Ngày xếp loại phải thuộc năm {year} và không sau ngày hôm nay."));
        if (await AnnualPlans.LoadAsync(session, year, ct) is not { } plan) return Results.Problem(AnnualPlans.NotFound(year));
        return Results.Ok(await FundRatings.ComputeAsync(store, user.FundId(), plan, date.Value, ct));
    }
}
