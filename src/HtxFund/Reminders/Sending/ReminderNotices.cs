using HtxFund.Documents;
using HtxFund.Documents.Letters;
using HtxFund.Funds;
using HtxFund.Lending;
using Marten;

namespace HtxFund.Reminders.Sending;

/// <summary>
/// The overdue notice PDF of a reminder, rendered from the reminder's recorded amounts (as of its date), so the email
/// attachment and every later download are the same document. Letterhead from the fund and configuration
/// (<c>HtxFund:Letterheads:{fundId}:SuperiorBody</c> and <c>:ContactLines</c>), as the decision letters.
/// </summary>
public sealed class ReminderNotices(IConfiguration configuration)
{
    public static string FileName(Reminder r) => $"thong-bao-no-qua-han-{r.ContractNumber}-ky-{r.InstalmentNumber}-{r.BusinessDate:yyyyMMdd}.pdf"
        .Replace('/', '-').Replace(' ', '-');

    public static string DocumentNumber(Reminder r) => $"{r.Id.ToString()[..8].ToUpperInvariant()}/TB-QHTX";

    public async Task<(byte[] Pdf, string FileName)> RenderAsync(IQuerySession session, string fundId, Reminder r, CancellationToken ct)
    {
        if (!r.HasNotice || r.Amounts is not { } a) throw new InvalidOperationException($"Reminder {r.Id} has no notice.");
        var fund = await session.LoadAsync<Fund>(fundId, ct);
        var province = fund?.ProvinceName ?? "Việt Nam";
        var letterhead = FundLetterheads.Resolve(configuration, fund, fundId, province);
        var pdf = OverdueNotice.Render(new OverdueNoticeData
        {
            Fund = letterhead, DocumentNumber = DocumentNumber(r), Place = province, AsOf = r.BusinessDate,
            BorrowerName = r.CooperativeName ?? "", ContractNumber = r.ContractNumber ?? "", InstalmentNumber = r.InstalmentNumber ?? 0,
            DueDate = r.DueDate!.Value, DaysLate = r.OffsetDays, InstalmentAmount = Money.Of(a.InstalmentTotal),
            PrincipalOverdue = Money.Of(a.PrincipalOverdue), InterestOverdue = Money.Of(a.InterestOverdue), PrincipalDue = Money.Of(a.PrincipalDue),
            InterestDue = Money.Of(a.InterestDue), LateInterest = Money.Of(a.LateInterest), TotalDue = Money.Of(a.TotalDue), DebtGroup = a.DebtGroup,
            CreatedAt = r.ScheduledAt,
            FontFolder = PdfDocumentOptions.FontFolderOf(configuration),
        });
        return (pdf, FileName(r));
    }
}
