using HtxFund.Applications;
using HtxFund.Capital;
using HtxFund.Funds;
using HtxFund.Identity;
using HtxFund.Policy;
using NodaTime;

namespace HtxFund.Seeding;

/// <summary>Where an application that never became a loan stands at the end of a seeded history.</summary>
public enum ApplicationStop { Draft, Submitted, Appraised, Returned, Approved, Rejected, Withdrawn }

/// <summary>What one seeded loan must show at the end of the history: an application stopped at <see cref="StopAt"/>, or a
/// loan signed on <see cref="SignedOn"/> whose instalments are paid up to the first one due on or after
/// <see cref="UnpaidSince"/> (none from it on: days past due counted from it). <see cref="ByApplicant"/>: drafted by the
/// cooperative's own user (<see cref="FundStaff.Applicant"/>).</summary>
public sealed record LoanShape(ApplicationStop? StopAt = null, LocalDate? SignedOn = null, LocalDate? UnpaidSince = null, bool ByApplicant = false);

/// <summary>A cooperative already registered in the fund, with the members who may borrow from it.</summary>
public sealed record ExistingCooperative(Guid Id, string Name, string Province, IReadOnlyList<(Guid Id, string Name)> Members);

/// <summary>The fund's own people the seeded history is the work of, as their accounts are (the credit officers appraise
/// in turn, so each becomes the responsible officer of the loans it appraised). <see cref="Applicant"/>: a cooperative's
/// user, whose cooperative is <see cref="ApplicantCooperativeId"/> (its drafts and withdrawals); at least three board members.</summary>
public sealed record FundStaff(Actor Admin, IReadOnlyList<Actor> CreditOfficers, Actor Director, IReadOnlyList<Actor> Board, Actor Accountant,
    Actor Chief, Actor Risk, Actor? Applicant, Guid? ApplicantCooperativeId);

/// <summary>
/// A portfolio seeded into a fund that exists (the demo funds): <see cref="Loans"/> applications and loans over the
/// <see cref="Months"/> up to <see cref="Until"/> (never before the day after the fund's charter capital came in), to its
/// own cooperatives and <see cref="NewCooperatives"/> more registered by its admin, decided by its staff. Beside the
/// loans drawn as in any seeded portfolio, three applications stop at each <see cref="ApplicationStop"/> and, for each
/// debt group from 2 to 5, a loan is behind by that group's days past due both today and at the last month's end.
/// The amounts stay within 85 % of the charter capital in all (so the fund's cash never runs out, whatever is repaid).
/// </summary>
/// <param name="Number">The fund's place among the seeded funds (its new cooperatives' tax codes start with 9, then 50 + it).</param>
public sealed record ExistingFundPortfolio(Fund Fund, int Number, CharterCapitalContributed Charter, IReadOnlyList<ExistingCooperative> Cooperatives,
    FundStaff Staff, int NewCooperatives, int Loans, int Months, LocalDate Until, int RandomSeed = 2026, double RestructuredShare = 0.04);

public sealed partial class PortfolioSeeder
{
    /// <summary>The smallest amount the seeder lends (a member's small loan).</summary>
    private const long MinimumAmount = 20_000_000;

    /// <summary>Days past due that put a loan in debt groups 2, 3, 4 and 5 (thresholds 10/30/90/180, Circular 14/2024/TT-NHNN),
    /// far enough inside each group that a due date moved to the next working day keeps it there.</summary>
    private static readonly int[] BehindDays = [18, 55, 130, 260];

    private static PlannedFund PlanInto(ExistingFundPortfolio t)
    {
        var r = new SeedRandom(t.RandomSeed + t.Number);
        var fundPolicy = FundPolicy.Default;
        var policy = fundPolicy.ToLendingPolicy();
        var from = LocalDate.Max(t.Until.PlusMonths(-t.Months), t.Charter.ValueDate.PlusDays(1));
        var months = Math.Max(1, Period.Between(from, t.Until, PeriodUnits.Months).Months);
        var o = new PortfolioOptions(1, t.NewCooperatives, t.Loans, months, t.Until, t.RandomSeed, t.RestructuredShare);
        var tenant = t.Fund.Id;
        var province = t.Fund.ProvinceName ?? throw new InvalidOperationException($"Fund {tenant} has no province.");

        var created = new List<PlannedCooperative>();
        for (var c = 0; c < t.NewCooperatives; c++) created.Add(PlanCooperative(r, 50 + t.Number, c, province, t.Staff.Admin, o.From.PlusYears(-2)));
        var borrowers = t.Cooperatives.Select(c => new PlannedCooperative(c.Id, [], c.Name, c.Province, [.. c.Members])).Concat(created).ToList();
        var applicantCooperative = borrowers.FirstOrDefault(c => c.Id == t.Staff.ApplicantCooperativeId);

        var shapes = new List<LoanShape>();
        foreach (var stop in Enum.GetValues<ApplicationStop>())
            for (var k = 0; k < 3; k++)
                // a cooperative withdraws its own application: withdrawals are its user's (and one draft of three)
                shapes.Add(new(StopAt: stop, ByApplicant: stop == ApplicationStop.Withdrawn || (k == 0 && stop == ApplicationStop.Draft)));
        var lastMonthEnd = new LocalDate(t.Until.Year, t.Until.Month, 1).PlusDays(-1);
        foreach (var anchor in new[] { t.Until, lastMonthEnd })
            foreach (var days in BehindDays)
                if (Behind(anchor.PlusDays(-days), o.From, r) is { } shape) shapes.Add(shape);

        var numbers = new Dictionary<(Register, int), long>();
        var loans = new List<PlannedLoan>();
        var budget = t.Charter.Amount.Dong * 85 / 100;
        long committed = 0;
        for (var l = 0; l < t.Loans && borrowers.Count > 0; l++)
        {
            var shape = l < shapes.Count ? shapes[l] : null;
            var coop = shape?.ByApplicant == true && applicantCooperative is not null ? applicantCooperative : borrowers[r.Next(borrowers.Count)];
            var officer = t.Staff.CreditOfficers[l % t.Staff.CreditOfficers.Count];
            // the cooperative's user acts only on its own cooperative's applications
            var applicant = coop == applicantCooperative ? t.Staff.Applicant : null;
            var staff = new SeedStaff(t.Staff.Admin, officer, officer, t.Staff.Director, [.. t.Staff.Board], t.Staff.Accountant, t.Staff.Chief,
                t.Staff.Risk, applicant);
            // what is left of the budget, keeping the smallest amount for each loan still to plan
            var left = t.Loans - l - 1;
            var cap = Math.Min(budget - committed - left * MinimumAmount, 3 * (budget - committed) / (left + 1));
            var (loan, amount) = PlanLoan(r, tenant, l, coop, o, staff, policy, fundPolicy, numbers, shape, cap);
            loans.Add(loan);
            committed += amount;
        }
        return new PlannedFund(tenant, t.Fund, t.Charter, created, loans, numbers, Exists: true);
    }

