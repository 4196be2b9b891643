using HtxFund.Identity;
using HtxFund.Infrastructure.Time;
using HtxFund.Loans.GettingDetails;
using HtxFund.Policy;
using HtxFund.Reminders.Notifications;
using Marten;
using NodaTime;
using Wolverine.Marten;

namespace HtxFund.Inspections.Notices;

/// <summary>Tell the officers of fund <paramref name="FundId"/> about the inspections falling due within the policy's
/// <c>inspections.noticeDaysBefore</c> days of <paramref name="Date"/>. Sent per fund by the daily reminder run.</summary>
public sealed record NotifyInspectionsDueSoon(string FundId, LocalDate Date);

/// <summary>The officer was told the inspection falls due soon (so the daily run tells them once).</summary>
public sealed record LoanUseInspectionDueSoonNoticed(Guid InspectionId, Guid? OfficerId, LocalDate On, Instant At);

public static class NotifyInspectionsDueSoonHandler
{
    /// <summary>For each inspection still due whose due date is within the notice days (and not yet noticed), records
    /// <see cref="LoanUseInspectionDueSoonNoticed"/> on its stream and sends <see cref="SendNotice"/> (kind
    /// <see cref="NoticeKind.InspectionDueSoon"/>) to the loan's officer, in one transaction through the outbox. A run
    /// repeated the same day, or the next, tells nobody twice: the event marks it, and the notice id is the inspection's.</summary>
    public static Task Handle(NotifyInspectionsDueSoon command, IDocumentStore store, IServiceScopeFactory scopes, BusinessTime time,
        CancellationToken ct) => RunAsync(command, store, scopes, time, ct);

    /// <summary>The run; the number of inspections noticed.</summary>
    public static async Task<int> RunAsync(NotifyInspectionsDueSoon command, IDocumentStore store, IServiceScopeFactory scopes, BusinessTime time,
        CancellationToken ct)
    {
        await using var session = store.LightweightSession(command.FundId);
        var policy = await FundPolicies.CurrentAsync(session, ct);
        var settings = policy.Settings.Inspections ?? InspectionSettings.Default;
        // the dates are NodaTime values Marten's LINQ does not compare: the open inspections are read, the window applied here
        var due = (await session.Query<LoanUseInspection>().Where(x => x.State == InspectionState.Due).ToListAsync(ct))
            .Where(x => x.DueSoonNoticedOn is null && InspectionRules.DueSoon(x, command.Date, settings.NoticeDaysBefore)).ToList();
        if (due.Count == 0) return 0;
        var loans = (await session.LoadManyAsync<LoanDetails>(ct, due.Select(i => i.LoanId).Distinct().ToArray())).ToDictionary(l => l.Id);
        await using var scope = scopes.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IMartenOutbox>();
        outbox.Enroll(session);
        foreach (var i in due.OrderBy(i => i.DueOn).ThenBy(i => i.Id))
        {
            var officer = loans.GetValueOrDefault(i.LoanId)?.OfficerId;
            session.Events.Append(i.Id, i.Version + 1, new LoanUseInspectionDueSoonNoticed(i.Id, officer, command.Date, time.Now));
            await outbox.PublishAsync(Notice(command.FundId, i, officer));
        }
        await session.SaveChangesAsync(ct);
        return due.Count;
    }

    /// <summary>The notice to the loan's officer (to the fund's credit officers when the loan has none).</summary>
    public static SendNotice Notice(string fundId, LoanUseInspection i, Guid? officer) =>
        new(fundId, InspectionNotices.DueSoonId(i.Id), NoticeKind.InspectionDueSoon,
            officer is { } o ? NoticeAudience.ToUsers(o) : NoticeAudience.ToRoles(Roles.CreditOfficer),
            $"Sắp đến hạn kiểm tra sử dụng vốn vay: {i.BorrowerName}",
            $"Đợt giải ngân {Lending.Money.Of(i.Amount).ToDisplayString()} ngày {i.DisbursedOn:dd/MM/yyyy} (hợp đồng {i.ContractNumber}) "
            + $"cần được kiểm tra sử dụng vốn vay trước ngày {i.DueOn:dd/MM/yyyy}.",
            InspectionNotices.Link(i.Id));
}
