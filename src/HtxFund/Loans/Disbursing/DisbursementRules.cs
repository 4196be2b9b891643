using HtxFund.Capital;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Loans.Disbursing;

/// <summary>How old a credit check may be at the first disbursement (configuration
/// <c>HtxFund:Disbursement:CreditCheckMaxAgeDays</c>, default 30).</summary>
public sealed class DisbursementSettings(IConfiguration configuration)
{
    public const string MaxAgeKey = "HtxFund:Disbursement:CreditCheckMaxAgeDays";
    public const int DefaultMaxAgeDays = 30;
    public int CreditCheckMaxAgeDays { get; } = configuration.GetValue(MaxAgeKey, DefaultMaxAgeDays);
}

/// <summary>
/// The pure rules of a tranche, checked when it is prepared and again, decisively, when it is confirmed: a signed
/// contract, a value date within the contract's life and not in the future, the undisbursed contracted amount, the
/// borrower's credit check before the first disbursement (Decree 45/2021 Art 22.6) and the fund's cash on the value
/// date and every later date. The lending limits (which need the database) are checked by the endpoints.
/// </summary>
public static class DisbursementRules
{
    public static ProblemDetails? Check(Loan loan, long amount, LocalDate valueDate, LocalDate today, Money lowestCashFrom, int maxCheckAgeDays)
    {
        if (loan.Stage == LoanStage.Closed) return Repaying.RepaymentRules.LoanClosed(loan);
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

    public sealed record Confirmation(ProblemDetails? Refusal, TrancheDisbursed? Disbursed);

    /// <summary>The ChiefAccountant's confirmation over the loan and the fund's ledger as they are under the fund's
    /// disbursement lock: four eyes, the tranche still prepared, then every rule of <see cref="Check"/> again.</summary>
    public static Confirmation Confirm(Loan loan, Guid trancheId, FundCapitalLedger ledger, Actor actor, Instant now, LocalDate today,
        int maxCheckAgeDays, Guid entryId)
    {
        if (loan.TrancheOf(trancheId) is not { } tranche)
            return new(Problems.NotFound("tranche.not_found", "Không tìm thấy đề nghị giải ngân này."), null);
        if (tranche.PreparedBy == actor.UserId)
            return new(Problems.Forbidden("four_eyes.preparer_cannot_confirm",
                "Người lập đề nghị giải ngân không được tự duyệt đề nghị đó (nguyên tắc bốn mắt)."), null);
        if (tranche.State != TrancheState.Prepared)
            return new(Problems.Conflict("tranche.not_prepared",
                $"Đề nghị giải ngân đang ở trạng thái \"{tranche.State.DisplayName()}\": không thể duyệt.",
                new Dictionary<string, object?> { ["state"] = tranche.State.ToString() }), null);
        if (Check(loan, tranche.Amount, tranche.ValueDate, today, ledger.LowestCashFrom(tranche.ValueDate), maxCheckAgeDays) is { } refusal)
            return new(refusal, null);
        // the fund's cash line of this disbursement is projected from the event (CapitalLedgerEntry, id entryId)
        return new(null, new TrancheDisbursed(loan.Id, trancheId, tranche.Amount, tranche.ValueDate, entryId, actor, now));
    }
}
