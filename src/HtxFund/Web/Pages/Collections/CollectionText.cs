using HtxFund.Collections;

namespace HtxFund.Web.Pages.Collections;

/// <summary>The Vietnamese names of the collection enums (keys of the English resource).</summary>
public static class CollectionText
{
    public static string Channel(ContactChannel c) => c switch
    {
        ContactChannel.Call => "Gọi điện",
        ContactChannel.Visit => "Đến tận nơi",
        ContactChannel.Letter => "Gửi thư",
        ContactChannel.Sms => "Tin nhắn",
        _ => "Thư điện tử",
    };

    public static string Outcome(ContactOutcome o) => o switch
    {
        ContactOutcome.Reached => "Đã liên hệ được",
        ContactOutcome.NoAnswer => "Không liên lạc được",
        ContactOutcome.PromisedToPay => "Hứa trả nợ",
        ContactOutcome.Refused => "Từ chối trả",
        ContactOutcome.WrongContact => "Sai số điện thoại, địa chỉ",
        _ => "Khác",
    };

    public static string Promise(PromiseState s) => s switch
    {
        PromiseState.Open => "Đang chờ",
        PromiseState.Kept => "Đã giữ cam kết",
        PromiseState.Broken => "Không giữ cam kết",
        _ => "Được thay bằng cam kết mới",
    };
}
