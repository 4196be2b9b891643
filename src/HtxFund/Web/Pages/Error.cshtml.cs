using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HtxFund.Web.Pages;

/// <summary>The Vietnamese page of a bare status code on a page path (not found, forbidden...). Says nothing about data.</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    public void OnGet(int status) => Set(status);
    public void OnPost(int status) => Set(status);

    private void Set(int status)
    {
        Status = status is >= 400 and < 600 ? status : 404;
        (Title, Message) = Status switch
        {
            400 => ("Yêu cầu không hợp lệ", "Địa chỉ hoặc dữ liệu gửi lên không hợp lệ (ví dụ chứa ký tự không được phép). Vui lòng kiểm tra lại."),
            401 => ("Chưa đăng nhập", "Bạn cần đăng nhập để xem trang này."),
            403 => ("Không có quyền", "Tài khoản của bạn không có quyền xem trang này."),
            404 => ("Không tìm thấy", "Không tìm thấy trang hoặc dữ liệu bạn yêu cầu, hoặc bạn không có quyền xem."),
            // Only sign-in attempts are rate limited (per client address, see IdentitySetup); Retry-After says how long.
            429 => ("Quá nhiều lần đăng nhập", "Có quá nhiều lần đăng nhập từ địa chỉ của bạn trong một phút. Vui lòng đợi một lát rồi thử lại."),
            >= 500 => ("Lỗi hệ thống", "Đã xảy ra lỗi ngoài dự kiến. Vui lòng thử lại sau."),
            _ => ("Yêu cầu không hợp lệ", "Yêu cầu không thể thực hiện."),
        };
        Response.StatusCode = Status;
    }
}
