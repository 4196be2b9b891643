using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Infrastructure.Http;

/// <summary>Optimistic concurrency at the edge: the client sends the stream version it saw; a missing one is a 400
/// (when the transition requires it) and a stale one a 409 carrying <c>currentVersion</c>. The append is checked
/// again at commit.</summary>
public static class StreamVersions
{
    /// <param name="codePrefix">e.g. <c>application</c> → <c>application.version_conflict</c>.</param>
    /// <param name="what">What the stream is for people, lower case: "hồ sơ", "khoản vay".</param>
    public static ProblemDetails? Check(long? expected, long? current, bool required, string codePrefix, string what)
    {
        if (expected is null)
            return required
                ? Problems.Validation("version", "version.required",
                    $"Vui lòng gửi phiên bản (version) hiện tại của {what} để tránh ghi đè thay đổi của người khác.")
                : null;
        return expected == current
            ? null
            : Problems.Conflict($"{codePrefix}.version_conflict",
                $"{char.ToUpper(what[0])}{what[1..]} đã được thay đổi (phiên bản hiện tại {current}, bạn gửi {expected}). Vui lòng tải lại và thử lại.",
                new Dictionary<string, object?> { ["currentVersion"] = current });
    }
}
