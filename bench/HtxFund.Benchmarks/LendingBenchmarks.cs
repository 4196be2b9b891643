using BenchmarkDotNet.Attributes;
using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Benchmarks;

/// <summary>Shared loans for the lending benchmarks.</summary>
public static class BenchmarkLoans
{
    public static readonly LocalDate Start = new(2025, 1, 10);

    /// <summary>A 5-year loan: 2,000,000,000 ₫ at 7.5 %/year, 60 monthly equal-principal instalments, 3 months' grace.</summary>
    public static readonly LoanTerms FiveYearLoan = LoanTerms.Create(
        Money.Of(2_000_000_000), 7.5m, Start, 60, RepaymentFrequency.Monthly, RepaymentMethod.EqualPrincipal, principalGraceMonths: 3);

    /// <summary>The same loan repaid at maturity: one due date, so valuing it crystallises no instalment before day 1,826.</summary>
    public static readonly LoanTerms FiveYearBullet = LoanTerms.Create(
        Money.Of(2_000_000_000), 7.5m, Start, 60, RepaymentFrequency.AtMaturity, RepaymentMethod.Bullet);

    /// <summary>One disbursement and 60 repayments spread evenly over <paramref name="days"/> days from the start.</summary>
    public static LoanTransaction[] History(int days, long repaymentDong = 30_000_000)
    {
        var transactions = new LoanTransaction[61];
        transactions[0] = new Disbursement(Start, FiveYearLoan.Principal);
        for (var i = 1; i <= 60; i++)
            transactions[i] = new Repayment(Start.PlusDays(days * i / 60), Money.Of(repaymentDong));
        return transactions;
    }
}

[MemoryDiagnoser]
public class ScheduleBenchmarks
{
    private readonly LendingPolicy policy = LendingPolicy.Default;

    [Benchmark(Description = "Generate a 60-instalment schedule (equal principal, VN calendar)")]
    public RepaymentSchedule Generate60() => ScheduleGenerator.Generate(BenchmarkLoans.FiveYearLoan, policy);
}

[MemoryDiagnoser]
public class ValuationBenchmarks
{
    private readonly LendingPolicy policy = LendingPolicy.Default;
    private RepaymentSchedule schedule = null!;
    private LoanTransaction[] over700Days = null!;
    private LoanTransaction[] over30Days = null!;
    private Money[] amounts = null!;
    private RepaymentSchedule bullet = null!;

    [GlobalSetup]
    public void Setup()
    {
        schedule = ScheduleGenerator.Generate(BenchmarkLoans.FiveYearLoan, policy);
        over700Days = BenchmarkLoans.History(700);
        over30Days = BenchmarkLoans.History(30);
        amounts = over700Days.OfType<Repayment>().Select(r => r.Amount).ToArray();
        bullet = ScheduleGenerator.Generate(BenchmarkLoans.FiveYearBullet, policy);
    }

    [Benchmark(Baseline = true, Description = "Baseline: sum the 60 repayment amounts")]
    public Money SumRepayments()
    {
        var total = Money.Zero;
        foreach (var amount in amounts)
            total += amount;
        return total;
    }

    [Benchmark(Description = "Value at day 30 (60 repayments in 30 days, booked schedule)")]
    public LoanValuation ValueDay30() =>
        LoanValuator.Value(schedule, over30Days, BenchmarkLoans.Start.PlusDays(30), policy);

    [Benchmark(Description = "Value at day 700 (60 repayments over 700 days, booked schedule)")]
    public LoanValuation ValueDay700() =>
        LoanValuator.Value(schedule, over700Days, BenchmarkLoans.Start.PlusDays(700), policy);

    [Benchmark(Description = "Bullet loan (one due date): value at day 30, 60 repayments in 30 days")]
    public LoanValuation BulletDay30() =>
        LoanValuator.Value(bullet, over30Days, BenchmarkLoans.Start.PlusDays(30), policy);

    [Benchmark(Description = "Bullet loan (one due date): value at day 700, 60 repayments over 700 days")]
    public LoanValuation BulletDay700() =>
        LoanValuator.Value(bullet, over700Days, BenchmarkLoans.Start.PlusDays(700), policy);

    [Benchmark(Description = "Value at day 700 from terms (schedule generated too)")]
    public LoanValuation ValueDay700FromTerms() =>
        LoanValuator.Value(BenchmarkLoans.FiveYearLoan, over700Days, BenchmarkLoans.Start.PlusDays(700), policy);
}

[MemoryDiagnoser]
public class PortfolioBenchmarks
{
    private const int Loans = 100_000;
    private const int DistinctHistories = 1_000;
    private readonly LendingPolicy policy = LendingPolicy.Default;
    private RepaymentSchedule schedule = null!;
    private LoanTransaction[][] histories = null!;
    private LoanValuation[] valuations = null!;
    private readonly LocalDate asOf = BenchmarkLoans.Start.PlusDays(700);

    [GlobalSetup]
    public void Setup()
    {
        schedule = ScheduleGenerator.Generate(BenchmarkLoans.FiveYearLoan, policy);
        // 1,000 distinct histories (different repayment sizes, so days past due and groups vary), each valued 100 times.
        histories = Enumerable.Range(0, DistinctHistories)
            .Select(i => BenchmarkLoans.History(700, 5_000_000 + i * 60_000L))
            .ToArray();
        valuations = Enumerable.Range(0, Loans)
            .Select(i => LoanValuator.Value(schedule, histories[i % DistinctHistories], asOf, policy))
            .ToArray();
    }

    [Benchmark(Description = "Classify + provision 100,000 valued loans")]
    public ProvisionTotals ClassifyAndProvision()
    {
        var totals = ProvisionTotals.Empty;
        foreach (var valuation in valuations)
        {
            var group = DebtClassifier.Classify(valuation, policy).Group;
            totals = totals.Add(ProvisionCalculator.Calculate(group, valuation.PrincipalOutstanding, Money.Zero, policy));
        }
        return totals;
    }

    [Benchmark(Description = "Value + classify + provision 100,000 loans (700 days, 60 repayments each)")]
    public ProvisionTotals ValueClassifyAndProvision()
    {
        var totals = ProvisionTotals.Empty;
        for (var i = 0; i < Loans; i++)
        {
            var valuation = LoanValuator.Value(schedule, histories[i % DistinctHistories], asOf, policy);
            var group = DebtClassifier.Classify(valuation, policy).Group;
            totals = totals.Add(ProvisionCalculator.Calculate(group, valuation.PrincipalOutstanding, Money.Zero, policy));
        }
        return totals;
    }
}
