using HtxFund.Applications;
using HtxFund.Capital;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using HtxFund.Policy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Loans.Disbursing;

/// <summary>What a tranche's rules read besides the loan: the fund's capital ledger (its cash on the value date and
/// every later date) and the borrower's lending limits at the value date (Decree 45/2021 Art 23.2), against the actual
/// charter capital then: this loan weighs its whole contracted amount (disbursed or still committed), its group's other
/// loans their exposure. <see cref="Limits"/> is null when there is no contracted loan to check.
/// <see cref="CreditCheckMaxAgeDays"/> is the policy's oldest credit check accepted for a first disbursement;
/// <see cref="Inspections"/> when the disbursed tranche's inspection of loan use falls due.</summary>
public sealed record DisbursementReads(FundCapitalLedger Ledger, LimitChecks.Outcome? Limits, int CreditCheckMaxAgeDays,
    HtxFund.Inspections.InspectionSettings? Inspections = null)
{
    public static async Task<DisbursementReads> LoadAsync(IDocumentSession session, Loan? loan, LocalDate? valueDate, CancellationToken ct)
    {
        var ledger = await FundCapital.LedgerAsync(session, ct);
        var current = await FundPolicies.CurrentAsync(session, ct);
        var maxAge = current.Settings.CreditCheckMaxAgeDays;
        var inspections = current.Settings.Inspections ?? HtxFund.Inspections.InspectionSettings.Default;
        if (loan is not { Contract: not null } || valueDate is not { } date) return new DisbursementReads(ledger, null, maxAge, inspections);
        var limits = await LimitChecks.ComputeAsync(session, loan.Id, loan.CooperativeId, loan.MemberId, loan.Request, loan.ContractedAmount, date,
            current.ToLendingPolicy(), ct);
        return new DisbursementReads(ledger, limits, maxAge, inspections);
    }

    public ProblemDetails? LimitsRefusal => Limits is { AllPassed: false } failed
        ? LimitChecks.Refusal(failed, "giải ngân", "disbursement.limits_exceeded") : null;
}

/// <summary>
/// The pure rules of a tranche, checked when it is prepared and again, decisively, when it is confirmed: an open loan
/// with a signed contract, a value date within the contract's life and not in the future, the undisbursed contracted
/// amount, the borrower's credit check before the first disbursement (Decree 45/2021 Art 22.6), the fund's cash on the
/// value date and every later date; the lending limits, read from the database, come after them
/// (<see cref="DisbursementReads.LimitsRefusal"/>).
/// </summary>
public static class DisbursementRules
{
    public static ProblemDetails? Check(Loan loan, long amount, LocalDate valueDate, LocalDate today, Money lowestCashFrom, int maxCheckAgeDays)
    {
        if (LoanAccess.RefuseIfClosed(loan) is { } closed) return closed;
        if (loan.Contract is not { } contract)
            return Problems.Conflict("disbursement.no_contract", "Khoản vay chưa ký hợp đồng tín dụng: chưa thể giải ngân.");
        if (valueDate > today)
            return Problems.Validation("valueDate", "value_date.in_future", "Ngày giá trị giải ngân không được sau ngày hôm nay.");
        if (valueDate < contract.SignedOn)
            return Problems.Validation("valueDate", "value_date.before_contract",
                $"Ngày giá trị giải ngân không được trước ngày ký hợp đồng ({contract.SignedOn:dd/MM/yyyy}).");
        if (amount > loan.Undisbursed)
            return Problems.Unprocessable("disbursement.exceeds_undisbursed",
                $"Số tiền giải ngân {Money.Of(amount).ToDisplayString()} vượt số tiền hợp đồng chưa giải ngân ({Money.Of(loan.Undisbursed).ToDisplayString()}).",
                new Dictionary<string, object?> { ["undisbursed"] = loan.Undisbursed });
        if (!loan.HasDisbursed && CreditCheckRefusal(loan, valueDate, maxCheckAgeDays) is { } bad) return bad;
        if (Money.Of(amount) > lowestCashFrom)
            return Problems.Unprocessable("disbursement.exceeds_fund_cash",
                $"Số tiền giải ngân {Money.Of(amount).ToDisplayString()} vượt số tiền mặt hiện có của quỹ ({lowestCashFrom.ToDisplayString()}).",
                new Dictionary<string, object?> { ["availableCash"] = lowestCashFrom.Dong });
        return null;
    }

