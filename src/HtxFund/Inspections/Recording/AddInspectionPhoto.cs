using System.Globalization;
using System.Security.Claims;
using HtxFund.Files;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Loans;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Inspections.Recording;

public sealed record AddedInspectionPhoto(Guid FileId, string FileName, string ContentType, long SizeBytes, string Sha256, Instant CapturedAt,
    PhotoLocation? Location, long Version);

/// <summary>A photo as the form sent it (<c>file</c>, <c>capturedAt</c>, optional <c>latitude</c>, <c>longitude</c>,
/// <c>accuracy</c>), the file inspected by content; <see cref="Refusal"/> when the form cannot be taken.</summary>
public sealed record PhotoUpload(FileUpload? File, Instant CapturedAt, PhotoLocation? Location, ProblemDetails? Refusal)
{
    public static PhotoUpload Refused(ProblemDetails refusal) => new(null, default, null, refusal);
}

public static class AddInspectionPhotoEndpoint
{
    /// <summary>Reads the multipart form and checks it: a JPEG or PNG image (by content, within the file size limit), the
    /// capture time (ISO instant, not after now), and a location given whole (latitude and longitude) or not at all.</summary>
    public static async Task<PhotoUpload> LoadAsync(HttpRequest request, IConfiguration configuration, Infrastructure.Time.BusinessTime time,
        CancellationToken ct)
    {
        var now = time.Now;
        if (!request.HasFormContentType)
            return PhotoUpload.Refused(Problems.Create(415, "request.unsupported_media_type", "Định dạng không được hỗ trợ",
                "Ảnh phải được gửi dưới dạng multipart/form-data."));
        var form = await request.ReadFormAsync(ct);
        if (string.IsNullOrWhiteSpace(form["capturedAt"]))
            return PhotoUpload.Refused(Problems.Validation("capturedAt", "captured_at.required", "Vui lòng gửi thời điểm chụp ảnh (capturedAt)."));
        if (InstantPattern.ExtendedIso.Parse(form["capturedAt"].ToString().Trim()) is not { Success: true } captured)
            return PhotoUpload.Refused(Problems.Validation("capturedAt", "captured_at.invalid",
                "Thời điểm chụp ảnh phải theo dạng ISO 8601 (ví dụ 2026-11-22T03:15:00Z)."));
        if (captured.Value > now + InspectionRules.CaptureClockTolerance)
            return PhotoUpload.Refused(Problems.Validation("capturedAt", "captured_at.in_future", "Thời điểm chụp ảnh không được sau thời điểm hiện tại."));
        var latitude = Number(form["latitude"]);
        var longitude = Number(form["longitude"]);
        var accuracy = Number(form["accuracy"]);
        if (latitude is double.NaN || longitude is double.NaN || accuracy is double.NaN
            || (latitude is null) != (longitude is null)
            || latitude is < -90 or > 90 || longitude is < -180 or > 180 || accuracy is < 0)
            return PhotoUpload.Refused(Problems.Validation("latitude", "location.invalid",
                "Vị trí chụp ảnh không hợp lệ: cần cả vĩ độ (−90 đến 90) và kinh độ (−180 đến 180), độ chính xác không âm, hoặc bỏ trống cả hai."));
        var upload = await FileUpload.ReadAsync(form.Files.GetFile("file"), FileLimits.From(configuration), ct);
        if (!upload.IsAccepted) return PhotoUpload.Refused(upload.Refusal.ToProblem());
        if (upload.Upload.Kind is not (FileKind.Jpeg or FileKind.Png))
            return PhotoUpload.Refused(Problems.Validation("file", FileRefusal.TypeNotAllowed, "Ảnh kiểm tra phải là tệp JPEG hoặc PNG (kiểm tra theo nội dung tệp)."));
        var location = latitude is { } lat && longitude is { } lon ? new PhotoLocation(lat, lon, accuracy) : null;
        return new PhotoUpload(upload.Upload, captured.Value, location, null);
    }

    /// <summary>A number of the form, null when absent; NaN when not a number.</summary>
    private static double? Number(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : double.NaN;

    public static ProblemDetails Validate(Guid id, [NotBody] PhotoUpload upload, IEventStream<LoanUseInspection> stream,
        [Aggregate(Required = false)] LoanUseInspection? inspection) =>
        upload.Refusal
        ?? InspectionRules.Writable(stream, id, null, versionRequired: false).Then(() => InspectionRules.Photo(inspection!));

    /// <summary>Adds a photo of the visit, taken on the officer's phone: multipart/form-data with <c>file</c> (JPEG or PNG,
    /// recognised by content, within the file size limit), <c>capturedAt</c> (ISO 8601 instant, the picture's time as the
    /// browser gives it) and, when the browser gave them, <c>latitude</c>, <c>longitude</c> and <c>accuracy</c> (metres).
    /// Refused once the visit is recorded (409 <c>inspection.already_recorded</c>) and beyond 20 photos.</summary>
    [Authorize(Roles = InspectionRoles.Recorders)]
    [WolverinePost("/api/inspections/{id}/photos", OperationId = "addInspectionPhoto")]
    [ReadsMultipartForm]
    [Tags("Kiểm tra sử dụng vốn vay")]
    [ProducesResponseType<AddedInspectionPhoto>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(413)]
    [ProducesResponseType<ProblemDetails>(415)]
    public static (IResult, Events, IEnumerable<IMartenOp>) Post(Guid id, [NotBody] PhotoUpload upload,
        [Aggregate(Required = false)] LoanUseInspection? inspection, ClaimsPrincipal user, Instant now)
    {
        var actor = user.ToActor();
        var file = FileStore.Prepare(upload.File!, InspectionRoles.FileOwner(id), actor, now);
        var stored = file.Ref;
        var added = new LoanUseInspectionPhotoAdded(id, stored.Id, stored.FileName, stored.ContentType, stored.SizeBytes, stored.Sha256,
            upload.CapturedAt, upload.Location, actor, now);
        return (Results.Created($"/api/inspections/{id}/photos/{stored.Id}",
                new AddedInspectionPhoto(stored.Id, stored.FileName, stored.ContentType, stored.SizeBytes, stored.Sha256, upload.CapturedAt,
                    upload.Location, inspection!.Version + 1)),
            [added], file.Operations());
    }
}
