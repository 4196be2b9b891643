using System.Text.Json.Serialization;
using HtxFund.Capital;
using HtxFund.Identity;
using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Policy;

/// <summary>Who takes a lending decision in a tier of the approval matrix.</summary>
public enum ApprovalAuthority
{
    /// <summary>The Director (Giám đốc) decides alone.</summary>
    Director,
    /// <summary>The board (Hội đồng quản lý / Hội đồng quản trị) decides by vote.</summary>
    Board,
}

/// <summary>When a board vote carries, once the quorum is reached.</summary>
public enum BoardMajority
{
    /// <summary>More approvals than rejections among the votes cast; abstentions count for the quorum only.</summary>
    MoreApproveThanReject,
    /// <summary>Approvals are more than half of all votes cast, abstentions included.</summary>
    MajorityOfVotesCast,
    /// <summary>Approvals are at least two thirds of all votes cast, abstentions included.</summary>
    TwoThirdsOfVotesCast,
}

/// <summary>The state of a board vote under a tier's quorum and majority rule.</summary>
public enum BoardVoteOutcome
{
    /// <summary>Fewer votes than the quorum have been cast (counting abstentions if the tier says so).</summary>
    QuorumNotReached,
    /// <summary>Quorum reached and the approvals carry.</summary>
    Approved,
    /// <summary>Quorum reached and the approvals do not carry.</summary>
    NotApproved,
}

/// <summary>
/// One tier of the approval matrix: loans up to <see cref="UpToAmount"/> (inclusive; null = above every other tier)
/// are decided by <see cref="DecidedBy"/>. A board tier says how many votes make a quorum and which majority carries.
/// Decree 45/2021 sets no thresholds (Art 25.2, 31.2 leave them to the fund charter): every value is fund-specific.
/// </summary>
public sealed record ApprovalTier(
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money? UpToAmount,
    ApprovalAuthority DecidedBy,
    int? Quorum = null,
    BoardMajority? Majority = null,
    bool AbstentionsCountForQuorum = true)
{
    public bool Covers(Money amount) => UpToAmount is not { } upTo || amount <= upTo;

    /// <summary>Tallies a board vote. Only meaningful for a <see cref="ApprovalAuthority.Board"/> tier.</summary>
    public BoardVoteOutcome Tally(int approvals, int rejections, int abstentions)
    {
        if (DecidedBy != ApprovalAuthority.Board)
            throw new InvalidOperationException("Only a board tier is decided by vote; the Director decides alone.");
        if (approvals < 0 || rejections < 0 || abstentions < 0)
            throw new ArgumentException("Vote counts cannot be negative.");
        var counted = approvals + rejections + (AbstentionsCountForQuorum ? abstentions : 0);
        if (counted < (Quorum ?? 1)) return BoardVoteOutcome.QuorumNotReached;
        var cast = approvals + rejections + abstentions;
        var carried = (Majority ?? BoardMajority.MoreApproveThanReject) switch
        {
            BoardMajority.MoreApproveThanReject => approvals > rejections,
            BoardMajority.MajorityOfVotesCast => approvals * 2 > cast,
            BoardMajority.TwoThirdsOfVotesCast => approvals * 3 >= cast * 2,
            _ => throw new ArgumentOutOfRangeException(nameof(Majority)),
        };
        return carried ? BoardVoteOutcome.Approved : BoardVoteOutcome.NotApproved;
    }
}

public sealed record DebtGroupThresholdSettings(int Group2FromDays, int Group3FromDays, int Group4FromDays, int Group5FromDays);

public sealed record ProvisionRateSettings(
    decimal Group1Percent, decimal Group2Percent, decimal Group3Percent, decimal Group4Percent, decimal Group5Percent);

/// <summary>
/// When the daily reminder run writes to borrowers and staff (fund policy; defaults: 7 and 1 days before a due date,
/// 1, 10 and 30 days after it, aligned with the debt-group thresholds of Circular 14/2024; processing-time alerts one
/// working day before the target). A run that was missed catches up for <see cref="CatchUpDays"/> days.
/// </summary>
public sealed record ReminderSettings(
    IReadOnlyList<int> UpcomingDaysBefore,
    IReadOnlyList<int> OverdueDaysAfter,
    int ProcessingAlertWorkingDaysBefore,
    int CatchUpDays)
{
    public static ReminderSettings Default { get; } = new([7, 1], [1, 10, 30], 1, 2);
}

