using HtxFund.Applications;
using HtxFund.Applications.GettingDetails;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Identity;
using HtxFund.Infrastructure.Time;
using HtxFund.Loans;
using HtxFund.Loans.GettingDetails;
using HtxFund.Loans.Servicing;
using HtxFund.Policy;
using HtxFund.Reminders.Sending;
using JasperFx.Events;
using Marten;
using NodaTime;
using Wolverine;
using Wolverine.Marten;

namespace HtxFund.Reminders.Daily;

/// <summary>The daily trigger (Hangfire, 07:00 Asia/Ho_Chi_Minh by default): one <see cref="RunFundReminders"/> per fund.</summary>
public sealed record RunDailyReminders;

/// <summary>Find and record every reminder of fund <paramref name="FundId"/> due on <paramref name="Date"/>. Running it
/// again (same day, another node, a retry) records nothing new: each reminder's stream id is derived from its key.</summary>
public sealed record RunFundReminders(string FundId, LocalDate Date);

/// <summary>What one fund run recorded.</summary>
public sealed record FundReminderRunResult(string FundId, LocalDate Date, int Found, int Recorded, int AlreadyRecorded);

public static class RunDailyRemindersHandler
{
    public static async Task<OutgoingMessages> Handle(RunDailyReminders _, IDocumentStore store, BusinessTime time, CancellationToken ct)
    {
        var funds = await Funds.ServedFunds.IdsAsync(store, ct);
        var messages = new OutgoingMessages();
        foreach (var fund in funds) messages.Add(new RunFundReminders(fund, time.Today));
        foreach (var fund in funds) messages.Add(new Inspections.Notices.NotifyInspectionsDueSoon(fund, time.Today));
        return messages;
    }
}

public static class RunFundRemindersHandler
{
    public static async Task Handle(RunFundReminders command, IDocumentStore store, IServiceScopeFactory scopes, BusinessTime time,
        ILogger<RunFundReminders> logger, CancellationToken ct) =>
        await DailyReminderRun.RunAsync(store, scopes, command.FundId, command.Date, time, logger, ct);
}

/// <summary>
/// One fund's daily run: values every contracted loan as of the day with the Lending engine (<see cref="LoanPosition"/>)
/// and reads every pending application's processing time (<see cref="ProcessingTime"/>), both under the fund's policy,
/// and records each reminder due that day as its own stream (<see cref="ReminderScheduled"/>) together with its
/// <see cref="SendReminder"/> message in Wolverine's durable outbox, one transaction per reminder. A reminder already
/// recorded (by an earlier run or by another node at the same moment) collides on its stream id and is skipped.
/// </summary>
public static class DailyReminderRun
{
    public static async Task<FundReminderRunResult> RunAsync(IDocumentStore store, IServiceScopeFactory scopes, string fundId, LocalDate date,
        BusinessTime time, ILogger logger, CancellationToken ct)
    {
        List<ReminderScheduled> found;
        await using (var query = store.QuerySession(fundId))
            found = await FindAsync(query, fundId, date, time.Now, ct);

        var recorded = 0;
        var already = 0;
        foreach (var reminder in found)
        {
            if (await RecordAsync(store, scopes, fundId, reminder, ct)) recorded++;
            else already++;
        }
        if (recorded > 0)
            logger.LogInformation("Reminders for fund {Fund} on {Date}: {Recorded} recorded, {Already} already recorded", fundId, date, recorded, already);
        return new FundReminderRunResult(fundId, date, found.Count, recorded, already);
    }

    /// <summary>Starts the reminder's stream and puts its email in the outbox, in one transaction. False when the
    /// reminder exists already (the stream id is taken).</summary>
    private static async Task<bool> RecordAsync(IDocumentStore store, IServiceScopeFactory scopes, string fundId, ReminderScheduled reminder,
        CancellationToken ct)
    {
        await using var session = store.LightweightSession(fundId);
        var state = await session.Events.FetchStreamStateAsync(reminder.ReminderId, ct);
        if (state is not null) return false;
        await using var scope = scopes.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IMartenOutbox>();
        outbox.Enroll(session);
        session.Events.StartStream<Reminder>(reminder.ReminderId, reminder);
        await outbox.PublishAsync(new SendReminder(fundId, reminder.ReminderId));
        try
        {
            await session.SaveChangesAsync(ct);
            return true;
        }
        catch (Exception e) when (WriteConflicts.Is(e))
        {
            return false; // another node recorded it at the same moment: its transaction carries the email
        }
    }

