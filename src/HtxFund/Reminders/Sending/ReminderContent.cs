using System.Net;
using System.Text;
using HtxFund.Documents.Formatting;
using HtxFund.Lending;

namespace HtxFund.Reminders.Sending;

/// <summary>A reminder in words: email subject, plain text and HTML bodies, and the in-app title and text. Vietnamese,
/// dates dd/MM/yyyy, money as "1.500.000 ₫"; everything comes from the reminder's recorded data.</summary>
public sealed record ReminderText(string Subject, string Greeting, IReadOnlyList<string> Paragraphs, IReadOnlyList<(string Label, string Value)> Amounts,
    string Closing)
{
    public string Text
    {
        get
        {
            var b = new StringBuilder();
            b.AppendLine(Greeting).AppendLine();
            foreach (var p in Paragraphs) b.AppendLine(p).AppendLine();
            if (Amounts.Count > 0)
            {
                foreach (var (label, value) in Amounts) b.AppendLine($"- {label}: {value}");
                b.AppendLine();
            }
            b.AppendLine(Closing);
            return b.ToString();
        }
    }

    public string Html
    {
        get
        {
            static string E(string s) => WebUtility.HtmlEncode(s);
            var b = new StringBuilder("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>")
                .Append(E(Subject)).Append("</title></head><body style=\"font-family:Arial,sans-serif\">");
            b.Append("<p>").Append(E(Greeting)).Append("</p>");
            foreach (var p in Paragraphs) b.Append("<p>").Append(E(p)).Append("</p>");
            if (Amounts.Count > 0)
            {
                b.Append("<table style=\"border-collapse:collapse\">");
                foreach (var (label, value) in Amounts)
                    b.Append("<tr><td style=\"padding:2px 12px 2px 0\">").Append(E(label))
                        .Append("</td><td style=\"padding:2px 0;text-align:right\"><b>").Append(E(value)).Append("</b></td></tr>");
                b.Append("</table>");
            }
            b.Append("<p>").Append(E(Closing)).Append("</p></body></html>");
            return b.ToString();
        }
    }

    /// <summary>The in-app text: the paragraphs and amounts on a few lines.</summary>
    public string Summary => string.Join(" ", Paragraphs.Take(1)) +
                             (Amounts.Count > 0 ? " " + string.Join("; ", Amounts.Select(a => $"{a.Label}: {a.Value}")) + "." : "");
}

public static class ReminderContent
{
    private static string M(long dong) => VietnameseFormat.Money(Money.Of(dong));

    public static ReminderText For(Reminder r, string fundName)
    {
        var closing = $"Trân trọng,\n{fundName}";
        switch (r.Kind)
        {
            case ReminderKind.UpcomingInstalment:
            {
                var a = r.Amounts!;
                return new ReminderText(
                    $"Nhắc lịch trả nợ: kỳ {r.InstalmentNumber} hợp đồng {r.ContractNumber} đến hạn ngày {VietnameseFormat.Date(r.DueDate!.Value)}",
                    $"Kính gửi {r.CooperativeName},",
                    [
                        $"{fundName} xin nhắc: kỳ trả nợ thứ {r.InstalmentNumber} của hợp đồng tín dụng số {r.ContractNumber} đến hạn ngày "
                        + $"{VietnameseFormat.Date(r.DueDate!.Value)} (còn {r.OffsetDays} ngày).",
                        "Đề nghị đơn vị chuẩn bị nguồn tiền để trả nợ đúng hạn. Nếu đã thanh toán, xin bỏ qua thư này.",
                    ],
                    [("Nợ gốc kỳ này", M(a.InstalmentPrincipal)), ("Lãi kỳ này (dự kiến)", M(a.InstalmentInterest)), ("Tổng số tiền kỳ này", M(a.InstalmentTotal))],
                    closing);
            }
            case ReminderKind.OverdueInstalment:
            {
                var a = r.Amounts!;
                return new ReminderText(
                    $"Thông báo nợ quá hạn: hợp đồng {r.ContractNumber}, kỳ {r.InstalmentNumber} quá hạn {r.OffsetDays} ngày",
                    $"Kính gửi {r.CooperativeName},",
                    [
                        $"Kỳ trả nợ thứ {r.InstalmentNumber} của hợp đồng tín dụng số {r.ContractNumber} đến hạn ngày "
                        + $"{VietnameseFormat.Date(r.DueDate!.Value)} đã quá hạn {r.OffsetDays} ngày. Số tiền phải trả tính đến ngày "
                        + $"{VietnameseFormat.Date(r.BusinessDate)}:",
                        "Đề nghị đơn vị thu xếp trả nợ ngay. Thông báo chi tiết (PDF) gửi kèm thư này. Nếu đã thanh toán, xin bỏ qua thư này.",
                    ],
                    [
                        ("Nợ gốc quá hạn", M(a.PrincipalOverdue)), ("Lãi quá hạn", M(a.InterestOverdue)), ("Lãi chậm trả", M(a.LateInterest)),
                        ("Tổng số tiền phải trả", M(a.TotalDue)),
                    ],
                    closing);
            }
            case ReminderKind.ProcessingDueSoon:
                return new ReminderText(
                    $"Hồ sơ vay sắp quá thời hạn xử lý: {r.BorrowerName}",
                    $"Kính gửi {r.RecipientName},",
                    [
                        $"Hồ sơ vay của {r.BorrowerName} đã xử lý {r.WorkingDays} ngày làm việc, thời hạn mục tiêu là {r.TargetWorkingDays} ngày làm việc "
                        + $"(đến ngày {VietnameseFormat.Date(r.TargetDate!.Value)}). Đề nghị hoàn thành việc xử lý trước thời hạn.",
                    ],
                    [], closing);
            case ReminderKind.ProcessingLate:
                return new ReminderText(
                    $"Hồ sơ vay đã quá thời hạn xử lý: {r.BorrowerName}",
                    $"Kính gửi {r.RecipientName},",
                    [
                        $"Hồ sơ vay của {r.BorrowerName} đã xử lý {r.WorkingDays} ngày làm việc, vượt thời hạn mục tiêu {r.TargetWorkingDays} ngày làm việc "
                        + $"(hạn ngày {VietnameseFormat.Date(r.TargetDate!.Value)}). Đề nghị xử lý ngay.",
                    ],
                    [], closing);
            default:
                throw new ArgumentOutOfRangeException(nameof(r), r.Kind, "Unknown reminder kind.");
        }
    }
}
