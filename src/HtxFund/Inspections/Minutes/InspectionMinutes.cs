using System.Globalization;
using HtxFund.Documents;
using HtxFund.Documents.Formatting;
using HtxFund.Documents.Letters;
using HtxFund.Funds;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Lending;
using HtxFund.Loans;
using HtxFund.Loans.GettingDetails;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Inspections.Minutes;

/// <summary>What the minutes of an inspection of loan use say (biên bản kiểm tra sử dụng vốn vay).</summary>
public sealed record InspectionMinutesData(FundLetterhead Fund, string ProvincePlace, LoanUseInspection Inspection, InspectionVisit Visit,
    string Purpose, DateTimeZone Zone, Instant CreatedAt, string FontFolder);

/// <summary>
/// The minutes of an inspection of loan use as a PDF, laid out as the fund's other official documents: the letterhead, the
/// loan, contract and tranche, the date and place, who took part, what was found, the share used and the conclusion, the
/// photos with their capture time and place (listed; the PDF engine draws no images), and the signatures of the officer
/// and the borrower's representative.
/// </summary>
public static class InspectionMinutes
{
    private static readonly TextStyle Body = OfficialDocument.Body;
    private static readonly TextStyle Small = OfficialDocument.Small;

    public static byte[] Render(InspectionMinutesData d)
    {
        var i = d.Inspection;
        var v = d.Visit;
        var contract = i.ContractNumber ?? "";
        return OfficialDocument.Render($"Biên bản kiểm tra sử dụng vốn vay - {contract}", d.Fund.FundName, $"Hợp đồng tín dụng {contract}",
            d.CreatedAt, d.FontFolder, $"Biên bản kiểm tra sử dụng vốn vay - {contract}", c =>
            {
                OfficialHeading.Letterhead(c, d.Fund);
                c.Text(VietnameseFormat.PlaceAndDate(d.ProvincePlace, v.VisitedOn), Body.Italic().Right());
                c.Spacer(8);
                c.Text("BIÊN BẢN KIỂM TRA SỬ DỤNG VỐN VAY", Body.Size(14).Bold().Center(), keepWithNext: true);
                c.Line(0.6f, widthFraction: 0.25f, align: TextAlign.Center, paddingPoints: 3);
                c.Spacer(4);
                c.Text($"Hôm nay, ngày {VietnameseFormat.Date(v.VisitedOn)}, tại {v.Place}, chúng tôi gồm:", Body.Justify());
                c.KeyValues(kv => kv
                    .Add("Đại diện Quỹ:", $"Ông/Bà {v.InspectorName}, cán bộ tín dụng")
                    .Add("Đại diện bên vay:", $"Ông/Bà {v.RepresentativeName}, {v.RepresentativePosition}, {i.BorrowerName}"), labelWidthMm: 45);
                c.Text("Đã tiến hành kiểm tra việc sử dụng vốn vay như sau:", Body.Justify());
                c.KeyValues(kv => kv
                    .Add("Bên vay:", i.BorrowerName)
                    .Add("Hợp đồng tín dụng số:", contract)
                    .Add("Mục đích vay:", d.Purpose)
                    .Add("Đợt giải ngân:", $"{VietnameseFormat.Money(Money.Of(i.Amount))}, ngày {VietnameseFormat.Date(i.DisbursedOn)}")
                    .Add("Hạn kiểm tra:", VietnameseFormat.Date(i.DueOn)), labelWidthMm: 45);
                OfficialDocument.Article(c, "I.", "Kết quả kiểm tra");
                c.Text(v.Findings, Body.Justify());
                c.KeyValues(kv => kv
                    .Add("Tỷ lệ vốn vay đã sử dụng:", $"{v.SharePercentUsed.ToString(CultureInfo.InvariantCulture)} %", Body.Bold())
                    .Add("Số tiền tương ứng:", VietnameseFormat.Money(Money.Of(i.Amount * v.SharePercentUsed / 100))), labelWidthMm: 60);
                OfficialDocument.Article(c, "II.", "Kết luận");
                c.Text(v.UsedAsStated
                    ? "Bên vay sử dụng vốn vay đúng mục đích đã cam kết trong hợp đồng tín dụng."
                    : "Bên vay sử dụng vốn vay KHÔNG đúng mục đích đã cam kết trong hợp đồng tín dụng. Quỹ báo cáo Giám đốc để quyết định xử lý (thu hồi nợ trước hạn hoặc cảnh báo).",
                    Body.Bold().Justify());
                if (i.FollowUp is { Decision: { } decision } f)
                    c.Text($"Giám đốc đã quyết định {InspectionRules.DecisionName(decision)} ngày {f.DecidedOn:dd/MM/yyyy}"
                           + (f.RecallBy is { } by ? $", hạn thu hồi {VietnameseFormat.Date(by)}" : "") + $": {f.Reason}", Body.Justify());
                OfficialDocument.Article(c, "III.", $"Ảnh chụp tại nơi kiểm tra ({i.Photos.Count})");
                c.List(i.Photos.Select(p => $"{p.FileName}: chụp lúc {Time(p.CapturedAt, d.Zone)}"
                    + (p.Location is { } l ? $", vị trí {Coordinate(l.Latitude)}, {Coordinate(l.Longitude)}"
                        + (l.AccuracyMetres is { } a ? $" (sai số {Math.Round(a).ToString(CultureInfo.InvariantCulture)} m)" : "") : ", không có vị trí")
                    + $", SHA-256 {p.Sha256[..16]}…"), Small, numbered: true);
                c.Text("Biên bản được lập thành 02 bản có giá trị như nhau, mỗi bên giữ 01 bản.", Body.Italic().Justify());
                c.Spacer(6);
                c.KeepTogether(k => k.Row(r => r
                    .Relative(50, left => left.Signature(new SignatureBlock("ĐẠI DIỆN BÊN VAY", v.RepresentativeName, Note: "(Ký, ghi rõ họ tên)")))
                    .Relative(50, right => right.Signature(new SignatureBlock("CÁN BỘ KIỂM TRA", v.InspectorName, Note: "(Ký, ghi rõ họ tên)")))));
            });
    }

