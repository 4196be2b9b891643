using System.Globalization;
using FluentValidation;
using HtxFund.Cooperatives.Registering;
using HtxFund.Files;
using HtxFund.Identity;
using HtxFund.Identity.Users;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.SignUps.Mailing;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace HtxFund.SignUps.Submitting;

/// <summary>A cooperative signs itself up: the fund it asks (a tenant id from <c>GET /api/funds/public</c>), the registration
/// details <see cref="RegisterCooperative"/> takes (email and phone required here), the password of its account, the consent
/// and the solved proof-of-work challenge. Sent as the multipart form fields of the same names (camelCase), with the scan
/// of the registration certificate as <c>certificate</c>.</summary>
public sealed record SubmitSignUp(
    string? Fund,
    string? Name,
    string? Type,
    string? TaxCode,
    string? Province,
    string? District,
    string? Address,
    LocalDate? RegistrationDate,
    string? LegalRepresentative,
    int? MemberCount,
    string? MainSector,
    string? ContactEmail,
    string? Phone,
    string? Password,
    bool Consent,
    string? Challenge,
    string? Counter)
{
    /// <summary>The cooperative as <see cref="RegisterCooperative"/> registers it (a sign-up asks for no priority flags).</summary>
    public RegisterCooperative Cooperative() =>
        new(Name, Type, TaxCode, Province, District, Address, RegistrationDate, LegalRepresentative, MemberCount, MainSector, null,
            ContactEmail, Phone);

    /// <summary>What a sign-up asks beyond the registration's own rules (<see cref="RegisterCooperative.Validator"/>).</summary>
    public sealed class Validator : AbstractValidator<SubmitSignUp>
    {
        public Validator()
        {
            RuleFor(x => x.Fund).NotEmpty().Refuse("fund.required", "Vui lòng chọn quỹ nhận đăng ký.");
            RuleFor(x => x.ContactEmail).Must(e => !string.IsNullOrWhiteSpace(e))
                .Refuse("contact_email.required", "Vui lòng nhập thư điện tử để nhận đường dẫn xác nhận.");
            RuleFor(x => x.Phone).Must(p => !string.IsNullOrWhiteSpace(p)).Refuse("phone.required", "Vui lòng nhập số điện thoại.");
            RuleFor(x => x.Password).NotEmpty().Refuse("password.required", "Vui lòng nhập mật khẩu.")
                .MaximumLength(128).Refuse("password.too_long", "Mật khẩu không được dài quá 128 ký tự.");
            RuleFor(x => x.Consent).Equal(true)
                .Refuse("consent.required", "Vui lòng đồng ý để quỹ xử lý thông tin đăng ký của tổ chức.");
            RuleFor(x => x.Challenge).NotEmpty().Refuse("challenge.required", "Thiếu mã kiểm tra chống gửi tự động. Vui lòng tải lại trang.");
        }
    }
}

/// <summary>The form as read: the command and the certificate, or the refusal of its shape.</summary>
public sealed record SignUpForm(SubmitSignUp? Command, FileUpload? Certificate, ProblemDetails? Refusal);

/// <summary>A submission as loaded: the form and, when its shape passed, what the store says about it.</summary>
public sealed record SignUpSubmission(SignUpForm Form, SubmissionFacts? Facts);

/// <summary>What the store says about a submission (read before the pure rules of <see cref="SignUpRules"/>).</summary>
public sealed record SubmissionFacts(
    Funds.Fund? Fund, bool PendingSignUp, bool UserNameTaken, bool EmailTaken, bool TaxCodeInOtherFund, bool ChallengeSpent);

/// <summary>The answer to a submission: where the confirmation link went and until when it is valid.</summary>
public sealed record SignUpReceipt(Guid Id, string Email, Instant ConfirmBy);

public static class SubmitSignUpEndpoint
{
    /// <summary>The consent the page shows and the sign-up records.</summary>
    public const string ConsentText =
        "Tôi xác nhận thông tin trên là đúng và đồng ý để quỹ lưu trữ, xử lý thông tin đăng ký của tổ chức (kể cả thông tin cá nhân " +
        "của người đại diện) để xét duyệt và cung cấp dịch vụ, theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân.";

    private static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;

