using Alba;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Loans.Disbursing;
using HtxFund.Loans.GettingDetails;
using HtxFund.Loans.Repaying;
using HtxFund.Loans.Servicing;
using HtxFund.Tests.Applications.Fixtures;
using HtxFund.Tests.Support;
using Wolverine.Tracking;

namespace HtxFund.Tests.Loans.Fixtures;

/// <summary>Given-states for servicing, built through the API on top of <see cref="ApplicationContext"/> (fund A with
/// 20,000,000,000 ₫ of charter capital from 15/01/2026; today is 22/11/2026).</summary>
public abstract class LoanContext(AppFixture fixture) : ApplicationContext(fixture)
{
    public const string Today = "2026-11-22";

    protected async Task ExpectRefusal(IScenarioResult result, int status, string code)
    {
        var body = await result.ReadAsTextAsync();
        result.Context.Response.StatusCode.ShouldBe(status, body);
        body.ShouldContain($"\"{code}\"");
    }

    /// <summary>An application of <paramref name="amount"/> (≤ 500,000,000 ₫, the Director's tier) approved by the
    /// Director today with the given term, for the fixture's cooperative or another one (its token).</summary>
    protected async Task<Guid> Approved(long amount = 400_000_000, int termMonths = 36, string? coopToken = null,
        Dictionary<string, object?>? request = null)
    {
        var id = await Draft(request ?? Request(amount: amount), token: coopToken ?? Coop);
        await Ok(Transition(id, "submit", new { }, coopToken ?? Coop));
        await Ok(Transition(id, "appraisal", Appraisal(amount), await TokenFor(Roles.CreditOfficer)));
        await Ok(Transition(id, "decision", new
        {
            approve = true,
            terms = new { amount, annualRatePercent = 6m, termMonths, method = "EqualPrincipal", frequency = "Monthly", graceMonths = 6, startDate = Today },
        }, await TokenFor(Roles.Director)));
        return id;
    }

    protected async Task<LoanDetails> Loan(Guid id, string? token = null)
    {
        var result = await Get($"/api/loans/{id}", token ?? await TokenFor(Roles.Accountant));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<LoanDetails>();
    }

    /// <summary>Posts to <c>/api/loans/{id}/{action}</c> with the loan's current version.</summary>
    protected async Task<IScenarioResult> LoanPost(Guid id, string action, object body, string token)
    {
        var withVersion = System.Text.Json.JsonSerializer.SerializeToNode(body, TestJson.Options)!.AsObject();
        withVersion["version"] = (await Loan(id)).Version;
        return await Post($"/api/loans/{id}/{action}", withVersion, token);
    }

    protected static object ContractBody(string number, long? amount = null, string signedOn = Today, int? termMonths = null) =>
        new { contractNumber = number, signedOn, amount, termMonths, startDate = signedOn };

    /// <summary>Signs the contract and waits for its PDF to be issued.</summary>
    protected async Task Contracted(Guid id, string number, long? amount = null) =>
        await Ok(Tracked(async () => await LoanPost(id, "contract", ContractBody(number, amount), await TokenFor(Roles.CreditOfficer))));

    protected async Task CreditChecked(Guid id, string result = "NoBadDebt", string checkedOn = Today) =>
        await Ok(LoanPost(id, "credit-checks", new { result, source = "Báo cáo CIC số 1234/CIC ngày " + checkedOn, checkedOn, note = "" },
            await TokenFor(Roles.CreditOfficer)));

    /// <summary>Approved, contracted and credit-checked: ready for tranches.</summary>
    protected async Task<Guid> SignedLoan(long amount = 400_000_000, string? number = null, string? coopToken = null)
    {
        var id = await Approved(amount, coopToken: coopToken);
        await Contracted(id, number ?? $"HĐ-{id:N}");
        await CreditChecked(id);
        return id;
    }

    protected async Task<IScenarioResult> Prepare(Guid id, long amount, string valueDate = Today, string? token = null) =>
        await LoanPost(id, "tranches", new
        {
            amount, valueDate, beneficiaryAccount = "0101234567890", bankName = "Ngân hàng Nông nghiệp và Phát triển nông thôn - CN Đắk Lắk",
            reference = $"Giải ngân {amount}",
        }, token ?? await TokenFor(Roles.Accountant));

    protected async Task<Guid> Prepared(Guid id, long amount, string valueDate = Today)
    {
        var result = await Prepare(id, amount, valueDate);
        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
        return (await result.Read<TrancheReceipt>()).TrancheId;
    }

