using HtxFund.Reminders;

namespace HtxFund.Web;

/// <summary>Vietnamese names of reminder kinds, statuses and delivery states (keys of the resx).</summary>
public static class ReminderText
{
    public static string Kind(ReminderKind kind) => kind switch
    {
        ReminderKind.UpcomingInstalment => "Sắp đến hạn trả nợ",
        ReminderKind.OverdueInstalment => "Nợ quá hạn",
        ReminderKind.ProcessingDueSoon => "Hồ sơ sắp quá thời hạn xử lý",
        _ => "Hồ sơ quá thời hạn xử lý",
    };

    public static string Status(ReminderStatus status) => status switch
    {
        ReminderStatus.Pending => "Đang chờ gửi",
        ReminderStatus.Sent => "Đã gửi",
        ReminderStatus.PartlyUndeliverable => "Một số địa chỉ không nhận được",
        ReminderStatus.Undeliverable => "Không gửi được thư",
        _ => "Đã hủy",
    };

    public static string Delivery(DeliveryState state) => state switch
    {
        DeliveryState.Pending => "Đang chờ gửi",
        DeliveryState.Sending => "Đang gửi",
        DeliveryState.Delivered => "Đã nhận",
        _ => "Không gửi được",
    };

    /// <summary>Who it is for: the cooperative's name or the staff member's.</summary>
    public static string Recipient(Reminder r) =>
        (r.Audience == ReminderAudience.Cooperative ? r.CooperativeName : r.RecipientName) ?? "—";
}