/// <summary>
/// Risk handling (xử lý rủi ro) of loans that will not be repaid: the Risk Handling Council reviews the group-5 loans
/// every <see cref="ReviewEveryMonths"/> months (quarterly, Decree 45/2021 Art 29.2.a) and proposes the use of provisions or
/// the write-off from the books; a person holding <see cref="DecidingRole"/> decides (the Chairman, Art 28.4), with the
/// approval of <see cref="ApprovingBody"/> recorded as a document reference (for a local LLC fund the provincial Cooperative
/// Alliance, Art 28.4.b); the write-off from the books (xuất toán) comes at least <see cref="MinYearsFromProvisionUseToWriteOff"/>
/// years after the provisions were used (Art 28.3). Versions adopted before read as <see cref="Default"/>.
/// </summary>
public sealed record RiskHandlingSettings(int MinYearsFromProvisionUseToWriteOff, string DecidingRole, string ApprovingBody, int ReviewEveryMonths)
{
    public static RiskHandlingSettings Default { get; } = new(5, Identity.Roles.Chairman, "Liên minh Hợp tác xã tỉnh", 3);

    /// <summary>The roles a fund may name as the decider: the Chairman (LLC funds; the board's chairman in a cooperative-model
    /// fund), or by the fund's charter the Director or a board member.</summary>
    public static readonly IReadOnlyList<string> DecidingRoles = [Identity.Roles.Chairman, Identity.Roles.Director, Identity.Roles.BoardMember];
}

public sealed record TermClassSettings(
    int ShortMaxMonths, int MediumMaxMonths, int ShortTargetWorkingDays, int MediumTargetWorkingDays, int LongTargetWorkingDays);

/// <summary>
/// Every rule a fund sets in its internal lending regulation: the parameters of <see cref="LendingPolicy"/> (limits,
/// caps, debt-group thresholds, provision rates, term classes and processing targets, business-day rule,
/// repayment waterfall), the default day-count option for new contracts, and the approval matrix.
/// Plain values, so that it travels unchanged in events and HTTP bodies; <see cref="ToLendingPolicy"/> builds the
/// engine's policy. The working-day calendar is not among them: it is versioned on its own (<see cref="FundCalendar"/>:
/// the national rules and the announcements the administrator records) and <see cref="FundPolicy.ToLendingPolicy"/>
/// adds it.
/// </summary>
public sealed record FundPolicySettings
{
    public decimal SingleBorrowerLimitPercent { get; init; }
    public decimal RelatedGroupLimitPercent { get; init; }
    public decimal MinOwnEquityPercentOfProject { get; init; }
    public decimal OverdueRatePercentOfInTermRate { get; init; }
    public decimal LateInterestRatePercentPerYear { get; init; }
    /// <summary>The Circular 14/2017 day-counting option new contracts use unless they say otherwise.</summary>
    public DayCountBasis DayCount { get; init; }
    public BusinessDayRule DueDateRule { get; init; }
    public PrepaymentMode DefaultPrepaymentMode { get; init; }
    public int? MaxTermMonths { get; init; }
    public DebtGroupThresholdSettings DebtGroupThresholds { get; init; } = null!;
    public ProvisionRateSettings SpecificProvisionRates { get; init; } = null!;
    public decimal GeneralProvisionRatePercent { get; init; }
    public TermClassSettings TermClasses { get; init; } = null!;
    public IReadOnlyList<AllocationBucket> Waterfall { get; init; } = [];
    /// <summary>Tiers in increasing order of amount; the last one, and only it, is open-ended.</summary>
    public IReadOnlyList<ApprovalTier> ApprovalMatrix { get; init; } = [];
    /// <summary>Reminder offsets. Versions adopted before reminders existed read as the defaults.</summary>
    public ReminderSettings Reminders { get; init; } = ReminderSettings.Default;
    /// <summary>Who approves restructurings and interest waivers by amount. Versions adopted before read as the defaults.</summary>
    public RiskApprovalSettings RiskApprovals { get; init; } = RiskApprovalSettings.Default;
    /// <summary>Deduction rates of collateral by type (Decree 86/2024). Versions adopted before the collateral register
    /// existed read as the defaults.</summary>
    public HtxFund.Collateral.CollateralSettings Collateral { get; init; } = HtxFund.Collateral.CollateralSettings.Default;
    /// <summary>Risk handling: who decides, with whose approval, the 5-year rule, the review cadence. Versions adopted before
    /// risk handling existed read as the defaults.</summary>
    public RiskHandlingSettings RiskHandling { get; init; } = RiskHandlingSettings.Default;
    /// <summary>Collections worklist look-ahead and the longest promise to pay. Versions adopted before collections existed
    /// read as the defaults.</summary>
    public HtxFund.Collections.CollectionSettings Collections { get; init; } = HtxFund.Collections.CollectionSettings.Default;
    /// <summary>The post-disbursement inspection of loan use: when it is due, when its officer is told. Versions adopted
    /// before inspections existed read as the defaults.</summary>
    public HtxFund.Inspections.InspectionSettings Inspections { get; init; } = HtxFund.Inspections.InspectionSettings.Default;

