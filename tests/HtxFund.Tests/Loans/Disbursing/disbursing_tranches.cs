using HtxFund.Identity;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Loans;
using HtxFund.Loans.Disbursing;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;
using NodaTime;

namespace HtxFund.Tests.Loans.Disbursing;

public sealed class disbursing_tranches(AppFixture fixture) : LoanContext(fixture)
{
    [Fact]
    public async Task a_contract_is_paid_out_in_two_tranches_with_cash_and_undisbursed_amounts_exact()
    {
        var id = await SignedLoan(400_000_000, "01/2026/HĐTD");
        var first = await Prepared(id, 150_000_000);
        (await Loan(id)).Tranches.Single().State.ShouldBe(TrancheState.Prepared);
        (await Capital()).CashAvailable.Dong.ShouldBe(20_000_000_000); // prepared moves nothing

        var confirmed = await Confirm(id, first);
        confirmed.Context.Response.StatusCode.ShouldBe(200, await confirmed.ReadAsTextAsync());
        var receipt = await confirmed.Read<TrancheConfirmation>();
        receipt.DisbursedAmount.ShouldBe(150_000_000);
        receipt.UndisbursedAmount.ShouldBe(250_000_000);

        await Disbursed(id, 250_000_000);
        var loan = await Loan(id);
        loan.ApprovedAmount.ShouldBe(400_000_000);
        loan.ContractedAmount.ShouldBe(400_000_000);
        loan.DisbursedAmount.ShouldBe(400_000_000);
        loan.UndisbursedAmount.ShouldBe(0);
        loan.Tranches.Select(t => t.State).ShouldBe([TrancheState.Disbursed, TrancheState.Disbursed]);
        loan.Tranches[0].ConfirmedBy.ShouldBe(UserName(FundA, Roles.ChiefAccountant));
        loan.History.Select(h => h.Action).ShouldBe(
            ["approved", "contract_signed", "credit_checked", "tranche_prepared", "tranche_disbursed", "tranche_prepared", "tranche_disbursed"]);
        loan.History.Last().Description.ShouldContain("250.000.000 ₫");

        var capital = await Capital();
        capital.CashAvailable.Dong.ShouldBe(19_600_000_000);
        capital.OutstandingPrincipal.Dong.ShouldBe(400_000_000);
        capital.Committed.Dong.ShouldBe(0);
        capital.AvailableToLend.Dong.ShouldBe(19_600_000_000);
        capital.Ledger.Count(l => l.Kind == HtxFund.Capital.CapitalEntryKind.LoanDisbursement).ShouldBe(2);
        capital.Ledger.Last().LoanId.ShouldBe(id);

        var borrowerView = await Loan(id, Coop);
        borrowerView.DisbursedAmount.ShouldBe(400_000_000);
        borrowerView.Tranches[0].ConfirmedBy.ShouldBeNull();
    }

    [Fact]
    public async Task a_tranche_beyond_the_undisbursed_contracted_amount_is_refused_when_confirmed_and_nothing_moves()
    {
        var id = await SignedLoan(400_000_000);
        var first = await Prepared(id, 300_000_000);
        var second = await Prepared(id, 200_000_000); // each fits alone; together they overdraw the contract
        await Ok(Confirm(id, first));
        var events = await EventCount();

        await ExpectRefusal(await Confirm(id, second), 422, "disbursement.exceeds_undisbursed");
        (await EventCount()).ShouldBe(events);
        (await Loan(id)).DisbursedAmount.ShouldBe(300_000_000);
        await ExpectRefusal(await Prepare(id, 100_000_001), 422, "disbursement.exceeds_undisbursed");
    }

    [Fact]
    public async Task a_tranche_beyond_the_funds_cash_is_refused()
    {
        var id = await SignedLoan(450_000_000);
        var tranche = await Prepared(id, 450_000_000);
        await WithdrawCapital(19_600_000_000); // 400,000,000 ₫ of cash left from 21/11
        var events = await EventCount();

        await ExpectRefusal(await Confirm(id, tranche), 422, "disbursement.exceeds_fund_cash");
        (await EventCount()).ShouldBe(events);
        (await Capital()).CashAvailable.Dong.ShouldBe(400_000_000);
    }

    [Fact]
    public async Task the_preparer_can_never_confirm_their_own_tranche()
    {
        var both = await TokenForUser(await CreateStaffUser("daklak.ketoan2", [Roles.Accountant, Roles.ChiefAccountant]));
        var id = await SignedLoan();
        var result = await Prepare(id, 100_000_000, token: both);
        var tranche = (await result.Read<TrancheReceipt>()).TrancheId;
        var events = await EventCount();

        await ExpectRefusal(await Confirm(id, tranche, both), 403, "four_eyes.preparer_cannot_confirm");
        (await EventCount()).ShouldBe(events);
        await Ok(Confirm(id, tranche)); // another ChiefAccountant may
    }

    [Fact]
    public async Task the_first_disbursement_needs_a_recent_credit_check_without_bad_debt()
    {
        var id = await Approved(400_000_000);
        await Contracted(id, "07/2026/HĐTD");
        await ExpectRefusal(await Prepare(id, 100_000_000), 422, "disbursement.bad_debt_check_missing");

        await CreditChecked(id, "HasBadDebt");
        var events = await EventCount();
        await ExpectRefusal(await Prepare(id, 100_000_000), 422, "disbursement.borrower_has_bad_debt");
        (await EventCount()).ShouldBe(events);

        await CreditChecked(id, "NoBadDebt");
        await Prepared(id, 100_000_000);

        AdvanceDays(31); // a tranche paid today would rely on a check 31 days old: more than the 30 allowed
        await ExpectRefusal(await Prepare(id, 100_000_000, "2026-12-23"), 422, "disbursement.bad_debt_check_stale");

        await CreditChecked(id, "NoBadDebt", "2026-12-22");
        await Disbursed(id, 100_000_000, "2026-12-23");
    }