    /// <summary>Reads the multipart form, checks its shape (the registration's own rules, the sign-up's, the password rule and
    /// the certificate) and then what the store knows.</summary>
    public static async Task<SignUpSubmission> LoadAsync(HttpRequest request, IDocumentStore store, IConfiguration configuration,
        IOptions<SecurityOptions> security, BusinessTime time, CancellationToken ct)
    {
        var (now, today) = (time.Now, time.Today);
        var form = await ReadAsync(request, configuration, security.Value, today, ct);
        if (form.Refusal is not null) return new(form, null);
        var command = form.Command!;
        var taxCode = Reference.TaxCode.Validate(command.TaxCode).Normalised!;
        var email = command.ContactEmail!.Trim().ToLowerInvariant();
        await using var any = store.QuerySession();
        var fund = await any.LoadAsync<Funds.Fund>(command.Fund!, ct);
        if (fund is null) return new(form, new SubmissionFacts(null, false, false, false, false, false));
        await using var own = store.QuerySession(fund.Id);
        var pending = await own.Query<SignUp>().Where(x => x.TaxCode == taxCode &&
                (x.Status == SignUpStatus.AwaitingReview || x.Status == SignUpStatus.AwaitingEmail))
            .ToListAsync(ct);
        var userNameTaken = await any.Query<UserAccount>().AnyAsync(x => x.UserName == taxCode, ct);
        var emailTaken = await any.Query<UserAccount>().AnyAsync(x => x.Email != null && x.Email.ToLower() == email, ct);
        var everywhere = await any.Query<Cooperatives.GettingDetails.CooperativeDetails>().Where(x => x.AnyTenant() && x.TaxCode == taxCode).CountAsync(ct);
        var inFund = await own.Query<Cooperatives.GettingDetails.CooperativeDetails>().Where(x => x.TaxCode == taxCode).CountAsync(ct);
        var spent = await any.LoadAsync<SpentSignUpChallenge>(ProofOfWork.SpentId(command.Challenge!), ct) is not null;
        return new(form, new SubmissionFacts(fund, pending.Any(p => p.IsPendingAt(now)), userNameTaken, emailTaken, everywhere > inFund, spent));
    }

    public static ProblemDetails Validate([NotBody] SignUpSubmission loaded, SignUpTokens tokens, BusinessTime time) =>
        loaded.Form.Refusal ?? SignUpRules.Submission(loaded.Form.Command!, loaded.Facts!, tokens.ReadChallenge(loaded.Form.Command!.Challenge), time.Now)
        ?? WolverineContinue.NoProblems;

    /// <summary>A cooperative signs itself up (public, no sign-in): multipart/form-data with the fields of the registration
    /// (<c>name, type, taxCode, province, district, address, registrationDate</c> as yyyy-MM-dd, <c>legalRepresentative,
    /// memberCount, mainSector, contactEmail, phone</c>), <c>fund</c>, <c>password</c>, <c>consent=true</c>, the proof of work
    /// (<c>challenge</c> from <c>GET /api/sign-ups/challenge</c> and the <c>counter</c> that solves it, each challenge good once)
    /// and the registration certificate as <c>certificate</c> (PDF, JPEG or PNG). Answers 201; the confirmation link is
    /// emailed to <c>contactEmail</c>. Rate limited per client address (429 <c>sign_up.too_many_attempts</c>).</summary>
    [AllowAnonymous]
    [EnableRateLimiting(SignUpsConfiguration.RateLimit)]
    [WolverinePost("/api/sign-ups", OperationId = "submitSignUp")]
    [ReadsMultipartForm]
    [Tags("Đăng ký tham gia")]
    [ProducesResponseType<SignUpReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(413)]
    [ProducesResponseType<ProblemDetails>(415)]
    [ProducesResponseType<ProblemDetails>(422)]
    [ProducesResponseType<ProblemDetails>(429)]
    public static (IResult, IEnumerable<IMartenOp>, OutgoingMessages) Post([NotBody] SignUpSubmission loaded,
        IPasswordHasher<UserAccount> hasher, IOptions<SignUpOptions> options, BusinessTime time)
    {
        // the business time as a service: on this endpoint, which takes no JSON body, Wolverine would read an Instant or
        // LocalDate parameter as the request body
        var (now, today) = (time.Now, time.Today);
        var command = loaded.Form.Command!;
        var fund = loaded.Facts!.Fund!.Id;
        var cooperative = command.Cooperative().Normalised();
        cooperative = cooperative with { TaxCode = Reference.TaxCode.Validate(cooperative.TaxCode).Normalised, ContactEmail = cooperative.ContactEmail!.Trim() };
        var id = Guid.CreateVersion7(now.ToDateTimeOffset());
        var applicant = new Actor(Guid.Empty, $"dang-ky:{cooperative.TaxCode}", []);
        var certificate = FileStore.Prepare(loaded.Form.Certificate!, SignUp.FileOwner(id), applicant, now);
        var submitted = new SignUpSubmitted(id, cooperative, cooperative.TaxCode!, certificate.Ref, ConsentText,
            now + Duration.FromHours(options.Value.ConfirmationHours), now, today);
        var placeholder = new UserAccount
        {
            UserName = submitted.UserName, DisplayName = cooperative.Name!, FundId = fund, Roles = [Roles.Cooperative], PasswordHash = "",
        };
        IMartenOp[] ops =
        [
            MartenOps.StartStream<SignUp>(id, submitted).ForTenant(fund),
            .. certificate.Operations().Select(op => ((ITenantedMartenOp)op).ForTenant(fund)),
            MartenOps.Insert(new SignUpCredential { Id = id, PasswordHash = hasher.HashPassword(placeholder, command.Password!) }).ForTenant(fund),
            MartenOps.Insert(new SpentSignUpChallenge { Id = ProofOfWork.SpentId(command.Challenge!), SpentAt = now }),
        ];
        return (Results.Created($"/api/sign-ups/{id}", new SignUpReceipt(id, cooperative.ContactEmail, submitted.ConfirmBy)), ops,
            [new SendSignUpEmail(fund, id, SignUpEmailKind.Confirmation)]);
    }