    // The fund's operating rules below were deployment settings before they were versioned with the policy; versions
    // adopted before then read as the defaults those settings had.

    /// <summary>How many days before today a repayment's value date may be, for single repayments and bank statement
    /// lines alike (0: only today). Default 30.</summary>
    public int RepaymentBackdateDays { get; init; } = DefaultRepaymentBackdateDays;
    /// <summary>The oldest a borrower's credit check (e.g. a CIC report) may be, counted to the value date of the first
    /// disbursement (Decree 45/2021 Art 22.6 asks for the check, the fund sets how recent it must be). Default 30 days.</summary>
    public int CreditCheckMaxAgeDays { get; init; } = DefaultCreditCheckMaxAgeDays;
    /// <summary>Outstanding loans / equity below this percentage (for five consecutive years, with a C rating) is a
    /// dissolution trigger (Decree 45/2021 Art 46.2); the capital-adequacy report flags a date below it. Default 20 %.</summary>
    public decimal DissolutionThresholdPercent { get; init; } = DefaultDissolutionThresholdPercent;

    public const int DefaultRepaymentBackdateDays = 30;
    public const int DefaultCreditCheckMaxAgeDays = 30;
    public const decimal DefaultDissolutionThresholdPercent = 20m;

    /// <summary>
    /// The default matrix: the Director alone up to 500,000,000 ₫, the board above it with a quorum of 3 and a simple
    /// majority. <b>Assumption</b>: Decree 45/2021 sets no thresholds (DOMAIN.md §1.2, unconfirmed, fund-specific);
    /// each fund replaces these values with those of its charter.
    /// </summary>
    public static IReadOnlyList<ApprovalTier> DefaultApprovalMatrix { get; } =
    [
        new(Money.Of(500_000_000), ApprovalAuthority.Director),
        new(null, ApprovalAuthority.Board, Quorum: 3, Majority: BoardMajority.MoreApproveThanReject),
    ];

    /// <summary>The defaults of DOMAIN.md (those of <see cref="LendingPolicy.Default"/>), day count option (a).</summary>
    public static FundPolicySettings Default { get; } = From(LendingPolicy.Default, DayCountBasis.ExcludeFirstIncludeLast, DefaultApprovalMatrix);

    public static FundPolicySettings From(LendingPolicy policy, DayCountBasis dayCount, IReadOnlyList<ApprovalTier> matrix) => new()
    {
        SingleBorrowerLimitPercent = policy.SingleBorrowerLimitPercent,
        RelatedGroupLimitPercent = policy.RelatedGroupLimitPercent,
        MinOwnEquityPercentOfProject = policy.MinOwnEquityPercentOfProject,
        OverdueRatePercentOfInTermRate = policy.OverdueRatePercentOfInTermRate,
        LateInterestRatePercentPerYear = policy.LateInterestRatePercentPerYear,
        DayCount = dayCount,
        DueDateRule = policy.DueDateRule,
        DefaultPrepaymentMode = policy.DefaultPrepaymentMode,
        MaxTermMonths = policy.MaxTermMonths,
        DebtGroupThresholds = new(policy.DebtGroupThresholds.Group2FromDays, policy.DebtGroupThresholds.Group3FromDays,
            policy.DebtGroupThresholds.Group4FromDays, policy.DebtGroupThresholds.Group5FromDays),
        SpecificProvisionRates = new(policy.SpecificProvisionRates.Group1Percent, policy.SpecificProvisionRates.Group2Percent,
            policy.SpecificProvisionRates.Group3Percent, policy.SpecificProvisionRates.Group4Percent, policy.SpecificProvisionRates.Group5Percent),
        GeneralProvisionRatePercent = policy.GeneralProvisionRatePercent,
        TermClasses = new(policy.TermClasses.ShortMaxMonths, policy.TermClasses.MediumMaxMonths, policy.TermClasses.ShortTargetWorkingDays,
            policy.TermClasses.MediumTargetWorkingDays, policy.TermClasses.LongTargetWorkingDays),
        Waterfall = [.. policy.Waterfall],
        ApprovalMatrix = matrix,
        Reminders = ReminderSettings.Default,
        RiskHandling = RiskHandlingSettings.Default,
    };