    [Fact]
    public async Task a_replayed_confirmation_does_not_disburse_twice()
    {
        var id = await SignedLoan();
        var tranche = await Prepared(id, 100_000_000);
        var key = Guid.NewGuid().ToString();
        var first = await Confirm(id, tranche, idempotencyKey: key);
        first.Context.Response.StatusCode.ShouldBe(200, await first.ReadAsTextAsync());
        var events = await EventCount();

        var replay = await Confirm(id, tranche, idempotencyKey: key);
        replay.Context.Response.StatusCode.ShouldBe(200);
        replay.Context.Response.Headers[IdempotencyMiddleware.ReplayedHeader].ToString().ShouldBe("true");
        (await replay.ReadAsTextAsync()).ShouldBe(await first.ReadAsTextAsync());
        (await EventCount()).ShouldBe(events);
        (await Loan(id)).DisbursedAmount.ShouldBe(100_000_000);
        (await Capital()).OutstandingPrincipal.Dong.ShouldBe(100_000_000);

        await ExpectRefusal(await Confirm(id, tranche), 409, "tranche.not_prepared"); // a new key: the state refuses it
    }

    [Fact]
    public async Task a_prepared_tranche_can_be_cancelled_before_confirmation_but_not_after()
    {
        var id = await SignedLoan();
        var cancelled = await Prepared(id, 100_000_000);
        await Ok(LoanPost(id, $"tranches/{cancelled}/cancellation", new { reason = "Sai số tài khoản thụ hưởng." }, await TokenFor(Roles.Accountant)));
        await ExpectRefusal(await Confirm(id, cancelled), 409, "tranche.not_prepared");

        var paid = await Disbursed(id, 100_000_000);
        await ExpectRefusal(await LoanPost(id, $"tranches/{paid}/cancellation", new { reason = "Nhầm." }, await TokenFor(Roles.Accountant)),
            409, "tranche.not_prepared");
        var loan = await Loan(id);
        loan.Tranches.Select(t => t.State).ShouldBe([TrancheState.Cancelled, TrancheState.Disbursed]);
        loan.Tranches[0].CancellationReason.ShouldBe("Sai số tài khoản thụ hưởng.");
    }

    [Fact]
    public async Task tranches_need_a_signed_contract_and_a_value_date_within_the_contract()
    {
        var id = await Approved();
        await CreditChecked(id);
        await ExpectRefusal(await Prepare(id, 100_000_000), 409, "disbursement.no_contract");
        await Contracted(id, "09/2026/HĐTD");
        await ExpectRefusal(await Prepare(id, 100_000_000, "2026-11-23"), 400, "value_date.in_future");
        await ExpectRefusal(await Prepare(id, 100_000_000, "2026-11-21"), 400, "value_date.before_contract");
        await ExpectRefusal(await Prepare(id, 0), 400, "amount.not_positive");
    }

    [Fact]
    public async Task a_tranche_breaking_the_borrowers_limit_at_its_value_date_is_refused()
    {
        var id = await SignedLoan(450_000_000); // 15 % of 20 bn is 3 bn: fine today
        var tranche = await Prepared(id, 100_000_000);
        await WithdrawCapital(17_500_000_000); // 2.5 bn of charter capital from 21/11: the limit becomes 375,000,000 ₫
        await ExpectRefusal(await Confirm(id, tranche), 422, "disbursement.limits_exceeded");
    }

    [Fact]
    public async Task another_funds_loan_is_not_found_and_wrong_roles_are_forbidden()
    {
        var id = await SignedLoan();
        var tranche = await Prepared(id, 100_000_000);

        (await Get($"/api/loans/{id}", await TokenFor(Roles.Accountant, FundB))).Context.Response.StatusCode.ShouldBe(404);
        await ExpectRefusal(await Confirm(id, tranche, await TokenFor(Roles.ChiefAccountant, FundB)), 404, "loan.not_found");
        var prepareInB = await Post($"/api/loans/{id}/tranches", new
        {
            version = 1, amount = 1_000_000, valueDate = Today, beneficiaryAccount = "0101234567890", bankName = "Agribank", reference = "X",
        }, await TokenFor(Roles.Accountant, FundB));
        await ExpectRefusal(prepareInB, 404, "loan.not_found");

        (await Confirm(id, tranche, await TokenFor(Roles.Accountant))).Context.Response.StatusCode.ShouldBe(403);
        (await Prepare(id, 100_000_000, token: await TokenFor(Roles.ChiefAccountant))).Context.Response.StatusCode.ShouldBe(403);
        (await Prepare(id, 100_000_000, token: Coop)).Context.Response.StatusCode.ShouldBe(403);

        var otherCoop = await AnotherCooperative();
        (await Get($"/api/loans/{id}", otherCoop)).Context.Response.StatusCode.ShouldBe(404);
        (await Get($"/api/loans/{id}", Coop)).Context.Response.StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task a_stale_version_is_refused_with_the_current_one()
    {
        var id = await SignedLoan();
        var version = (await Loan(id)).Version;
        await Prepared(id, 100_000_000);
        var stale = await Post($"/api/loans/{id}/tranches", new
        {
            version, amount = 1_000_000, valueDate = Today, beneficiaryAccount = "0101234567890", bankName = "Agribank", reference = "X",
        }, await TokenFor(Roles.Accountant));
        await ExpectRefusal(stale, 409, "loan.version_conflict");
        (await stale.ReadJson()).GetProperty("currentVersion").GetInt64().ShouldBe(version + 1);
    }
}