    private static async Task<SignUpForm> ReadAsync(HttpRequest request, IConfiguration configuration, SecurityOptions security,
        LocalDate today, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return new(null, null, Problems.Create(415, "request.unsupported_media_type", "Định dạng không được hỗ trợ",
                "Đăng ký phải được gửi dưới dạng multipart/form-data."));
        var form = await request.ReadFormAsync(ct);
        string? Text(string name) => form[name] is { Count: > 0 } v ? v.ToString() : null;
        var errors = new List<FieldError>();
        LocalDate? registrationDate = null;
        if (Text("registrationDate") is { Length: > 0 } date)
        {
            if (IsoDate.Parse(date) is { Success: true } parsed) registrationDate = parsed.Value;
            else errors.Add(new FieldError("registrationDate", "registration_date.invalid", "Ngày đăng ký không hợp lệ (yyyy-MM-dd)."));
        }
        int? memberCount = null;
        if (Text("memberCount") is { Length: > 0 } count)
        {
            if (int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) memberCount = n;
            else errors.Add(new FieldError("memberCount", "member_count.invalid", "Số thành viên phải là số nguyên."));
        }
        var command = new SubmitSignUp(Text("fund"), Text("name"), Text("type"), Text("taxCode"), Text("province"), Text("district"),
            Text("address"), registrationDate, Text("legalRepresentative"), memberCount, Text("mainSector"), Text("contactEmail"),
            Text("phone"), Text("password"), Text("consent") is "true" or "on", Text("challenge"), Text("counter"));

        var shape = new RegisterCooperative.Validator(today).Validate(command.Cooperative());
        var own = new SubmitSignUp.Validator().Validate(command);
        errors.AddRange(shape.Errors.Concat(own.Errors)
            .Where(e => !errors.Any(f => string.Equals(f.Field, e.PropertyName, StringComparison.OrdinalIgnoreCase)))
            .Select(e => new FieldError(char.ToLowerInvariant(e.PropertyName[0]) + e.PropertyName[1..], e.ErrorCode, e.ErrorMessage)));
        if (!string.IsNullOrEmpty(command.Password) && command.Password.Length <= 128 &&
            Identity.Passwords.PasswordRules.Refusal(command.Password, command.TaxCode?.Trim(), security) is { } weak)
            errors.AddRange(FieldErrors(weak));
        var upload = await FileUpload.ReadAsync(form.Files.GetFile("certificate"), FileLimits.From(configuration), ct);
        if (!upload.IsAccepted) errors.AddRange(FieldErrors(upload.Refusal.ToProblem("certificate")));
        return errors.Count > 0 ? new(command, null, Problems.Validation(errors)) : new(command, upload.Upload, null);
    }

    /// <summary>The field errors of a validation refusal (another rule's, such as the password rule's or the file inspector's).</summary>
    private static IEnumerable<FieldError> FieldErrors(ProblemDetails problem) =>
        problem.Extensions.TryGetValue("fieldCodes", out var codes) && codes is Dictionary<string, string[]> byField &&
        problem.Extensions.TryGetValue("errors", out var messages) && messages is Dictionary<string, string[]> texts
            ? byField.SelectMany(f => f.Value.Select((code, i) => new FieldError(f.Key, code, texts[f.Key][i])))
            : [];
}
