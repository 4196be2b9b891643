using HtxFund.Identity;
using HtxFund.Inspections;
using HtxFund.Inspections.Recording;
using HtxFund.Reminders.Notifications;
using HtxFund.Tests.Files;
using HtxFund.Tests.Inspections.Fixtures;
using HtxFund.Tests.Support;
using NodaTime;
using Wolverine;

namespace HtxFund.Tests.Inspections;

/// <summary>The officer records the visit on a phone: photos (checked by content, with their capture time and place), then
/// the minutes' content. Every refusal has its code and appends nothing.</summary>
public sealed class recording_an_inspection_visit(AppFixture fixture) : InspectionContext(fixture)
{
    [Fact]
    public async Task the_officer_adds_a_photo_with_its_capture_time_and_place_and_records_the_visit()
    {
        var (_, id) = await DisbursedLoan();
        var officer = await TokenFor(Roles.CreditOfficer);
        var jpeg = FileSamples.Jpeg();

        var added = await AddPhoto(id, officer, jpeg, capturedAt: "2026-11-22T02:30:00Z", latitude: "12.666667", longitude: "108.05", accuracy: "15");
        added.Context.Response.StatusCode.ShouldBe(201, await added.ReadAsTextAsync());
        var photo = await added.Read<AddedInspectionPhoto>();
        photo.Sha256.ShouldBe(HtxFund.Files.FileUpload.Hash(jpeg));
        photo.Location.ShouldBe(new PhotoLocation(12.666667, 108.05, 15));

        var download = await Get($"/api/inspections/{id}/photos/{photo.FileId}", await TokenFor(Roles.RiskCouncil));
        download.Context.Response.StatusCode.ShouldBe(200);
        download.Context.Response.ContentType.ShouldBe("image/jpeg");

        var notices = await NoticesSentBy(async _ =>
            await Ok(RecordVisit(id, VisitBody(await StreamVersion(id), usedAsStated: true, share: 80), officer)));
        notices.ShouldBeEmpty(); // used as stated: no follow-up

        var i = (await Inspection(id)).Inspection;
        i.State.ShouldBe(InspectionState.Recorded);
        i.VisitedOn.ShouldBe(new LocalDate(2026, 11, 22));
        i.Visit!.SharePercentUsed.ShouldBe(80);
        i.Visit.UsedAsStated.ShouldBeTrue();
        i.Visit.RepresentativeName.ShouldBe("Nguyễn Văn An");
        i.Visit.InspectorName.ShouldBe(UserName(FundA, Roles.CreditOfficer));
        i.Photos.Single().CapturedAt.ShouldBe(Instant.FromUtc(2026, 11, 22, 2, 30));
        i.FollowUp.ShouldBeNull();
    }

    [Fact]
    public async Task a_photo_without_location_is_taken_and_a_png_too()
    {
        var (_, id) = await DisbursedLoan();

        var added = await AddPhoto(id, await TokenFor(Roles.Director), FileSamples.Png(), latitude: null, longitude: null, accuracy: null, fileName: "a.png");

        added.Context.Response.StatusCode.ShouldBe(201, await added.ReadAsTextAsync());
        (await added.Read<AddedInspectionPhoto>()).Location.ShouldBeNull();
    }

    [Fact]
    public async Task a_file_that_is_no_image_or_too_large_or_a_bad_capture_time_or_place_is_refused_and_appends_nothing()
    {
        var (_, id) = await DisbursedLoan();
        var officer = await TokenFor(Roles.CreditOfficer);
        var version = await StreamVersion(id);

        await (await AddPhoto(id, officer, FileSamples.Pdf(), fileName: "anh.jpg")).ShouldBeRefusal(400, "file.type_not_allowed");
        await (await AddPhoto(id, officer, FileSamples.Exe(), fileName: "anh.jpg")).ShouldBeRefusal(400, "file.type_not_allowed");
        var tooLarge = new byte[HtxFund.Files.FileLimits.DefaultMaxBytes + 1];
        FileSamples.Jpeg().CopyTo(tooLarge, 0);
        await (await AddPhoto(id, officer, tooLarge)).ShouldBeRefusal(400, "file.too_large");
        await (await AddPhoto(id, officer, capturedAt: "hôm nay")).ShouldBeRefusal(400, "captured_at.invalid");
        await (await AddPhoto(id, officer, capturedAt: "2026-11-23T03:00:00Z")).ShouldBeRefusal(400, "captured_at.in_future");
        await (await AddPhoto(id, officer, latitude: "95")).ShouldBeRefusal(400, "location.invalid");
        await (await AddPhoto(id, officer, longitude: null)).ShouldBeRefusal(400, "location.invalid");

        (await StreamVersion(id)).ShouldBe(version);
    }

