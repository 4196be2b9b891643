using HtxFund.Collections;
using HtxFund.Identity;
using HtxFund.Lending.Payments;
using HtxFund.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace HtxFund.Tests.Collections;

/// <summary>The loan's payment instructions and VietQR code: fund A (daklak) has its account configured in
/// appsettings.Development.json (Agribank, BIN 970405, 5200201012345); fund B (lamdong) has none.</summary>
public sealed class paying_by_vietqr(AppFixture fixture) : CollectionContext(fixture)
{
    [Fact]
    public async Task the_code_carries_the_funds_account_what_is_due_and_the_payment_reference()
    {
        var id = await DisbursedLoan(400_000_000, "71/2026/HĐTD");
        AdvanceTo(new LocalDate(2026, 12, 15));
        await CooperativeSignsInAgain();
        var reference = PaymentReference.For(id).Value;

        // before the due date: the next instalment, 1,972,603 ₫ of interest
        var result = await Get($"/api/loans/{id}/payment", Coop);
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        var payment = await result.Read<LoanPaymentInstructions>();
        payment.ShouldSatisfyAllConditions(
            p => p.PaymentReference.ShouldBe(reference), p => p.Amount.ShouldBe(1_972_603),
            p => p.Account.ShouldBe(new PaymentAccount("970405", "5200201012345", "QUY HO TRO PHAT TRIEN HTX TINH DAK LAK")),
            p => p.QrPayload.ShouldBe(new VietQrPayload("970405", "5200201012345", 1_972_603, reference).Build()));
        VietQrPayload.Parse(payment.QrPayload!).ShouldBe(new VietQrPayload("970405", "5200201012345", 1_972_603, reference));

        var png = await Get($"/api/loans/{id}/payment-qr.png", Coop);
        png.Context.Response.StatusCode.ShouldBe(200, await png.ReadAsTextAsync());
        png.Context.Response.ContentType.ShouldBe("image/png");
        var bytes = new MemoryStream();
        await png.Context.Response.Body.CopyToAsync(bytes);
        bytes.ToArray()[..8].ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        bytes.ToArray().ShouldBe(LoanPaymentQrEndpoint.Png(payment.QrPayload!));

        // an amount of the payer's choosing; staff read the same
        var chosen = await (await Get($"/api/loans/{id}/payment?amount=500000", await TokenFor(Roles.CreditOfficer))).Read<LoanPaymentInstructions>();
        VietQrPayload.Parse(chosen.QrPayload!).Amount.ShouldBe(500_000);
        await (await Get($"/api/loans/{id}/payment-qr.png?amount=0", Coop)).ShouldBeRefusal(400, "amount.out_of_range");
    }

    [Fact]
    public async Task another_cooperative_or_fund_cannot_read_a_loans_code_and_an_unconfigured_fund_has_none()
    {
        var id = await DisbursedLoan(400_000_000, "72/2026/HĐTD");
        var other = await AnotherCooperative();
        await (await Get($"/api/loans/{id}/payment-qr.png", other)).ShouldBeRefusal(404, "loan.not_found");
        await (await Get($"/api/loans/{id}/payment", other)).ShouldBeRefusal(404, "loan.not_found");
        await (await Get($"/api/loans/{id}/payment-qr.png", await TokenFor(Roles.Director, FundB))).ShouldBeRefusal(404, "loan.not_found");
        (await Get($"/api/loans/{id}/payment-qr.png", null)).Context.Response.StatusCode.ShouldBe(401);
        var approved = await Approved(100_000_000);
        await (await Get($"/api/loans/{approved}/payment", Coop)).ShouldBeRefusal(409, "collection.loan_not_contracted");

        // fund B has no account configured: its instructions carry the reference and no code
        var settings = Host.Services.GetRequiredService<PaymentSettings>();
        settings.For(FundA).ShouldNotBeNull();
        settings.For(FundB).ShouldBeNull();
        var instructions = LoanPaymentQrEndpoint.Instructions(id, 1_000, new LocalDate(2026, 11, 22), settings.For(FundB));
        (instructions.Configured, instructions.QrPayload, instructions.PaymentReference).ShouldBe((false, (string?)null, PaymentReference.For(id).Value));
    }
}
