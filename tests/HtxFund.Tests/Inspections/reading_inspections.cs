using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Inspections;
using HtxFund.Inspections.Reading;
using HtxFund.Tests.Documents;
using HtxFund.Tests.Inspections.Fixtures;
using HtxFund.Tests.Support;
using NodaTime;

namespace HtxFund.Tests.Inspections;

/// <summary>The officer's and the Director's lists (overdue flagged as of a date), an inspection, its photos and minutes:
/// for the fund's credit staff and oversight only, each fund its own.</summary>
public sealed class reading_inspections(AppFixture fixture) : InspectionContext(fixture)
{
    [Fact]
    public async Task an_inspection_not_visited_by_its_due_date_is_overdue_from_the_next_day_with_its_days()
    {
        var (_, id) = await DisbursedLoan(); // due 22/12/2026
        var officer = await TokenFor(Roles.CreditOfficer);
        var url = "/api/inspections?overdue=true";

        (await (await Get(url, officer)).Read<PagedResult<InspectionSummary>>()).TotalCount.ShouldBe(0);
        (await (await Get(url + "&asOf=2026-12-22", officer)).Read<PagedResult<InspectionSummary>>()).TotalCount.ShouldBe(0); // due that day

        AdvanceDays(35); // 27/12/2026
        var overdue = (await (await Get(url, await TokenFor(Roles.Director))).Read<PagedResult<InspectionSummary>>()).Items.ShouldHaveSingleItem();
        overdue.Id.ShouldBe(id);
        overdue.DaysOverdue.ShouldBe(5);
        var view = await Inspection(id);
        (view.Overdue, view.DaysOverdue).ShouldBe((true, 5));
        (await (await Get("/api/inspections?overdue=true&asOf=2026-12-23", await TokenFor(Roles.CreditOfficer))).Read<PagedResult<InspectionSummary>>())
            .Items.Single().DaysOverdue.ShouldBe(1);

        await Recorded(id, visitedOn: "2026-12-27"); // visited late, on 27/12: no longer overdue today, still overdue as of 24/12
        (await (await Get(url, await TokenFor(Roles.CreditOfficer))).Read<PagedResult<InspectionSummary>>()).TotalCount.ShouldBe(0);
        (await (await Get("/api/inspections?overdue=true&asOf=2026-12-24", await TokenFor(Roles.CreditOfficer))).Read<PagedResult<InspectionSummary>>())
            .TotalCount.ShouldBe(1);
    }

    [Fact]
    public async Task the_list_filters_by_the_loans_officer_and_state()
    {
        var (_, due) = await DisbursedLoan();
        var (_, recorded) = await DisbursedLoan();
        await Recorded(recorded);
        var officerId = (await Inspection(due)).OfficerId!.Value;
        var token = await TokenFor(Roles.BoardMember);

        var mine = await (await Get($"/api/inspections?officer={officerId}", token)).Read<PagedResult<InspectionSummary>>();
        mine.Items.Select(x => x.Id).ShouldBe([due, recorded], ignoreOrder: true);
        (await (await Get($"/api/inspections?officer={Guid.NewGuid()}", token)).Read<PagedResult<InspectionSummary>>()).TotalCount.ShouldBe(0);
        (await (await Get("/api/inspections?state=Due", token)).Read<PagedResult<InspectionSummary>>()).Items.Single().Id.ShouldBe(due);
        (await (await Get("/api/inspections?state=Recorded", token)).Read<PagedResult<InspectionSummary>>()).Items.Single().Id.ShouldBe(recorded);
        var paged = await (await Get("/api/inspections?pageSize=1&page=2", token)).Read<PagedResult<InspectionSummary>>();
        (paged.Items.Count, paged.TotalCount, paged.PageCount).ShouldBe((1, 2L, 2L));

        await (await Get("/api/inspections?state=Lost", token)).ShouldBeRefusal(400, "state.unknown");
        await (await Get("/api/inspections?officer=an", token)).ShouldBeRefusal(400, "officer.invalid");
        await (await Get("/api/inspections?asOf=22/11/2026", token)).ShouldBeRefusal(400, "as_of.format");
    }