    /// <summary>Decree 45/2021 Art 22.6: before the first disbursement the borrower must have no bad debt. The latest
    /// check dated on or before the value date decides; it must be at most <paramref name="maxAgeDays"/> old then.</summary>
    public static ProblemDetails? CreditCheckRefusal(Loan loan, LocalDate valueDate, int maxAgeDays)
    {
        var latest = loan.CreditChecks.Where(c => c.CheckedOn <= valueDate)
            .OrderBy(c => c.CheckedOn).ThenBy(c => c.At).LastOrDefault();
        if (latest is null)
            return Problems.Unprocessable("disbursement.bad_debt_check_missing",
                "Chưa ghi nhận kết quả kiểm tra thông tin tín dụng (nợ xấu) của người vay trước lần giải ngân đầu tiên (Nghị định 45/2021, Điều 22 khoản 6).");
        if (latest.Result == CreditCheckResult.HasBadDebt)
            return Problems.Unprocessable("disbursement.borrower_has_bad_debt",
                $"Người vay có nợ xấu theo kết quả kiểm tra {latest.Source} ngày {latest.CheckedOn:dd/MM/yyyy}: không được giải ngân (Nghị định 45/2021, Điều 22 khoản 6).");
        var age = Period.Between(latest.CheckedOn, valueDate, PeriodUnits.Days).Days;
        if (age > maxAgeDays)
            return Problems.Unprocessable("disbursement.bad_debt_check_stale",
                $"Kết quả kiểm tra thông tin tín dụng ngày {latest.CheckedOn:dd/MM/yyyy} đã quá {maxAgeDays} ngày so với ngày giải ngân; vui lòng kiểm tra lại.",
                new Dictionary<string, object?> { ["ageDays"] = age, ["maxAgeDays"] = maxAgeDays });
        return null;
    }

    /// <summary>The ChiefAccountant's confirmation over the loan and the fund's cash (<paramref name="lowestCashFrom"/>: the
    /// lowest cash from a date on) as they are under the fund's lock: the tranche exists, four eyes, it is still prepared,
    /// then every rule of <see cref="Check"/> again.</summary>
    public static ProblemDetails? CheckConfirmation(Loan loan, Guid trancheId, Actor actor, LocalDate today, Func<LocalDate, Money> lowestCashFrom,
        int maxCheckAgeDays)
    {
        if (loan.TrancheOf(trancheId) is not { } tranche)
            return Problems.NotFound("tranche.not_found", "Không tìm thấy đề nghị giải ngân này.");
        if (tranche.PreparedBy == actor.UserId)
            return Problems.Forbidden("four_eyes.preparer_cannot_confirm", "Người lập đề nghị giải ngân không được tự duyệt đề nghị đó (nguyên tắc bốn mắt).");
        if (tranche.State != TrancheState.Prepared)
            return NotPrepared(tranche, "duyệt");
        return Check(loan, tranche.Amount, tranche.ValueDate, today, lowestCashFrom(tranche.ValueDate), maxCheckAgeDays);
    }

    /// <summary>The confirmation of a tranche that passed <see cref="CheckConfirmation"/>: the money leaves the fund on its
    /// value date; <paramref name="entryId"/> names its line on the fund's capital ledger.</summary>
    public static TrancheDisbursed Disbursed(Loan loan, Guid trancheId, Actor actor, Instant now, Guid entryId)
    {
        var tranche = loan.TrancheOf(trancheId)!;
        return new TrancheDisbursed(loan.Id, trancheId, tranche.Amount, tranche.ValueDate, entryId, actor, now);
    }

    /// <summary>A prepared tranche may be cancelled; a confirmed or cancelled one may not.</summary>
    public static ProblemDetails? CheckCancellation(Loan loan, Guid trancheId) =>
        loan.TrancheOf(trancheId) is not { } tranche ? Problems.NotFound("tranche.not_found", "Không tìm thấy đề nghị giải ngân này.")
        : tranche.State != TrancheState.Prepared ? NotPrepared(tranche, "hủy")
        : null;

    private static ProblemDetails NotPrepared(Tranche tranche, string action) =>
        Problems.Conflict("tranche.not_prepared", $"Đề nghị giải ngân đang ở trạng thái \"{tranche.State.DisplayName()}\": không thể {action}.",
            new Dictionary<string, object?> { ["state"] = tranche.State.ToString() });
}
