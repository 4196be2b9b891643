using HtxFund.Identity;
using HtxFund.Reports.Archive;
using HtxFund.Reports.CapitalAdequacy;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;
using NodaTime;

namespace HtxFund.Tests.Reports.Fixtures;

/// <summary>
/// A portfolio of fund A (20,000,000,000 ₫ charter capital) built through the API over simulated months: six loans of
/// 400,000,000 ₫ (36 months, 6 %, 6 months' grace, equal principal, interest monthly), each to its own cooperative,
/// valued at the end of 31/07/2027:
/// <list type="bullet">
/// <item><c>current</c> (from 22/11/2026) pays every amount due up to 22/07/2027: 0 days past due, group 1;</item>
/// <item><c>late15</c> (from 16/12/2026) pays up to 16/06/2027: 16/07 unpaid, 15 days, group 2;</item>
/// <item><c>late45</c> (from 16/12/2026) pays up to 17/05/2027: 16/06 unpaid, 45 days, group 3;</item>
/// <item><c>late100</c> (from 22/11/2026) pays up to 22/03/2027: 22/04 unpaid, 100 days, group 4;</item>
/// <item><c>late200</c> (from 12/12/2026) never pays: 12/01/2027 unpaid, 200 days, group 5;</item>
/// <item><c>restructured</c> (from 22/11/2026): schedule adjustment approved on 22/11/2026 moving every payment to
///   November 2027 and later (first restructuring, on time): group 2.</item>
/// </list>
/// The clock ends on 02/08/2027 (the first working day of August).
/// </summary>
public abstract class CapitalAdequacyContext(AppFixture fixture) : LoanContext(fixture)
{
    public const string Current = "1/2026/HĐTD-current";
    public const string Late15 = "2/2026/HĐTD-late15";
    public const string Late45 = "3/2026/HĐTD-late45";
    public const string Late100 = "4/2026/HĐTD-late100";
    public const string Late200 = "5/2026/HĐTD-late200";
    public const string Restructured = "6/2026/HĐTD-restructured";

    public static readonly LocalDate AsOfDate = new(2027, 7, 31);
    public const string AsOfText = "2027-07-31";
    public const long Charter = 20_000_000_000;
    public const long LoanAmount = 400_000_000;

    protected Dictionary<string, Guid> Loans { get; } = new();

    /// <summary>Everything paid in (đồng), per loan.</summary>
    protected Dictionary<string, long> Paid { get; } = new();

    /// <summary>Principal of the <c>current</c> loan's instalments due up to 31/07/2027 (it paid them).</summary>
    protected long CurrentPrincipalRepaid { get; private set; }

    protected async Task<Guid> LoanFrom(string number, LocalDate start)
    {
        AdvanceTo(start);
        var date = Iso(start);
        var coop = await AnotherCooperative();
        var id = await Draft(Request(amount: LoanAmount), token: coop);
        await Ok(Transition(id, "submit", new { }, coop));
        await Ok(Transition(id, "appraisal", Appraisal(LoanAmount), await TokenFor(Roles.CreditOfficer)));
        await Ok(Transition(id, "decision", new
        {
            approve = true,
            terms = new { amount = LoanAmount, annualRatePercent = 6m, termMonths = 36, method = "EqualPrincipal", frequency = "Monthly", graceMonths = 6, startDate = date },
        }, await TokenFor(Roles.Director)));
        await Ok(LoanPost(id, "contract", ContractBody(number, signedOn: date), await TokenFor(Roles.CreditOfficer)));
        await CreditChecked(id, checkedOn: date);
        await Disbursed(id, LoanAmount, date);
        Loans[number] = id;
        Paid[number] = 0;
        return id;
    }

    protected async Task BuildPortfolio()
    {
        await LoanFrom(Current, new LocalDate(2026, 11, 22));
        await LoanFrom(Late100, new LocalDate(2026, 11, 22));
        var restructured = await LoanFrom(Restructured, new LocalDate(2026, 11, 22));
        var rows = (await Loan(restructured)).Contract!.Schedule;
        var request = await LoanPost(restructured, "restructurings", new
        {
            kind = "ScheduleAdjustment", date = Today,
            reason = "Mất mùa cà phê do hạn hán; khả năng trả nợ theo kế hoạch mới (Nghị định 45/2021, Điều 27).",
            plan = new[] { new { dueDate = Iso(rows[11].DueDate), principal = 100_000_000L }, new { dueDate = Iso(rows[^1].DueDate), principal = 300_000_000L } },
        }, await TokenFor(Roles.CreditOfficer));
        request.Context.Response.StatusCode.ShouldBe(201, await request.ReadAsTextAsync());
        var restructuringId = (await request.Read<HtxFund.Loans.Restructuring.RestructuringReceipt>()).RestructuringId;
        // 400,000,000 ₫ rescheduled: the Director's tier; tracked until its decision letter is issued
        await Ok(Tracked(async () => await Post($"/api/loans/{restructured}/restructurings/{restructuringId}/approval", new { }, await TokenFor(Roles.Director))));

        await LoanFrom(Late200, new LocalDate(2026, 12, 12));
        await LoanFrom(Late15, new LocalDate(2026, 12, 16));
        await LoanFrom(Late45, new LocalDate(2026, 12, 16));

        // every due date up to 31/07/2027 of the loans that pay, in date order
        var payers = new (string Number, LocalDate PaysUpTo)[]
        {
            (Current, AsOfDate), (Late15, new LocalDate(2027, 6, 16)), (Late45, new LocalDate(2027, 5, 17)), (Late100, new LocalDate(2027, 3, 22)),
        };
        var dues = new List<(LocalDate Due, string Number)>();
        foreach (var (number, upTo) in payers)
        {
            var schedule = (await Loan(Loans[number])).Contract!.Schedule;
            dues.AddRange(schedule.Where(r => r.DueDate <= upTo).Select(r => (r.DueDate, number)));
            if (number == Current) CurrentPrincipalRepaid = schedule.Where(r => r.DueDate <= AsOfDate).Sum(r => r.Principal);
        }
        foreach (var (due, number) in dues.OrderBy(d => d.Due))
        {
            AdvanceTo(due);
            var position = await Position(Loans[number], Iso(due));
            position.AmountDue.ShouldBeGreaterThan(0);
            await Ok(Repay(Loans[number], position.AmountDue, Iso(due)));
            Paid[number] += position.AmountDue;
        }
        AdvanceTo(new LocalDate(2027, 8, 2));
    }

    protected static string Iso(LocalDate d) => d.ToString("yyyy-MM-dd", null);

    protected async Task<CapitalAdequacyReport> Report(string asOf = AsOfText, long? sequence = null, string? token = null)
    {
        var url = $"/api/reports/capital-adequacy?asOf={asOf}" + (sequence is { } s ? $"&sequence={s}" : "");
        var result = await Get(url, token ?? await TokenFor(Roles.ChiefAccountant));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<CapitalAdequacyReport>();
    }

    protected async Task<ReportDetails> Generate(string asOf = AsOfText, string? token = null)
    {
        var result = await Post("/api/reports/capital-adequacy", new { asOf }, token ?? await TokenFor(Roles.ChiefAccountant));
        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
        return await result.Read<ReportDetails>();
    }

    protected async Task<byte[]> Download(Guid id, string format, string? token = null)
    {
        var result = await Get($"/api/reports/{id}/files/{format}", token ?? await TokenFor(Roles.Accountant));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        using var stream = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(stream);
        return stream.ToArray();
    }

    protected static decimal Figure(CapitalAdequacyReport report, string code) =>
        report.Figures.Single(f => f.Code == code).Value;
}
