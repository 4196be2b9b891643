using HtxFund.Documents;
using HtxFund.Documents.Charts;
using HtxFund.Documents.Formatting;
using HtxFund.Documents.Letters;
using HtxFund.Reports.Archive;
using NodaTime;

namespace HtxFund.Reports.Activity;

/// <summary>The lending activity report of a period (Decree 45/2021 Art 44; Circular 52/2022 Appendix 1a) as the API,
/// the archive and the exports carry it.</summary>
public sealed record LendingActivityReport(
    string FundId,
    string FundName,
    string Period,
    string PeriodName,
    ReportKind Kind,
    LocalDate DueBy,
    ActivityFigures Figures);

/// <summary>The report's CSV and PDF (Vietnamese). The CSV holds the same numbers as the JSON, one line per figure:
/// section; figure; loans; amount (đồng); cooperatives.</summary>
public static class ActivityReportDocument
{
    public static string Title(ReportingPeriod period) => period.HalfYear
        ? $"Báo cáo tình hình cho vay 6 tháng đầu năm {period.Year}"
        : $"Báo cáo tình hình cho vay năm {period.Year}";

    public static byte[] Csv(LendingActivityReport r)
    {
        var f = r.Figures;
        var rows = new List<object?[]>
        {
            new object?[] { "Phần", "Chỉ tiêu", "Số khoản vay", "Số tiền (đồng)", "Số HTX được tiếp cận" },
            new object?[] { "Kỳ báo cáo", $"Từ {VietnameseFormat.Date(f.From)} đến {VietnameseFormat.Date(f.CutOff)}", null, null, null },
            new object?[] { "Cho vay trong kỳ", "Giải ngân", f.LoansDisbursed, f.AmountDisbursed, f.CooperativesReached },
            new object?[] { "Cho vay trong kỳ", "Số lần giải ngân", f.TranchesDisbursed, null, null },
        };
        rows.AddRange(f.ByPriority.Select(l => new object?[] { "Theo nhóm ưu tiên", l.Name, l.Loans, l.Amount, l.Cooperatives }));
        rows.AddRange(f.BySector.Select(l => new object?[] { "Theo ngành, lĩnh vực", l.Name, l.Loans, l.Amount, l.Cooperatives }));
        rows.AddRange(f.ByDistrict.Select(l => new object?[] { "Theo huyện", l.Name, l.Loans, l.Amount, l.Cooperatives }));
        rows.Add(["Thu nợ trong kỳ", "Gốc đã thu", null, f.PrincipalCollected, null]);
        rows.Add(["Thu nợ trong kỳ", "Lãi đã thu", null, f.InterestCollected, null]);
        rows.Add(["Thu nhập lãi (dồn tích)", "Lãi thu bằng tiền trong kỳ", null, f.Interest.CashReceived, null]);
        rows.Add(["Thu nhập lãi (dồn tích)", "Lãi dự thu nội bảng (nợ nhóm 1)", null, f.Interest.Accrued, null]);
        rows.Add(["Thu nhập lãi (dồn tích)", "Thoái thu lãi dự thu (nợ chuyển khỏi nhóm 1)", null, f.Interest.Reversed, null]);
        rows.Add(["Thu nhập lãi (dồn tích)", "Lãi ngoại bảng ghi thu nhập khi thu được tiền", null, f.Interest.RecognisedOnCash, null]);
        rows.Add(["Thu nhập lãi (dồn tích)", "Thu nhập lãi được ghi nhận", null, f.Interest.Income, null]);
        rows.Add(["Thu nhập lãi (dồn tích)", "Lãi dự thu nội bảng đầu kỳ", null, f.Interest.OnBalanceAtStart, null]);
        rows.Add(["Thu nhập lãi (dồn tích)", "Lãi dự thu nội bảng cuối kỳ", null, f.Interest.OnBalanceAtCutOff, null]);
        rows.Add(["Thu nhập lãi (dồn tích)", "Lãi chưa thu theo dõi ngoại bảng cuối kỳ", null, f.Interest.OffBalanceAtCutOff, null]);
        rows.Add(["Dư nợ", "Dư nợ đầu kỳ", null, f.OutstandingAtStart, null]);
        rows.Add(["Dư nợ", "Dư nợ cuối kỳ", f.ActiveLoans, f.OutstandingAtCutOff, null]);
        rows.AddRange(f.ByDebtGroup.Select(g => new object?[] { "Dư nợ theo nhóm nợ", $"Nhóm {g.Group}", g.Loans, g.PrincipalOutstanding, null }));
        rows.Add(["Dư nợ", "Nợ xấu (nhóm 3-5)", null, f.NonPerforming, null]);
        rows.Add(["Dư nợ", "Tỷ lệ nợ xấu (%)", null, f.NplRatioPercent, null]);
        rows.Add(["Nguồn vốn", "Vốn điều lệ", null, f.CharterCapital, null]);
        rows.Add(["Nguồn vốn", "Vốn điều lệ thực có", null, f.ActualCharterCapital, null]);
        rows.Add(["Nguồn vốn", "Vốn từ nguồn khác", null, f.OtherCapitalSources, null]);
        rows.Add(["Nguồn vốn", "Tiền mặt, tiền gửi", null, f.Cash, null]);
        rows.Add(["Nguồn vốn", "Đã cam kết chưa giải ngân", null, f.Committed, null]);
        rows.Add(["Nguồn vốn", "Vốn còn có thể cho vay", null, f.AvailableToLend, null]);
        rows.Add(["Nguồn vốn", "Dự phòng rủi ro đã trích lập", null, f.ProvisionsBooked, null]);
        rows.Add(["Kết quả tài chính", "Dự phòng trích lập trong kỳ", null, f.ProvisionsBookedInPeriod, null]);
        rows.Add(["Xử lý rủi ro", "Dư nợ gốc đã xử lý bằng dự phòng trong kỳ", null, f.PrincipalOffBalanceInPeriod, null]);
        rows.Add(["Xử lý rủi ro", "Dự phòng đã sử dụng trong kỳ", null, f.ProvisionsUsedInPeriod, null]);
        rows.Add(["Xử lý rủi ro", "Tổn thất gốc không được dự phòng bù đắp trong kỳ", null, f.UncoveredLossInPeriod, null]);
        rows.Add(["Xử lý rủi ro", "Thu hồi nợ đã xử lý trong kỳ", null, f.RecoveredInPeriod, null]);
        rows.Add(["Xử lý rủi ro", "Dư nợ gốc theo dõi ngoại bảng cuối kỳ", null, f.PrincipalOffBalanceAtCutOff, null]);
        rows.Add(["Kết quả tài chính", "Chênh lệch thu chi (thu nhập lãi được ghi nhận - dự phòng trong kỳ - tổn thất không được bù đắp + thu hồi nợ đã xử lý)", null, f.FinancialResult, null]);
        return ReportDocuments.Csv(rows);
    }

