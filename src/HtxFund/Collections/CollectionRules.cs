using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using HtxFund.Loans;
using HtxFund.Loans.GettingDetails;
using Marten;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Collections;

/// <summary>
/// The pure rules of collection activity: only a contracted loan that is not closed is collected; a promise to pay is a
/// positive amount for a date from today to the policy's <see cref="CollectionSettings.MaxPromiseDays"/> ahead (a new
/// promise supersedes the open one); one escalation is open at a time and only an open one is resolved; a promise is
/// kept when the repayments not reversed with a value date from the day it was made to the promised date add up to its
/// amount, and broken otherwise.
/// </summary>
public static class CollectionRules
{
    /// <summary>The loan a collection command is about (the view: stage, cooperative, officer), read in the user's fund.</summary>
    public static Task<LoanDetails?> LoanAsync(Guid id, IQuerySession session, CancellationToken ct) => session.LoadAsync<LoanDetails>(id, ct);

    /// <summary>404 for no loan (none, an application, another fund's), 409 for a closed or not yet contracted loan.</summary>
    public static ProblemDetails? Collectable(Guid id, LoanDetails? loan)
    {
        if (loan is not { IsLoan: true }) return LoanAccess.NotFound(id);
        if (loan.Stage == LoanStage.Closed)
            return Problems.Conflict("loan.closed", $"Khoản vay {loan.ContractNumber} đã tất toán: không còn gì để thu.");
        if (loan.Stage != LoanStage.Contracted)
            return Problems.Conflict("collection.loan_not_contracted", "Khoản vay chưa ký hợp đồng tín dụng: chưa có gì để thu.");
        return null;
    }

    /// <summary>A promise for <paramref name="payBy"/> made on <paramref name="today"/> under <paramref name="settings"/>
    /// (the validator already refused a date in the past).</summary>
    public static ProblemDetails? Promise(LocalDate payBy, LocalDate today, CollectionSettings settings) =>
        payBy > today.PlusDays(settings.MaxPromiseDays)
            ? Problems.Unprocessable("promise.too_far",
                $"Ngày hẹn trả không được quá {settings.MaxPromiseDays} ngày kể từ hôm nay (đến {today.PlusDays(settings.MaxPromiseDays):dd/MM/yyyy}).")
            : null;

    public static ProblemDetails? Escalation(CollectionCase? @case) =>
        @case?.OpenEscalation is not null
            ? Problems.Conflict("escalation.already_open", "Khoản vay đã được báo cáo Giám đốc và đang chờ xử lý.")
            : null;

    public static ProblemDetails? Resolution(CollectionCase? @case) =>
        @case?.OpenEscalation is null
            ? Problems.Conflict("escalation.none_open", "Khoản vay không có báo cáo nào đang chờ Giám đốc xử lý.")
            : null;

    /// <summary>What was repaid towards <paramref name="promise"/>: repayments not reversed with a value date from the day
    /// it was made to the promised date, both included.</summary>
    public static long PaidTowards(PromiseToPay promise, IEnumerable<RepaymentRecord> repayments) =>
        repayments.Where(r => !r.Reversed && r.ValueDate >= promise.MadeOn && r.ValueDate <= promise.PayBy).Sum(r => r.Amount);

    /// <summary>Whether the open promise is to be decided on <paramref name="today"/>: from the day after its date.</summary>
    public static bool DueForDecision(PromiseToPay promise, LocalDate today) => promise.State == PromiseState.Open && today > promise.PayBy;
}
