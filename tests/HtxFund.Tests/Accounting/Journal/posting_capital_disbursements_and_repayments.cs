using HtxFund.Accounting;
using HtxFund.Lending.Accounting;
using NodaTime;

namespace HtxFund.Tests.Accounting.Journal;

/// <summary>The journal projection posts the charter capital, a loan's tranches and its repayments (design-19: BankCredit
/// and BankDebit vouchers by the default mapping, the borrower as the object of a loan's lines).</summary>
public sealed class posting_capital_disbursements_and_repayments(AppFixture fixture) : JournalContext(fixture)
{
    [Fact]
    public async Task charter_capital_a_tranche_and_a_repayment_post_balanced_vouchers_numbered_per_month()
    {
        var loan = await SignedLoan(400_000_000, number: "07/2026/HĐTD");
        await Disbursed(loan, 150_000_000);
        var receipt = await Repaid(loan, 10_000_000, Today);

        var lines = await JournalLines();

        // The fixture's 20,000,000,000 ₫ of charter capital received on 15/01/2026: Dr 1121 / Cr 4111.
        var capital = Voucher(lines, "BC202601-0001");
        capital.Select(Show).ShouldBe(["1121 D 20000000000 CharterCapitalContribution", "4111 C 20000000000 CharterCapitalContribution"]);
        capital.ShouldAllBe(l => l.VoucherKind == VoucherKind.BankCredit && l.ObjectId == null && l.PostingDate == new LocalDate(2026, 1, 15));
        capital[0].CounterAccount.ShouldBe("4111");

        // The tranche of 150,000,000 ₫ on 22/11/2026: Dr 1283 / Cr 1121, the borrower as the object.
        var tranche = Voucher(lines, "BN202611-0001");
        tranche.Select(Show).ShouldBe(["1283 D 150000000 Disbursement", "1121 C 150000000 Disbursement"]);
        tranche.ShouldAllBe(l => l.ObjectId == CooperativeId && l.LoanId == loan && l.ContractNumber == "07/2026/HĐTD"
            && l.VoucherKind == VoucherKind.BankDebit);
        tranche[0].ObjectName.ShouldNotBeNullOrEmpty();

        // A repayment of 10,000,000 ₫ on the signing day: nothing is due yet, so it all prepays principal: Dr 1121 / Cr 1283.
        receipt.Allocation.Prepayment.Dong.ShouldBe(10_000_000);
        Voucher(lines, "BC202611-0001").Select(Show).ShouldBe(["1121 D 10000000 PrincipalPrepaid", "1283 C 10000000 PrincipalPrepaid"]);

        EveryVoucherBalances(lines);
        lines.Count.ShouldBe(6);
        lines.ShouldAllBe(l => l.SetupVersion == 1 && !l.IsAdjustment && l.Id == $"{l.EventId:N}-{l.LineNo:0000}");
        Balance(lines, AccountingDefaults.Cash, new LocalDate(2026, 11, 22)).ShouldBe(20_000_000_000 - 150_000_000 + 10_000_000);
        (await JournalLines(FundB)).ShouldBeEmpty("another fund's journal has none of these lines");
    }
}