    /// <summary>Every reminder due in the fund on <paramref name="date"/>, with its deterministic id.</summary>
    public static async Task<List<ReminderScheduled>> FindAsync(IQuerySession session, string fundId, LocalDate date, Instant now, CancellationToken ct)
    {
        var fundPolicy = await FundPolicies.CurrentAsync(session, ct);
        var policy = fundPolicy.ToLendingPolicy();
        var settings = fundPolicy.Settings.Reminders ?? ReminderSettings.Default;
        var users = await session.Query<UserAccount>().Where(u => u.FundId == fundId && !u.Disabled).ToListAsync(ct);
        var found = new List<ReminderScheduled>();

        var loans = await session.Query<Loan>().Where(l => l.Stage == LoanStage.Contracted).ToListAsync(ct);
        var cooperatives = new Dictionary<Guid, CooperativeDetails?>();
        foreach (var loan in loans.OrderBy(l => l.Id))
        {
            if (!loan.HasDisbursed) continue;
            if (LoanPosition.Of(loan, date, policy) is not { } position) continue;
            var due = ReminderRules.InstalmentReminders(position, date, settings).ToArray();
            if (due.Length == 0) continue;
            if (!cooperatives.TryGetValue(loan.CooperativeId, out var cooperative))
                cooperatives[loan.CooperativeId] = cooperative = await session.LoadAsync<CooperativeDetails>(loan.CooperativeId, ct);
            var addresses = ReminderRules.CooperativeAddresses(cooperative?.ContactEmail, users, loan.CooperativeId);
            foreach (var (instalment, kind, offset) in due)
            {
                var key = ReminderKeys.Instalment(loan.Id, instalment.Number, kind, offset);
                var amounts = new NoticeAmounts(instalment.PrincipalUnpaid, instalment.InterestUnpaid, position.PrincipalOverdue,
                    position.InterestOverdue, position.InterestDue, position.PrincipalDue,
                    position.InterestOnOverduePrincipal + position.InterestOnLateInterest, position.AmountDue, position.DaysPastDue,
                    position.DebtGroup);
                found.Add(new ReminderScheduled(ReminderKeys.StreamId(fundId, key), key, kind, offset, date, ReminderAudience.Cooperative,
                    loan.CooperativeId, loan.BorrowerName, loan.Id, loan.Contract?.ContractNumber, instalment.Number, instalment.DueDate, amounts,
                    null, null, null, null, null, null, null, addresses, fundPolicy.Version, now));
            }
        }

        var pending = await session.Query<ApplicationDetails>()
            .Where(a => a.Status == ApplicationStatus.Submitted || a.Status == ApplicationStatus.Appraised).ToListAsync(ct);
        foreach (var application in pending.OrderBy(a => a.Id))
        {
            var view = ProcessingTime.Of(application.CompleteFileDate, application.DecidedOn, application.Request.TermMonths, date, policy,
                settings.ProcessingAlertWorkingDaysBefore);
            if (application.CompleteFileDate is not { } completeFile || (!view.Late && !view.DueSoon)) continue;
            var kind = view.Late ? ReminderKind.ProcessingLate : ReminderKind.ProcessingDueSoon;
            foreach (var user in ReminderRules.ResponsibleStaff(application, users, fundPolicy))
            {
                var key = ReminderKeys.Application(application.Id, completeFile, kind, user.Id);
                found.Add(new ReminderScheduled(ReminderKeys.StreamId(fundId, key), key, kind, view.TargetWorkingDays - view.WorkingDays, date,
                    ReminderAudience.Staff, application.CooperativeId, null, null, null, null, null, null, application.Id,
                    application.BorrowerName, view.TargetDate, view.WorkingDays, view.TargetWorkingDays, user.Id, user.DisplayName,
                    user.Email is { Length: > 0 } email ? [email] : [], fundPolicy.Version, now));
            }
        }
        return found;
    }
}