    protected async Task<IScenarioResult> Confirm(Guid id, Guid trancheId, string? token = null, string? idempotencyKey = null)
    {
        token ??= await TokenFor(Roles.ChiefAccountant);
        return await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {token}");
            s.WithRequestHeader(IdempotencyMiddleware.Header, idempotencyKey ?? Guid.NewGuid().ToString());
            s.Post.Json(new { }).ToUrl($"/api/loans/{id}/tranches/{trancheId}/confirmation");
            s.IgnoreStatusCode();
        });
    }

    protected async Task<Guid> Disbursed(Guid id, long amount, string valueDate = Today)
    {
        var tranche = await Prepared(id, amount, valueDate);
        await Ok(Confirm(id, tranche, await TokenFor(Roles.ChiefAccountant)));
        return tranche;
    }

    /// <summary>Records a repayment as the Accountant (or <paramref name="token"/>), with a fresh bank reference unless given.</summary>
    protected async Task<IScenarioResult> Repay(Guid id, long amount, string valueDate, string? reference = null, string? token = null,
        long? version = null, string channel = "BankTransfer") =>
        await Post($"/api/loans/{id}/repayments", new
        {
            version, amount, valueDate, channel, bankReference = reference ?? $"FT{Guid.NewGuid():N}"[..16],
        }, token ?? await TokenFor(Roles.Accountant));

    protected async Task<RepaymentReceipt> Repaid(Guid id, long amount, string valueDate, string? reference = null, string? token = null)
    {
        var result = await Repay(id, amount, valueDate, reference, token);
        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
        return await result.Read<RepaymentReceipt>();
    }

    /// <summary>Records <paramref name="amount"/> marked as an overpayment to refund (Accountant): a pending 202.</summary>
    protected async Task<IScenarioResult> RepayOverpayment(Guid id, long amount, string valueDate, string reference, string? token = null) =>
        await Post($"/api/loans/{id}/repayments", new
        {
            amount, valueDate, channel = "BankTransfer", bankReference = reference, overpaymentToRefund = true,
        }, token ?? await TokenFor(Roles.Accountant));

    protected async Task<IScenarioResult> ConfirmOverpayment(Guid id, Guid repaymentId, string? token = null) =>
        await Post($"/api/loans/{id}/repayments/{repaymentId}/confirmation", new { }, token ?? await TokenFor(Roles.ChiefAccountant));

    /// <summary>An amount above the payoff <paramref name="payoff"/>: refused as typed, then recorded as an overpayment to
    /// refund by the Accountant and confirmed by the ChiefAccountant; the booked repayment.</summary>
    protected async Task<RepaymentReceipt> ConfirmedOverpayment(Guid id, long amount, string valueDate, long payoff)
    {
        var reference = $"FT{Guid.NewGuid():N}"[..16];
        await (await Repay(id, amount, valueDate, reference)).ShouldBeRefusal(422, "repayment.above_payoff");
        var pending = await RepayOverpayment(id, amount, valueDate, reference);
        pending.Context.Response.StatusCode.ShouldBe(202, await pending.ReadAsTextAsync());
        var receipt = await pending.Read<PendingOverpaymentReceipt>();
        receipt.Payoff.ShouldBe(payoff);
        receipt.Excess.ShouldBe(amount - payoff);
        var confirmed = await ConfirmOverpayment(id, receipt.RepaymentId);
        confirmed.Context.Response.StatusCode.ShouldBe(201, await confirmed.ReadAsTextAsync());
        return await confirmed.Read<RepaymentReceipt>();
    }

    /// <summary>The loan valued as of <paramref name="asOf"/> (default today), as <paramref name="token"/> (default the Accountant) reads it.</summary>
    protected async Task<LoanPosition> Position(Guid id, string? asOf = null, string? token = null)
    {
        var result = await Get(asOf is null ? $"/api/loans/{id}" : $"/api/loans/{id}?asOf={asOf}", token ?? await TokenFor(Roles.Accountant));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return (await result.Read<LoanDetails>()).Position!;
    }

    /// <summary>Moves the business clock on to <paramref name="date"/> (same time of day); sign-ins are renewed.</summary>
    protected void AdvanceTo(NodaTime.LocalDate date)
    {
        var current = Clock.GetCurrentInstant().InUtc().Date; // 03:00 UTC is 10:00 in Việt Nam: the same date
        var days = NodaTime.Period.Between(current, date, NodaTime.PeriodUnits.Days).Days;
        days.ShouldBeGreaterThanOrEqualTo(0);
        if (days > 0) AdvanceDays(days);
    }

    protected async Task<HtxFund.Capital.GettingPosition.CapitalPosition> Capital(string? asOf = null)
    {
        var result = await Get(asOf is null ? "/api/capital" : $"/api/capital?asOf={asOf}", await TokenFor(Roles.ChiefAccountant));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<HtxFund.Capital.GettingPosition.CapitalPosition>();
    }
}
