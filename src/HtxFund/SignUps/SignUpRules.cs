using HtxFund.Funds;
using HtxFund.Infrastructure.Http;
using HtxFund.Reference;
using HtxFund.SignUps.Reviewing;
using HtxFund.SignUps.Submitting;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.SignUps;

/// <summary>The sign-up's rules, pure: each refusal once, with its code and Vietnamese message.</summary>
public static class SignUpRules
{
    /// <summary>A submission: the proof of work (ours, not expired, not used, solved), the fund (known, serving the
    /// cooperative's province), then what would make two accounts or two registrations of one cooperative.</summary>
    public static ProblemDetails? Submission(SubmitSignUp command, SubmissionFacts facts, (int Bits, Instant ExpiresAt)? challenge, Instant now)
    {
        if (challenge is not { } issued)
            return Problems.Validation("challenge", "sign_up.challenge_invalid", "Mã kiểm tra chống gửi tự động không hợp lệ. Vui lòng tải lại trang.");
        if (now >= issued.ExpiresAt)
            return Problems.Validation("challenge", "sign_up.challenge_expired", "Mã kiểm tra chống gửi tự động đã hết hạn. Vui lòng tải lại trang và gửi lại.");
        if (facts.ChallengeSpent)
            return Problems.Validation("challenge", "sign_up.challenge_used", "Mã kiểm tra chống gửi tự động đã được dùng. Vui lòng tải lại trang và gửi lại.");
        if (!ProofOfWork.Solves(command.Challenge!, command.Counter, issued.Bits))
            return Problems.Validation("counter", "sign_up.proof_of_work_failed", "Chưa hoàn tất kiểm tra chống gửi tự động. Vui lòng bật JavaScript và gửi lại.");
        if (facts.Fund is not { } fund)
            return Problems.Validation("fund", "sign_up.fund_unknown", "Không tìm thấy quỹ này.");
        if (NotServed(fund, command.Province) is { } province)
            return Problems.Unprocessable("sign_up.province_not_served",
                $"{fund.Name} chỉ cho vay trong địa bàn tỉnh {fund.ProvinceName}; tổ chức của bạn thuộc {province} (Nghị định 45/2021, Điều 20 khoản 2). " +
                "Vui lòng đăng ký với quỹ của tỉnh mình hoặc Quỹ trung ương.");
        if (facts.PendingSignUp)
            return Problems.Conflict("sign_up.duplicate_pending",
                "Tổ chức có mã số thuế này đã có một đăng ký đang chờ xác nhận thư điện tử hoặc chờ quỹ xét duyệt.");
        if (facts.TaxCodeInOtherFund) return TaxCodeOfAnotherFund();
        if (facts.UserNameTaken) return UserNameTaken();
        if (facts.EmailTaken) return EmailTaken();
        return null;
    }

    /// <summary>The province of the cooperative when a provincial fund does not serve it (Decree 45/2021 Art 20.2), else null.</summary>
    public static string? NotServed(Fund fund, string? province) =>
        fund is { Kind: FundKind.Provincial, ProvinceName: { } served } && Provinces.Find(province)?.Name is { } own && own != served ? own : null;

    /// <summary>Following the emailed link: a link of ours, not expired, to a sign-up still awaiting its email.</summary>
    public static ProblemDetails? Confirmation(EmailLink? link, SignUp? signUp, Instant now)
    {
        if (link is null || signUp is null)
            return Problems.Validation("token", "sign_up.link_invalid", "Đường dẫn xác nhận không hợp lệ.");
        if (signUp.Status != SignUpStatus.AwaitingEmail)
            return Problems.Conflict("sign_up.link_used", "Đường dẫn xác nhận này đã được sử dụng.");
        if (now >= link.ExpiresAt)
            return Problems.Create(StatusCodes.Status410Gone, "sign_up.link_expired", "Đường dẫn đã hết hạn",
                "Đường dẫn xác nhận đã hết hạn. Vui lòng đăng ký lại.");
        return null;
    }

    /// <summary>A decision of the fund's staff: only on a sign-up whose email is confirmed and that is not decided yet.</summary>
    public static ProblemDetails? Decidable(SignUp? signUp, Guid id)
    {
        if (signUp is null) return NotFound(id);
        return signUp.Status switch
        {
            SignUpStatus.AwaitingReview => null,
            SignUpStatus.AwaitingEmail => Problems.Conflict("sign_up.email_not_confirmed", "Người đăng ký chưa xác nhận thư điện tử."),
            _ => Problems.Conflict("sign_up.already_decided", "Đăng ký này đã được xét duyệt."),
        };
    }

    /// <summary>An approval: what changed in the store since the submission may still stand in the way.</summary>
    public static ProblemDetails? Approval(ApprovalFacts facts)
    {
        if (facts.TaxCodeInOtherFund) return TaxCodeOfAnotherFund();
        if (facts.UserNameTaken) return UserNameTaken();
        if (facts.EmailTaken) return EmailTaken();
        if (facts.Credential is null)
            return Problems.Conflict("sign_up.credential_missing", "Không còn mật khẩu của đăng ký này; không thể tạo tài khoản.");
        return null;
    }

    public static ProblemDetails NotFound(Guid id) => Problems.NotFound("sign_up.not_found", $"Không tìm thấy đăng ký {id}.");

    private static ProblemDetails TaxCodeOfAnotherFund() =>
        Problems.Conflict("sign_up.tax_code_of_another_fund",
            "Mã số thuế này đã được đăng ký tại một quỹ khác. Mỗi tổ chức chỉ tham gia một quỹ trên hệ thống.");

    private static ProblemDetails UserNameTaken() =>
        Problems.Conflict("sign_up.user_name_taken",
            "Đã có tài khoản đăng nhập bằng mã số thuế này. Vui lòng đăng nhập hoặc liên hệ quỹ.");

    private static ProblemDetails EmailTaken() =>
        Problems.Conflict("sign_up.email_taken", "Thư điện tử này đã được dùng cho một tài khoản khác.");
}