    private static string Time(Instant at, DateTimeZone zone) => at.InZone(zone).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Coordinate(double degrees) => degrees.ToString("0.000000", CultureInfo.InvariantCulture);
}

public static class GetInspectionMinutesEndpoint
{
    /// <summary>The minutes of a recorded visit as a PDF (biên bản kiểm tra sử dụng vốn vay), rendered on request from the
    /// inspection (404 <c>inspection.not_recorded</c> before the visit is recorded).</summary>
    [Authorize(Roles = InspectionRoles.Readers)]
    [WolverineGet("/api/inspections/{id}/minutes.pdf", OperationId = "getInspectionMinutes")]
    [Tags("Kiểm tra sử dụng vốn vay")]
    [ProducesResponseType(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, IConfiguration configuration, BusinessTime time, CancellationToken ct)
    {
        var inspection = await session.LoadAsync<LoanUseInspection>(id, ct);
        if (inspection is null) return Results.Problem(InspectionRules.NotFound(id));
        if (inspection.Visit is not { } visit)
            return Results.Problem(Problems.NotFound("inspection.not_recorded", "Chưa lập biên bản: đợt kiểm tra này chưa được ghi nhận."));
        var loan = await session.LoadAsync<Loan>(inspection.LoanId, ct);
        var fund = await session.LoadAsync<Fund>(session.TenantId, ct);
        var place = fund?.ProvinceName ?? "";
        var pdf = Render(inspection, visit, loan?.Request.Purpose ?? "", FundLetterheads.Resolve(configuration, fund, session.TenantId, place), place,
            time, PdfDocumentOptions.FontFolderOf(configuration));
        return Results.File(pdf, "application/pdf", $"bien-ban-kiem-tra-su-dung-von-{visit.VisitedOn:yyyyMMdd}.pdf");
    }

    public static byte[] Render(LoanUseInspection inspection, InspectionVisit visit, string purpose, FundLetterhead fund, string place, BusinessTime time,
        string fontFolder) =>
        InspectionMinutes.Render(new InspectionMinutesData(fund, place, inspection, visit, purpose, time.Zone, time.Now, fontFolder));
}
