using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Infrastructure.Http;

/// <summary>One refusal of one field: a stable machine-readable code and a Vietnamese message.</summary>
public sealed record FieldError(string Field, string Code, string Message);

/// <summary>
/// RFC 9457 ProblemDetails with a stable <c>code</c> extension and Vietnamese <c>title</c>/<c>detail</c>.
/// Every refusal in HtxFund is built here so that codes and wording stay consistent.
/// </summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    public static ProblemDetails Create(int status, string code, string title, string? detail = null,
        IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Type = $"https://htxfund.vn/problems/{code}",
        };
        problem.Extensions["code"] = code;
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions) problem.Extensions[key] = value;
        }
        return problem;
    }

    public static ProblemDetails Validation(IReadOnlyCollection<FieldError> errors)
    {
        var problem = Create(StatusCodes.Status400BadRequest, "validation_failed", "Dữ liệu không hợp lệ",
            string.Join(" ", errors.Select(e => e.Message)));
        problem.Extensions["errors"] = errors
            .GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        problem.Extensions["fieldCodes"] = errors
            .GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Code).ToArray());
        return problem;
    }

    public static ProblemDetails Validation(string field, string code, string message) =>
        Validation([new FieldError(field, code, message)]);

    public static ProblemDetails NotFound(string code, string detail) =>
        Create(StatusCodes.Status404NotFound, code, "Không tìm thấy", detail);

    public static ProblemDetails Conflict(string code, string detail, IDictionary<string, object?>? extensions = null) =>
        Create(StatusCodes.Status409Conflict, code, "Xung đột dữ liệu", detail, extensions);

    public static ProblemDetails Forbidden(string code, string detail) =>
        Create(StatusCodes.Status403Forbidden, code, "Không có quyền", detail);

    public static ProblemDetails Unprocessable(string code, string detail, IDictionary<string, object?>? extensions = null) =>
        Create(StatusCodes.Status422UnprocessableEntity, code, "Yêu cầu không thể thực hiện", detail, extensions);

    /// <summary>Vietnamese title and stable code for a bare status code (401, 403, 404, 405, 415, 429, 500...).</summary>
    public static (string Code, string Title, string Detail) ForStatus(int status) => status switch
    {
        400 => ("request.malformed", "Yêu cầu không hợp lệ", "Yêu cầu không đúng định dạng (JSON hoặc tham số không đọc được)."),
        401 => ("unauthenticated", "Chưa đăng nhập", "Bạn cần đăng nhập để thực hiện thao tác này."),
        403 => ("forbidden", "Không có quyền", "Tài khoản của bạn không có quyền thực hiện thao tác này."),
        404 => ("not_found", "Không tìm thấy", "Không tìm thấy tài nguyên được yêu cầu."),
        405 => ("method_not_allowed", "Phương thức không được hỗ trợ", "Phương thức HTTP này không được hỗ trợ cho địa chỉ này."),
        409 => ("conflict", "Xung đột dữ liệu", "Dữ liệu đã bị thay đổi bởi thao tác khác."),
        413 => ("request.too_large", "Dữ liệu quá lớn", "Nội dung gửi lên vượt quá kích thước cho phép."),
        // the router answers a content type the endpoint does not declare; the body guard the same for what it lets through
        415 => ("request.unsupported_media_type", "Định dạng không được hỗ trợ",
            "Kiểu nội dung gửi lên không được hỗ trợ: lệnh JSON gửi với Content-Type: application/json (UTF-8), tệp tải lên với multipart/form-data."),
        429 => ("too_many_requests", "Quá nhiều yêu cầu", "Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau."),
        >= 500 => ("server_error", "Lỗi hệ thống", "Đã xảy ra lỗi ngoài dự kiến. Vui lòng thử lại sau."),
        _ => ("error", "Lỗi", null!),
    };
}
