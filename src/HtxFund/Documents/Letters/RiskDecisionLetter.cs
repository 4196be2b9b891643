using HtxFund.Documents.Formatting;
using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Documents.Letters;

/// <summary>What the decision on a risk-handling proposal says (Quyết định xử lý rủi ro).</summary>
public sealed record RiskDecisionLetterData
{
    public required FundLetterhead Fund { get; init; }
    public required string Place { get; init; }
    public required LocalDate Date { get; init; }
    public required bool WriteOffFromBooks { get; init; }
    public required string BorrowerName { get; init; }
    public required string ContractNumber { get; init; }
    public required string Ground { get; init; }
    public required string Reason { get; init; }
    public required string RecoveryActions { get; init; }
    public required Money Principal { get; init; }
    public required Money ProvisionsUsed { get; init; }
    public required Money ChargedToExpense { get; init; }
    public LocalDate? OffBalanceSince { get; init; }
    public required string ApprovalNumber { get; init; }
    public required LocalDate ApprovalDate { get; init; }
    public required string ApprovingBody { get; init; }
    public required DecisionSigner Signer { get; init; }
    public required Instant CreatedAt { get; init; }
    public required string FontFolder { get; init; }
}

/// <summary>
/// The competent person's decision on the Risk Handling Council's proposal as a PDF (Decree 45/2021 Art 28–29): the use
/// of provisions (the principal taken off the balance sheet, the provision used, the rest charged to expense, the debt
/// tracked off-balance and recovery continuing) or the write-off from the books (xuất toán). Laid out as the fund's other
/// official documents (<see cref="OfficialDocument"/>).
/// </summary>
public static class RiskDecisionLetter
{
    private static readonly TextStyle Body = OfficialDocument.Body;
    private static readonly TextStyle Small = OfficialDocument.Small;

    public static byte[] Render(RiskDecisionLetterData d)
    {
        var about = d.WriteOffFromBooks ? "Về việc xuất toán khoản nợ đã xử lý rủi ro" : "Về việc sử dụng dự phòng để xử lý rủi ro";
        return OfficialDocument.Render($"Quyết định xử lý rủi ro - {d.ContractNumber}", d.Fund.FundName, $"Hợp đồng tín dụng {d.ContractNumber}",
            d.CreatedAt, d.FontFolder, $"Quyết định xử lý rủi ro - {d.ContractNumber}", c =>
            {
                OfficialHeading.Letterhead(c, d.Fund);
                c.Text(VietnameseFormat.PlaceAndDate(d.Place, d.Date), Body.Italic().Right());
                c.Spacer(8);
                c.Text("QUYẾT ĐỊNH", Body.Size(14).Bold().Center(), keepWithNext: true);
                c.Text(about, Body.Size(12).Bold().Center(), keepWithNext: true);
                c.Line(0.6f, widthFraction: 0.25f, align: TextAlign.Center, paddingPoints: 3);
                c.Spacer(4);
                c.Text("Căn cứ Nghị định số 45/2021/NĐ-CP ngày 31/3/2021 của Chính phủ về thành lập, tổ chức và hoạt động của Quỹ hỗ trợ phát triển hợp tác xã (Điều 28, Điều 29);", Body.Justify());
                c.Text("Căn cứ Nghị định số 86/2024/NĐ-CP ngày 11/7/2024 của Chính phủ về phương pháp trích lập dự phòng rủi ro và việc sử dụng dự phòng để xử lý rủi ro;", Body.Justify());
                c.Text($"Căn cứ văn bản chấp thuận số {d.ApprovalNumber} ngày {VietnameseFormat.Date(d.ApprovalDate)} của {d.ApprovingBody};", Body.Justify());
                c.Text("Xét đề xuất của Hội đồng xử lý rủi ro,", Body.Justify());
                c.Spacer(4);
                c.Text("QUYẾT ĐỊNH:", Body.Size(12).Bold().Center(), keepWithNext: true);
                OfficialDocument.Article(c, "Điều 1", d.WriteOffFromBooks
                    ? $"Xuất toán khoản nợ của {d.BorrowerName}, hợp đồng tín dụng số {d.ContractNumber}"
                    : $"Sử dụng dự phòng để xử lý rủi ro khoản nợ của {d.BorrowerName}, hợp đồng tín dụng số {d.ContractNumber}");
                c.KeyValues(kv =>
                {
                    kv.Add("Căn cứ xử lý:", d.Ground).Add("Lý do:", d.Reason).Add("Biện pháp thu hồi đã thực hiện:", d.RecoveryActions);
                    if (d.WriteOffFromBooks)
                        kv.Add("Dư nợ gốc đã xử lý:", VietnameseFormat.Money(d.Principal), Body.Bold())
                          .Add("Ngày sử dụng dự phòng:", d.OffBalanceSince is { } since ? VietnameseFormat.Date(since) : "");
                    else
                        kv.Add("Dư nợ gốc xử lý:", VietnameseFormat.Money(d.Principal), Body.Bold())
                          .Add("Bằng chữ:", d.Principal.ToVietnameseWords(), Body.Italic())
                          .Add("Dự phòng cụ thể sử dụng:", VietnameseFormat.Money(d.ProvisionsUsed))
                          .Add("Hạch toán vào chi phí:", VietnameseFormat.Money(d.ChargedToExpense));
                }, labelWidthMm: 60);
                OfficialDocument.Article(c, "Điều 2", "Theo dõi và thu hồi nợ");
                c.Text(d.WriteOffFromBooks
                    ? "Khoản nợ được xuất toán khỏi sổ theo dõi ngoại bảng sau thời hạn quy định tại Điều 28 khoản 3 Nghị định 45/2021/NĐ-CP. Số tiền thu hồi được sau này (nếu có) được hạch toán vào thu nhập của Quỹ."
                    : "Khoản nợ được chuyển ra ngoài bảng cân đối và tiếp tục được theo dõi ngoại bảng với toàn bộ nợ gốc và lãi người vay còn phải trả. Quỹ tiếp tục áp dụng các biện pháp thu hồi nợ; số tiền thu hồi được hạch toán vào thu nhập của Quỹ.",
                    Body.Justify());
                OfficialDocument.Article(c, "Điều 3", "Hiệu lực và trách nhiệm thi hành");
                c.Text("Quyết định này có hiệu lực kể từ ngày ký. Hội đồng xử lý rủi ro, Phòng Kế toán, Phòng Tín dụng và các bộ phận có liên quan chịu trách nhiệm thi hành Quyết định này.", Body.Justify());
                c.Spacer(6);
                c.KeepTogether(k => k.Row(r => r
                    .Relative(45, left =>
                    {
                        left.Text("Nơi nhận:", Body.Size(10).Bold().Italic());
                        foreach (var recipient in new[] { "Như Điều 3;", $"{d.ApprovingBody};", "Lưu: VT, Phòng Kế toán." })
                            left.Text($"- {recipient}", Small);
                    })
                    .Relative(55, right => right.Signature(new SignatureBlock(d.Signer.Title, d.Signer.Name, Note: "(Ký, ghi rõ họ tên và đóng dấu)")))));
            });
    }
}
