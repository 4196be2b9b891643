using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Applications;

/// <summary>The repayment schedule of proposed terms, from the Lending engine (the same function the contract uses).</summary>
public static class ScheduleRows
{
    public static LoanTerms Terms(LoanProposal p) =>
        LoanTerms.Create(Money.Of(p.Amount), p.AnnualRatePercent, p.StartDate, p.TermMonths, p.Frequency, p.Method, p.GraceMonths);

    /// <summary>A schedule of proposed terms: the rows, the total interest and the version of the working-day calendar
    /// that placed the due dates.</summary>
    public sealed record Generated(IReadOnlyList<ScheduleRow> Rows, long TotalInterest, int CalendarVersion);

    public static Generated Generate(LoanProposal proposal, LendingPolicy policy)
    {
        var schedule = ScheduleGenerator.Generate(Terms(proposal), policy);
        return new(schedule.Instalments.Select(i => new ScheduleRow(i.Number, i.DueDate, i.Principal.Dong, i.Interest.Dong, i.Total.Dong, i.BalanceAfter.Dong)).ToArray(),
            schedule.TotalInterest.Dong, schedule.CalendarVersion);
    }

    /// <summary>The schedule of terms under <paramref name="policy"/>, generated once; or null with why the terms cannot
    /// make one (the engine's own checks, and due dates the working-day calendar cannot place: Vietnam's holidays are
    /// computed for 1900–2199).</summary>
    public static Generated? TryGenerate(LoanProposal proposal, LendingPolicy policy, out string? why)
    {
        why = null;
        try
        {
            return Generate(proposal, policy);
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName == "year")
        {
            why = $"các ngày đến hạn phải nằm trong các năm {VietnamPublicHolidays.FirstYear}–{VietnamPublicHolidays.LastYear}, "
                  + "phạm vi của lịch ngày làm việc (ngày lễ tính theo âm lịch).";
        }
        catch (ArgumentException e)
        {
            why = e.Message;
        }
        return null;
    }

    /// <summary>A schedule of proposed terms, or why they make none.</summary>
    public sealed record Attempt(Generated? Schedule, string? Why)
    {
        /// <summary>The refusal of terms that make no schedule (400 <c>proposal.invalid_terms</c> on <paramref name="field"/>),
        /// or null.</summary>
        public ProblemDetails? Refusal(string field) =>
            Schedule is not null ? null : Problems.Validation(field, "proposal.invalid_terms", $"Điều kiện vay không lập được lịch trả nợ: {Why}");
    }

    /// <summary><see cref="TryGenerate"/> as a value.</summary>
    public static Attempt Try(LoanProposal proposal, LendingPolicy policy) => new(TryGenerate(proposal, policy, out var why), why);
}