    [Fact]
    public async Task the_minutes_pdf_says_who_saw_what_where_with_the_photos_and_signatures()
    {
        var (_, id) = await DisbursedLoan(400_000_000, number: "34/2026/HĐTD");
        var officer = await TokenFor(Roles.CreditOfficer);
        await (await Get($"/api/inspections/{id}/minutes.pdf", officer)).ShouldBeRefusal(404, "inspection.not_recorded");
        (await AddPhoto(id, officer, capturedAt: "2026-11-22T02:30:00Z", latitude: "12.666667", longitude: "108.05", accuracy: "15"))
            .Context.Response.StatusCode.ShouldBe(201);
        await Ok(RecordVisit(id, VisitBody(await StreamVersion(id), usedAsStated: false, share: 40,
            findings: "HTX dùng vốn vay để trả nợ nhà cung cấp cũ."), officer));

        var pdf = await Get($"/api/inspections/{id}/minutes.pdf", await TokenFor(Roles.RiskCouncil));
        pdf.Context.Response.StatusCode.ShouldBe(200);
        pdf.Context.Response.ContentType.ShouldBe("application/pdf");
        var bytes = new MemoryStream();
        await pdf.Context.Response.Body.CopyToAsync(bytes);
        var text = PdfTools.Text(bytes.ToArray());
        text.ShouldContain("BIÊN BẢN KIỂM TRA SỬ DỤNG VỐN VAY");
        text.ShouldContain("34/2026/HĐTD");
        text.ShouldContain("400.000.000");
        text.ShouldContain("160.000.000"); // 40 % of 400,000,000 ₫
        text.ShouldContain("40 %");
        text.ShouldContain("22/11/2026");
        text.ShouldContain("Kho hàng của HTX");
        text.ShouldContain("Nguyễn Văn An");
        text.ShouldContain("trả nợ nhà cung cấp cũ");
        text.ShouldContain("KHÔNG đúng mục đích");
        text.ShouldContain("09:30 22/11/2026"); // 02:30 UTC in Asia/Ho_Chi_Minh
        text.ShouldContain("12.666667");
        text.ShouldContain("ĐẠI DIỆN BÊN VAY");
        text.ShouldContain("CÁN BỘ KIỂM TRA");
    }

    [Fact]
    public async Task only_the_credit_staff_and_oversight_read_and_another_fund_sees_nothing()
    {
        var (loanId, id) = await DisbursedLoan();
        var officer = await TokenFor(Roles.CreditOfficer);
        var photo = await (await AddPhoto(id, officer)).Read<HtxFund.Inspections.Recording.AddedInspectionPhoto>();
        await Ok(RecordVisit(id, VisitBody(await StreamVersion(id)), officer));
        string[] urls = ["/api/inspections", $"/api/inspections/{id}", $"/api/inspections/{id}/photos/{photo.FileId}", $"/api/loans/{loanId}/inspections",
            $"/api/inspections/{id}/minutes.pdf"];

        foreach (var role in new[] { Roles.CreditOfficer, Roles.Director, Roles.BoardMember, Roles.RiskCouncil })
        foreach (var url in urls)
            (await Get(url, await TokenFor(role))).Context.Response.StatusCode.ShouldBe(200, $"{role} {url}");
        foreach (var role in new[] { Roles.Accountant, Roles.ChiefAccountant, Roles.Admin })
        foreach (var url in urls)
            (await Get(url, await TokenFor(role))).Context.Response.StatusCode.ShouldBe(403, $"{role} {url}");
        foreach (var url in urls)
            (await Get(url, Coop)).Context.Response.StatusCode.ShouldBe(403, url);

        var other = await TokenFor(Roles.Director, FundB);
        (await (await Get("/api/inspections", other)).Read<PagedResult<InspectionSummary>>()).TotalCount.ShouldBe(0);
        foreach (var url in urls.Skip(1))
            (await Get(url, other)).Context.Response.StatusCode.ShouldBe(404, url);
    }
}
