using System.Net.Http.Headers;
using Alba;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Inspections;
using HtxFund.Inspections.Reading;
using HtxFund.Reminders.Notifications;
using HtxFund.Tests.Files;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;
using Marten;
using Wolverine;
using Wolverine.Tracking;

namespace HtxFund.Tests.Inspections.Fixtures;

/// <summary>Given-states for inspections of loan use on top of <see cref="LoanContext"/> (today 22/11/2026): a loan of
/// fund A appraised by <c>daklak.creditofficer</c> (its responsible officer) with a tranche disbursed today, whose
/// inspection falls due on 22/12/2026 under the default policy (30 calendar days).</summary>
public abstract class InspectionContext(AppFixture fixture) : LoanContext(fixture)
{
    /// <summary>A signed loan with one tranche of <paramref name="amount"/> disbursed on <paramref name="valueDate"/>: the
    /// loan and the inspection (= the tranche's id).</summary>
    protected async Task<(Guid LoanId, Guid InspectionId)> DisbursedLoan(long amount = 400_000_000, string valueDate = Today, string? number = null)
    {
        var id = await SignedLoan(amount, number);
        var tranche = await Disbursed(id, amount, valueDate);
        return (id, tranche);
    }

    protected async Task<InspectionView> Inspection(Guid id, string? token = null)
    {
        var result = await Get($"/api/inspections/{id}", token ?? await TokenFor(Roles.CreditOfficer));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<InspectionView>();
    }

    /// <summary>The version of the inspection's stream, read from the store (independent of the API).</summary>
    protected async Task<long> StreamVersion(Guid id, string fund = FundA)
    {
        await using var session = Store.QuerySession(fund);
        return (await session.Events.FetchStreamStateAsync(id))?.Version ?? 0;
    }

    protected Task<IScenarioResult> AddPhoto(Guid id, string token, byte[]? content = null, string capturedAt = "2026-11-22T02:30:00Z",
        string? latitude = "12.666667", string? longitude = "108.050000", string? accuracy = "15", string fileName = "anh-kiem-tra.jpg") =>
        Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {token}");
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(content ?? FileSamples.Jpeg());
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "file", fileName);
            form.Add(new StringContent(capturedAt), "capturedAt");
            if (latitude is not null) form.Add(new StringContent(latitude), "latitude");
            if (longitude is not null) form.Add(new StringContent(longitude), "longitude");
            if (accuracy is not null) form.Add(new StringContent(accuracy), "accuracy");
            s.Post.MultipartFormData(form).ToUrl($"/api/inspections/{id}/photos");
            s.IgnoreStatusCode();
        });

    protected static object VisitBody(long? expectedVersion, bool usedAsStated = true, int share = 80, string visitedOn = Today,
        string place = "Kho hàng của HTX, thôn 3, xã Ea Kao", string findings = "Đã mua 2 máy sấy cà phê theo phương án; hóa đơn khớp số tiền.",
        string representativeName = "Nguyễn Văn An", string representativePosition = "Giám đốc HTX") => new
    {
        visitedOn, place, usedAsStated, sharePercentUsed = share, findings, representativeName, representativePosition, expectedVersion,
    };

    protected async Task<IScenarioResult> RecordVisit(Guid id, object body, string token) => await Post($"/api/inspections/{id}/visit", body, token);

    /// <summary>A photo added and the visit recorded by the loan's officer.</summary>
    protected async Task Recorded(Guid id, bool usedAsStated = true, int share = 80, string visitedOn = Today)
    {
        var officer = await TokenFor(Roles.CreditOfficer);
        (await AddPhoto(id, officer)).Context.Response.StatusCode.ShouldBe(201);
        await Ok(RecordVisit(id, VisitBody(await StreamVersion(id), usedAsStated, share, visitedOn), officer));
    }

    /// <summary>Runs <paramref name="action"/> under Wolverine's message tracking; the <see cref="SendNotice"/> messages it
    /// sent (routed to a handler or not: part E's handler delivers them).</summary>
    protected async Task<IReadOnlyList<SendNotice>> NoticesSentBy(Func<IMessageContext, Task> action)
    {
        var tracked = await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(60)).IncludeExternalTransports()
            .ExecuteAndWaitAsync(action);
        return tracked.Sent.MessagesOf<SendNotice>().Concat(tracked.NoRoutes.MessagesOf<SendNotice>())
            .DistinctBy(n => (n.NoticeId, n.FundId)).ToArray();
    }

    protected async Task<IScenarioResult> Director(Func<string, Task<IScenarioResult>> call) => await call(await TokenFor(Roles.Director));
}