/// <summary>The pure rules of the daily run.</summary>
public static class ReminderRules
{
    /// <summary>
    /// The instalment reminders due on <paramref name="today"/>: an upcoming instalment <c>k</c> days before its due
    /// date for each k of <see cref="ReminderSettings.UpcomingDaysBefore"/>; an instalment the engine shows unpaid
    /// (overdue or partly paid) <c>k</c> days after its due date for each k of <see cref="ReminderSettings.OverdueDaysAfter"/>.
    /// A missed day is caught up within <see cref="ReminderSettings.CatchUpDays"/>; of several offsets due at once only
    /// the latest one is sent.
    /// </summary>
    public static IEnumerable<(InstalmentView Instalment, ReminderKind Kind, int Offset)> InstalmentReminders(LoanPosition position,
        LocalDate today, ReminderSettings settings)
    {
        foreach (var instalment in position.Schedule)
        {
            var days = Period.Between(today, instalment.DueDate, PeriodUnits.Days).Days;
            if (instalment.Status == InstalmentStatus.Upcoming && days > 0 && instalment.PrincipalUnpaid + instalment.InterestUnpaid > 0)
            {
                var offsets = settings.UpcomingDaysBefore.Where(k => days <= k && days >= k - settings.CatchUpDays).Order().ToArray();
                if (offsets.Length > 0) yield return (instalment, ReminderKind.UpcomingInstalment, offsets[0]);
            }
            else if (instalment.Status is InstalmentStatus.Overdue or InstalmentStatus.PartlyPaid && days < 0)
            {
                var late = -days;
                var offsets = settings.OverdueDaysAfter.Where(k => late >= k && late <= k + settings.CatchUpDays).OrderDescending().ToArray();
                if (offsets.Length > 0) yield return (instalment, ReminderKind.OverdueInstalment, offsets[0]);
            }
        }
    }

    /// <summary>Whether an instalment reminder still has something to say at send time (re-checked with the engine).</summary>
    public static string? CancelReason(Reminder reminder, Loan? loan, LoanPosition? position, LocalDate today)
    {
        if (loan is null || loan.IsClosed || position is null) return "Khoản vay đã tất toán.";
        var instalment = position.Schedule.FirstOrDefault(i => i.Number == reminder.InstalmentNumber && i.DueDate == reminder.DueDate);
        if (instalment is null) return "Lịch trả nợ đã thay đổi (cơ cấu lại nợ).";
        return reminder.Kind switch
        {
            ReminderKind.UpcomingInstalment when today > instalment.DueDate => "Đã qua ngày đến hạn trước khi gửi được thư nhắc.",
            ReminderKind.OverdueInstalment when instalment.Status == InstalmentStatus.Paid => "Kỳ trả nợ đã được trả trước khi gửi thông báo.",
            _ => null,
        };
    }

    /// <summary>The cooperative's contact email from its registration and the emails of its users, each once.</summary>
    public static IReadOnlyList<string> CooperativeAddresses(string? contactEmail, IEnumerable<UserAccount> users, Guid cooperativeId) =>
        new[] { contactEmail }
            .Concat(users.Where(u => u.CooperativeId == cooperativeId && u.Roles.Contains(Roles.Cooperative)).OrderBy(u => u.UserName).Select(u => u.Email))
            .Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e!.Trim())
            .DistinctBy(e => e.ToLowerInvariant()).ToArray();

    /// <summary>Who answers for a pending application: the credit officer who appraised it (every credit officer while it is
    /// not appraised yet), the directors, and the board members when the appraisal gave the decision to the board (before
    /// the appraisal, or for appraisals that did not record it, when the amount falls in a board tier of the matrix).</summary>
    public static IReadOnlyList<UserAccount> ResponsibleStaff(ApplicationDetails application, IEnumerable<UserAccount> users, FundPolicy policy)
    {
        var amount = application.Appraisal?.Proposal.Amount ?? application.Amount;
        var board = application.Appraisal?.DecidingTier is { } tier
            ? tier.DecidedBy == ApprovalAuthority.Board
            : amount > 0 && policy.DecisionRuleFor(Lending.Money.Of(amount)).DecidedBy == ApprovalAuthority.Board;
        return users.Where(u => u.CooperativeId is null && (
                (u.Roles.Contains(Roles.CreditOfficer) && (application.AppraisedBy is not { } appraiser || appraiser == u.Id))
                || u.Roles.Contains(Roles.Director)
                || (board && u.Roles.Contains(Roles.BoardMember))))
            .OrderBy(u => u.UserName).ToArray();
    }
}

/// <summary>Hangfire recurring job: only sends the Wolverine command.</summary>
public sealed class DailyRemindersJob(IMessageBus bus)
{
    public const string Id = "daily-reminders";
    public const string DefaultCron = "0 7 * * *";

    public Task Run(CancellationToken ct) => bus.InvokeAsync(new RunDailyReminders(), ct);
}
