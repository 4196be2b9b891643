using System.Globalization;
using HtxFund.Reminders.Sending;
using NodaTime;

namespace HtxFund.SignUps.Mailing;

/// <summary>The Vietnamese emails of a sign-up, in the reminders' template (<see cref="ReminderText"/>: text and HTML).</summary>
public static class SignUpEmailText
{
    private static string Time(Instant at, DateTimeZone zone) => at.InZone(zone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    public static ReminderText Confirmation(SignUp s, string fundName, string link, DateTimeZone zone) => new(
        $"Xác nhận thư điện tử đăng ký của {s.Cooperative.Name}",
        $"Kính gửi {s.Cooperative.LegalRepresentative},",
        [
            $"{fundName} đã nhận đăng ký sử dụng cổng thông tin của {s.Cooperative.Name} (mã số thuế {s.TaxCode}).",
            $"Để xác nhận địa chỉ thư điện tử này, vui lòng mở đường dẫn sau và bấm \"Xác nhận\": {link}",
            $"Đường dẫn dùng được một lần, đến {Time(s.ConfirmBy, zone)}. Sau khi xác nhận, cán bộ của quỹ sẽ xét duyệt đăng ký và báo kết quả qua thư điện tử.",
            "Nếu bạn không đăng ký, hãy bỏ qua thư này.",
        ],
        [("Tên đăng nhập (sau khi được duyệt)", s.UserName)],
        $"Trân trọng,\n{fundName}");

    public static ReminderText Approved(SignUp s, string fundName, string signInLink) => new(
        $"Đăng ký của {s.Cooperative.Name} đã được duyệt",
        $"Kính gửi {s.Cooperative.LegalRepresentative},",
        [
            $"{fundName} đã duyệt đăng ký của {s.Cooperative.Name}. Tài khoản của tổ chức đã được kích hoạt.",
            $"Vui lòng đăng nhập tại {signInLink} bằng tên đăng nhập dưới đây và mật khẩu đã chọn khi đăng ký để lập hồ sơ vay.",
        ],
        [("Tên đăng nhập", s.UserName)],
        $"Trân trọng,\n{fundName}");

    public static ReminderText Refused(SignUp s, string fundName) => new(
        $"Đăng ký của {s.Cooperative.Name} chưa được chấp nhận",
        $"Kính gửi {s.Cooperative.LegalRepresentative},",
        [
            $"{fundName} chưa chấp nhận đăng ký của {s.Cooperative.Name} (mã số thuế {s.TaxCode}).",
            $"Lý do: {s.RefusalReason}",
            "Bạn có thể bổ sung, sửa thông tin và đăng ký lại, hoặc liên hệ quỹ để được hướng dẫn.",
        ],
        [],
        $"Trân trọng,\n{fundName}");
}