    [Fact]
    public async Task every_refusal_of_the_visit_has_its_code_and_appends_nothing()
    {
        var (_, id) = await DisbursedLoan(); // 22/11/2026
        AdvanceDays(2); // today 24/11/2026
        var officer = await TokenFor(Roles.CreditOfficer);
        var version = await StreamVersion(id);

        // no photo yet
        await (await RecordVisit(id, VisitBody(version), officer)).ShouldBeRefusal(422, "inspection.photo_required");
        (await AddPhoto(id, officer)).Context.Response.StatusCode.ShouldBe(201);
        version = await StreamVersion(id);

        await (await RecordVisit(id, VisitBody(null), officer)).ShouldBeRefusal(400, "version.required");
        await (await RecordVisit(id, VisitBody(version - 1), officer)).ShouldBeRefusal(409, "inspection.version_conflict");
        await (await RecordVisit(id, VisitBody(version, visitedOn: "2026-11-21"), officer)).ShouldBeRefusal(422, "inspection.visited_before_disbursement");
        await (await RecordVisit(id, VisitBody(version, visitedOn: "2026-11-25"), officer)).ShouldBeRefusal(400, "visited_on.in_future");
        await (await RecordVisit(id, VisitBody(version, share: 101), officer)).ShouldBeRefusal(400, "share_percent_used.out_of_range");
        await (await RecordVisit(id, VisitBody(version, share: -1), officer)).ShouldBeRefusal(400, "share_percent_used.out_of_range");
        await (await RecordVisit(id, VisitBody(version, usedAsStated: true, share: 0), officer)).ShouldBeRefusal(422, "inspection.used_as_stated_without_use");
        await (await RecordVisit(id, VisitBody(version, place: " "), officer)).ShouldBeRefusal(400, "place.required");
        await (await RecordVisit(id, VisitBody(version, findings: ""), officer)).ShouldBeRefusal(400, "findings.required");
        await (await RecordVisit(id, VisitBody(version, representativeName: ""), officer)).ShouldBeRefusal(400, "representative_name.required");
        await (await RecordVisit(id, VisitBody(version, representativePosition: ""), officer)).ShouldBeRefusal(400, "representative_position.required");
        (await StreamVersion(id)).ShouldBe(version);

        await Ok(RecordVisit(id, VisitBody(version, visitedOn: "2026-11-23"), officer));
        var recorded = await StreamVersion(id);
        await (await RecordVisit(id, VisitBody(recorded), officer)).ShouldBeRefusal(409, "inspection.already_recorded");
        await (await AddPhoto(id, officer)).ShouldBeRefusal(409, "inspection.already_recorded");
        (await StreamVersion(id)).ShouldBe(recorded);
    }

    [Fact]
    public async Task a_misuse_finding_opens_a_follow_up_and_notifies_the_directors()
    {
        var (loanId, id) = await DisbursedLoan(number: "32/2026/HĐTD");
        var officer = await TokenFor(Roles.CreditOfficer);
        (await AddPhoto(id, officer)).Context.Response.StatusCode.ShouldBe(201);
        var version = await StreamVersion(id);

        var notices = await NoticesSentBy(async _ => await Ok(RecordVisit(id, VisitBody(version, usedAsStated: false, share: 40,
            findings: "HTX dùng 60 % vốn vay để trả nợ nhà cung cấp cũ, không mua máy sấy."), officer)));

        var notice = notices.ShouldHaveSingleItem();
        notice.Kind.ShouldBe(NoticeKind.MisuseFollowUpOpened);
        notice.FundId.ShouldBe(FundA);
        notice.To.Roles.ShouldBe([Roles.Director]);
        notice.NoticeId.ShouldBe(InspectionNotices.FollowUpOpenedId(id));
        notice.Body.ShouldContain("32/2026/HĐTD");
        notice.Link.ShouldBe($"/kiem-tra-su-dung-von/{id}");
        var i = (await Inspection(id)).Inspection;
        i.FollowUp.ShouldNotBeNull();
        i.FollowUp.IsOpen.ShouldBeTrue();
        (await StreamVersion(id)).ShouldBe(version + 2); // the visit and the follow-up, in one transaction
        loanId.ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task only_credit_officers_and_the_director_record_and_another_fund_sees_no_such_inspection()
    {
        var (_, id) = await DisbursedLoan();
        var version = await StreamVersion(id);

        foreach (var role in new[] { Roles.Accountant, Roles.ChiefAccountant, Roles.BoardMember, Roles.RiskCouncil, Roles.Chairman, Roles.Admin })
        {
            await (await AddPhoto(id, await TokenFor(role))).ShouldBeRefusal(403, "forbidden");
            await (await RecordVisit(id, VisitBody(version), await TokenFor(role))).ShouldBeRefusal(403, "forbidden");
        }
        await (await AddPhoto(id, Coop)).ShouldBeRefusal(403, "forbidden");
        await (await RecordVisit(id, VisitBody(version), Coop)).ShouldBeRefusal(403, "forbidden");
        await (await AddPhoto(id, await TokenFor(Roles.CreditOfficer, FundB))).ShouldBeRefusal(404, "inspection.not_found");
        await (await RecordVisit(id, VisitBody(version), await TokenFor(Roles.CreditOfficer, FundB))).ShouldBeRefusal(404, "inspection.not_found");

        (await StreamVersion(id)).ShouldBe(version);
    }
}