    /// <summary>A loan behind since <paramref name="since"/> (moved to day 28 at the latest, so that monthly due dates
    /// counted back from it land on it), signed 3 to 9 months before it and not before the history starts; null when the
    /// history is too short for one.</summary>
    private static LoanShape? Behind(LocalDate since, LocalDate from, SeedRandom r)
    {
        if (since.Day > 28) since = since.PlusDays(28 - since.Day);
        var n = r.Between(3, 9);
        while (n > 1 && since.PlusMonths(-n) < from.PlusDays(25)) n--;
        var signed = since.PlusMonths(-n);
        return signed < from.PlusDays(25) ? null : new LoanShape(SignedOn: signed, UnpaidSince: since);
    }

    /// <summary>The steps of an application that stops at <paramref name="stop"/> (not <see cref="ApplicationStop.Approved"/>,
    /// whose steps are the approval's): <paramref name="steps"/> holds its submission then its appraisal.</summary>
    private static List<Step> StageSteps(ApplicationStop stop, List<Step> steps, Guid id, SeedStaff staff, DecidingTier tier, string number,
        LocalDate appraised, LocalDate decided, int minute)
    {
        var submitted = steps.Take(1).ToList();
        var assessed = steps.Take(2).ToList();
        return stop switch
        {
            ApplicationStop.Draft => [],
            ApplicationStop.Submitted => submitted,
            ApplicationStop.Appraised => assessed,
            ApplicationStop.Returned => [.. submitted, new(appraised, (_, _) => Loan1(new ApplicationReturnedForInformation(id,
                "Đề nghị bổ sung báo cáo tài chính năm gần nhất và giấy chứng nhận quyền sử dụng đất của tài sản bảo đảm.", staff.Appraiser,
                At(appraised, minute), appraised)))],
            ApplicationStop.Withdrawn => [.. submitted, new(appraised, (_, _) => Loan1(new ApplicationWithdrawn(id,
                "Hợp tác xã đã thu xếp được nguồn vốn khác.", staff.Applicant ?? staff.Credit, At(appraised, minute))))],
            ApplicationStop.Rejected => [.. assessed, .. Rejection(id, staff, tier, number, decided, minute)],
            _ => throw new ArgumentOutOfRangeException(nameof(stop), stop, "An approved application's steps are its approval's."),
        };
    }

    /// <summary>The refusal by whoever decides at the appraisal's tier: the Director, or the board voting against.</summary>
    private static IEnumerable<Step> Rejection(Guid id, SeedStaff staff, DecidingTier tier, string number, LocalDate decided, int minute)
    {
        string[] reasons = ["Phương án sản xuất kinh doanh chưa chứng minh được nguồn trả nợ.", "Tài sản bảo đảm chưa đủ điều kiện nhận bảo đảm."];
        if (tier.DecidedBy != ApprovalAuthority.Board)
        {
            yield return new(decided, (_, _) => Loan1(new LoanRejected(id, reasons, Decider.Director, number, staff.Director, At(decided, minute), decided)));
            yield break;
        }
        for (var v = 0; v < 3; v++)
        {
            var voter = staff.Board[v];
            var last = v == 2;
            var m = v;
            yield return new(decided, (_, _) =>
            {
                var cast = new BoardVoteCast(id, BoardVote.Reject, reasons[0], voter, At(decided, minute + m));
                return last ? Loan1(cast, new LoanRejected(id, reasons, Decider.Board, number, voter, At(decided, minute + m), decided)) : Loan1(cast);
            });
        }
    }
}
