using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Lending.Payments;
using HtxFund.Loans;
using HtxFund.Loans.GettingDetails;
using HtxFund.Loans.Servicing;
using HtxFund.Policy;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using QRCoder;
using Wolverine.Http;

namespace HtxFund.Collections;

/// <summary>How to pay the loan by bank transfer: the fund's account (null when not configured), the payment reference to
/// write in the transfer's content, the amount (what is due next, or the one asked for) and the VietQR payload (null when
/// not configured).</summary>
public sealed record LoanPaymentInstructions(Guid LoanId, string PaymentReference, long? Amount, LocalDate AsOf, PaymentAccount? Account,
    string? QrPayload)
{
    public bool Configured => Account is not null;
}

public static class LoanPaymentQrEndpoint
{
    /// <summary>Size of a module of the PNG, in pixels (a 16-character reference code is 57 modules wide with its quiet
    /// zone: about 340 px).</summary>
    public const int PixelsPerModule = 6;

    /// <summary>How to pay the loan: reference, amount, the fund's account and the VietQR payload. <c>amount</c> (đồng)
    /// replaces the default, which is everything due and overdue, or when nothing is, the next instalment (none: a code
    /// without an amount). Staff of the fund and the loan's own cooperative.</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverineGet("/api/loans/{id}/payment", OperationId = "getLoanPayment")]
    [Tags("Thu nợ")]
    [ProducesResponseType<LoanPaymentInstructions>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static async Task<IResult> Get(Guid id, long? amount, ClaimsPrincipal user, IQuerySession session, PaymentSettings settings,
        BusinessTime time, CancellationToken ct)
    {
        var (instructions, problem) = await InstructionsAsync(id, amount, user, session, settings, time.Today, ct);
        return problem is not null ? Results.Problem(problem) : Results.Ok(instructions);
    }

    /// <summary>The VietQR code (PNG) of the same payment: scanned by any Vietnamese banking app, it fills in the fund's
    /// account, the amount and the payment reference as the transfer's content. 404 <c>payments.not_configured</c> when
    /// the fund has no account configured (<c>HtxFund:Payments</c>).</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverineGet("/api/loans/{id}/payment-qr.png", OperationId = "getLoanPaymentQr")]
    [Tags("Thu nợ")]
    [ProducesResponseType(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static async Task<IResult> GetPng(Guid id, long? amount, ClaimsPrincipal user, IQuerySession session, PaymentSettings settings,
        BusinessTime time, CancellationToken ct)
    {
        var (instructions, problem) = await InstructionsAsync(id, amount, user, session, settings, time.Today, ct);
        if (problem is not null) return Results.Problem(problem);
        if (instructions!.QrPayload is not { } payload)
            return Results.Problem(Problems.NotFound("payments.not_configured", "Quỹ chưa cấu hình tài khoản nhận tiền cho mã VietQR."));
        return Results.File(Png(payload), "image/png");
    }

    public static byte[] Png(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(PixelsPerModule);
    }

    public static async Task<(LoanPaymentInstructions?, ProblemDetails?)> InstructionsAsync(Guid id, long? amount, ClaimsPrincipal user,
        IQuerySession session, PaymentSettings settings, LocalDate today, CancellationToken ct)
    {
        if (amount is { } a && (a < 1 || a > VietQrPayload.MaxAmount))
            return (null, Problems.Validation("amount", "amount.out_of_range", "Số tiền phải từ 1 đồng đến 9.999.999.999.999 đồng."));
        if (await LoanAccess.ReadableAsync(session, id, user, ct) is not { } details) return (null, LoanAccess.NotFound(id));
        if (details.Stage == LoanStage.Closed) return (null, Problems.Conflict("loan.closed", $"Khoản vay {details.ContractNumber} đã tất toán."));
        if (details.Stage != LoanStage.Contracted)
            return (null, Problems.Conflict("collection.loan_not_contracted", "Khoản vay chưa ký hợp đồng tín dụng: chưa có gì để trả."));
        var loan = await session.LoadAsync<Loan>(id, ct);
        var policy = (await FundPolicies.CurrentAsync(session, ct)).ToLendingPolicy();
        var due = loan is null ? 0 : DefaultAmount(LoanPosition.Of(loan, today, policy), today);
        return (Instructions(id, amount ?? (due > 0 ? due : null), today, settings.For(user.FundId())), null);
    }

    public static long DefaultAmount(LoanPosition? position, LocalDate today) =>
        position is null ? 0 : Worklist.CollectionCards.AmountToPay(position, Worklist.CollectionCards.NextOf(position, today));

    public static LoanPaymentInstructions Instructions(Guid loanId, long? amount, LocalDate asOf, PaymentAccount? account)
    {
        var reference = PaymentReference.For(loanId).Value;
        var payload = account is null ? null : new VietQrPayload(account.BankBin, account.AccountNumber, amount, reference).Build();
        return new LoanPaymentInstructions(loanId, reference, amount, asOf, account, payload);
    }
}
