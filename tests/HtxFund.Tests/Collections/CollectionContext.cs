using Alba;
using HtxFund.Collections;
using HtxFund.Collections.Daily;
using HtxFund.Collections.Worklist;
using HtxFund.Identity;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Tracking;

namespace HtxFund.Tests.Collections;

/// <summary>
/// Given-states for collections, on top of <see cref="LoanContext"/>: loans of 6 %/year over 36 months with 6 months'
/// principal grace, paid out on 22/11/2026, so that instalment 1 (interest only) falls due on 22/12/2026:
///   400,000,000 × 30 × 6 / 36,500 = 1,972,602.7 → 1,972,603 ₫; 200,000,000 × 30 × 6 / 36,500 = 986,301.4 → 986,301 ₫;
///   300,000,000 × 30 × 6 / 36,500 = 1,479,452.1 → 1,479,452 ₫.
/// The appraiser (the fund's CreditOfficer user) is each loan's responsible officer.
/// </summary>
public abstract class CollectionContext(AppFixture fixture) : LoanContext(fixture)
{
    protected async Task<Guid> DisbursedLoan(long amount, string number)
    {
        var id = await SignedLoan(amount, number);
        await Disbursed(id, amount);
        return id;
    }

    protected async Task<CollectionsWorklist> Worklist(string token, string query = "")
    {
        var result = await Get($"/api/collections/worklist{query}", token);
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<CollectionsWorklist>();
    }

    protected async Task<LoanCollections> History(Guid id, string? token = null)
    {
        var result = await Get($"/api/loans/{id}/collections", token ?? await TokenFor(Roles.CreditOfficer));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<LoanCollections>();
    }

    protected static object Contact(string channel = "Call", string outcome = "Reached", string note = "Gặp chủ tịch HĐQT, hẹn trả trong tuần.",
        string contactedOn = "2027-01-01") => new { channel, outcome, note, contactedOn };

    protected static object Promise(long amount, string payBy, string note = "Bán cà phê xong sẽ trả.") => new { amount, payBy, note };

    /// <summary>The collection case's stream version (0 before any activity), read from the store.</summary>
    protected async Task<long> CaseVersion(Guid loanId, string fund = FundA)
    {
        await using var session = Store.QuerySession(fund);
        return (await session.Events.FetchStreamStateAsync(CollectionCase.StreamId(loanId)))?.Version ?? 0;
    }

    /// <summary>Runs the daily collections job's body and waits for every message it caused; the tracked session.</summary>
    protected async Task<ITrackedSession> RunDailyCollections()
    {
        using var scope = Host.Services.CreateScope();
        var job = ActivatorUtilities.CreateInstance<DailyCollectionsJob>(scope.ServiceProvider);
        return await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(90))
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(_ => job.Run(CancellationToken.None)));
    }
}