    /// <summary>The lending engine's policy for these settings. Settings accepted by the adopting endpoint's validator
    /// always map; invalid settings throw <see cref="ArgumentException"/> from the engine's own checks.</summary>
    public LendingPolicy ToLendingPolicy(int version) => LendingPolicy.Default with
    {
        Version = version,
        SingleBorrowerLimitPercent = SingleBorrowerLimitPercent,
        RelatedGroupLimitPercent = RelatedGroupLimitPercent,
        MinOwnEquityPercentOfProject = MinOwnEquityPercentOfProject,
        OverdueRatePercentOfInTermRate = OverdueRatePercentOfInTermRate,
        LateInterestRatePercentPerYear = LateInterestRatePercentPerYear,
        DueDateRule = DueDateRule,
        DefaultPrepaymentMode = DefaultPrepaymentMode,
        MaxTermMonths = MaxTermMonths,
        DebtGroupThresholds = new(DebtGroupThresholds.Group2FromDays, DebtGroupThresholds.Group3FromDays,
            DebtGroupThresholds.Group4FromDays, DebtGroupThresholds.Group5FromDays),
        SpecificProvisionRates = new(SpecificProvisionRates.Group1Percent, SpecificProvisionRates.Group2Percent,
            SpecificProvisionRates.Group3Percent, SpecificProvisionRates.Group4Percent, SpecificProvisionRates.Group5Percent),
        GeneralProvisionRatePercent = GeneralProvisionRatePercent,
        TermClasses = new(TermClasses.ShortMaxMonths, TermClasses.MediumMaxMonths, TermClasses.ShortTargetWorkingDays,
            TermClasses.MediumTargetWorkingDays, TermClasses.LongTargetWorkingDays),
        Waterfall = [.. Waterfall],
    };
}

// ---- Event: one per adopted version; it carries the complete settings, so any version reads alone. ----

/// <summary>An administrator adopted a new version of the fund's policy (version = previous + 1; the defaults are
/// version 1). <paramref name="EffectiveFrom"/> is the date of the fund's decision adopting it, never in the future.</summary>
public sealed record FundPolicyAdopted(
    int Version,
    FundPolicySettings Settings,
    Actor By,
    Instant At,
    LocalDate EffectiveFrom,
    string Reason);

/// <summary>The fund's policy stream folded (inline snapshot, one document per fund): the latest adopted version and
/// the working-day calendar. Deliberately no <c>Version</c> member, which Marten would overwrite with the stream version:
/// the policy and the calendar number their versions in their own events, so an event of one never moves the other's.
/// Snapshots stored before the calendar existed read as its version 1.</summary>
public sealed record FundPolicyStream
{
    public Guid Id { get; init; } = FundPolicies.StreamId;
    public FundPolicyAdopted? Latest { get; init; }
    public FundCalendar Calendar { get; init; } = FundCalendar.BuiltIn;

    public FundPolicyStream Apply(FundPolicyAdopted e) => this with { Latest = e };
    public FundPolicyStream Apply(PublicHolidaysAnnounced e) => this with { Calendar = Calendar.Apply(e) };
    public FundPolicyStream Apply(HolidayAnnouncementWithdrawn e) => this with { Calendar = Calendar.Apply(e) };

    [JsonIgnore]
    public FundPolicy Current => (Latest is null ? FundPolicy.Default : FundPolicy.From(Latest)) with { Calendar = Calendar };
}

/// <summary>
/// The fund's policy in force: the latest adopted version, or the defaults (version 1) when the fund never adopted
/// one.
/// </summary>
public sealed record FundPolicy
{
    public int Version { get; init; } = 1;
    public FundPolicySettings Settings { get; init; } = FundPolicySettings.Default;
    /// <summary>Null for the defaults.</summary>
    public Actor? AdoptedBy { get; init; }
    public Instant? AdoptedAt { get; init; }
    public LocalDate? EffectiveFrom { get; init; }
    public string? Reason { get; init; }
    /// <summary>The working-day calendar in force (its own version; version 1 until an administrator records an announcement).</summary>
    public FundCalendar Calendar { get; init; } = FundCalendar.BuiltIn;

    public bool IsDefault => AdoptedBy is null;

    /// <summary>Version 1: the defaults of DOMAIN.md.</summary>
    public static FundPolicy Default { get; } = new();

    public static FundPolicy From(FundPolicyAdopted e) => new()
    {
        Version = e.Version, Settings = e.Settings, AdoptedBy = e.By, AdoptedAt = e.At, EffectiveFrom = e.EffectiveFrom, Reason = e.Reason,
    };

    /// <summary>The lending engine's policy, stamped with this version, with the fund's working-day calendar.</summary>
    public LendingPolicy ToLendingPolicy() => Settings.ToLendingPolicy(Version) with { Calendar = Calendar.WorkingDays() };

    /// <summary>The tier of the approval matrix that decides a loan of <paramref name="amount"/>: the first whose
    /// ceiling is at or above it (ceilings are inclusive: exactly 500,000,000 ₫ is the Director's under the defaults).</summary>
    public ApprovalTier DecisionRuleFor(Money amount)
    {
        if (!amount.IsPositive)
            throw new ArgumentException($"A loan amount must be above 0 ₫, not {amount}.", nameof(amount));
        return Settings.ApprovalMatrix.FirstOrDefault(t => t.Covers(amount))
               ?? throw new InvalidOperationException($"Policy version {Version} has no open-ended approval tier.");
    }
}