    public static byte[] Pdf(LendingActivityReport r, ReportingPeriod period, ReportIssuer issuer, LocalDate today, Instant now, string fontFolder)
    {
        var f = r.Figures;
        var body = OfficialDocument.Body;
        return ReportDocuments.Pdf(issuer, Title(period).ToUpperInvariant(),
            $"Số liệu đến ngày {VietnameseFormat.Date(f.CutOff)} (Nghị định 45/2021/NĐ-CP, Điều 44)", today, now, fontFolder, c =>
            {
                c.Text($"Kỳ báo cáo: từ {VietnameseFormat.Date(f.From)} đến {VietnameseFormat.Date(f.CutOff)}. Hạn gửi báo cáo: {VietnameseFormat.Date(r.DueBy)}. Đơn vị tính: đồng.",
                    body.Italic());
                c.Spacer(3);
                OfficialDocument.Article(c, "I", "Cho vay trong kỳ");
                ReportDocuments.Figures(c,
                [
                    ("Số khoản vay được giải ngân", f.LoansDisbursed.ToString()),
                    ("Số lần giải ngân", f.TranchesDisbursed.ToString()),
                    ("Số tiền giải ngân", ReportDocuments.Amount(f.AmountDisbursed)),
                    ("Số hợp tác xã được tiếp cận vốn", f.CooperativesReached.ToString()),
                ]);
                Lines(c, "Theo nhóm ưu tiên (một khoản vay có thể thuộc nhiều nhóm)", f.ByPriority);
                Lines(c, "Theo ngành, lĩnh vực", f.BySector);
                Lines(c, "Theo huyện", f.ByDistrict);
                OfficialDocument.Article(c, "II", "Thu nợ trong kỳ");
                ReportDocuments.Figures(c,
                [
                    ("Gốc đã thu", ReportDocuments.Amount(f.PrincipalCollected)),
                    ("Lãi đã thu", ReportDocuments.Amount(f.InterestCollected)),
                ]);
                OfficialDocument.Article(c, "III", "Thu nhập lãi (Thông tư 52/2022/TT-BTC, Điều 5)");
                ReportDocuments.Figures(c,
                [
                    ("Lãi thu bằng tiền trong kỳ", ReportDocuments.Amount(f.Interest.CashReceived)),
                    ("Lãi dự thu nội bảng (nợ nhóm 1)", ReportDocuments.Amount(f.Interest.Accrued)),
                    ("Thoái thu lãi dự thu (nợ chuyển khỏi nhóm 1)", ReportDocuments.Amount(f.Interest.Reversed)),
                    ("Lãi ngoại bảng ghi thu nhập khi thu được tiền", ReportDocuments.Amount(f.Interest.RecognisedOnCash)),
                    ("Thu nhập lãi được ghi nhận", ReportDocuments.Amount(f.Interest.Income)),
                    ($"Lãi dự thu nội bảng tại ngày {VietnameseFormat.Date(f.CutOff)}", ReportDocuments.Amount(f.Interest.OnBalanceAtCutOff)),
                    ($"Lãi chưa thu theo dõi ngoại bảng tại ngày {VietnameseFormat.Date(f.CutOff)}", ReportDocuments.Amount(f.Interest.OffBalanceAtCutOff)),
                ]);
                c.Text("Lãi của nợ nhóm 1 được dự thu vào thu nhập; từ ngày khoản vay chuyển khỏi nhóm 1, lãi dự thu đã ghi thu nhập được thoái thu, "
                       + "lãi phát sinh được theo dõi ngoại bảng và chỉ ghi thu nhập khi thu được tiền. Thu nhập lãi = lãi thu bằng tiền + lãi dự thu nội bảng cuối kỳ − đầu kỳ.",
                    OfficialDocument.Small.Italic());
                OfficialDocument.Article(c, "IV", $"Dư nợ và phân loại nợ tại ngày {VietnameseFormat.Date(f.CutOff)}");
                ReportDocuments.Figures(c,
                [
                    ("Dư nợ đầu kỳ", ReportDocuments.Amount(f.OutstandingAtStart)),
                    ($"Dư nợ cuối kỳ ({f.ActiveLoans} khoản vay)", ReportDocuments.Amount(f.OutstandingAtCutOff)),
                    .. f.ByDebtGroup.Select(g => ($"Nhóm {g.Group} ({g.Loans} khoản vay)", ReportDocuments.Amount(g.PrincipalOutstanding))),
                    ("Nợ xấu (nhóm 3-5)", ReportDocuments.Amount(f.NonPerforming)),
                    ("Tỷ lệ nợ xấu", VietnameseFormat.Percent(f.NplRatioPercent)),
                ]);
                c.BarChart(new BarChart("Dư nợ theo nhóm nợ (triệu đồng)", f.ByDebtGroup.Select(g => $"Nhóm {g.Group}").ToArray(),
                    [new ChartSeries("Dư nợ", f.ByDebtGroup.Select(g => g.PrincipalOutstanding / 1_000_000d).ToArray())]) { HeightMm = 60 });
                OfficialDocument.Article(c, "V", "Nguồn vốn và kết quả tài chính");
                ReportDocuments.Figures(c,
                [
                    ("Vốn điều lệ", ReportDocuments.Amount(f.CharterCapital)),
                    ("Vốn điều lệ thực có", ReportDocuments.Amount(f.ActualCharterCapital)),
                    ("Vốn từ nguồn khác", ReportDocuments.Amount(f.OtherCapitalSources)),
                    ("Tiền mặt, tiền gửi", ReportDocuments.Amount(f.Cash)),
                    ("Đã cam kết chưa giải ngân", ReportDocuments.Amount(f.Committed)),
                    ("Vốn còn có thể cho vay", ReportDocuments.Amount(f.AvailableToLend)),
                    ("Dự phòng rủi ro đã trích lập", ReportDocuments.Amount(f.ProvisionsBooked)),
                    ("Dự phòng trích lập trong kỳ", ReportDocuments.Amount(f.ProvisionsBookedInPeriod)),
                    ("Dư nợ gốc đã xử lý bằng dự phòng trong kỳ", ReportDocuments.Amount(f.PrincipalOffBalanceInPeriod)),
                    ("Dự phòng đã sử dụng trong kỳ", ReportDocuments.Amount(f.ProvisionsUsedInPeriod)),
                    ("Tổn thất gốc không được dự phòng bù đắp trong kỳ", ReportDocuments.Amount(f.UncoveredLossInPeriod)),
                    ("Thu hồi nợ đã xử lý trong kỳ", ReportDocuments.Amount(f.RecoveredInPeriod)),
                    ("Dư nợ gốc theo dõi ngoại bảng cuối kỳ", ReportDocuments.Amount(f.PrincipalOffBalanceAtCutOff)),
                    ("Thu nhập lãi được ghi nhận", ReportDocuments.Amount(f.Interest.Income)),
                    ("Chênh lệch thu chi (thu nhập lãi được ghi nhận, trừ dự phòng trong kỳ và tổn thất không được bù đắp, cộng thu hồi nợ đã xử lý)", ReportDocuments.Amount(f.FinancialResult)),
                ]);
                c.Spacer(3);
                c.Text($"Nơi nhận: UBND tỉnh; Liên minh Hợp tác xã tỉnh; Sở Tài chính; Ngân hàng Nhà nước chi nhánh tỉnh; Quỹ hỗ trợ phát triển hợp tác xã Việt Nam (Nghị định 45/2021/NĐ-CP, Điều 44). Số liệu tính theo chính sách quỹ phiên bản {f.PolicyVersion}.",
                    OfficialDocument.Small.Italic());
            });
    }

    private static void Lines(ContentBuilder c, string heading, IReadOnlyList<ActivityLine> lines)
    {
        var cell = OfficialDocument.Body.Size(9.5f).Spaced(1f);
        c.Text(heading, OfficialDocument.Body.Bold(), keepWithNext: true);
        c.Table(t =>
        {
            t.CellStyle(cell).HeaderStyle(cell.Bold()).Zebra().RepeatHeader(true).Padding(1.2f, 1f)
                .Column("Nhóm", ColumnWidth.Relative(3f))
                .Column("Số khoản vay", ColumnWidth.Relative(1f), TextAlign.Right)
                .Column("Số tiền", ColumnWidth.Relative(1.6f), TextAlign.Right)
                .Column("Số HTX", ColumnWidth.Relative(0.9f), TextAlign.Right);
            foreach (var l in lines) t.Row(l.Name, l.Loans.ToString(), ReportDocuments.Amount(l.Amount), l.Cooperatives.ToString());
            if (lines.Count == 0) t.Row("Không có", "0", "0", "0");
        });
        c.Spacer(2);
    }
}
